// The demo portfolio: sample DCA activity at real daily closes, labelled demo, seeded once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { seedDemo, seedDemoPortfolio } from "@/db/seed/demo";
import { seedMarket } from "@/db/seed/market";
import { callerFor, FIXED_NOW } from "@/test/trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  process.env.LODESTAR_DATA_DIR = "/nonexistent-lodestar-test-dir";
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("demo portfolio seed", () => {
  it("adds labelled DCA activity once, priced at the real closes, and the analytics run on it", async () => {
    await seedDemo(t.db, async () => "not-a-real-hash");
    expect(await seedDemoPortfolio(t.db)).toBe(0); // no market data yet: nothing to price it with
    await seedMarket(t.db);
    const n = await seedDemoPortfolio(t.db);
    expect(n).toBeGreaterThan(70);
    expect(await seedDemoPortfolio(t.db)).toBe(0);
    const notes = await t.sql`select distinct note from portfolio_transactions`;
    expect(notes.every((r) => String(r.note).startsWith("Demo:"))).toBe(true);
    // 2024-01-01 BTC buy: $500 at that day's close.
    const [btc] = await t.sql`select price_usd::text as price, quantity::text as qty from portfolio_transactions where asset = 'BTC' and occurred_at = '2024-01-01T00:00:00Z'`;
    const [close] = await t.sql`select close::text as close from candles where symbol = 'BTC' and interval = '1d' and time = '2024-01-01T00:00:00Z'`;
    expect(Number(btc!.price)).toBe(Number(close!.close));
    expect(Number(btc!.qty) / 1e18).toBeCloseTo(500 / Number(close!.close), 12);
    const [user] = await t.sql`select id from users where email = 'demo@lodestar.local'`;
    const caller = callerFor(t.db, { userId: String(user!.id), now: FIXED_NOW });
    const [p] = await caller.portfolio.list();
    const s = await caller.portfolio.summary({ portfolioId: p!.id });
    expect(Number(s.valueUsd)).toBeGreaterThan(0);
    expect(Number(s.incomeUsd)).toBeGreaterThan(0);
  });
});
