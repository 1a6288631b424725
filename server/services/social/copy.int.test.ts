// Copy trading end to end on the paper rail, against a throwaway anvil with the real pools and
// the job runner on the test database. A leader's paper fill is recorded as a verified trade
// with its fan-out job (what records.ts does); each follower gets exactly one copy (one paper
// fill keyed copy:<copyId>:<tradeId>, one copy_trades row) even when the fan-out and copy jobs run
// twice and a copy job is retried after its fill but before its bookkeeping; the per-trade
// maximum and the allocation cap hold; a paused copy records 'skipped' and fills nothing;
// fidelity equals compareFills of the stored fills; the copy stop-loss fires after a real price
// fall on the chain and sells the copied position; nobody reaches someone else's copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWalletClient, erc20Abi, http, publicActions, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/user";
import { verifiedTrades } from "@/db/schema";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { weth9Abi } from "@/lib/web3/abi/uniswap";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr } from "@/server/automation/venue";
import { compareFills } from "@/server/social/fidelity";
import { startAnvil, type TestChain } from "@/test/anvil";
import { callerFor } from "@/test/trpc";
import type * as CopyService from "./copy";
import type * as Jobs from "@/server/jobs/runner";
import type * as JobQueries from "@/db/queries/jobs";
import type * as Paper from "@/server/services/venues/paper";
import type * as Prices from "@/server/services/prices";
import { COPY_QUEUE, FANOUT_QUEUE } from "./queues";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29460 : 29461;
// anvil dev account 5 (funded by the deploy): moves the market.
const MOVER = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let copy: typeof CopyService;
let jobs: typeof Jobs;
let jobQ: typeof JobQueries;
let paper: typeof Paper;
let prices: typeof Prices;
let handlers: Jobs.Handlers;
let leader: string;
let f1: string;
let f2: string;
let f3: string;
let other: string;
let privateUser: string;
const copyIds: Record<string, string> = {};

const tok = (s: string) => registry.tokens.find((x) => x.symbol === s)!.address.toLowerCase() as Addr;
const units = (s: string, whole: bigint) => whole * 10n ** BigInt(registry.tokens.find((x) => x.symbol === s)!.decimals);
const caller = (userId: string) => callerFor(t.db, { userId, now: new Date() });

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

async function bookValueUsd(userId: string) {
  const { prices: p } = await prices.getLocalPrices(CHAIN_ID);
  let total = 0;
  for (const s of ["USDC", "WETH"]) {
    const price = p.find((x) => x.symbol === s)!.priceUsd;
    const dec = registry.tokens.find((x) => x.symbol === s)!.decimals;
    total += (Number(await paperBalance(userId, s)) / 10 ** dec) * price;
  }
  return total;
}

/** The leader trades on paper; the trade is recorded as verified with its fan-out job (records.ts's job, done here). */
async function leaderTrades(key: string, symbolIn: "USDC" | "WETH", symbolOut: "USDC" | "WETH", amountIn: bigint, opts: { executedAt?: Date } = {}) {
  const book = await bookValueUsd(leader);
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
      amountIn, amountOut: r.fill.amountOut, valueUsd: String((Number(amountIn) / 10 ** dec) * priceIn), bookValueUsd: String(book), balanceInBefore,
      block: r.fill.block, executedAt: opts.executedAt ?? new Date(row!.created_at),
    })
    .returning();
  await jobs.enqueue(t.db, { queue: FANOUT_QUEUE, key: `${FANOUT_QUEUE}:${trade!.id}`, payload: { tradeId: trade!.id } });
  return { trade: trade!, fill: r.fill };
}

async function copyRows(copyId: string) {
  return t.sql<{ id: string; kind: string; status: string; code: string | null; reason: string; order_key: string; amount_in: string | null; amount_out: string | null; value_usd: string | null; diff_bps: number | null; delay_ms: string | null; delay_blocks: number | null; leader_trade_id: string | null }[]>`
    select * from copy_trades where copy_id = ${copyId} order by created_at, id`;
}

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

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-copy-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  copy = await import("./copy");
  jobs = await import("@/server/jobs/runner");
  jobQ = await import("@/db/queries/jobs");
  paper = await import("@/server/services/venues/paper");
  prices = await import("@/server/services/prices");
  handlers = { [FANOUT_QUEUE]: copy.runFanout, [COPY_QUEUE]: copy.runCopy };
  const user = async (name: string) => (await insertUser(t.db, { email: `copy-${name}@example.com`, name }))!.id;
  [leader, f1, f2, f3, other, privateUser] = [await user("leader"), await user("f1"), await user("f2"), await user("f3"), await user("other"), await user("private")];
  await t.sql`insert into trader_profiles (user_id, display_name, is_public, published_at) values (${leader}, 'Lea Leader', true, now()), (${privateUser}, 'Hidden', false, null)`;
  await caller(leader).automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: tok("USDC"), amount: units("USDC", 10_000n).toString() }, { token: tok("WETH"), amount: units("WETH", 2n).toString() }] });
  for (const f of [f1, f2, f3]) await caller(f).automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: tok("USDC"), amount: units("USDC", 5_000n).toString() }] });
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("follow", () => {
  it("follows public traders only, not yourself; lists and unfollows", async () => {
    await expect(caller(f1).social.follow({ leaderId: privateUser })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f1).social.follow({ leaderId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(leader).social.follow({ leaderId: leader })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await caller(f1).social.follow({ leaderId: leader });
    await caller(f1).social.follow({ leaderId: leader });
    expect(await caller(f1).social.following()).toEqual([{ id: leader, name: "Lea Leader", kind: "person", avatar: null }]);
    expect(await caller(other).social.following()).toEqual([]);
    await caller(f1).social.unfollow({ leaderId: leader });
    expect(await caller(f1).social.following()).toEqual([]);
  });
});

describe("copy configure", () => {
  it("rejects bad input with 400 and writes nothing", async () => {
    const base = { leaderId: leader, chainId: CHAIN_ID, settings: { allocatedUsd: 1_000 } };
    await expect(caller(f1).social.copy.configure({ ...base, settings: { allocatedUsd: -5 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(f1).social.copy.configure({ ...base, settings: { allocatedUsd: 100, maxPerTradeUsd: 200 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(leader).social.copy.configure(base)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(f1).social.copy.configure({ ...base, rail: "vault" })).rejects.toThrow(/vault is not available yet/);
    // No paper account on the chain.
    await expect(caller(other).social.copy.configure(base)).rejects.toThrow(/\/automation\/paper/);
    await expect(caller(f1).social.copy.configure({ ...base, leaderId: privateUser })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.sql`select 1 from copy_relations`).toHaveLength(0);
    expect(await t.sql`select 1 from follows`).toHaveLength(0);
  });

  it("creates the copies (following implied) with the caller's settings", async () => {
    const a = await caller(f1).social.copy.configure({ leaderId: leader, chainId: CHAIN_ID, settings: { allocatedUsd: 1_000, maxPerTradeUsd: 100 } });
    const b = await caller(f2).social.copy.configure({ leaderId: leader, chainId: CHAIN_ID, settings: { allocatedUsd: 300, mode: "fixed", fixedTradeUsd: 200 } });
    const c = await caller(f3).social.copy.configure({ leaderId: leader, chainId: CHAIN_ID, slippageBps: 500, settings: { allocatedUsd: 1_000, mode: "fixed", fixedTradeUsd: 950, copyStopLossBps: 100 } });
    Object.assign(copyIds, { f1: a.id, f2: b.id, f3: c.id });
    expect(a).toMatchObject({ status: "active", rail: "paper", chainId: CHAIN_ID, leader: { id: leader, name: "Lea Leader", kind: "person" }, usedAllocationUsd: 0, equityUsd: 1_000, fidelity: null });
    expect(a.settings).toEqual({ allocatedUsd: 1_000, mode: "proportional", fixedTradeUsd: null, maxPerTradeUsd: 100, copyStopLossBps: null, minTradeUsd: 0, slippageBps: 100 });
    expect(await caller(f2).social.following()).toHaveLength(1);
    expect((await caller(f1).social.copy.list()).map((x) => x.id)).toEqual([a.id]);
  });
});

describe("copying a leader's trades", () => {
  let t1: Awaited<ReturnType<typeof leaderTrades>>;

  it("never copies a trade from before the copy started", async () => {
    const old = await leaderTrades("manual:t0", "USDC", "WETH", units("USDC", 10n), { executedAt: new Date(Date.now() - 86_400_000) });
    await runAll();
    expect(await t.sql`select 1 from copy_trades where leader_trade_id = ${old.trade.id}`).toHaveLength(0);
    expect(await t.sql`select 1 from jobs where queue = ${COPY_QUEUE}`).toHaveLength(0);
  });

  it("copies a buy once per follower, even with the fan-out and copy jobs run twice and a retry after the fill", { timeout: 120_000 }, async () => {
    t1 = await leaderTrades("manual:t1", "USDC", "WETH", units("USDC", 2_000n));
    // The fan-out enqueued twice (same key) and run; then its job run again: still one copy job each.
    await jobs.enqueue(t.db, { queue: FANOUT_QUEUE, key: `${FANOUT_QUEUE}:${t1.trade.id}`, payload: { tradeId: t1.trade.id } });
    expect(await jobs.runDue(t.db, { [FANOUT_QUEUE]: copy.runFanout })).toBe(1);
    const [fan] = await t.sql<{ id: string }[]>`select id from jobs where queue = ${FANOUT_QUEUE} and key = ${`${FANOUT_QUEUE}:${t1.trade.id}`}`;
    const fanJob = (await jobQ.getJob(t.db, fan!.id))!;
    expect(await copy.runFanout(contextFor(fanJob))).toMatchObject({ copies: 3, enqueued: 0 });
    expect(await t.sql`select 1 from jobs where queue = ${COPY_QUEUE}`).toHaveLength(3);

    // f2's copy "crashed" after its paper fill and before its bookkeeping: the fill exists, no row.
    const key2 = copy.copyOrderKey(copyIds.f2!, t1.trade.id);
    const crashed = await paper.createPaperVenue(t.db, f2, CHAIN_ID).execute({ key: key2, chainId: CHAIN_ID, source: "copy", tokenIn: tok("USDC"), tokenOut: tok("WETH"), amountIn: units("USDC", 200n) - 1n, slippageBps: 100 });
    expect(crashed.status).toBe("filled");

    expect(await runAll()).toBe(3);
    // Run every copy job again, and call the handler once more with a fresh context (a retry).
    await t.sql`update jobs set status = 'queued', run_at = now() - interval '1 second' where queue = ${COPY_QUEUE}`;
    expect(await runAll()).toBe(3);
    const copyJobs = await t.sql<{ id: string }[]>`select id from jobs where queue = ${COPY_QUEUE}`;
    for (const j of copyJobs) expect(await copy.runCopy(contextFor((await jobQ.getJob(t.db, j.id))!))).toMatchObject({ duplicate: true });

    for (const [f, id] of [[f1, copyIds.f1!], [f2, copyIds.f2!], [f3, copyIds.f3!]] as const) {
      const fills = await t.sql<{ key: string }[]>`select key from paper_fills where user_id = ${f}`;
      expect(fills.map((x) => x.key)).toEqual([copy.copyOrderKey(id, t1.trade.id)]);
      const rows = await copyRows(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "copy", status: "filled", leader_trade_id: t1.trade.id });
    }
    // f2 booked the crashed run's fill (its amount), not a second one.
    expect((await copyRows(copyIds.f2!))[0]!.amount_in).toBe((units("USDC", 200n) - 1n).toString());
    expect(await paperBalance(f2, "USDC")).toBe(units("USDC", 4_800n) + 1n);
    // One "copied" notification per follower.
    expect(await t.sql`select 1 from notifications where kind = 'social.copied'`).toHaveLength(3);
  });

  it("respects the per-trade maximum (f1: proportional, capped at $100 of a ~$130 proportional size)", async () => {
    const [row] = await copyRows(copyIds.f1!);
    const usd = Number(row!.value_usd);
    expect(usd).toBeLessThanOrEqual(100);
    expect(usd).toBeGreaterThan(99.5);
    expect(row!.reason).toMatch(/capped at the maximum per trade/);
    const [dto] = await caller(f1).social.copy.list();
    expect(dto!.usedAllocationUsd).toBeCloseTo(usd, 9);
    expect(dto!.positions.map((p) => p.symbol)).toEqual(["WETH"]);
    expect(dto!.counts).toEqual({ filled: 1, skipped: 0, failed: 0, pending: 0 });
  });

  it("records fidelity equal to compareFills of the stored leader and follower fills", async () => {
    const [leaderFill] = await t.sql<{ token_in: string; token_out: string; amount_in: string; amount_out: string; created_at: Date; block: string }[]>`select * from paper_fills where key = 'manual:t1'`;
    const measured: { delayMs: number; delayBlocks: number | null }[] = [];
    for (const id of Object.values(copyIds)) {
      const [row] = await copyRows(id);
      const [ff] = await t.sql<typeof leaderFill[]>`select * from paper_fills where key = ${row!.order_key}`;
      const fill = (x: NonNullable<typeof leaderFill>) => ({ tokenIn: x.token_in, tokenOut: x.token_out, amountInRaw: BigInt(x.amount_in), amountOutRaw: BigInt(x.amount_out), timestampMs: new Date(x.created_at).getTime(), blockNumber: BigInt(x.block) });
      const expected = compareFills(fill(leaderFill!), fill(ff!));
      expect(row!.diff_bps).toBe(expected.diffBps);
      expect(Number(row!.delay_ms)).toBe(expected.delayMs);
      expect(row!.delay_blocks).toBe(expected.delayBlocks);
      // A smaller order into the same pools gets a better rate: the copies did not do worse.
      expect(row!.diff_bps!).toBeLessThan(1);
      measured.push({ delayMs: expected.delayMs, delayBlocks: expected.delayBlocks });
    }
    console.log(`copy delay (leader fill → follower fill): ${measured.map((m) => `${m.delayMs} ms / ${m.delayBlocks} blocks`).join("; ")}`);
    const [dto] = await caller(f1).social.copy.list();
    expect(dto!.fidelity).toMatchObject({ count: 1 });
  });

  it("skips a paused copy quietly and caps at the allocation", { timeout: 60_000 }, async () => {
    const paused = await caller(f1).social.copy.pause({ copyId: copyIds.f1! });
    expect(paused.status).toBe("paused");
    const t2 = await leaderTrades("manual:t2", "USDC", "WETH", units("USDC", 1_000n));
    await runAll();
    const f1rows = await copyRows(copyIds.f1!);
    expect(f1rows).toHaveLength(2);
    expect(f1rows[1]).toMatchObject({ status: "skipped", code: "paused", reason: "Copying is paused: not copied.", leader_trade_id: t2.trade.id });
    expect(await t.sql`select 1 from paper_fills where key = ${copy.copyOrderKey(copyIds.f1!, t2.trade.id)}`).toHaveLength(0);
    expect(await t.sql`select 1 from notifications where user_id = ${f1} and kind = 'social.copied'`).toHaveLength(1);
    // f2: $200 used of $300 → the $200 fixed copy is capped at the remaining ~$100.
    const f2rows = await copyRows(copyIds.f2!);
    expect(f2rows[1]!.status).toBe("filled");
    expect(f2rows[1]!.reason).toMatch(/capped at the allocation remaining/);
    const [f2dto] = await caller(f2).social.copy.list();
    expect(f2dto!.usedAllocationUsd).toBeLessThanOrEqual(300);
    expect(f2dto!.usedAllocationUsd).toBeGreaterThan(299);
    expect(f2dto!.counts.filled).toBe(2);
    expect((await caller(f1).social.copy.resume({ copyId: copyIds.f1! })).status).toBe("active");
  });

  it("mirrors a sale as the same fraction of the copied position and releases its cost", { timeout: 60_000 }, async () => {
    const before = (await caller(f2).social.copy.list())[0]!;
    const held = BigInt(before.positions[0]!.amountRaw);
    const leaderWeth = await paperBalance(leader, "WETH");
    const t3 = await leaderTrades("manual:t3", "WETH", "USDC", leaderWeth / 2n);
    await runAll();
    const rows = await copyRows(copyIds.f2!);
    const sale = rows.find((r) => r.leader_trade_id === t3.trade.id)!;
    expect(sale.status).toBe("filled");
    expect(BigInt(sale.amount_in!)).toBe((held * 5_000n) / 10_000n);
    const after = (await caller(f2).social.copy.list())[0]!;
    expect(after.usedAllocationUsd).toBeCloseTo(before.usedAllocationUsd / 2, 6);
  });
});

describe("copy stop-loss", () => {
  it("stops the copy and sells its positions when the pools fall through the drawdown limit", { timeout: 120_000 }, async () => {
    const now = new Date();
    expect(await copy.checkCopyStops(t.db, now)).toBe(0);
    const wethHeld = await paperBalance(f3, "WETH");
    expect(wethHeld).toBeGreaterThan(0n);
    // Someone sells 5,000 ETH into the pools: WETH falls a few %, f3's copy (~95 % in WETH) more than 1 %.
    const w = createWalletClient({ account: MOVER, transport: http(chain.url), pollingInterval: 50 }).extend(publicActions);
    const amount = units("WETH", 5_000n);
    await w.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: weth9Abi, functionName: "deposit", value: amount, gas: 100_000n, chain: null }), ...RECEIPT });
    await w.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, amount], gas: 100_000n, chain: null }), ...RECEIPT });
    const quotes = await import("@/server/services/defi-quote");
    const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: tok("WETH"), tokenOut: tok("USDC"), amountIn: amount, slippageBps: 5000 }, { now: new Date() });
    const head = await w.getBlock();
    const data = quotes.encodeExecutorSwap(quote, route!, MOVER.address, head.timestamp + 600n);
    const r = await w.waitForTransactionReceipt({ hash: await w.sendTransaction({ to: registry.executor as Address, data, gas: 3_000_000n, chain: null }), ...RECEIPT });
    expect(r.status).toBe("success");

    const dd = (await caller(f3).social.copy.list())[0]!.drawdownBps;
    expect(dd).toBeGreaterThanOrEqual(100);
    expect(await copy.checkCopyStops(t.db, new Date())).toBe(1);
    expect(await copy.checkCopyStops(t.db, new Date())).toBe(0);
    const dto = (await caller(f3).social.copy.list())[0]!;
    expect(dto.status).toBe("stopped");
    expect(dto.statusReason).toMatch(/Copy stop-loss/);
    expect(dto.positions).toEqual([]);
    expect(dto.usedAllocationUsd).toBe(0);
    expect(await paperBalance(f3, "WETH")).toBe(0n);
    const close = (await copyRows(copyIds.f3!)).filter((x) => x.kind === "close");
    expect(close).toHaveLength(1);
    expect(close[0]).toMatchObject({ status: "filled", amount_in: wethHeld.toString() });
    expect(await t.sql`select 1 from notifications where user_id = ${f3} and kind = 'social.copy_stopped'`).toHaveLength(1);
    // Other copies (no stop-loss) keep running; f1's copy has none.
    expect((await caller(f1).social.copy.list())[0]!.status).toBe("active");
    // A stopped copy receives no new fan-out.
    const t4 = await leaderTrades("manual:t4", "USDC", "WETH", units("USDC", 100n));
    await runAll();
    expect(await t.sql`select 1 from copy_trades where copy_id = ${copyIds.f3!} and leader_trade_id = ${t4.trade.id}`).toHaveLength(0);
  });
});

describe("isolation", () => {
  it("another user cannot pause, resume, stop or read someone's copy", async () => {
    const id = copyIds.f1!;
    for (const call of [
      () => caller(other).social.copy.pause({ copyId: id }),
      () => caller(other).social.copy.resume({ copyId: id }),
      () => caller(other).social.copy.stop({ copyId: id }),
      () => caller(f2).social.copy.trades({ copyId: id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await caller(other).social.copy.list()).toEqual([]);
    expect((await caller(other).social.copy.trades({})).items).toEqual([]);
    // A cursor taken from f1's rows gives f2 nothing of f1's.
    const mine = await caller(f1).social.copy.trades({ limit: 1 });
    expect(mine.items).toHaveLength(1);
    const theirs = await caller(f2).social.copy.trades({ cursor: mine.items[0]!.id });
    expect(theirs.items.every((x) => x.copyId === copyIds.f2)).toBe(true);
    expect((await caller(f1).social.copy.list())[0]!.status).toBe("active");
  });

  it("pages the caller's copy trades with their leader trades", async () => {
    const first = await caller(f1).social.copy.trades({ limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await caller(f1).social.copy.trades({ limit: 10, cursor: first.nextCursor });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    expect(all.every((x) => x.copyId === copyIds.f1)).toBe(true);
    const filled = all.find((x) => x.status === "filled" && x.kind === "copy")!;
    expect(filled).toMatchObject({ symbolIn: "USDC", symbolOut: "WETH", decimalsIn: 6, leader: { id: leader, name: "Lea Leader" } });
    expect(filled.leaderTrade).toMatchObject({ side: "buy", symbolIn: "USDC", symbolOut: "WETH", origin: "manual" });
  });

  it("stop by the owner closes the copied positions inline", { timeout: 60_000 }, async () => {
    const dto = await caller(f1).social.copy.stop({ copyId: copyIds.f1! });
    expect(dto.status).toBe("stopped");
    expect(dto.positions).toEqual([]);
    expect(await paperBalance(f1, "WETH")).toBe(0n);
    // Configuring again restarts it from now on.
    const again = await caller(f1).social.copy.configure({ leaderId: leader, chainId: CHAIN_ID, settings: { allocatedUsd: 500 } });
    expect(again).toMatchObject({ id: copyIds.f1, status: "active" });
    expect(await (await import("./copy-manage")).getViewerCopy(t.db, f1, leader)).toMatchObject({ id: copyIds.f1 });
    expect(await (await import("./copy-manage")).getViewerCopy(t.db, null, leader)).toBeNull();
  });

  it("runs one copy exactly once when its job runs concurrently (three workers at once)", { timeout: 60_000 }, async () => {
    const t5 = await leaderTrades("manual:t5", "USDC", "WETH", units("USDC", 500n));
    expect(await jobs.runDue(t.db, { [FANOUT_QUEUE]: copy.runFanout })).toBe(1);
    const [job] = await t.sql<{ id: string }[]>`select id from jobs where key = ${copy.copyJobKey(copyIds.f1!, t5.trade.id)}`;
    const row = (await jobQ.getJob(t.db, job!.id))!;
    const usdcBefore = await paperBalance(f1, "USDC");
    const outcomes = await Promise.all([0, 1, 2].map(() => copy.runCopy(contextFor(row))));
    expect(outcomes.every((o) => (o as { status: string }).status === "filled")).toBe(true);
    const key = copy.copyOrderKey(copyIds.f1!, t5.trade.id);
    expect(await t.sql`select 1 from paper_fills where key = ${key}`).toHaveLength(1);
    const rows = await t.sql<{ amount_in: string }[]>`select amount_in from copy_trades where order_key = ${key}`;
    expect(rows).toHaveLength(1);
    expect(await paperBalance(f1, "USDC")).toBe(usdcBefore - BigInt(rows[0]!.amount_in));
    expect(await t.sql`select 1 from notifications where user_id = ${f1} and kind = 'social.copied' and dedupe_key = ${key}`).toHaveLength(1);
    const { leaderFidelity } = await import("./leaderboard");
    const fid = (await leaderFidelity(t.db, [leader])).get(leader)!;
    expect(fid.count).toBe(Number((await t.sql<{ n: number }[]>`select count(*)::int as n from copy_trades where leader_id = ${leader} and kind = 'copy' and status = 'filled'`)[0]!.n));
  });
});
