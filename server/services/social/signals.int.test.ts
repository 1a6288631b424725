// Signals end to end on a throwaway anvil with the real pools: publishing at market (validation,
// nothing written on refusal), a live signal resolving after a real swap moves the pool price
// past its target and the tick observes it, Lodestar's generated signals (once, deterministic),
// hit rates, and privacy (another user's private provider is NOT_FOUND).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { createWalletClient, erc20Abi, http, parseAbi, publicActions, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ZodError } from "zod";
import { DEPLOYER_KEY } from "@/contracts/deploy/tx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { follows, signals, traderProfiles } from "@/db/schema";
import { upsertTraderProfile } from "@/db/queries/social";
import { insertUser } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { hitRateByProvider } from "@/server/social/signal-outcomes";
import { feedProcedure, signalsRouter } from "@/server/api/routers/social-signals";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { startAnvil, type TestChain } from "@/test/anvil";
import type * as SignalsService from "./signals";
import type * as QuoteService from "../defi-quote";
import type * as Prices from "../prices";

const CHAIN_ID = 31337;
const PORT = testDatabaseKind() === "pglite" ? 29475 : 29476;
// The deployer owns the test tokens: it mints itself the USDC that moves the pools.
const TRADER = privateKeyToAccount(DEPLOYER_KEY);
const mintAbi = parseAbi(["function mint(address to, uint256 amount)"]);
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;
const NOW = new Date("2026-03-01T12:00:00.000Z");
const MIN = 60_000;
const DAY = 86_400_000;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let svc: typeof SignalsService;
let quotes: typeof QuoteService;
let prices: typeof Prices;
let alice: string; // public trader
let bob: string; // private trader
let carol: string; // no trader profile
let botId: string; // a bot's profile

const createCaller = createCallerFactory(createTRPCRouter({ social: createTRPCRouter({ signals: signalsRouter, feed: feedProcedure }) }));
let ip = 0;
const caller = (userId: string, now = NOW) =>
  createCaller({
    db: t.db,
    session: { user: { id: userId } },
    meta: { ip: `10.7.0.${++ip % 250}`, userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => now,
  });

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-signals-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  svc = await import("./signals");
  quotes = await import("../defi-quote");
  prices = await import("../prices");
  alice = (await insertUser(t.db, { email: "sig-alice@example.com", name: "Alice" }))!.id;
  bob = (await insertUser(t.db, { email: "sig-bob@example.com", name: "Bob" }))!.id;
  carol = (await insertUser(t.db, { email: "sig-carol@example.com", name: "Carol" }))!.id;
  botId = (await insertUser(t.db, { email: "sig-bot@example.com", name: "Bot" }))!.id;
  await upsertTraderProfile(t.db, { userId: alice, displayName: "Alice Trades", bio: "", isPublic: true, now: NOW });
  await upsertTraderProfile(t.db, { userId: bob, displayName: "Bob Private", bio: "", isPublic: false, now: NOW });
  await t.db.insert(traderProfiles).values({ userId: botId, displayName: "RSI Bot", isPublic: true, kind: "bot" });
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const ethPrice = async () => (await prices.getLocalPrices(CHAIN_ID)).prices.find((p) => p.symbol === "WETH")!.priceUsd;
const countSignals = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from signals`)[0]!.n;

async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

/** Buys WETH with USDC through the executor (the quote engine's best route) to push ETH up. */
async function buyEth(usdc: bigint) {
  const w = createWalletClient({ account: TRADER, transport: http(chain.url), pollingInterval: 50 }).extend(publicActions);
  const usdcAddr = registry.tokens.find((x) => x.symbol === "USDC")!.address as Address;
  const amountIn = usdc * 10n ** 6n;
  const mint = await w.writeContract({ address: usdcAddr, abi: mintAbi, functionName: "mint", args: [TRADER.address, amountIn], gas: 200_000n, chain: null });
  await w.waitForTransactionReceipt({ hash: mint, ...RECEIPT });
  const approve = await w.writeContract({ address: usdcAddr, abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, amountIn], gas: 120_000n, chain: null });
  await w.waitForTransactionReceipt({ hash: approve, ...RECEIPT });
  const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: usdcAddr, tokenOut: registry.weth as Address, amountIn, slippageBps: 500 }, { now: new Date() });
  const head = await w.getBlock({ blockTag: "latest" });
  const data = quotes.encodeExecutorSwap(quote, route!, TRADER.address, head.timestamp + 1_200n);
  const hash = await w.sendTransaction({ to: registry.executor as Address, data, value: 0n, gas: 3_000_000n, chain: null });
  expect((await w.waitForTransactionReceipt({ hash, ...RECEIPT })).status).toBe("success");
}

describe("publish: at market only", () => {
  it("refuses an entry more than 5 % from the pool price, naming the price, and writes nothing", async () => {
    const price = await ethPrice();
    const before = await countSignals();
    const err = await rejection(
      caller(alice).social.signals.publish({ asset: "ETH", direction: "long", entry: price * 0.9, targets: [price * 0.95], stop: price * 0.85, horizonDays: 7 }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("within 5 %");
    expect(err.message).toContain(Math.round(price).toLocaleString("en-US").slice(0, 3));
    expect(await countSignals()).toBe(before);
  });

  it("refuses bad levels with field issues (zod), and levels already passed at market", async () => {
    const price = await ethPrice();
    const err = await rejection(caller(alice).social.signals.publish({ asset: "ETH", direction: "long", entry: price, targets: [price * 0.99, price * 1.1], stop: price * 1.01, horizonDays: 7 }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.cause).toBeInstanceOf(ZodError);
    const paths = (err.cause as ZodError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["targets.0", "stop"]));
    // Entry 3 % below market with a first target below the market: it would be born resolved.
    const passed = await rejection(caller(alice).social.signals.publish({ asset: "ETH", direction: "long", entry: price * 0.97, targets: [price * 0.99], stop: price * 0.9, horizonDays: 7 }));
    expect(passed.code).toBe("BAD_REQUEST");
    expect(passed.message).toMatch(/first target is already reached/);
    // Entry 4 % above market with the stop above the market: born stopped.
    const passedStop = await rejection(caller(alice).social.signals.publish({ asset: "ETH", direction: "long", entry: price * 1.04, targets: [price * 1.1], stop: price * 1.01, horizonDays: 7 }));
    expect(passedStop.code).toBe("BAD_REQUEST");
    expect(passedStop.message).toMatch(/stop is already reached/);
    expect(await countSignals()).toBe(0);
  });

  it("requires a trader profile and an asset with a pool", async () => {
    const price = await ethPrice();
    const noProfile = await rejection(caller(carol).social.signals.publish({ asset: "ETH", direction: "long", entry: price, targets: [price * 1.1], stop: price * 0.9, horizonDays: 7 }));
    expect(noProfile.code).toBe("BAD_REQUEST");
    expect(noProfile.message).toMatch(/trader profile/);
    const unknown = await rejection(caller(alice).social.signals.publish({ asset: "DOGE", direction: "long", entry: 0.2, targets: [0.3], stop: 0.1, horizonDays: 7 }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(await countSignals()).toBe(0);
  });
});

describe("a live signal", () => {
  let id: string;

  it("is stored at market and tracked from publication; WETH is the ETH market", async () => {
    const price = await ethPrice();
    const dto = await caller(alice).social.signals.publish({ asset: "weth", direction: "long", entry: price, targets: [price * 1.002, price * 1.5], stop: price * 0.9, horizonDays: 7, rationale: "Breakout." });
    id = dto.id;
    expect(dto).toMatchObject({ asset: "ETH", basis: "live", status: "open", provider: { id: alice, name: "Alice Trades", kind: "person" }, lastPrice: price, publishedAt: NOW.toISOString() });
    expect(dto.expiresAt).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString());
    const [row] = await t.sql<{ chain_id: number; high_since: string; low_since: string }[]>`select chain_id, high_since, low_since from signals where id = ${id}`;
    expect(row).toMatchObject({ chain_id: CHAIN_ID });
    expect(Number(row!.high_since)).toBe(price);
    expect(Number(row!.low_since)).toBe(price);
    // Nothing moved: the tick writes nothing.
    expect(await svc.observeLiveSignals(t.db, new Date(NOW.getTime() + MIN))).toBe(0);
  });

  it("resolves to target_hit once a real swap moves the pool price past the target", async () => {
    const signal = await caller(alice).social.signals.get({ id });
    const target = signal.targets[0]!;
    for (let i = 0; i < 6 && (await ethPrice()) < target; i++) await buyEth(1_000_000n);
    const price = await ethPrice();
    expect(price).toBeGreaterThanOrEqual(target);
    expect(await svc.observeLiveSignals(t.db, new Date(NOW.getTime() + 2 * MIN))).toBe(1);
    const after = await caller(bob).social.signals.get({ id });
    expect(after).toMatchObject({ status: "target_hit", targetsReached: 1, resolvedPrice: target, resolvedAt: new Date(NOW.getTime() + 2 * MIN).toISOString(), lastPrice: price });
    expect(after.returns).toEqual({ d1: null, d7: null, d30: null });
    // Observed again at the same price: no write.
    expect(await svc.observeLiveSignals(t.db, new Date(NOW.getTime() + 3 * MIN))).toBe(0);
    // A day later the 1-day return is measured from the entry, though the signal resolved.
    expect(await svc.observeLiveSignals(t.db, new Date(NOW.getTime() + DAY))).toBe(1);
    const later = await caller(alice).social.signals.get({ id });
    expect(later.returns.d1).toBeCloseTo(price / signal.entry - 1, 10);
    expect(later.status).toBe("target_hit");
  });

  it("counts in the provider's hit rate", async () => {
    expect(await svc.providerHitRate(t.db, alice)).toEqual({ total: 1, resolved: 1, targetHits: 1, hitRate: 1 });
    expect(await svc.providerHitRate(t.db, carol)).toEqual({ total: 0, resolved: 0, targetHits: 0, hitRate: null });
  });

  it("an open signal expires at the first tick after its horizon", async () => {
    const price = await ethPrice();
    const dto = await caller(botId).social.signals.publish({ asset: "ETH", direction: "short", entry: price, targets: [price * 0.8], stop: price * 1.2, horizonDays: 1 });
    expect(dto.provider).toMatchObject({ kind: "bot", name: "RSI Bot" });
    await svc.observeLiveSignals(t.db, new Date(NOW.getTime() + DAY + 5 * MIN));
    const after = await caller(alice).social.signals.get({ id: dto.id });
    expect(after).toMatchObject({ status: "expired", resolvedAt: new Date(NOW.getTime() + DAY).toISOString(), resolvedPrice: price });
    expect(after.returns.d1).toBeCloseTo(0, 10);
  });
});

describe("privacy", () => {
  it("a private provider's signal is NOT_FOUND for another user, visible to its author", async () => {
    const price = await ethPrice();
    const own = await caller(bob).social.signals.publish({ asset: "ETH", direction: "long", entry: price, targets: [price * 1.2], stop: price * 0.8, horizonDays: 30 });
    expect(own.provider).toMatchObject({ id: bob, name: "Bob Private" });
    expect((await rejection(caller(alice).social.signals.get({ id: own.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(caller(alice).social.signals.get({ id: "no-such-signal" }))).code).toBe("NOT_FOUND");
    expect((await caller(bob).social.signals.get({ id: own.id })).id).toBe(own.id);
    const forAlice = await caller(alice).social.signals.list({ provider: "person" });
    expect(forAlice.items.map((s) => s.provider.id)).not.toContain(bob);
    expect(forAlice.hitRates.map((h) => h.providerId)).not.toContain(bob);
    const forBob = await caller(bob).social.signals.list({ provider: "person" });
    expect(forBob.items.map((s) => s.id)).toContain(own.id);
    // Even asking for Bob by id shows Alice nothing.
    expect((await caller(alice).social.signals.list({ providerId: bob })).items).toEqual([]);
  });
});

describe("generated signals", () => {
  let inserted = 0;

  it("are inserted once, quickly, and deterministically", async () => {
    const started = performance.now();
    inserted = await svc.ensureGeneratedSignals(t.db, NOW);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(10_000);
    expect(inserted).toBeGreaterThan(30);
    expect(await svc.ensureGeneratedSignals(t.db, new Date(NOW.getTime() + DAY))).toBe(0);
    const expected = (await Promise.all(svc.GENERATED_ASSETS.map((a) => svc.generatedSignalRows(a)))).flat();
    expect(expected.length).toBe(inserted);
    const rows = await t.sql<{ dedupe_key: string; status: string; rule: string; basis: string; provider_id: string | null; published_at: Date }[]>`
      select dedupe_key, status, rule, basis, provider_id, published_at from signals where provider_kind = 'generated' order by dedupe_key`;
    expect(rows.map((r) => `${r.dedupe_key}=${r.status}`)).toEqual(expected.map((r) => `${r.dedupeKey}=${r.status}`).sort());
    expect(rows.every((r) => r.basis === "history" && r.provider_id === null)).toBe(true);
    // The last year of the data (which ends 2025-06-30).
    const first = Math.min(...rows.map((r) => new Date(r.published_at).getTime()));
    expect(first).toBeGreaterThanOrEqual(Date.parse("2024-07-01T00:00:00Z"));
    expect(Math.max(...rows.map((r) => new Date(r.published_at).getTime()))).toBeLessThanOrEqual(Date.parse("2025-07-01T00:00:00Z"));
    const byRule = new Map<string, { total: number; statuses: Record<string, number> }>();
    for (const r of rows) {
      const e = byRule.get(r.rule) ?? { total: 0, statuses: {} };
      e.total++;
      e.statuses[r.status] = (e.statuses[r.status] ?? 0) + 1;
      byRule.set(r.rule, e);
    }
    // Pinned: the shipped candles (2024-07-01..2025-06-30 for ETH, BTC, SOL, LINK, UNI, AAVE).
    expect(Object.fromEntries([...byRule].map(([rule, e]) => [rule, e.total]))).toEqual({ bollinger: 136, macd: 188, rsi: 65 });
    expect(inserted).toBe(389);
    console.info("generated signals", inserted, JSON.stringify(Object.fromEntries(byRule)));
  });

  it("resolve at the level hit (target or stop) or the close at expiry", async () => {
    const rows = await t.db.select().from(signals).where(eqKind("generated"));
    for (const s of rows) {
      if (s.status === "target_hit") expect(Number(s.resolvedPrice)).toBeCloseTo(s.targets[0]!, 6);
      if (s.status === "stop_hit") expect(Number(s.resolvedPrice)).toBeCloseTo(Number(s.stop), 6);
      if (s.status !== "open") expect(s.resolvedAt).not.toBeNull();
      else expect(s.resolvedAt).toBeNull();
    }
  });

  it("list: newest first with a cursor, labelled per rule, with hit rates per rule", async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let lastAt = Infinity;
    for (let page = 0; page < 100; page++) {
      const res: Awaited<ReturnType<ReturnType<typeof caller>["social"]["signals"]["list"]>> = await caller(carol).social.signals.list({ provider: "generated", limit: 25, cursor });
      for (const s of res.items) {
        expect(s.provider.kind).toBe("generated");
        expect(s.provider.name).toMatch(/^Lodestar indicators · (RSI|MACD|Bollinger)$/);
        const at = Date.parse(s.publishedAt);
        expect(at).toBeLessThanOrEqual(lastAt);
        lastAt = at;
        all.push(s.id);
      }
      cursor = res.nextCursor;
      if (page === 0) {
        expect(res.hitRates.map((h) => h.name).sort()).toEqual(["Lodestar indicators · Bollinger", "Lodestar indicators · MACD", "Lodestar indicators · RSI"]);
        const statuses = await t.sql<{ rule: string; status: "open" | "target_hit" | "stop_hit" | "expired" }[]>`select rule, status from signals where provider_kind = 'generated'`;
        const expected = hitRateByProvider(statuses.map((s) => ({ providerId: s.rule, status: s.status })));
        for (const h of res.hitRates) {
          const e = expected.find((x) => h.name.endsWith({ rsi: "RSI", macd: "MACD", bollinger: "Bollinger" }[x.providerId]!))!;
          expect(h).toMatchObject({ providerId: null, kind: "generated", total: e.total, resolved: e.resolved, targetHits: e.targetHits, hitRate: e.hitRate });
        }
        console.info("generated hit rates", JSON.stringify(res.hitRates.map((h) => [h.name, h.total, h.resolved, h.targetHits, h.hitRate])));
      }
      if (!cursor) break;
    }
    expect(all.length).toBe(inserted);
    expect(new Set(all).size).toBe(inserted);
  });

  it("list filters: rule, asset, status, direction, basis, following", async () => {
    const rsi = await caller(carol).social.signals.list({ providerId: "generated:rsi", limit: 100 });
    expect(rsi.items.every((s) => s.rule === "rsi")).toBe(true);
    expect(rsi.hitRates).toHaveLength(1);
    const ethShortHits = await caller(carol).social.signals.list({ asset: "eth", status: "target_hit", direction: "short", basis: "history", limit: 100 });
    expect(ethShortHits.items.every((s) => s.asset === "ETH" && s.status === "target_hit" && s.direction === "short" && s.basis === "history")).toBe(true);
    const live = await caller(carol).social.signals.list({ basis: "live" });
    expect(live.items.map((s) => s.provider.id).sort()).toEqual([alice, botId].sort());
    // Carol follows Alice: 'following' shows Alice's signals only, and Alice's hit rate.
    await t.db.insert(follows).values({ followerId: carol, leaderId: alice });
    const following = await caller(carol).social.signals.list({ provider: "following" });
    expect(following.items.map((s) => s.provider.id)).toEqual([alice]);
    expect(following.hitRates).toEqual([{ providerId: alice, name: "Alice Trades", kind: "person", total: 1, resolved: 1, targetHits: 1, stopHits: 0, expired: 0, open: 0, hitRate: 1 }]);
    const bots = await caller(carol).social.signals.list({ provider: "bot" });
    expect(bots.items.map((s) => s.provider.id)).toEqual([botId]);
    expect((await rejection(caller(carol).social.signals.list({ cursor: "garbage" }))).code).toBe("BAD_REQUEST");
  });
});

const eqKind = (k: "generated" | "person" | "bot") => eq(signals.providerKind, k);
