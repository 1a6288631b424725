// The leaderboard and trader pages over hand-built verified records (no chain): ranking by
// metric, the risk filter, the minimum record (unranked with what is missing), private profiles,
// delayed trades, bots' clock (their record ends with the shipped history), and a timing figure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertTraderProfile } from "@/db/queries/social";
import { insertUser } from "@/db/queries/user";
import { traderEquityDaily, traderProfiles, verifiedTrades } from "@/db/schema";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { profileRouter, tradersRouter } from "@/server/api/routers/social-traders";
import { dayFromIso, dayOf, MS_PER_DAY } from "@/server/portfolio/types";
import { topTraders } from "./leaderboard";

const createCaller = createCallerFactory(createTRPCRouter({ social: createTRPCRouter({ profile: profileRouter, traders: tradersRouter }) }));
const NOW = new Date("2026-03-01T12:00:00.000Z");
const TODAY = dayOf(NOW.getTime());
const callerFor = (db: TestDatabase["db"], userId: string | null) =>
  createCaller({
    db,
    session: userId ? { user: { id: userId } } : null,
    meta: { ip: "10.7.0.1", userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => NOW,
  });

const USDC = "0x00000000000000000000000000000000000000c1";
const WETH = "0x00000000000000000000000000000000000000e1";

let t: TestDatabase;
const ids: Record<string, string> = {};

async function person(key: string, opts: { isPublic: boolean; delay?: number }) {
  const id = (await insertUser(t.db, { email: `lb-${key}@example.com`, name: key }))!.id;
  ids[key] = id;
  await upsertTraderProfile(t.db, { userId: id, displayName: `Trader ${key}`, bio: "", isPublic: opts.isPublic, tradeDelayMinutes: opts.delay ?? 0, now: NOW });
  return id;
}

/** Daily closes ending on `lastDay`, from `values` (the first point's flow is its value). */
async function equity(userId: string, lastDay: number, values: number[], ethShare: number) {
  await t.db.insert(traderEquityDaily).values(
    values.map((v, i) => ({
      userId,
      day: lastDay - (values.length - 1 - i),
      valueUsd: v.toFixed(6),
      flowUsd: (i === 0 ? v : 0).toFixed(6),
      holdingsUsd: { ETH: v * ethShare, USDC: v * (1 - ethShare) },
    })),
  );
}

/** `n` alternating buys and sells, one a day, the last at `lastAt`. */
async function trades(userId: string, n: number, lastAt: Date) {
  await t.db.insert(verifiedTrades).values(
    Array.from({ length: n }, (_, i) => {
      const buy = i % 2 === 0;
      return {
        userId,
        source: "paper" as const,
        sourceRef: `${userId}-${i}`,
        origin: "manual",
        chainId: 31337,
        tokenIn: buy ? USDC : WETH,
        tokenOut: buy ? WETH : USDC,
        symbolIn: buy ? "USDC" : "WETH",
        symbolOut: buy ? "WETH" : "USDC",
        amountIn: buy ? 1_000_000_000n : 500_000_000_000_000_000n,
        amountOut: buy ? 500_000_000_000_000_000n : 1_050_000_000n,
        valueUsd: buy ? "1000" : "1050",
        executedAt: new Date(lastAt.getTime() - (n - 1 - i) * MS_PER_DAY),
      };
    }),
  );
}

const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
function swings(n: number): number[] {
  const out = [10_000];
  for (let i = 1; i < n; i++) out.push(out[i - 1]! * (i % 2 === 1 ? 1.1 : 0.92));
  return out;
}

beforeAll(async () => {
  t = await useTestDatabase();
  delete process.env.SOCIAL_MIN_RECORD_DAYS;
  delete process.env.SOCIAL_MIN_RECORD_TRADES;
  // steady: +0.2 % a day for 60 days, half in ETH: low volatility, no drawdown.
  await equity(await person("steady", { isPublic: true, delay: 60 }), TODAY, series(60, (i) => 10_000 * 1.002 ** i), 0.5);
  await trades(ids.steady!, 12, new Date(NOW.getTime() - 10 * 60_000));
  // swingy: +10 % / −8 % alternating, all in ETH: a higher TWR, a deep drawdown, risky.
  await equity(await person("swingy", { isPublic: true }), TODAY, swings(60), 1);
  await trades(ids.swingy!, 14, new Date(NOW.getTime() - 2 * MS_PER_DAY));
  // newbie: 10 days (9 days of record), 3 trades: listed apart with what is missing.
  await equity(await person("newbie", { isPublic: true }), TODAY, series(10, (i) => 5_000 + 10 * i), 0.3);
  await trades(ids.newbie!, 3, new Date(NOW.getTime() - MS_PER_DAY));
  // hidden: a fine record, but private.
  await equity(await person("hidden", { isPublic: false }), TODAY, series(60, (i) => 10_000 * 1.003 ** i), 0.5);
  await trades(ids.hidden!, 12, new Date(NOW.getTime() - MS_PER_DAY));
  // a bot whose record ends with the shipped history (2025-06-30).
  const botId = (await insertUser(t.db, { email: null, name: "SMA bot" }))!.id;
  ids.bot = botId;
  await t.db.insert(traderProfiles).values({ userId: botId, displayName: "SMA crossover (bot)", isPublic: true, kind: "bot", botStrategy: "sma-crossover" });
  await equity(botId, dayFromIso("2025-06-30"), series(200, (i) => 10_000 * 1.001 ** i), 0.7);
  await trades(botId, 20, new Date("2025-06-29T00:00:00Z"));
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("traders.top", () => {
  it("ranks eligible public traders by the chosen metric, and lists the short records apart", async () => {
    const board = await callerFor(t.db, null).social.traders.top({ window: "30d", sort: "twr" });
    expect(board.requirements).toEqual({ minDays: 30, minTrades: 10 });
    const twrs = board.entries.map((e) => e.metrics.twr!);
    expect([...twrs].sort((a, b) => b - a)).toEqual(twrs);
    expect(board.entries.map((e) => e.id).sort()).toEqual([ids.steady, ids.swingy, ids.bot].sort());
    expect(board.unranked.map((e) => e.id)).toEqual([ids.newbie]);
    expect(board.unranked[0]).toMatchObject({ eligible: false, recordDays: 9, totalTrades: 3, missing: ["21 more days", "7 more verified trades"] });
    // Nobody private appears anywhere.
    expect([...board.entries, ...board.unranked].some((e) => e.id === ids.hidden)).toBe(false);
  });

  it("sorts drawdown smallest first by default, and `order` reverses it", async () => {
    const asc = await callerFor(t.db, null).social.traders.top({ window: "30d", sort: "maxDrawdown" });
    const dd = asc.entries.map((e) => e.metrics.maxDrawdown!);
    expect([...dd].sort((a, b) => a - b)).toEqual(dd);
    expect(asc.entries[0]!.metrics.maxDrawdown).toBe(0);
    expect(asc.entries.at(-1)!.id).toBe(ids.swingy);
    const desc = await callerFor(t.db, null).social.traders.top({ window: "30d", sort: "maxDrawdown", order: "desc" });
    expect(desc.entries[0]!.id).toBe(ids.swingy);
  });

  it("filters by risk score, which does not depend on the window shown", async () => {
    const all = await topTraders(t.db, { window: "7d" }, null, NOW);
    const year = await topTraders(t.db, { window: "365d" }, null, NOW);
    const score = (b: typeof all, id: string) => b.entries.find((e) => e.id === id)!.riskScore;
    expect(score(all, ids.steady!)).toBe(score(year, ids.steady!));
    expect(score(all, ids.steady!)).toBeLessThan(score(all, ids.swingy!));
    const calm = await callerFor(t.db, null).social.traders.top({ riskMax: score(all, ids.steady!) });
    expect(calm.entries.map((e) => e.id)).toContain(ids.steady);
    expect(calm.entries.map((e) => e.id)).not.toContain(ids.swingy);
    const wild = await callerFor(t.db, null).social.traders.top({ riskMin: score(all, ids.swingy!) });
    expect(wild.entries.map((e) => e.id)).toEqual([ids.swingy]);
    await expect(callerFor(t.db, null).social.traders.top({ riskMin: 8, riskMax: 3 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("filters by kind; a bot's record is read as of the end of its history", async () => {
    const bots = await callerFor(t.db, null).social.traders.top({ kind: "bot", window: "30d" });
    expect(bots.entries.map((e) => e.id)).toEqual([ids.bot]);
    const bot = bots.entries[0]!;
    expect(bot).toMatchObject({ kind: "bot", asOf: "2025-06-30", botStrategy: "sma-crossover", recordDays: 199, totalTrades: 20 });
    // The 30-day window of the bot ends on 2025-06-30, not today: 30 days of +0.1 %.
    expect(bot.metrics.days).toBe(30);
    expect(bot.metrics.twr).toBeCloseTo(1.001 ** 30 - 1, 9);
    expect(bot.sparkline).toHaveLength(31);
    expect(bot.sparkline[0]).toBe(1);
    const persons = await callerFor(t.db, null).social.traders.top({ kind: "person" });
    expect(persons.entries.every((e) => e.kind === "person")).toBe(true);
  });

  it("is fast enough: ~10 traders × 365 days", async () => {
    for (let k = 0; k < 10; k++) {
      const id = await person(`bulk${k}`, { isPublic: true });
      await equity(id, TODAY - 1, series(365, (i) => 10_000 * (1 + 0.01 * Math.sin(i / (3 + k)))), 0.6);
      await trades(id, 40, new Date(NOW.getTime() - 3 * MS_PER_DAY));
    }
    await topTraders(t.db, { window: "90d" }, null, NOW);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const runs = 5;
    for (let i = 0; i < runs; i++) await topTraders(t.db, { window: "90d", sort: "sharpe" }, null, NOW);
    const ms = (performance.now() - started) / runs;
    // CPU time of this process (which also runs the PGlite database): less noisy than wall time on a busy machine.
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000 / runs;
    console.info(`traders.top over ${(await topTraders(t.db, {}, null, NOW)).entries.length} ranked traders: ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU per call`);
    expect(ms).toBeLessThan(1_500);
  });
});

describe("traders.get and traders.trades", () => {
  it("a private profile is NOT_FOUND for others and visible to its owner", async () => {
    await expect(callerFor(t.db, ids.steady!).social.traders.get({ id: ids.hidden! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, null).social.traders.get({ id: ids.hidden! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, null).social.traders.trades({ id: ids.hidden! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, null).social.traders.get({ id: "no-such-trader" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await callerFor(t.db, ids.hidden!).social.traders.get({ id: ids.hidden! });
    expect(own).toMatchObject({ isSelf: true, delayMinutes: 0 });
    expect(own.recentTrades).toHaveLength(12);
  });

  it("others see the trades only after the trader's delay; the trader sees them all", async () => {
    const other = await callerFor(t.db, ids.swingy!).social.traders.get({ id: ids.steady! });
    expect(other).toMatchObject({ isSelf: false, delayMinutes: 60, following: false, copy: null });
    // The last trade was 10 minutes ago, inside the 60-minute delay.
    expect(other.recentTrades).toHaveLength(11);
    const self = await callerFor(t.db, ids.steady!).social.traders.get({ id: ids.steady! });
    expect(self.recentTrades).toHaveLength(12);
    expect(self.recentTrades[0]!.executedAt).toBe(new Date(NOW.getTime() - 10 * 60_000).toISOString());
    expect(self.recentTrades.map((r) => r.side).slice(0, 2).sort()).toEqual(["buy", "sell"]);

    const page1 = await callerFor(t.db, null).social.traders.trades({ id: ids.steady!, limit: 5 });
    expect(page1.items).toHaveLength(5);
    const page2 = await callerFor(t.db, null).social.traders.trades({ id: ids.steady!, limit: 5, cursor: page1.nextCursor });
    const page3 = await callerFor(t.db, null).social.traders.trades({ id: ids.steady!, limit: 5, cursor: page2.nextCursor });
    expect([...page1.items, ...page2.items, ...page3.items].map((x) => x.id)).toEqual(other.recentTrades.map((x) => x.id));
    expect(page3.nextCursor).toBeNull();
  });

  it("has every window, the equity curve with its TWR index, and the signals' hit rate", async () => {
    const d = await callerFor(t.db, null).social.traders.get({ id: ids.steady! });
    expect(Object.keys(d.windows).sort()).toEqual(["30d", "365d", "7d", "90d", "all"]);
    expect(d.windows["7d"].twr).toBeCloseTo(1.002 ** 7 - 1, 9);
    expect(d.windows.all.days).toBe(59);
    expect(d.equity).toHaveLength(60);
    expect(d.equity[0]!.index).toBe(1);
    expect(d.equity.at(-1)!.index).toBeCloseTo(1.002 ** 59, 9);
    expect(d.signals).toEqual({ total: 0, resolved: 0, targetHits: 0, hitRate: null });
  });
});
