// Featured portfolios and "copy this allocation" through the tRPC router on PGlite/PostgreSQL:
// ranking (Sharpe, then followers), privacy (no values, private portfolios absent, delayed pages
// 24 h late), the copy's mapping to chain tokens (weights sum to 10,000) and NOT_FOUND for
// someone else's private portfolio. No chain: a registry file for 31337 gives the token list;
// the RPC URLs point at closed ports (vitest.config.ts), so prices come from the daily closes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { follows, traderProfiles } from "@/db/schema";
import { insertUser } from "@/db/queries/user";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import type { ChainRegistryInput } from "@/lib/web3/registry/schema";
import { callerFor, FIXED_NOW } from "@/test/trpc";

const DAY = 86_400_000;
const CHAIN = 31337;
const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const TOKENS = { WETH: addr(0xe1), USDC: addr(0xc1), USDT: addr(0xc2), WBTC: addr(0xb1), LINK: addr(0x11) };
const REGISTRY: ChainRegistryInput = {
  chainId: CHAIN,
  deployedAt: 1,
  weth: TOKENS.WETH,
  tokens: [
    { symbol: "WETH", name: "Wrapped Ether", address: TOKENS.WETH, decimals: 18, logo: "weth", category: "L1" },
    { symbol: "USDC", name: "USD Coin", address: TOKENS.USDC, decimals: 6, logo: "usdc", category: "stablecoin" },
    { symbol: "USDT", name: "Tether USD", address: TOKENS.USDT, decimals: 6, logo: "usdt", category: "stablecoin" },
    { symbol: "WBTC", name: "Wrapped BTC", address: TOKENS.WBTC, decimals: 8, logo: "wbtc", category: "L1" },
    { symbol: "LINK", name: "Chainlink", address: TOKENS.LINK, decimals: 18, logo: "link", category: "DeFi" },
  ],
  venues: [],
  pools: [],
};

let t: TestDatabase;
let dataDir: string;
let prevDataDir: string | undefined;
const u: Record<"steady" | "swingA" | "swingB" | "cash" | "secret" | "late" | "mixed" | "fan1" | "fan2", string> = {} as never;
const pid: Record<string, string> = {};
const caller = (userId: string | null) => callerFor(t.db, { userId, now: FIXED_NOW });

// 60 daily closes before FIXED_NOW. BTC climbs steadily (high Sharpe); ETH swings around a flat
// line (low Sharpe); LINK and DOGE are flat. Values in USD.
const START = Date.UTC(2025, 11, 31); // 60 days before 2026-03-01
const closes = {
  BTC: (i: number) => 50_000 * (1 + 0.004 * i + 0.002 * Math.sin(i)),
  ETH: (i: number) => 3_000 * (1 + 0.06 * Math.sin(i * 1.3)),
  LINK: () => 20,
  DOGE: () => 0.1,
};

async function seedCandles() {
  const rows = Object.entries(closes).flatMap(([symbol, f]) =>
    Array.from({ length: 60 }, (_, i) => `('${symbol}', '1d', '${new Date(START + i * DAY).toISOString()}', ${f(i)}, ${f(i)}, ${f(i)}, ${f(i)}, 1)`),
  );
  await t.sql.unsafe(`insert into candles (symbol, interval, time, open, high, low, close, volume) values ${rows.join(", ")} on conflict do nothing`);
}

async function portfolio(userId: string, name: string, buys: { asset: string; quantity: string; priceUsd: string; at?: Date }[], publish?: { slug: string; privacyMode: "values" | "percentages" | "delayed" }) {
  const c = caller(userId);
  const p = await c.portfolio.create({ name, costBasisMethod: "fifo" });
  for (const b of buys) {
    await c.portfolio.transactions.create({ portfolioId: p.id, account: "Exchange", type: "buy", asset: b.asset, quantity: b.quantity, priceUsd: b.priceUsd, occurredAt: b.at ?? new Date(START) });
  }
  if (publish) await c.portfolio.publish({ portfolioId: p.id, ...publish });
  pid[name] = p.id;
  return p.id;
}

beforeAll(async () => {
  t = await useTestDatabase();
  prevDataDir = process.env.LODESTAR_DATA_DIR;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-featured-"));
  process.env.LODESTAR_DATA_DIR = dataDir;
  fs.mkdirSync(path.join(dataDir, "registry"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, "registry", `${CHAIN}.json`), JSON.stringify(REGISTRY));
  await seedCandles();
  for (const k of Object.keys({ steady: 1, swingA: 1, swingB: 1, cash: 1, secret: 1, late: 1, mixed: 1, fan1: 1, fan2: 1 }) as (keyof typeof u)[]) {
    u[k] = (await insertUser(t.db, { email: `${k.toLowerCase()}@featured.test`, name: `User ${k}` }))!.id;
  }
  await t.db.insert(traderProfiles).values({ userId: u.steady, displayName: "Steady Eddie", isPublic: true });
  // swingA and swingB hold the same thing (equal Sharpe): swingB's owner has two followers.
  await t.db.insert(follows).values([
    { followerId: u.fan1, leaderId: u.swingB },
    { followerId: u.fan2, leaderId: u.swingB },
  ]);

  await portfolio(u.steady, "Steady BTC", [{ asset: "BTC", quantity: "1", priceUsd: "50000" }], { slug: "steady-btc", privacyMode: "values" });
  await portfolio(u.swingA, "Swing A", [{ asset: "ETH", quantity: "2", priceUsd: "3000" }], { slug: "swing-a", privacyMode: "percentages" });
  await portfolio(u.swingB, "Swing B", [{ asset: "ETH", quantity: "2", priceUsd: "3000" }], { slug: "swing-b", privacyMode: "percentages" });
  // Only stablecoins: no volatility, no Sharpe → ranked after the rest.
  await portfolio(u.cash, "Cash", [{ asset: "USDC", quantity: "1000", priceUsd: "1" }], { slug: "cash-only", privacyMode: "values" });
  await portfolio(u.secret, "Secret", [{ asset: "BTC", quantity: "3", priceUsd: "50000" }]);
  // Delayed: LINK was bought 2 hours ago, so the public (24 h late) allocation is still all ETH.
  await portfolio(
    u.late,
    "Late",
    [
      { asset: "ETH", quantity: "1", priceUsd: "3000" },
      { asset: "LINK", quantity: "150", priceUsd: "20", at: new Date(FIXED_NOW.getTime() - 2 * 3_600_000) },
    ],
    { slug: "late-page", privacyMode: "delayed" },
  );
  // BTC, ETH, USDT (→ USDC) and DOGE (not traded on the chain) for the copy's mapping.
  await portfolio(
    u.mixed,
    "Mixed",
    [
      { asset: "BTC", quantity: "1", priceUsd: "50000" },
      { asset: "ETH", quantity: "10", priceUsd: "3000" },
      { asset: "USDT", quantity: "9000", priceUsd: "1" },
      { asset: "DOGE", quantity: "100000", priceUsd: "0.1" },
    ],
    { slug: "mixed-bag", privacyMode: "percentages" },
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (prevDataDir === undefined) delete process.env.LODESTAR_DATA_DIR;
  else process.env.LODESTAR_DATA_DIR = prevDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("social.portfolios.featured", () => {
  it("ranks public portfolios by Sharpe, then followers; no Sharpe last; private ones absent", async () => {
    const { items } = await caller(null).social.portfolios.featured({ limit: 50 });
    const names = items.map((i) => i.name);
    expect(names).not.toContain("Secret");
    expect(new Set(names)).toEqual(new Set(["Steady BTC", "Swing A", "Swing B", "Cash", "Late", "Mixed"]));
    const steady = items.find((i) => i.name === "Steady BTC")!;
    const a = items.find((i) => i.name === "Swing A")!;
    const b = items.find((i) => i.name === "Swing B")!;
    // A steady climb beats a swing; equal Sharpe → the owner with more followers first.
    expect(steady.sharpe).not.toBeNull();
    expect(a.sharpe).not.toBeNull();
    expect(steady.sharpe!).toBeGreaterThan(a.sharpe!);
    expect(b.sharpe).toBeCloseTo(a.sharpe!, 10);
    expect(b.followers).toBe(2);
    expect(a.followers).toBe(0);
    expect(names.indexOf("Steady BTC")).toBeLessThan(names.indexOf("Swing B"));
    expect(names.indexOf("Swing B")).toBeLessThan(names.indexOf("Swing A"));
    expect(names.at(-1)).toBe("Cash");
    expect(items.at(-1)!.sharpe).toBeNull();
    for (let i = 1; i < items.length; i++) {
      const [p, c] = [items[i - 1]!, items[i]!];
      if (p.sharpe !== null && c.sharpe !== null) expect(p.sharpe).toBeGreaterThanOrEqual(c.sharpe);
      if (p.sharpe === null) expect(c.sharpe).toBeNull();
    }
    expect(steady.owner).toEqual({ id: u.steady, name: "Steady Eddie", kind: "person" });
    expect(a.owner.name).toBe("User swingA");
    expect(steady.slug).toBe("steady-btc");
    expect(steady.twr).toBeGreaterThan(0.2);
    expect(steady.days).toBeGreaterThan(30);
    expect(steady.allocation).toEqual([{ symbol: "BTC", weightBps: 10_000 }]);
  });

  it("publishes percentages only (never values), and delayed portfolios 24 h late", async () => {
    const { items } = await caller(null).social.portfolios.featured({ limit: 50 });
    for (const i of items) {
      expect(Object.keys(i).sort()).toEqual(["allocation", "days", "followers", "name", "owner", "portfolioId", "sharpe", "slug", "twr", "volatility"]);
      for (const s of i.allocation) expect(Object.keys(s).sort()).toEqual(["symbol", "weightBps"]);
    }
    // Not even the "values" page leaks a dollar figure or a quantity through this list.
    const json = JSON.stringify(items);
    expect(json).not.toMatch(/valueUsd|quantity|Usd"/);
    expect(items.find((i) => i.name === "Late")!.allocation).toEqual([{ symbol: "ETH", weightBps: 10_000 }]);
    const mixed = items.find((i) => i.name === "Mixed")!.allocation;
    expect(mixed.map((s) => s.symbol).sort()).toEqual(["BTC", "DOGE", "ETH", "USDT"]);
    // limit
    expect((await caller(null).social.portfolios.featured({ limit: 2 })).items.map((i) => i.name)).toEqual(items.slice(0, 2).map((i) => i.name));
  });
});

describe("social.portfolios.copyAllocation", () => {
  it("maps a public portfolio to the chain's tokens and scales the weights to exactly 10,000 bps", async () => {
    const r = await caller(u.fan1).social.portfolios.copyAllocation({ portfolioId: pid.Mixed!, chainId: CHAIN });
    expect(r.portfolioName).toBe("Mixed");
    expect(r.chainId).toBe(CHAIN);
    expect(r.targets.reduce((s, x) => s + x.weightBps, 0)).toBe(10_000);
    expect(r.targets.map((x) => x.symbol).sort()).toEqual(["USDC", "WBTC", "WETH"]);
    expect(r.targets.find((x) => x.symbol === "WETH")!.token).toBe(TOKENS.WETH);
    expect(r.targets.find((x) => x.symbol === "USDC")!.token).toBe(TOKENS.USDC);
    expect(r.unsupported.map((x) => x.symbol)).toEqual(["DOGE"]);
    // DOGE's weight is left out and the rest scaled up: each target ≥ its share in the portfolio.
    const pub = (await caller(null).social.portfolios.featured({ limit: 50 })).items.find((i) => i.name === "Mixed")!.allocation;
    const w = (s: string) => pub.find((x) => x.symbol === s)!.weightBps;
    expect(r.unsupported[0]!.weightBps).toBe(w("DOGE"));
    expect(r.targets.find((x) => x.symbol === "WBTC")!.weightBps).toBeGreaterThanOrEqual(w("BTC"));
    const scale = 10_000 / (10_000 - w("DOGE"));
    expect(Math.abs(r.targets.find((x) => x.symbol === "WETH")!.weightBps - w("ETH") * scale)).toBeLessThanOrEqual(2);
  });

  it("delayed: another user copies the 24-h-late allocation; the owner copies the live one", async () => {
    const other = await caller(u.fan2).social.portfolios.copyAllocation({ portfolioId: pid.Late!, chainId: CHAIN });
    expect(other.targets).toEqual([{ token: TOKENS.WETH, symbol: "WETH", weightBps: 10_000 }]);
    const own = await caller(u.late).social.portfolios.copyAllocation({ portfolioId: pid.Late!, chainId: CHAIN });
    expect(own.targets.map((x) => x.symbol).sort()).toEqual(["LINK", "WETH"]);
    expect(own.targets.reduce((s, x) => s + x.weightBps, 0)).toBe(10_000);
  });

  it("is NOT_FOUND for someone else's private portfolio, works for the owner's own", async () => {
    await expect(caller(u.fan1).social.portfolios.copyAllocation({ portfolioId: pid.Secret!, chainId: CHAIN })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(u.fan1).social.portfolios.copyAllocation({ portfolioId: "no-such-portfolio", chainId: CHAIN })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await caller(u.secret).social.portfolios.copyAllocation({ portfolioId: pid.Secret!, chainId: CHAIN });
    expect(own.targets).toEqual([{ token: TOKENS.WBTC, symbol: "WBTC", weightBps: 10_000 }]);
    // Signed out: protected.
    await expect(caller(null).social.portfolios.copyAllocation({ portfolioId: pid.Mixed!, chainId: CHAIN })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
