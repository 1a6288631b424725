// Demo content for a fresh install, clearly labelled: the user is flagged is_demo and
// named "(demo)"; the UI shows a demo badge for it. Idempotent.
import { and, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { candles, portfolioAccounts, portfolios, portfolioTransactions, users } from "@/db/schema";

export const DEMO_USERS = [
  { email: "demo@lodestar.local", name: "Demo Trader (demo)", password: "lodestar-demo-2026" },
  { email: "demo2@lodestar.local", name: "Second Demo (demo)", password: "lodestar-demo-2026" },
] as const;

export async function seedDemo(db: Db, hashPassword: (p: string) => Promise<string>) {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, u.email));
    if (existing[0]) continue;
    const [row] = await db
      .insert(users)
      .values({ email: u.email, name: u.name, passwordHash: await hashPassword(u.password), isDemo: true })
      .returning({ id: users.id });
    if (!row) continue;
    await db.insert(portfolios).values({ userId: row.id, name: "Demo portfolio", costBasisMethod: "fifo" });
    created.push(u.email);
  }
  return created;
}

// The demo user's portfolio gets sample activity, labelled as demo in every note: a monthly DCA
// into BTC, ETH and SOL at each month's first daily close (real closes from the candles table),
// quarterly ETH staking rewards and one partial ETH sale. Runs once (skipped when the portfolio
// has transactions) and only after the market data is loaded.
const DCA: { asset: string; usd: number }[] = [
  { asset: "BTC", usd: 500 },
  { asset: "ETH", usd: 300 },
  { asset: "SOL", usd: 200 },
];

export async function seedDemoPortfolio(db: Db): Promise<number> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email));
  if (!user) return 0;
  const [portfolio] = await db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.userId, user.id));
  if (!portfolio) return 0;
  const existing = await db.select({ id: portfolioTransactions.id }).from(portfolioTransactions).where(eq(portfolioTransactions.portfolioId, portfolio.id)).limit(1);
  if (existing.length) return 0;
  const closes = new Map<string, string>();
  const rows = await db
    .select({ symbol: candles.symbol, time: candles.time, close: candles.close })
    .from(candles)
    .where(and(eq(candles.interval, "1d"), inArray(candles.symbol, DCA.map((d) => d.asset)), gte(candles.time, new Date("2023-07-01T00:00:00Z"))));
  for (const r of rows) closes.set(`${r.symbol}:${r.time.toISOString().slice(0, 10)}`, String(r.close));
  if (closes.size === 0) return 0;
  await db.insert(portfolioAccounts).values({ userId: user.id, portfolioId: portfolio.id, name: "Demo exchange" }).onConflictDoNothing();
  const [account] = await db.select({ id: portfolioAccounts.id }).from(portfolioAccounts).where(and(eq(portfolioAccounts.portfolioId, portfolio.id), eq(portfolioAccounts.name, "Demo exchange")));
  if (!account) return 0;
  const E18 = 10n ** 18n;
  const toE18 = (s: string) => {
    const [w = "0", f = ""] = s.split(".");
    return BigInt(w) * E18 + BigInt((f + "0".repeat(18)).slice(0, 18));
  };
  const values: (typeof portfolioTransactions.$inferInsert)[] = [];
  let ethHeld = 0n;
  const base = { portfolioId: portfolio.id, userId: user.id, accountId: account.id, source: "manual" as const };
  for (let m = 0; m < 24; m++) {
    const d = new Date(Date.UTC(2023, 6 + m, 1));
    const day = d.toISOString().slice(0, 10);
    for (const { asset, usd } of DCA) {
      const close = closes.get(`${asset}:${day}`);
      if (!close) continue;
      // Quantity = usd / close, rounded down to 18 decimals.
      const quantity = (BigInt(usd) * E18 * E18) / toE18(close);
      if (asset === "ETH") ethHeld += quantity;
      values.push({ ...base, type: "buy", asset, quantity, priceUsd: close, feeUsd: "0.50", occurredAt: d, note: "Demo: monthly DCA at the day's close", dedupKey: `demo:buy:${asset}:${day}` });
    }
    const ethClose = closes.get(`ETH:${day}`);
    if (m % 3 === 2 && ethClose) {
      values.push({ ...base, type: "income", incomeKind: "staking_reward", asset: "ETH", quantity: 10n ** 16n, priceUsd: ethClose, occurredAt: new Date(d.getTime() + 3_600_000), note: "Demo: staking reward", dedupKey: `demo:income:ETH:${day}` });
      ethHeld += 10n ** 16n;
    }
    if (day === "2025-03-01" && ethClose) {
      values.push({ ...base, type: "sell", asset: "ETH", quantity: ethHeld / 4n, priceUsd: ethClose, feeUsd: "1.00", occurredAt: new Date(d.getTime() + 7_200_000), note: "Demo: took some profit", dedupKey: `demo:sell:ETH:${day}` });
      ethHeld -= ethHeld / 4n;
    }
  }
  if (values.length) await db.insert(portfolioTransactions).values(values).onConflictDoNothing();
  return values.length;
}
