// On-chain stops through a user's vault, with the real worker loop and stop monitor running
// in-process: the owner creates and funds a vault and authorises Lodestar's keeper (each step
// signed with the owner's own key, as the browser wallet does), a stop-loss on the vault rail
// is armed, the market falls through it, and the keeper sells from the vault. Measures the
// trigger → mined latency in blocks (printed as STOP_LATENCY) on a quiet chain and while other
// traders keep the chain busy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, type Address, type Hex, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, insertWallet } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { weth9Abi } from "@/lib/web3/abi/uniswap";
import { localChainA, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr } from "@/server/automation/venue";
import { callerFor } from "@/test/trpc";
import { startAnvil, type TestChain } from "@/test/anvil";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29345 : 29346;
const MNEMONIC = "test test test test test test test test test test test junk";
const OWNER = mnemonicToAccount(MNEMONIC, { addressIndex: 6 });
const MOVER = mnemonicToAccount(MNEMONIC, { addressIndex: 5 });
const TRAFFIC = mnemonicToAccount(MNEMONIC, { addressIndex: 4 });
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let userId: string;
let vault: Address;
let stopWorker: () => Promise<void>;

const tok = (s: string) => registry.tokens.find((x) => x.symbol === s)!.address.toLowerCase() as Addr;
const me = () => callerFor(t.db, { userId, now: new Date() });
const walletOf = (account: typeof OWNER) => createWalletClient({ account, chain: withRpc(localChainA, chain.url), transport: http(chain.url) });

async function signSteps(steps: { label: string; tx: { to: Address; data: Hex; value: bigint } }[]): Promise<Hex[]> {
  const w = walletOf(OWNER);
  const out: Hex[] = [];
  for (const s of steps) {
    const hash = await w.sendTransaction({ to: s.tx.to, data: s.tx.data, value: s.tx.value, gas: 3_000_000n });
    const r = await client.waitForTransactionReceipt({ hash, ...RECEIPT });
    expect(r.status, s.label).toBe("success");
    out.push(hash);
  }
  return out;
}

/** Sells `eth` WETH for USDC through the executor from `who` (a market move by someone else). */
async function sellEth(who: typeof OWNER, eth: bigint) {
  const quotes = await import("@/server/services/defi-quote");
  const w = walletOf(who);
  const amount = eth * 10n ** 18n;
  // Dev accounts hold 10,000 ETH: top up so every trial can move the market.
  await client.request({ method: "anvil_setBalance" as never, params: [who.address, `0x${(amount + 10n ** 20n).toString(16)}`] as never });
  await client.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: weth9Abi, functionName: "deposit", value: amount, gas: 100_000n }), ...RECEIPT });
  await client.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, amount], gas: 100_000n }), ...RECEIPT });
  const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: tok("WETH"), tokenOut: tok("USDC"), amountIn: amount, slippageBps: 5000 }, { now: new Date() });
  const head = await client.getBlock();
  const data = quotes.encodeExecutorSwap(quote, route!, who.address, head.timestamp + 600n);
  const r = await client.waitForTransactionReceipt({ hash: await w.sendTransaction({ to: registry.executor as Address, data, gas: 3_000_000n }), ...RECEIPT });
  expect(r.status).toBe("success");
  return r.blockNumber;
}

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-vault-stop-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  delete process.env.AUTOMATION_KEEPER_KEY;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  client = createPublicClient({ chain: withRpc(localChainA, chain.url), transport: http(chain.url), pollingInterval: 50 }) as PublicClient;
  userId = (await insertUser(t.db, { email: "vault-stop@example.com", name: "V" }))!.id;
  await insertWallet(t.db, { userId, address: OWNER.address.toLowerCase(), chainId: CHAIN_ID });

  // Vault: create + register, deposit 20 ETH (wrapped), WETH/USDC allowed, bound, keeper.
  const create = await me().automation.vault.buildCreate({ chainId: CHAIN_ID, owner: OWNER.address });
  const [hash] = await signSteps(create.steps);
  vault = (await me().automation.vault.register({ chainId: CHAIN_ID, hash: hash! })).address;
  await signSteps((await me().automation.vault.buildDeposit({ chainId: CHAIN_ID, vault, token: "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE", amount: parseEther("20").toString() })).steps);
  for (const [s, cap] of [["WETH", parseEther("100")], ["USDC", 10n ** 12n]] as const) {
    await signSteps((await me().automation.vault.buildSetLimits({ chainId: CHAIN_ID, vault, token: tok(s), allowed: true, maxPerExecution: cap.toString(), maxPerDay: (cap * 10n).toString() })).steps);
  }
  // No worse than 1,000 USDC per ETH (far below the market: the stop's own floor is tighter).
  await signSteps((await me().automation.vault.buildSetPriceBound({ chainId: CHAIN_ID, vault, tokenIn: tok("WETH"), tokenOut: tok("USDC"), minOutPerInX18: (1_000n * 10n ** 6n).toString() })).steps);
  await signSteps((await me().automation.vault.buildSetKeeper({ chainId: CHAIN_ID, vault })).steps);

  // The worker loop and the stop monitor, as scripts/worker.ts runs them.
  const { startWorker } = await import("@/server/jobs/runner");
  const { handlers } = await import("@/server/jobs/handlers");
  const { startStopMonitor } = await import("./monitor");
  const worker = startWorker({ db: t.db, handlers: { "automation.stop": handlers["automation.stop"]! }, pollMs: 100, concurrency: 2 });
  const monitor = startStopMonitor({ db: t.db, chainIds: [CHAIN_ID], pollMs: 100, onTriggered: () => worker.wake() });
  stopWorker = async () => {
    await monitor.stop();
    await worker.stop();
  };
}, 240_000);

afterAll(async () => {
  await stopWorker?.();
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function armAndCrash(name: string, opts: { traffic: boolean }) {
  const { usdPrices } = await import("./rails");
  const eth = (await usdPrices(CHAIN_ID)).prices.get(tok("WETH"))!;
  const stop = await me().automation.stops.create({
    kind: "stop_loss",
    name,
    rail: "vault",
    chainId: CHAIN_ID,
    config: { token: tok("WETH"), quoteToken: tok("USDC"), triggerPrice: (eth * 0.995).toFixed(2), amount: { type: "raw", amountRaw: parseEther("2").toString() }, slippageBps: 300 },
  });
  // Other traders keep the chain busy: a small swap every ~100 ms until the stop has run.
  let busy = opts.traffic;
  const traffic = (async () => {
    if (!opts.traffic) return; // a quiet chain: nothing else is sent
    const quotes = await import("@/server/services/defi-quote");
    const w = walletOf(TRAFFIC);
    await client.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: weth9Abi, functionName: "deposit", value: parseEther("50"), gas: 100_000n }), ...RECEIPT });
    await client.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, parseEther("50")], gas: 100_000n }), ...RECEIPT });
    while (busy) {
      const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: tok("WETH"), tokenOut: tok("USDC"), amountIn: parseEther("0.01"), slippageBps: 5000 }, { now: new Date() });
      const head = await client.getBlock();
      await w.sendTransaction({ to: registry.executor as Address, data: quotes.encodeExecutorSwap(quote, route!, TRAFFIC.address, head.timestamp + 600n), gas: 1_000_000n });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const crashBlock = await sellEth(MOVER, 2_000n);
  let run: Awaited<ReturnType<ReturnType<typeof me>["automation"]["runs"]["list"]>>[number] | undefined;
  for (let i = 0; i < 300 && !run?.keeperTx?.blockNumber; i++) {
    run = (await me().automation.runs.list({ automationId: stop.id }))[0];
    if (!run?.keeperTx?.blockNumber) await new Promise((r) => setTimeout(r, 100));
  }
  busy = false;
  await traffic;
  return { stop, run, crashBlock };
}

describe("a stop-loss on the vault rail", () => {
  it("sells from the vault within 2 blocks of the trigger on a quiet chain", { timeout: 180_000 }, async () => {
    const wethBefore = await client.readContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "balanceOf", args: [vault] });
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { stop, run, crashBlock } = await armAndCrash(`quiet ${i}`, { traffic: false });
      expect(run?.status, run?.rationale).toBe("ok");
      expect(run!.keeperTx!.status).toBe("confirmed");
      expect(BigInt(run!.keeperTx!.triggerBlock!)).toBe(crashBlock);
      latencies.push(run!.keeperTx!.latencyBlocks!);
      expect((await me().automation.get({ id: stop.id })).status).toBe("stopped");
    }
    console.log(`STOP_LATENCY chain=quiet trials=${latencies.length} blocks=${latencies.join(",")}`);
    for (const l of latencies) expect(l).toBeLessThanOrEqual(2);
    const wethAfter = await client.readContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "balanceOf", args: [vault] });
    expect(wethBefore - wethAfter).toBe(parseEther("6"));
    const usdc = await client.readContract({ address: tok("USDC") as Address, abi: erc20Abi, functionName: "balanceOf", args: [vault] });
    expect(usdc).toBeGreaterThan(0n);
  });

  it("measures the latency while other traders keep the chain busy", { timeout: 180_000 }, async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { run } = await armAndCrash(`busy ${i}`, { traffic: true });
      expect(run?.status, run?.rationale).toBe("ok");
      latencies.push(run!.keeperTx!.latencyBlocks!);
    }
    console.log(`STOP_LATENCY chain=busy(swap every ~100 ms) trials=${latencies.length} blocks=${latencies.join(",")}`);
    for (const l of latencies) expect(l).toBeGreaterThanOrEqual(1);
  });
});
