// Sign-In with Ethereum through the injected test wallet: first sign-in creates the account,
// a second wallet can be linked and then signs in to the same account; replays and
// signatures by another account are refused.
import type { Page } from "@playwright/test";
import { BASE_URL } from "../env";
import { expect, expectConnectedWallet, linkedWallets, signInWithEthereum, signOut, test } from "../fixtures";
import { csrfToken, getSession, postCredentialsCallback, siweMessageFor, siweNonce } from "../fixtures/api";

async function expectLinked(page: Page, addresses: string[]) {
  await page.goto("/settings");
  const list = linkedWallets(page);
  await expect(list.getByRole("heading", { name: "Linked wallets" })).toBeVisible();
  for (const a of addresses) await expect(list.locator(`[data-address="${a.toLowerCase()}"]`)).toBeVisible();
  await expect(list.locator("[data-address]")).toHaveCount(addresses.length);
}

test("SIWE sign-in with a new wallet creates an account that lists the wallet", async ({ page, wallet }) => {
  await wallet.switchAccount(1);
  await signInWithEthereum(page);
  const session = await getSession(page.request);
  expect(session?.user?.id).toBeTruthy();
  // The wallet was asked to connect (wagmi asks for permissions) and to sign exactly one message.
  expect(wallet.methodsCalled()).toEqual(expect.arrayContaining([expect.stringMatching(/^(eth_requestAccounts|wallet_requestPermissions)$/)]));
  expect(wallet.methodsCalled().filter((m) => m === "personal_sign")).toHaveLength(1);
  await expectLinked(page, [wallet.address]);
});

test("a rejected signature leaves the user signed out on /sign-in", async ({ page, wallet }) => {
  wallet.rejectNext("personal_sign");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Lodestar Test Wallet/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You cancelled the signature request." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  expect(await getSession(page.request)).toBeNull();
  expect(wallet.methodsCalled()).toContain("personal_sign");
});

test("link a second wallet, then sign in with it to the same account", async ({ page, wallet }) => {
  const first = wallet.addressOf(1);
  const second = wallet.addressOf(2);
  await wallet.switchAccount(1);
  await signInWithEthereum(page);
  const userId = (await getSession(page.request))?.user?.id;
  expect(userId).toBeTruthy();

  await page.goto("/settings");
  await expect(linkedWallets(page).locator(`[data-address="${first.toLowerCase()}"]`)).toBeVisible();
  await expectConnectedWallet(page, first);
  await wallet.switchAccount(2);
  await expectConnectedWallet(page, second);
  await linkedWallets(page).getByRole("button", { name: "Link a wallet" }).click();
  // The connect dialog appears only if the app is not connected to the wallet any more.
  await chooseWalletIfDialog(page);
  await expect(page.getByText("Wallet linked")).toBeVisible();
  await expect(linkedWallets(page).locator(`[data-address="${second.toLowerCase()}"]`)).toBeVisible();
  await expectLinked(page, [first, second]);

  await signOut(page);
  expect(await getSession(page.request)).toBeNull();
  await signInWithEthereum(page);
  expect((await getSession(page.request))?.user?.id).toBe(userId);
  await expectLinked(page, [first, second]);
});

test("a captured SIWE message and signature cannot be replayed from another browser", async ({ page, wallet, browser }) => {
  const posted = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/auth/callback/siwe", { timeout: 30_000 });
  await signInWithEthereum(page);
  const form = new URLSearchParams((await posted).postData() ?? "");
  const message = form.get("message") ?? "";
  const signature = form.get("signature") ?? "";
  expect(message).toContain(`${new URL(BASE_URL).host} wants you to sign in with your Ethereum account:\n${wallet.address}`);
  expect(signature).toMatch(/^0x[0-9a-f]{130}$/i);
  expect((await getSession(page.request))?.user?.id).toBeTruthy();

  const attacker = await browser.newContext({ baseURL: BASE_URL });
  try {
    expect(await getSession(attacker.request)).toBeNull();
    const csrf = await csrfToken(attacker.request);
    const replay = await postCredentialsCallback(attacker.request, "siwe", { message, signature }, { csrf });
    expect(replay.url, "the callback answers with a redirect URL").toBeTruthy();
    expect(replay.code).toBe("siwe_nonce_used");
    expect(await getSession(attacker.request)).toBeNull();
    expect((await attacker.cookies()).map((c) => c.name)).not.toContainEqual(expect.stringMatching(/session-token/));
  } finally {
    await attacker.close();
  }
});

test("a SIWE message signed by another account than it names is refused", async ({ request, wallet }) => {
  const named = wallet.account(0);
  const signer = wallet.account(1);
  const nonce = await siweNonce(request);
  expect(nonce.domain).toBe(new URL(BASE_URL).host);
  const message = siweMessageFor(nonce, named.address);

  const forged = await postCredentialsCallback(request, "siwe", { message, signature: await signer.signMessage({ message }) });
  expect(forged.code).toBe("siwe_bad_signature");
  expect(await getSession(request)).toBeNull();

  // A message made for another site is refused even when properly signed.
  const otherSite = siweMessageFor({ ...(await siweNonce(request)), domain: "evil.example", uri: "http://evil.example" }, named.address);
  const phished = await postCredentialsCallback(request, "siwe", { message: otherSite, signature: await named.signMessage({ message: otherSite }) });
  expect(phished.code).toBe("siwe_invalid");
  expect(await getSession(request)).toBeNull();

  // Control: the same nonce, signed by the named account, does sign in (the refusal above was
  // about the signature, not a broken request).
  const genuine = await postCredentialsCallback(request, "siwe", { message, signature: await named.signMessage({ message }) });
  expect(genuine.error, genuine.url ?? "").toBeNull();
  expect((await getSession(request))?.user?.id).toBeTruthy();
});

async function chooseWalletIfDialog(page: Page) {
  const option = page.getByRole("dialog").getByRole("button", { name: /Lodestar Test Wallet/ });
  const linked = page.getByText("Wallet linked");
  await expect(option.or(linked).first()).toBeVisible();
  // (A dialog that closes by itself, see signInWithEthereum, leaves the click waiting: fine.)
  if (await option.isVisible()) await Promise.race([linked.waitFor(), option.click().catch(() => undefined)]);
}
