// The feed: a follower sees the verified trades (after each trader's delay) and signals of the
// public traders they follow, newest first, paginated with a stable cursor; never the trades of
// traders they don't follow or of private ones. Trades are on chain 1 so the public registry
// gives their decimals and categories without a local chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { follows, signals, traderProfiles, verifiedTrades } from "@/db/schema";
import { insertUser } from "@/db/queries/user";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import type { FeedItemDto } from "@/lib/schemas/social";
import { feedProcedure, signalsRouter } from "@/server/api/routers/social-signals";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { getFeed } from "./feed";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const MIN = 60_000;
const USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
const WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
const WBTC = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";

let t: TestDatabase;
let viewer: string;
let stranger: string;
let fast: string; // public, no delay, followed
let slow: string; // public, 60 min delay, followed
let other: string; // public, not followed
let hidden: string; // private, followed

const createCaller = createCallerFactory(createTRPCRouter({ social: createTRPCRouter({ signals: signalsRouter, feed: feedProcedure }) }));
const caller = (userId: string | null) =>
  createCaller({
    db: t.db,
    session: userId ? { user: { id: userId } } : null,
    meta: { ip: "10.8.0.1", userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => NOW,
  });

let n = 0;
async function trade(userId: string, minutesAgo: number, kind: "buy" | "sell" | "swap" = "buy") {
  const [tokenIn, symbolIn, tokenOut, symbolOut, amountIn, amountOut] =
    kind === "buy" ? [USDC, "USDC", WETH, "WETH", 2_500_000_000n, 10n ** 18n] : kind === "sell" ? [WETH, "WETH", USDC, "USDC", 10n ** 18n, 2_490_000_000n] : [WBTC, "WBTC", WETH, "WETH", 10_000_000n, 4n * 10n ** 17n];
  const [row] = await t.db
    .insert(verifiedTrades)
    .values({ userId, source: "paper", sourceRef: `fill-${++n}`, origin: "manual", chainId: 1, tokenIn, tokenOut, symbolIn, symbolOut, amountIn, amountOut, valueUsd: "2500.5", executedAt: new Date(NOW.getTime() - minutesAgo * MIN) })
    .returning();
  return row!;
}

async function signal(providerId: string, minutesAgo: number) {
  const at = new Date(NOW.getTime() - minutesAgo * MIN);
  const [row] = await t.db
    .insert(signals)
    .values({ providerId, providerKind: "person", asset: "ETH", chainId: 31337, direction: "long", entry: "2500", targets: [2600], stop: "2400", horizonDays: 7, basis: "live", publishedAt: at, expiresAt: new Date(at.getTime() + 7 * 86_400_000) })
    .returning();
  return row!;
}

const keyOf = (i: FeedItemDto) => (i.type === "trade" ? `trade:${i.trade.id}` : `signal:${i.signal.id}`);

beforeAll(async () => {
  t = await useTestDatabase();
  const user = async (name: string) => (await insertUser(t.db, { email: `feed-${name}@example.com`, name }))!.id;
  [viewer, stranger, fast, slow, other, hidden] = await Promise.all(["viewer", "stranger", "fast", "slow", "other", "hidden"].map(user)) as [string, string, string, string, string, string];
  await t.db.insert(traderProfiles).values([
    { userId: fast, displayName: "Fast Fay", isPublic: true },
    { userId: slow, displayName: "Slow Sam", isPublic: true, tradeDelayMinutes: 60 },
    { userId: other, displayName: "Other Olga", isPublic: true },
    { userId: hidden, displayName: "Hidden Hal", isPublic: false },
  ]);
  await t.db.insert(follows).values([fast, slow, hidden].map((leaderId) => ({ followerId: viewer, leaderId })));
});

afterAll(async () => {
  await t?.close();
});

describe("feed", () => {
  it("shows followed public traders' trades (after their delay) and signals, newest first, nothing else", async () => {
    const f1 = await trade(fast, 1, "buy");
    const f2 = await trade(fast, 30, "sell");
    const f3 = await trade(fast, 90, "swap");
    const s1 = await signal(fast, 10);
    await trade(slow, 59); // inside Sam's 60-minute delay: not yet
    const s2 = await trade(slow, 61);
    const sSig = await signal(slow, 5); // signals are not delayed
    await trade(other, 2);
    await signal(other, 3);
    await trade(hidden, 4);
    await signal(hidden, 6);

    const feed = await caller(viewer).social.feed({});
    expect(feed.following).toBe(3);
    expect(feed.nextCursor).toBeNull();
    expect(feed.items.map(keyOf)).toEqual([`trade:${f1.id}`, `signal:${sSig.id}`, `signal:${s1.id}`, `trade:${f2.id}`, `trade:${s2.id}`, `trade:${f3.id}`]);
    const first = feed.items[0]!;
    expect(first.type).toBe("trade");
    if (first.type === "trade") {
      expect(first.trader).toEqual({ id: fast, name: "Fast Fay", kind: "person" });
      expect(first.at).toBe(new Date(NOW.getTime() - MIN).toISOString());
      expect(first.trade).toMatchObject({ side: "buy", symbolIn: "USDC", symbolOut: "WETH", amountIn: "2500000000", amountOut: "1000000000000000000", decimalsIn: 6, decimalsOut: 18, valueUsd: 2500.5, chainId: 1, source: "paper", origin: "manual", block: null, txHash: null });
    }
    const sides = feed.items.flatMap((i) => (i.type === "trade" ? [i.trade.side] : []));
    expect(sides).toEqual(["buy", "sell", "buy", "swap"]);
    const sig = feed.items[1]!;
    if (sig.type === "signal") expect(sig.signal.provider).toMatchObject({ id: slow, name: "Slow Sam", kind: "person" });

    // An hour later Sam's 59-minute-old trade has passed his delay.
    expect((await getFeed(t.db, viewer, { limit: 40 }, new Date(NOW.getTime() + 2 * MIN))).items).toHaveLength(7);
  });

  it("a user who follows nobody sees nothing; signing in is required", async () => {
    expect(await caller(stranger).social.feed({})).toEqual({ items: [], nextCursor: null, following: 0 });
    await expect(caller(null).social.feed({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("pages with a stable cursor, also across a trade and a signal at the same instant", async () => {
    // Same millisecond for a trade and a signal: the id decides, the same way in SQL and in the merge.
    await trade(fast, 200);
    await signal(fast, 200);
    await signal(slow, 200);
    for (let i = 0; i < 5; i++) await trade(fast, 300 + i);
    const whole = (await getFeed(t.db, viewer, { limit: 100 }, NOW)).items.map(keyOf);
    expect(whole).toHaveLength(14);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res: Awaited<ReturnType<typeof getFeed>> = await getFeed(t.db, viewer, { limit, cursor }, NOW);
        expect(res.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.items.map(keyOf));
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      expect(seen, `limit ${limit}`).toEqual(whole);
    }
    // A new trade after the first page appears above the cursor, not in later pages.
    const page1 = await getFeed(t.db, viewer, { limit: 4 }, NOW);
    const fresh = await trade(fast, 0);
    const page2 = await getFeed(t.db, viewer, { limit: 100, cursor: page1.nextCursor }, NOW);
    expect([...page1.items, ...page2.items].map(keyOf)).toEqual(whole);
    expect((await getFeed(t.db, viewer, { limit: 1 }, NOW)).items.map(keyOf)).toEqual([`trade:${fresh.id}`]);
  });
});
