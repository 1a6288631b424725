// The injected test wallet itself, on a static page (no app UI involved): discovery,
// accounts, signatures verified with viem, a real transfer on the e2e anvil chain, chain
// switching, rejection and events.
import { recoverTypedDataAddress, toHex, verifyMessage, type Address, type Hex } from "viem";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { RPC_ERRORS, TestWallet } from "../fixtures/wallet";

// anvil's first two dev accounts (HD offset 0): funded on the e2e chains.
const ANVIL_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const ANVIL_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

test.use({ walletOptions: { hdOffset: 0 } });

type Eip1193Result = { ok: true; value: unknown } | { ok: false; code: number; message: string };

test.beforeEach(async ({ page }) => {
  // A static page, served by the test itself, so the wallet is checked without the app UI.
  // (A real navigation, not page.setContent: document.open() would erase the window's event
  // listeners that the injected wallet registered, the EIP-6963 one included.)
  await page.route("**/__wallet-check", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>wallet check</title><main>wallet check</main>" }),
  );
  await page.goto("/__wallet-check");
});

async function request(page: Page, method: string, params?: unknown): Promise<Eip1193Result> {
  return page.evaluate(
    async ([m, p]) => {
      const eth = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
      try {
        return { ok: true as const, value: await eth.request({ method: m, params: p }) };
      } catch (e) {
        const err = e as { code: number; message: string };
        return { ok: false as const, code: err.code, message: err.message };
      }
    },
    [method, params] as const,
  );
}

async function value<T>(page: Page, method: string, params?: unknown): Promise<T> {
  const res = await request(page, method, params);
  if (!res.ok) throw new Error(`${method} failed: ${res.code} ${res.message}`);
  return res.value as T;
}

test("announces itself through EIP-6963 and window.ethereum", async ({ page }) => {
  const announced = await page.evaluate(
    () =>
      new Promise<{ name: string; rdns: string; icon: string; uuid: string; isMetaMask: boolean; same: boolean }>((resolve) => {
        window.addEventListener(
          "eip6963:announceProvider",
          (e) => {
            const d = (e as CustomEvent).detail as { info: { name: string; rdns: string; icon: string; uuid: string }; provider: { isMetaMask: boolean } };
            resolve({ ...d.info, isMetaMask: d.provider.isMetaMask, same: d.provider === (window as unknown as { ethereum: unknown }).ethereum });
          },
          { once: true },
        );
        window.dispatchEvent(new Event("eip6963:requestProvider"));
      }),
  );
  expect(announced).toMatchObject({ name: "Lodestar Test Wallet", rdns: "dev.lodestar.testwallet", isMetaMask: false, same: true });
  expect(announced.icon).toMatch(/^data:image\/svg\+xml/);
  expect(announced.uuid).toMatch(/^[0-9a-f-]{36}$/);
});

test("is locked until asked, then returns the current account; switches accounts with an event", async ({ page, wallet }) => {
  expect(wallet.address).toBe(ANVIL_0);
  expect(await value(page, "eth_accounts")).toEqual([]);
  expect(await value(page, "eth_requestAccounts")).toEqual([ANVIL_0]);
  expect(await value(page, "eth_accounts")).toEqual([ANVIL_0]);
  expect(await value(page, "eth_chainId")).toBe("0x7a69");
  expect(await value(page, "net_version")).toBe("31337");

  await page.evaluate(() => {
    const eth = (window as unknown as { ethereum: { on(e: string, f: (p: unknown) => void): void } }).ethereum;
    (window as unknown as { events: unknown[] }).events = [];
    for (const name of ["accountsChanged", "chainChanged"]) {
      eth.on(name, (p) => (window as unknown as { events: unknown[] }).events.push([name, p]));
    }
  });
  await wallet.switchAccount(1);
  expect(await value(page, "eth_accounts")).toEqual([ANVIL_1]);
  await wallet.switchChain(31338);
  expect(await value(page, "eth_chainId")).toBe("0x7a6a");
  expect(await page.evaluate(() => (window as unknown as { events: unknown[] }).events)).toEqual([
    ["accountsChanged", [ANVIL_1]],
    ["chainChanged", "0x7a6a"],
  ]);
});

test("personal_sign and eth_signTypedData_v4 produce signatures viem verifies", async ({ page, wallet }) => {
  await value(page, "eth_requestAccounts");
  const message = "Lodestar wants you to sign in.\n\nNonce: abc12345";
  const signature = await value<Hex>(page, "personal_sign", [toHex(message), wallet.address.toLowerCase()]);
  expect(await verifyMessage({ address: wallet.address, message, signature })).toBe(true);
  // A signature for another account than the selected one is refused.
  const wrong = await request(page, "personal_sign", [toHex(message), ANVIL_1]);
  expect(wrong).toMatchObject({ ok: false, code: RPC_ERRORS.unauthorized });

  const typed = {
    domain: { name: "Lodestar", version: "1", chainId: 31337, verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      Order: [
        { name: "owner", type: "address" },
        { name: "amount", type: "uint256" },
      ],
    },
    primaryType: "Order",
    // viem's JSON-RPC accounts stringify bigints, so uint256 arrives as a decimal string.
    message: { owner: wallet.address, amount: "1000000000000000000000" },
  } as const;
  const typedSig = await value<Hex>(page, "eth_signTypedData_v4", [wallet.address, JSON.stringify(typed)]);
  const { EIP712Domain: _d, ...types } = typed.types;
  const recovered = await recoverTypedDataAddress({
    domain: typed.domain,
    types,
    primaryType: "Order",
    message: { owner: wallet.address, amount: 1000000000000000000000n },
    signature: typedSig,
  });
  expect(recovered).toBe(wallet.address);
});

test("rejectNext makes the next prompt fail with 4001, then works again", async ({ page, wallet }) => {
  wallet.rejectNext();
  expect(await request(page, "eth_requestAccounts")).toMatchObject({ ok: false, code: RPC_ERRORS.userRejected });
  expect(await value(page, "eth_accounts")).toEqual([]);
  expect(await value(page, "eth_requestAccounts")).toEqual([ANVIL_0]);
  wallet.rejectNext("personal_sign");
  // Reads are not prompts: the pending rejection waits for the signature request.
  expect(await value(page, "eth_chainId")).toBe("0x7a69");
  expect(await request(page, "personal_sign", ["0x68656c6c6f", ANVIL_0])).toMatchObject({ ok: false, code: 4001 });
  expect(await request(page, "personal_sign", ["0x68656c6c6f", ANVIL_0])).toMatchObject({ ok: true });
});

test("switches chains on request; unknown chains fail with 4902", async ({ page }) => {
  await value(page, "eth_requestAccounts");
  expect(await value(page, "wallet_switchEthereumChain", [{ chainId: "0x7a6a" }])).toBeNull();
  expect(await value(page, "eth_chainId")).toBe("0x7a6a");
  // The forwarded RPC reaches the second anvil chain.
  expect(await value<string>(page, "eth_blockNumber")).toMatch(/^0x[0-9a-f]+$/);
  expect(await request(page, "wallet_switchEthereumChain", [{ chainId: "0x1" }])).toMatchObject({ ok: false, code: 4902 });
  expect(await value(page, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }])).toBeNull();
  expect(await value(page, "eth_chainId")).toBe("0x7a69");
});

test("eth_sendTransaction signs locally and sends a real 1 wei transfer on anvil", async ({ page, wallet }) => {
  await value(page, "eth_requestAccounts");
  const client = wallet.publicClient(31337);
  const before = await client.getBalance({ address: ANVIL_1 as Address });
  const hash = await value<Hex>(page, "eth_sendTransaction", [{ from: wallet.address, to: ANVIL_1, value: "0x1" }]);
  expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
  // The receipt, read through the wallet's forwarded RPC as a dapp would.
  await expect
    .poll(async () => (await request(page, "eth_getTransactionReceipt", [hash])).ok && (await value<{ status: string } | null>(page, "eth_getTransactionReceipt", [hash]))?.status)
    .toBe("0x1");
  const receipt = await client.getTransactionReceipt({ hash });
  expect(receipt.from.toLowerCase()).toBe(ANVIL_0.toLowerCase());
  expect(receipt.to?.toLowerCase()).toBe(ANVIL_1.toLowerCase());
  expect(await client.getBalance({ address: ANVIL_1 as Address })).toBe(before + 1n);
  // It was a raw transaction signed by the wallet, not an eth_sendTransaction to anvil.
  const tx = await client.getTransaction({ hash });
  expect(tx.type).toBe("eip1559");
});

test("a fresh (unique) wallet account can be funded and transact", async () => {
  // The default wallet: a random HD offset, so an unfunded account until funded.
  const wallet = new TestWallet();
  expect(wallet.address).not.toBe(ANVIL_0);
  await wallet.fund(0, 10n ** 18n);
  await wallet.request("eth_requestAccounts", []);
  const hash = (await wallet.request("eth_sendTransaction", [{ from: wallet.address, to: ANVIL_1, value: "0x2" }])) as Hex;
  const receipt = await wallet.publicClient().waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
});
