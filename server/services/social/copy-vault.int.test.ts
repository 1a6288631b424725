// Copy trading through the follower's vault, end to end against a throwaway anvil with the real
// pools, the vault factory and Lodestar's keeper, and the job runner on the test database. The
// follower creates, funds and configures a vault with their own key (as the browser wallet does)
// and authorises the keeper; configuring a vault copy without a ready vault is a 400 that writes
// nothing. A leader's paper trade is recorded as a verified trade with its fan-out job; the copy
// job trades from the vault through the keeper: exactly one keeper tx and one 'filled' copy_trades
// row with fidelity, even when the copy job runs twice, and a run that died after sending books
// the keeper tx it finds by key without sending another. Stopping the copy sells the copied
// position from the vault. The recorder marks the keeper txs of copies as origin 'copy' (no fan-out).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, createWalletClient, erc20Abi, http, type Address, type Hex, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, insertWallet } from "@/db/queries/user";
import { verifiedTrades } from "@/db/schema";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { localChainA, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr } from "@/server/automation/venue";
import { startAnvil, type TestChain } from "@/test/anvil";
import { callerFor } from "@/test/trpc";
import type * as CopyService from "./copy";
import type * as Jobs from "@/server/jobs/runner";
import type * as JobQueries from "@/db/queries/jobs";
import type * as Paper from "@/server/services/venues/paper";
import type * as Prices from "@/server/services/prices";
import { COPY_QUEUE, FANOUT_QUEUE } from "./queues";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29462 : 29463;
const MNEMONIC = "test test test test test test test test test test test junk";
const OWNER = mnemonicToAccount(MNEMONIC, { addressIndex: 6 });
// anvil dev account #8: the local keeper (server/chain/keeper.ts LOCAL_DEV_KEEPER_KEY).
const KEEPER = mnemonicToAccount(MNEMONIC, { addressIndex: 8 }).address;
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let copy: typeof CopyService;
let jobs: typeof Jobs;
let jobQ: typeof JobQueries;
let paper: typeof Paper;
let prices: typeof Prices;
let handlers: Jobs.Handlers;
let leader: string;
let follower: string;
let noVault: string;
let vault: Address;
let copyId: string;

const tok = (s: string) => registry.tokens.find((x) => x.symbol === s)!.address.toLowerCase() as Addr;
const units = (s: string, whole: bigint) => whole * 10n ** BigInt(registry.tokens.find((x) => x.symbol === s)!.decimals);
const caller = (userId: string) => callerFor(t.db, { userId, now: new Date() });
const vaultBalance = (s: string) => client.readContract({ address: tok(s) as Address, abi: erc20Abi, functionName: "balanceOf", args: [vault] });
const keeperNonce = () => client.getTransactionCount({ address: KEEPER, blockTag: "latest" });
const base = (settings: Record<string, unknown> = {}) => ({ leaderId: leader, chainId: CHAIN_ID, rail: "vault" as const, slippageBps: 300, settings: { allocatedUsd: 2_000, mode: "fixed" as const, fixedTradeUsd: 250, ...settings } });

async function signSteps(steps: { label: string; tx: { to: Address; data: Hex; value: bigint } }[]): Promise<Hex[]> {
  const w = createWalletClient({ account: OWNER, chain: withRpc(localChainA, chain.url), transport: http(chain.url) });
  const out: Hex[] = [];
  for (const s of steps) {
    const hash = await w.sendTransaction({ to: s.tx.to, data: s.tx.data, value: s.tx.value, gas: 3_000_000n });
    const r = await client.waitForTransactionReceipt({ hash, ...RECEIPT });
    expect(r.status, s.label).toBe("success");
    out.push(hash);
  }
  return out;
}

async function runAll() {
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const k = await jobs.runDue(t.db, handlers);
    n += k;
    if (k === 0) break;
  }
  return n;
}

async function paperBalance(userId: string, symbol: string) {
  const rows = await t.sql<{ amount_raw: string }[]>`
    select b.amount_raw from paper_balances b join paper_accounts a on a.id = b.account_id
    where a.user_id = ${userId} and b.token = ${tok(symbol)}`;
  return BigInt(rows[0]?.amount_raw ?? "0");
}

/** The leader trades on paper; recorded as a verified trade with its fan-out job (records.ts's job, done here). */
async function leaderTrades(key: string, symbolIn: "USDC" | "WETH", symbolOut: "USDC" | "WETH", amountIn: bigint) {
  const balanceInBefore = await paperBalance(leader, symbolIn);
  const r = await paper.createPaperVenue(t.db, leader, CHAIN_ID).execute({ key, chainId: CHAIN_ID, source: "manual", tokenIn: tok(symbolIn), tokenOut: tok(symbolOut), amountIn, slippageBps: 100 });
  if (r.status !== "filled") throw new Error(JSON.stringify(r));
  const [row] = await t.sql<{ id: string; created_at: Date }[]>`select id, created_at from paper_fills where key = ${key}`;
  const { prices: p } = await prices.getLocalPrices(CHAIN_ID);
  const priceIn = p.find((x) => x.symbol === symbolIn)!.priceUsd;
  const dec = registry.tokens.find((x) => x.symbol === symbolIn)!.decimals;
  const [trade] = await t.db
    .insert(verifiedTrades)
    .values({
      userId: leader, source: "paper", sourceRef: row!.id, origin: "manual", chainId: CHAIN_ID, tokenIn: tok(symbolIn), tokenOut: tok(symbolOut), symbolIn, symbolOut,
      amountIn, amountOut: r.fill.amountOut, valueUsd: String((Number(amountIn) / 10 ** dec) * priceIn), bookValueUsd: "16000", balanceInBefore,
      block: r.fill.block, executedAt: new Date(row!.created_at),
    })
    .returning();
  await jobs.enqueue(t.db, { queue: FANOUT_QUEUE, key: `${FANOUT_QUEUE}:${trade!.id}`, payload: { tradeId: trade!.id } });
  return { trade: trade!, fill: r.fill };
}

type CopyTradeRow = { id: string; kind: string; status: string; code: string | null; reason: string; order_key: string; amount_in: string | null; amount_out: string | null; diff_bps: number | null; delay_ms: string | null; delay_blocks: number | null; keeper_tx_id: string | null; tx_hash: string | null };
const copyRows = () => t.sql<CopyTradeRow[]>`select * from copy_trades where copy_id = ${copyId} order by created_at, id`;
const keeperRows = (key: string) => t.sql<{ id: string; status: string; hash: string | null; amount_in: string; amount_out: string | null; block_number: string | null }[]>`select * from keeper_txs where key = ${key}`;

/** A JobContext for a job row, as the runner builds it (a fresh context = a retried run). */
function contextFor(job: JobQueries.JobRow): Jobs.JobContext {
  return {
    db: t.db,
    job,
    workerId: `test:${crypto.randomUUID()}`,
    now: () => new Date(),
    effect: (key, fn) =>
      t.db.transaction(async (tx) => {
        if (!(await jobQ.insertJobEffect(tx, key, job.id))) return { applied: false as const };
        return { applied: true as const, value: await fn(tx) };
      }),
    extendLease: async () => {},
  };
}
const copyJob = async (tradeId: string) => (await t.sql<JobQueries.JobRow[]>`select * from jobs where key = ${copy.copyJobKey(copyId, tradeId)}`)[0]!;

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-copy-vault-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  delete process.env.AUTOMATION_KEEPER_KEY;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  client = createPublicClient({ chain: withRpc(localChainA, chain.url), transport: http(chain.url), pollingInterval: 50 }) as PublicClient;
  copy = await import("./copy");
  jobs = await import("@/server/jobs/runner");
  jobQ = await import("@/db/queries/jobs");
  paper = await import("@/server/services/venues/paper");
  prices = await import("@/server/services/prices");
  handlers = { [FANOUT_QUEUE]: copy.runFanout, [COPY_QUEUE]: copy.runCopy };
  const user = async (name: string) => (await insertUser(t.db, { email: `copy-vault-${name}@example.com`, name }))!.id;
  [leader, follower, noVault] = [await user("leader"), await user("follower"), await user("novault")];
  await t.sql`insert into trader_profiles (user_id, display_name, is_public, published_at) values (${leader}, 'Lea Leader', true, now())`;
  await caller(leader).automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: tok("USDC"), amount: units("USDC", 10_000n).toString() }, { token: tok("WETH"), amount: units("WETH", 2n).toString() }] });
  // The follower's own wallet; it has a paper account too (the vault rail must not use it).
  await insertWallet(t.db, { userId: follower, address: OWNER.address.toLowerCase(), chainId: CHAIN_ID });
  await caller(follower).automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: tok("USDC"), amount: units("USDC", 1_000n).toString() }] });
  await caller(noVault).automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: tok("USDC"), amount: units("USDC", 1_000n).toString() }] });
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("configuring a copy on the vault rail", () => {
  it("is a 400 naming /automation/vault without a ready vault, and writes nothing", async () => {
    await expect(caller(noVault).social.copy.configure(base())).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no registered vault.*\/automation\/vault/) });
    await expect(caller(follower).social.copy.configure(base())).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.sql`select 1 from copy_relations`).toHaveLength(0);
    expect(await t.sql`select 1 from follows`).toHaveLength(0);
  });

  it("needs the keeper authorised and the tokens allowed", { timeout: 120_000 }, async () => {
    const me = caller(follower);
    const create = await me.automation.vault.buildCreate({ chainId: CHAIN_ID, owner: OWNER.address });
    const [hash] = await signSteps(create.steps);
    vault = (await me.automation.vault.register({ chainId: CHAIN_ID, hash: hash! })).address;
    await signSteps((await me.automation.vault.buildDeposit({ chainId: CHAIN_ID, vault, token: tok("USDC"), amount: units("USDC", 5_000n).toString() })).steps);
    // Registered and funded, but no keeper yet.
    await expect(me.social.copy.configure(base())).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/keeper.*\/automation\/vault/) });
    await signSteps((await me.automation.vault.buildSetKeeper({ chainId: CHAIN_ID, vault })).steps);
    // Keeper set, no token allowed yet.
    await expect(me.social.copy.configure(base())).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/allow USDC.*\/automation\/vault/) });
    expect(await t.sql`select 1 from copy_relations`).toHaveLength(0);

    for (const [s, cap] of [["USDC", units("USDC", 2_000n)], ["WETH", units("WETH", 10n)]] as const) {
      await signSteps((await me.automation.vault.buildSetLimits({ chainId: CHAIN_ID, vault, token: tok(s), allowed: true, maxPerExecution: cap.toString(), maxPerDay: (cap * 10n).toString() })).steps);
    }
    // Price bounds far from the market (the copy's slippage is the tighter floor): half the current rate.
    const { computeQuote } = await import("@/server/services/defi-quote");
    for (const [a, b, amount] of [["USDC", "WETH", units("USDC", 1_000n)], ["WETH", "USDC", units("WETH", 1n)]] as const) {
      const { quote } = await computeQuote({ chainId: CHAIN_ID, tokenIn: tok(a), tokenOut: tok(b), amountIn: amount, slippageBps: 50 }, { now: new Date() });
      await signSteps((await me.automation.vault.buildSetPriceBound({ chainId: CHAIN_ID, vault, tokenIn: tok(a), tokenOut: tok(b), minOutPerInX18: ((quote.amountOut * 10n ** 18n) / amount / 2n).toString() })).steps);
    }
    const c = await me.social.copy.configure(base());
    copyId = c.id;
    expect(c).toMatchObject({ rail: "vault", chainId: CHAIN_ID, status: "active", usedAllocationUsd: 0, equityUsd: 2_000 });
    const [row] = await t.sql<{ rail: string; vault_id: string | null }[]>`select rail, vault_id from copy_relations where id = ${copyId}`;
    const [v] = await t.sql<{ id: string }[]>`select id from vaults where address = ${vault.toLowerCase()}`;
    expect(row).toEqual({ rail: "vault", vault_id: v!.id });
    // Someone else cannot reach it.
    await expect(caller(noVault).social.copy.pause({ copyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("copying through the vault", () => {
  let buy: Awaited<ReturnType<typeof leaderTrades>>;

  it("sends exactly one keeper tx and books one 'filled' row with fidelity, even when the copy job runs twice", { timeout: 120_000 }, async () => {
    const [usdc0, weth0, nonce0, paperUsdc0] = [await vaultBalance("USDC"), await vaultBalance("WETH"), await keeperNonce(), await paperBalance(follower, "USDC")];
    buy = await leaderTrades("leader-buy-1", "USDC", "WETH", units("USDC", 1_000n));
    expect(await runAll()).toBe(2); // fan-out + copy
    const key = copy.copyOrderKey(copyId, buy.trade.id);
    // The same job again (a retried run) and a second run of the job's handler: nothing new.
    const job = await copyJob(buy.trade.id);
    expect(job.status).toBe("done");
    expect(await copy.runCopy(contextFor(job))).toMatchObject({ status: "filled", duplicate: true });
    await t.sql`update jobs set status = 'queued', run_at = now() where id = ${job.id}`;
    await runAll();

    const keeper = await keeperRows(key);
    expect(keeper).toHaveLength(1);
    expect(keeper[0]!.status).toBe("confirmed");
    expect(await keeperNonce()).toBe(nonce0 + 1);
    const rows = await copyRows();
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r).toMatchObject({ kind: "copy", status: "filled", order_key: key, keeper_tx_id: keeper[0]!.id, tx_hash: keeper[0]!.hash, amount_in: keeper[0]!.amount_in, amount_out: keeper[0]!.amount_out });
    // $250 of USDC (fixed size), from the vault; the follower's paper account is untouched.
    expect(Number(r.amount_in) / 1e6).toBeCloseTo(250, 0);
    expect(usdc0 - (await vaultBalance("USDC"))).toBe(BigInt(r.amount_in!));
    expect((await vaultBalance("WETH")) - weth0).toBe(BigInt(r.amount_out!));
    expect(await paperBalance(follower, "USDC")).toBe(paperUsdc0);
    // Fidelity against the leader's fill; delay in blocks = the keeper tx's block − the leader's.
    expect(r.diff_bps).not.toBeNull();
    expect(r.delay_blocks).toBe(Number(BigInt(keeper[0]!.block_number!) - buy.fill.block));
    expect(r.delay_blocks!).toBeGreaterThanOrEqual(1);
    expect(Number(r.delay_ms)).toBeGreaterThanOrEqual(0);
    console.log(`COPY_VAULT_DELAY blocks=${r.delay_blocks} ms=${r.delay_ms} diffBps=${r.diff_bps?.toFixed(2)}`);
    const [c] = await caller(follower).social.copy.list();
    expect(c!.counts).toEqual({ filled: 1, skipped: 0, failed: 0, pending: 0 });
    expect(c!.positions.map((p) => [p.symbol, p.amountRaw])).toEqual([["WETH", r.amount_out]]);
    expect(c!.usedAllocationUsd).toBeCloseTo(250, 0);
    expect(c!.fidelity?.count).toBe(1);
  });

  it("a run that died after sending books the keeper tx it finds by key, without sending another", { timeout: 120_000 }, async () => {
    const buy2 = await leaderTrades("leader-buy-2", "USDC", "WETH", units("USDC", 500n));
    await jobs.runDue(t.db, { [FANOUT_QUEUE]: copy.runFanout });
    const key = copy.copyOrderKey(copyId, buy2.trade.id);
    // What the dead run had done: the keeper tx under the copy's key, sent and mined; no bookkeeping.
    const { createVaultVenue } = await import("@/server/services/venues/vault");
    const sent = await createVaultVenue(t.db, follower, CHAIN_ID, { vault }).execute({ key, chainId: CHAIN_ID, source: "copy", tokenIn: tok("USDC"), tokenOut: tok("WETH"), amountIn: units("USDC", 100n), slippageBps: 300 });
    expect(sent.status).toBe("filled");
    const nonce = await keeperNonce();
    expect(await runAll()).toBe(1);
    expect(await keeperNonce()).toBe(nonce);
    const row = (await copyRows()).find((x) => x.order_key === key)!;
    expect(row).toMatchObject({ status: "filled", amount_in: units("USDC", 100n).toString() });
    expect(row.delay_blocks).not.toBeNull();
    expect(await keeperRows(key)).toHaveLength(1);
  });

  it("records 'pending' with the keeper tx and hash while the receipt is awaited, then 'filled' once mined", { timeout: 120_000 }, async () => {
    const buy3 = await leaderTrades("leader-buy-3", "USDC", "WETH", units("USDC", 800n));
    await jobs.runDue(t.db, { [FANOUT_QUEUE]: copy.runFanout });
    const key = copy.copyOrderKey(copyId, buy3.trade.id);
    await client.request({ method: "evm_setAutomine" as never, params: [false] as never });
    try {
      const running = jobs.runDue(t.db, handlers);
      let pending: CopyTradeRow | undefined;
      for (let i = 0; i < 200 && !pending; i++) {
        pending = (await copyRows()).find((x) => x.order_key === key && x.status === "pending");
        if (!pending) await new Promise((r) => setTimeout(r, 50));
      }
      const keeper = (await keeperRows(key))[0]!;
      expect(pending).toMatchObject({ status: "pending", keeper_tx_id: keeper.id, tx_hash: keeper.hash });
      expect(keeper.hash).toMatch(/^0x[0-9a-f]{64}$/);
      expect((await caller(follower).social.copy.list())[0]!.counts.pending).toBe(1);
      await client.request({ method: "evm_mine" as never, params: [] as never });
      expect(await running).toBe(1);
    } finally {
      await client.request({ method: "evm_setAutomine" as never, params: [true] as never });
    }
    const rows = (await copyRows()).filter((x) => x.order_key === key);
    expect(rows).toHaveLength(1);
    const keeper = (await keeperRows(key))[0]!;
    expect(rows[0]).toMatchObject({ status: "filled", keeper_tx_id: keeper.id, tx_hash: keeper.hash, amount_out: keeper.amount_out });
    expect(rows[0]!.delay_blocks).toBe(Number(BigInt(keeper.block_number!) - buy3.fill.block));
    expect(Number(rows[0]!.delay_ms)).toBeGreaterThanOrEqual(0);
    console.log(`COPY_VAULT_DELAY (mined after a pause) blocks=${rows[0]!.delay_blocks} ms=${rows[0]!.delay_ms}`);
    expect((await caller(follower).social.copy.list())[0]!.counts).toMatchObject({ filled: 3, pending: 0 });
  });

  it("stopping the copy sells the copied position from the vault", { timeout: 120_000 }, async () => {
    const weth0 = await vaultBalance("WETH");
    const usdc0 = await vaultBalance("USDC");
    const held = BigInt((await t.sql<{ amount_raw: string }[]>`select amount_raw from copy_positions where copy_id = ${copyId} and token = ${tok("WETH")}`)[0]!.amount_raw);
    const stopped = await caller(follower).social.copy.stop({ copyId });
    expect(stopped.status).toBe("stopped");
    expect(stopped.positions).toEqual([]);
    const close = (await copyRows()).find((x) => x.kind === "close")!;
    expect(close).toMatchObject({ status: "filled", amount_in: held.toString() });
    expect(close.order_key.startsWith(`copy:${copyId}:close:`)).toBe(true);
    expect((await keeperRows(close.order_key))[0]).toMatchObject({ status: "confirmed", hash: close.tx_hash });
    expect(weth0 - (await vaultBalance("WETH"))).toBe(held);
    expect((await vaultBalance("USDC")) - usdc0).toBe(BigInt(close.amount_out!));
    // The tick has nothing left to close.
    expect(await copy.checkCopyStops(t.db, new Date())).toBe(0);
    expect((await copyRows()).filter((x) => x.kind === "close")).toHaveLength(1);
  });

  it("the recorder records the copies' keeper txs with origin 'copy' and fans none out", async () => {
    const { recordNewTrades } = await import("./records");
    await recordNewTrades(t.db, new Date());
    const rows = await t.sql<{ origin: string; id: string }[]>`select origin, id from verified_trades where user_id = ${follower} and source = 'vault'`;
    expect(rows).toHaveLength(4);
    expect(rows.every((x) => x.origin === "copy")).toBe(true);
    for (const x of rows) expect(await t.sql`select 1 from jobs where key = ${`${FANOUT_QUEUE}:${x.id}`}`).toHaveLength(0);
  });
});
