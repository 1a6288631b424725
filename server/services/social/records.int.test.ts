// The recorder and the equity snapshots against a throwaway anvil with the real pools: a paper
// fill becomes exactly one verified trade (valued at its block's prices) and exactly one fan-out
// job, however many recorders run; the bots' fills are not recorded here; copies are recorded
// but never fan out; snapshots write today's point, respect the throttle and treat a reset as a
// flow.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr, OrderRequest } from "@/server/automation/venue";
import { dayOf } from "@/server/portfolio/types";
import { startAnvil, type TestChain } from "@/test/anvil";
import type * as Paper from "../paper";
import type * as Prices from "../prices";
import type * as PaperVenue from "../venues/paper";
import type * as Profile from "./profile";
import type * as Records from "./records";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29445 : 29446;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let records: typeof Records;
let paper: typeof Paper;
let venues: typeof PaperVenue;
let prices: typeof Prices;
let profile: typeof Profile;
let leader: string;
let botUser: string;

const token = (symbol: string): Addr => registry.tokens.find((x) => x.symbol === symbol)!.address.toLowerCase() as Addr;
const units = (symbol: string, whole: bigint) => whole * 10n ** BigInt(registry.tokens.find((x) => x.symbol === symbol)!.decimals);

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-records-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  records = await import("./records");
  paper = await import("../paper");
  venues = await import("../venues/paper");
  prices = await import("../prices");
  profile = await import("./profile");
  leader = (await insertUser(t.db, { email: "rec-leader@example.com", name: "Leader" }))!.id;
  botUser = (await insertUser(t.db, { email: "rec-bot@example.com", name: "Bot" }))!.id;
  for (const u of [leader, botUser]) {
    await paper.resetAccount(t.db, u, { chainId: CHAIN_ID, balances: [{ token: token("USDC"), amount: units("USDC", 10_000n) }, { token: token("WETH"), amount: units("WETH", 1n) }] });
  }
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fill(userId: string, o: Pick<OrderRequest, "tokenIn" | "tokenOut" | "amountIn" | "source">) {
  const r = await venues.createPaperVenue(t.db, userId, CHAIN_ID).execute({ key: `test:${crypto.randomUUID()}`, chainId: CHAIN_ID, slippageBps: 100, ...o });
  if (r.status !== "filled" || !r.fill.paperFillId) throw new Error(`expected a fill: ${JSON.stringify(r)}`);
  const [row] = await t.sql<{ id: string; block: string }[]>`select id, block::text from paper_fills where id = ${r.fill.paperFillId}`;
  return row!;
}

const tradesOf = (ref: string) =>
  t.sql<{ id: string; origin: string; value_usd: string; book_value_usd: string | null; balance_in_before: string | null; symbol_in: string; symbol_out: string }[]>`
    select id, origin, value_usd::text, book_value_usd::text, balance_in_before::text, symbol_in, symbol_out from verified_trades where source = 'paper' and source_ref = ${ref}`;
const fanoutsOf = (tradeId: string) => t.sql<{ key: string; payload: { tradeId: string } }[]>`select key, payload from jobs where queue = 'social.fanout' and payload->>'tradeId' = ${tradeId}`;

describe("recordNewTrades", () => {
  it("records a paper fill once, valued at its block, and enqueues exactly one fan-out even when recorders race", async () => {
    const f = await fill(leader, { tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 1_000n), source: "manual" });
    const counts = await Promise.all([records.recordNewTrades(t.db, new Date()), records.recordNewTrades(t.db, new Date())]);
    expect(counts[0]! + counts[1]!).toBe(1);
    expect(await records.recordNewTrades(t.db, new Date())).toBe(0);
    const rows = await tradesOf(f.id);
    expect(rows).toHaveLength(1);
    const trade = rows[0]!;
    expect(trade).toMatchObject({ origin: "manual", symbol_in: "USDC", symbol_out: "WETH", balance_in_before: units("USDC", 10_000n).toString() });
    // valueUsd = 1,000 USDC at the pools' USDC price of the fill's block.
    const atBlock = await prices.getLocalPrices(CHAIN_ID, { block: BigInt(f.block) });
    const px = (s: string) => atBlock.prices.find((p) => p.symbol === s)!.priceUsd;
    expect(Number(trade.value_usd)).toBeCloseTo(1_000 * px("USDC"), 4);
    expect(Number(trade.book_value_usd)).toBeCloseTo(10_000 * px("USDC") + px("WETH"), 3);
    const jobs = await fanoutsOf(trade.id);
    expect(jobs).toEqual([{ key: `social.fanout:${trade.id}`, payload: { tradeId: trade.id } }]);
  });

  it("reconstructs the balance before each of several fills", async () => {
    const a = await fill(leader, { tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 500n), source: "automation" });
    const b = await fill(leader, { tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 250n), source: "automation" });
    expect(await records.recordNewTrades(t.db, new Date())).toBe(2);
    expect((await tradesOf(a.id))[0]!.balance_in_before).toBe(units("USDC", 9_000n).toString());
    expect((await tradesOf(b.id))[0]!.balance_in_before).toBe(units("USDC", 8_500n).toString());
  });

  it("leaves the bots' fills to the bots service, and records copies without fanning them out", async () => {
    const bot = await fill(botUser, { tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 100n), source: "bot" });
    const copy = await fill(botUser, { tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 100n), source: "copy" });
    expect(await records.recordNewTrades(t.db, new Date())).toBe(1);
    expect(await tradesOf(bot.id)).toEqual([]);
    const [c] = await tradesOf(copy.id);
    expect(c).toMatchObject({ origin: "copy" });
    expect(await fanoutsOf(c!.id)).toEqual([]);
  });
});

describe("snapshotEquity", () => {
  const points = (userId: string) => t.sql<{ day: number; value_usd: string; flow_usd: string; holdings_usd: Record<string, number> }[]>`
    select day, value_usd::text, flow_usd::text, holdings_usd from trader_equity_daily where user_id = ${userId} order by day`;

  it("publishing takes a first point (its flow is its value); the throttle holds; a reset is a flow", async () => {
    const t0 = new Date(Date.now() - 120_000);
    expect(await records.snapshotEquity(t.db, t0)).toBe(0); // nobody public yet
    await profile.updateOwnProfile(t.db, leader, { displayName: "Leader", isPublic: true }, t0);
    let rows = await points(leader);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.day).toBe(dayOf(t0.getTime()));
    const v0 = Number(rows[0]!.value_usd);
    expect(v0).toBeGreaterThan(10_000);
    expect(Number(rows[0]!.flow_usd)).toBeCloseTo(v0, 6);
    expect(Object.keys(rows[0]!.holdings_usd).sort()).toEqual(["ETH", "USDC"]);

    // Within the throttle (60 s): nothing; after it: the point is rewritten, no new flow.
    expect(await records.snapshotEquity(t.db, new Date(t0.getTime() + 10_000))).toBe(0);
    expect(await records.snapshotEquity(t.db, new Date(t0.getTime() + 70_000))).toBe(1);
    rows = await points(leader);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.flow_usd)).toBeCloseTo(v0, 6);

    // A reset to 5,000 USDC: the change in value is a flow, so the day's return stays ~0.
    const before = Number(rows[0]!.value_usd);
    await paper.resetAccount(t.db, leader, { chainId: CHAIN_ID, balances: [{ token: token("USDC"), amount: units("USDC", 5_000n) }] });
    const t2 = new Date(Math.max(Date.now(), t0.getTime() + 131_000));
    expect(await records.snapshotEquity(t.db, t2)).toBe(1);
    rows = await points(leader);
    const last = rows.at(-1)!;
    const v2 = Number(last.value_usd);
    expect(v2).toBeGreaterThan(4_900);
    expect(v2).toBeLessThan(5_100);
    const flowToday = Number(last.flow_usd);
    if (rows.length === 1) expect(flowToday).toBeCloseTo(v0 + (v2 - before), 6);
    else expect(flowToday).toBeCloseTo(v2 - before, 6); // the test crossed midnight
    expect(Object.keys(last.holdings_usd)).toEqual(["USDC"]);
  });
});
