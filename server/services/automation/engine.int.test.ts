// The automation engine end to end on the paper rail, against a throwaway anvil with the real
// pools and the job runner on the test database: a DCA runs once per slot (re-enqueued and
// re-run jobs apply nothing twice), finishes after maxRuns; a stop-loss fires when the pool
// price falls through it and sells at the pool; a rebalance trades back to its targets; the
// circuit breaker logs its trip; everything is scoped to its owner.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWalletClient, erc20Abi, http, publicActions, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { weth9Abi } from "@/lib/web3/abi/uniswap";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr } from "@/server/automation/venue";
import { callerFor } from "@/test/trpc";
import { startAnvil, type TestChain } from "@/test/anvil";
import type * as Engine from "./engine";
import type * as Monitor from "./monitor";
import type * as Jobs from "@/server/jobs/runner";
import type * as HandlersModule from "@/server/jobs/handlers";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29245 : 29246;
// anvil dev account 5 (funded by the deploy): moves the market.
const MOVER = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let engine: typeof Engine;
let monitor: typeof Monitor;
let jobs: typeof Jobs;
let handlers: typeof HandlersModule.handlers;
let userA: string;
let userB: string;

const T0 = new Date("2026-03-01T12:00:00.000Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const tok = (s: string) => registry.tokens.find((x) => x.symbol === s)!.address.toLowerCase() as Addr;
const units = (s: string, whole: bigint) => whole * 10n ** BigInt(registry.tokens.find((x) => x.symbol === s)!.decimals);
const A = (now = T0) => callerFor(t.db, { userId: userA, now });
const B = (now = T0) => callerFor(t.db, { userId: userB, now });

async function runAll(now: Date) {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const k = await jobs.runDue(t.db, handlers, { now });
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

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-engine-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  engine = await import("./engine");
  monitor = await import("./monitor");
  jobs = await import("@/server/jobs/runner");
  handlers = (await import("@/server/jobs/handlers")).handlers;
  userA = (await insertUser(t.db, { email: "engine-a@example.com", name: "A" }))!.id;
  userB = (await insertUser(t.db, { email: "engine-b@example.com", name: "B" }))!.id;
  await A().automation.paper.reset({
    chainId: CHAIN_ID,
    balances: [
      { token: tok("USDC"), amount: units("USDC", 10_000n).toString() },
      { token: tok("WETH"), amount: units("WETH", 2n).toString() },
    ],
  });
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("DCA on paper", () => {
  let id: string;
  it("creates with a preview of the next runs and a per-run quote", async () => {
    const input = {
      kind: "dca" as const,
      name: "Weekly ETH",
      rail: "paper" as const,
      chainId: CHAIN_ID,
      config: { tokenIn: tok("USDC"), tokenOut: tok("WETH"), amountInRaw: units("USDC", 100n).toString(), interval: { every: 1, unit: "minute" as const }, startAt: T0, maxRuns: 3 },
    };
    const preview = await A().automation.preview(input);
    expect(preview.kind).toBe("dca");
    if (preview.kind !== "dca") throw new Error("kind");
    expect(preview.nextRuns).toHaveLength(3);
    expect(preview.nextRuns[1]).toBe(at(1).toISOString());
    expect(BigInt(preview.perRun.amountOut!)).toBeGreaterThan(0n);
    const created = await A().automation.create(input);
    id = created.id;
    expect(created.status).toBe("active");
    expect(created.nextRunAt?.toISOString()).toBe(T0.toISOString());
  });

  it("runs slot 0 once, even when the slot is enqueued and the job run again", async () => {
    const usdcBefore = await paperBalance(userA, "USDC");
    await engine.scheduleDue(t.db, at(0.1));
    await engine.scheduleDue(t.db, at(0.2)); // same slot: no second job
    expect(await runAll(at(0.2))).toBe(1);
    expect(await paperBalance(userA, "USDC")).toBe(usdcBefore - units("USDC", 100n));
    const runs = await A().automation.runs.list({ automationId: id });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe("ok");
    expect(runs[0]!.fill?.amountIn).toBe(units("USDC", 100n).toString());
    expect(runs[0]!.rationale).toMatch(/Slot 0/);
    // A re-run of the very same job (a retry after a crash) applies nothing twice.
    const [job] = await t.sql<{ id: string; key: string; payload: Record<string, unknown> }[]>`select id, key, payload from jobs where queue = 'automation.run' and automation_id = ${id}`;
    await t.sql`update jobs set status = 'queued', run_at = now() - interval '1 second' where id = ${job!.id}`;
    await runAll(at(0.3));
    expect(await paperBalance(userA, "USDC")).toBe(usdcBefore - units("USDC", 100n));
    expect(await t.sql`select 1 from paper_fills where automation_id = ${id}`).toHaveLength(1);
    expect(await A().automation.runs.list({ automationId: id })).toHaveLength(1);
  });

  it("runs the next slots on schedule and finishes after maxRuns", async () => {
    await engine.scheduleDue(t.db, at(1.05));
    await runAll(at(1.05));
    await engine.scheduleDue(t.db, at(2.05));
    await runAll(at(2.05));
    await engine.scheduleDue(t.db, at(3.05));
    await runAll(at(3.05));
    const a = await A().automation.get({ id });
    expect(a.status).toBe("stopped");
    expect(a.statusReason).toMatch(/All 3 buys/);
    expect((a.state as { runs: number }).runs).toBe(3);
    expect(await t.sql`select 1 from paper_fills where automation_id = ${id}`).toHaveLength(3);
  });

  it("prunes finished job rows after a week and keeps the effect records", async () => {
    const { pruneFinishedJobs } = await import("@/db/queries/jobs");
    const [job] = await t.sql<{ id: string; key: string }[]>`select id, key from jobs where queue = 'automation.run' and automation_id = ${id} and status = 'done' limit 1`;
    // The test's clock is T0 (its jobs ran at T0 and later): one job moved 8 days before T0.
    await t.sql`update jobs set run_at = ${new Date(T0.getTime() - 8 * 86_400_000).toISOString()}::timestamptz where id = ${job!.id}`;
    expect(await pruneFinishedJobs(t.db, { olderThanMs: 7 * 86_400_000, now: at(10) })).toBe(1);
    expect(await t.sql`select 1 from jobs where id = ${job!.id}`).toHaveLength(0);
    expect((await t.sql`select 1 from job_effects where job_id = ${job!.id}`).length).toBeGreaterThan(0);
    expect(await A().automation.runs.list({ automationId: id })).toHaveLength(3);
  });

  it("is invisible to another user", async () => {
    await expect(B().automation.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(B().automation.pause({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(B().automation.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(B().automation.runs.list({ automationId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await B().automation.runs.list({})).toHaveLength(0);
    expect(await B().automation.list()).toHaveLength(0);
  });

  it("deleting hides and stops it but keeps its runs in the audit log", async () => {
    const before = (await A().automation.runs.list({})).filter((r) => r.automationId === id);
    expect(before.length).toBeGreaterThan(0);
    await A().automation.delete({ id });
    await expect(A().automation.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await A().automation.list()).some((a) => a.id === id)).toBe(false);
    const after = (await A().automation.runs.list({})).filter((r) => r.automationId === id);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.every((r) => r.automationDeleted)).toBe(true);
    await expect(A().automation.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("rebalance on paper", () => {
  it("previews a plan with quotes, and trades back within the threshold", async () => {
    await A().automation.paper.reset({
      chainId: CHAIN_ID,
      balances: [
        { token: tok("USDC"), amount: units("USDC", 9_000n).toString() },
        { token: tok("WETH"), amount: (units("WETH", 1n) / 5n).toString() },
      ],
    });
    const config = {
      targets: [
        { token: tok("USDC"), weightBps: 5000 },
        { token: tok("WETH"), weightBps: 5000 },
      ],
      mode: "threshold" as const,
      thresholdBps: 300,
      minTradeUsd: "10",
    };
    const plan = await A().automation.rebalance.plan({ chainId: CHAIN_ID, config });
    if (plan.kind !== "rebalance") throw new Error("kind");
    expect(plan.orders).toHaveLength(1);
    expect(plan.orders[0]!.quote.amountOut).not.toBeNull();
    // Fees and impact against the pools' USD mid prices: small next to the $4,000 traded.
    expect(Math.abs(plan.costs.totalCostUsd)).toBeLessThan(0.02 * plan.costs.turnoverUsd);
    expect(plan.costs.turnoverUsd).toBeGreaterThan(3_000);
    const a = await A().automation.rebalance.create({ name: "50/50", chainId: CHAIN_ID, config });
    await engine.scheduleDue(t.db, new Date());
    await runAll(new Date());
    const runs = await A().automation.runs.list({ automationId: a.id });
    expect(runs[0]!.status).toBe("ok");
    const after = await A().automation.rebalance.analyze({ chainId: CHAIN_ID, config });
    if (after.kind !== "rebalance") throw new Error("kind");
    expect((after.analysis as { maxDriftBps: number }).maxDriftBps).toBeLessThan(300);
    await A().automation.pause({ id: a.id });
  });
});

describe("stop-loss on paper", () => {
  it("refuses a stop above the current price", async () => {
    await expect(
      A().automation.stops.create({ kind: "stop_loss", name: "bad", rail: "paper", chainId: CHAIN_ID, config: { token: tok("WETH"), quoteToken: tok("USDC"), triggerPrice: "1000000" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("fires when the pools fall through the stop and sells the WETH at the pool", { timeout: 120_000 }, async () => {
    const { prices } = await engine.usdPrices(CHAIN_ID);
    const eth = prices.get(tok("WETH"))!;
    const stop = await A().automation.stops.create({
      kind: "stop_loss",
      name: "ETH stop",
      rail: "paper",
      chainId: CHAIN_ID,
      config: { token: tok("WETH"), quoteToken: tok("USDC"), triggerPrice: String(Math.round(eth * 0.993 * 100) / 100), slippageBps: 300 },
    });
    const w = createWalletClient({ account: MOVER, transport: http(chain.url), pollingInterval: 50 }).extend(publicActions);
    const head0 = await w.getBlockNumber();
    expect((await monitor.checkStops(t.db, CHAIN_ID, head0)).triggered).toHaveLength(0);

    // Someone sells 2,500 ETH into the pools: the price falls ~2 %.
    const quotes = await import("@/server/services/defi-quote");
    await w.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: weth9Abi, functionName: "deposit", value: units("WETH", 2500n), gas: 100_000n, chain: null }), ...RECEIPT });
    await w.waitForTransactionReceipt({ hash: await w.writeContract({ address: tok("WETH") as Address, abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, units("WETH", 2500n)], gas: 100_000n, chain: null }), ...RECEIPT });
    const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: tok("WETH"), tokenOut: tok("USDC"), amountIn: units("WETH", 2500n), slippageBps: 5000 }, { now: new Date() });
    const head = await w.getBlock();
    const data = quotes.encodeExecutorSwap(quote, route!, MOVER.address, head.timestamp + 600n);
    const r = await w.waitForTransactionReceipt({ hash: await w.sendTransaction({ to: registry.executor as Address, data, gas: 3_000_000n, chain: null }), ...RECEIPT });
    expect(r.status).toBe("success");

    const { prices: after } = await engine.usdPrices(CHAIN_ID, r.blockNumber);
    expect(after.get(tok("WETH"))!).toBeLessThan(eth * 0.993);
    const wethBefore = await paperBalance(userA, "WETH");
    const usdcBefore = await paperBalance(userA, "USDC");
    const check = await monitor.checkStops(t.db, CHAIN_ID, r.blockNumber);
    expect(check.triggered).toEqual([stop.id]);
    // The next block's check does not enqueue it again.
    expect((await monitor.checkStops(t.db, CHAIN_ID, r.blockNumber)).triggered).toHaveLength(0);
    expect(await runAll(new Date())).toBeGreaterThanOrEqual(1);

    expect(await paperBalance(userA, "WETH")).toBe(0n);
    const gained = (await paperBalance(userA, "USDC")) - usdcBefore;
    // Sold at (about) the pool price after the crash: within 2 % of WETH × price.
    const expected = (Number(wethBefore) / 1e18) * after.get(tok("WETH"))! * 1e6;
    expect(Number(gained)).toBeGreaterThan(expected * 0.98);
    const a = await A().automation.get({ id: stop.id });
    expect(a.status).toBe("stopped");
    const runs = await A().automation.runs.list({ automationId: stop.id });
    expect(runs[0]!.status).toBe("ok");
    expect(runs[0]!.rationale).toMatch(/≤ stop/);
    const notes = await t.sql<{ title: string }[]>`select title from notifications where user_id = ${userA} and kind = 'automation.run_done' and data->>'automationId' = ${stop.id}`;
    expect(notes.map((n) => n.title)).toEqual(["Stop-loss executed: ETH stop"]);
  });
});

describe("circuit breaker", () => {
  it("trips on drawdown of the automated capital, logs the reason and pauses everything at stop_all", async () => {
    await A().automation.breakers.update({ breakers: { levels: [{ drawdownBps: 500, action: "halve_size" }, { drawdownBps: 1000, action: "conservative_only" }, { drawdownBps: 1500, action: "stop_all" }] } });
    const { evaluateBreakerFor } = await import("./breakers");
    await t.sql`update automations set status = 'active' where user_id = ${userA} and kind = 'rebalance'`;
    await evaluateBreakerFor(t.db, userA, new Date()); // sets the peak
    // Pretend the peak was far higher (the capital lost 20 %).
    const state = await A().automation.breakers.get();
    await t.sql`update risk_settings set peak_value_usd = ${(state.equityUsd / 0.8).toFixed(6)} where user_id = ${userA}`;
    const ev = await evaluateBreakerFor(t.db, userA, new Date());
    expect(ev?.to).toBe(3);
    expect(ev?.reason).toMatch(/Level 3 tripped/);
    const after = await A().automation.breakers.get();
    expect(after.level).toBe(3);
    expect(after.events[0]!.reason).toMatch(/(19\.9\d|20\.\d\d) %/);
    const list = await A().automation.list();
    expect(list.filter((x) => x.status === "active")).toHaveLength(0);
    await expect(A().automation.resume({ id: list.find((x) => x.kind === "rebalance")!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const reset = await A().automation.breakers.reset({ confirm: true });
    expect(reset.level).toBe(0);
    expect((await B().automation.breakers.get()).level).toBe(0);
  });
});
