// Signals: traders' published signals (tracked live on the local chain's pool prices), Lodestar's
// generated indicator signals (tracked on the shipped daily candles), listing with hit rates.
//
// Anti-gaming: a published signal is AT MARKET. Its entry must be within 5 % of the current pool
// price, its first target and stop on either side of that price (no signal born already
// resolved), and it is tracked from the moment of publication (no back-dating). Hit rates count
// every signal a provider ever published (resolved ones), not a chosen subset.
import type { z } from "zod";
import type { Db } from "@/db/client";
import {
  findSignalWithProvider,
  insertSignal,
  insertSignalsSkippingDuplicates,
  listFilteredProviders,
  listLiveSignalsToObserve,
  listProviderStatuses,
  listSignals as listSignalRows,
  updateSignalObservation,
  type NewSignalRow,
  type SignalFilter,
  type SignalRow,
  type SignalWithProvider,
  type TimeCursor,
} from "@/db/queries/social-signals";
import { findTraderProfile } from "@/db/queries/social";
import { localChainA } from "@/lib/web3/chains";
import { signalsListInput, type ProviderHitRateDto, type publishSignalSchema, type SignalDto, type SignalsPageDto } from "@/lib/schemas/social";
import { DomainError, ErrorKind } from "@/server/errors";
import { logger } from "@/server/logger";
import { MS_PER_DAY } from "@/server/portfolio/types";
import { getLocalPrices, marketSymbolOf } from "@/server/services/prices";
import { loadDailyCandles } from "@/server/services/market";
import type { Candle } from "@/server/social/indicators";
import { evaluateSignalOutcome, hitRateByProvider, type SignalStatus } from "@/server/social/signal-outcomes";
import { liveSignalChanged, observeSignal, type LiveSignalState } from "@/server/social/signal-live";
import { generateSignals, type GeneratedSignal } from "@/server/social/signals";

/** Live signals are published and tracked on the default local chain. */
export const SIGNALS_CHAIN_ID: number = localChainA.id;
/** How far from the current pool price an entry may be (5 %). */
export const MAX_ENTRY_DEVIATION = 0.05;
export const GENERATED_ASSETS = ["ETH", "BTC", "SOL", "LINK", "UNI", "AAVE"] as const;
/** Generated signals cover the last year of the shipped daily history. */
export const GENERATED_LOOKBACK_DAYS = 365;
const RULE_LABEL: Record<string, string> = { rsi: "RSI", macd: "MACD", bollinger: "Bollinger" };

export const generatedProviderName = (rule: string | null) => `Lodestar indicators · ${RULE_LABEL[rule ?? ""] ?? rule ?? "indicators"}`;

// ---------------------------------------------------------------- mapping

const usd = (x: number) => String(x);
const num = (s: string | null): number | null => (s === null ? null : Number(s));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSignalDto({ signal: s, providerName }: Pick<SignalWithProvider, "signal" | "providerName">): SignalDto {
  return {
    id: s.id,
    provider: { id: s.providerId, name: s.providerKind === "generated" ? generatedProviderName(s.rule) : (providerName ?? "Unknown trader"), kind: s.providerKind },
    rule: s.rule,
    asset: s.asset,
    direction: s.direction === "short" ? "short" : "long",
    entry: Number(s.entry),
    targets: s.targets,
    stop: Number(s.stop),
    horizonDays: s.horizonDays,
    rationale: s.rationale,
    basis: s.basis === "history" ? "history" : "live",
    publishedAt: s.publishedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    status: s.status,
    targetsReached: s.targetsReached,
    resolvedAt: iso(s.resolvedAt),
    resolvedPrice: num(s.resolvedPrice),
    returns: { d1: s.return1d, d7: s.return7d, d30: s.return30d },
    lastPrice: num(s.lastPrice),
    lastObservedAt: iso(s.lastObservedAt),
  };
}

/** Keyset cursor `<epoch ms>:<id>`; a malformed one is a bad request. */
export function encodeCursor(c: TimeCursor): string {
  return `${c.atMs}:${c.id}`;
}
export function decodeCursor(cursor: string | null | undefined): TimeCursor | null {
  if (!cursor) return null;
  const m = /^(\d{1,15}):(.{1,100})$/.exec(cursor);
  if (!m) throw new DomainError("social.BAD_CURSOR", ErrorKind.invalid, "This page link is no longer valid; reload the list.");
  return { atMs: Number(m[1]), id: m[2]! };
}

// ---------------------------------------------------------------- publish

type PublishInput = z.output<typeof publishSignalSchema>;

/** The current pool price of a market symbol (ETH, BTC…) on a local chain, or null. */
async function poolPriceOf(chainId: number, asset: string): Promise<number | null> {
  let local: Awaited<ReturnType<typeof getLocalPrices>>;
  try {
    local = await getLocalPrices(chainId);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError("social.PRICES_UNAVAILABLE", ErrorKind.unavailable, "Market prices are unavailable right now; try again in a moment.", { cause: err });
  }
  return priceMapOf(local.prices).get(asset) ?? null;
}

function priceMapOf(prices: readonly { symbol: string; priceUsd: number; depthUsd: number }[]): Map<string, number> {
  // Deepest pool wins when two tokens share a market symbol.
  const best = new Map<string, { price: number; depth: number }>();
  for (const p of prices) {
    const key = marketSymbolOf(p.symbol).toUpperCase();
    const cur = best.get(key);
    if (p.priceUsd > 0 && (!cur || p.depthUsd > cur.depth)) best.set(key, { price: p.priceUsd, depth: p.depthUsd });
  }
  return new Map([...best].map(([k, v]) => [k, v.price]));
}

const fmtUsd = (x: number) => `$${x.toLocaleString("en-US", { maximumSignificantDigits: 6 })}`;

export async function publishSignal(db: Db, userId: string, input: PublishInput, now: Date): Promise<SignalDto> {
  const profile = await findTraderProfile(db, userId);
  if (!profile) throw new DomainError("social.NO_PROFILE", ErrorKind.invalid, "Create your trader profile before publishing signals.");
  const asset = marketSymbolOf(input.asset.trim().toUpperCase());
  const chainId = SIGNALS_CHAIN_ID;
  const price = await poolPriceOf(chainId, asset);
  if (price === null) throw new DomainError("social.UNKNOWN_ASSET", ErrorKind.invalid, `${input.asset} has no market on this chain; choose another asset.`);
  if (Math.abs(input.entry - price) > MAX_ENTRY_DEVIATION * price) {
    throw new DomainError("social.ENTRY_OFF_MARKET", ErrorKind.invalid, `Signals are published at market: the entry must be within 5 % of the current ${asset} price, ${fmtUsd(price)}.`);
  }
  const long = input.direction === "long";
  const first = input.targets[0]!;
  if (long ? first <= price : first >= price) {
    throw new DomainError("social.TARGET_PASSED", ErrorKind.invalid, `The first target is already reached at the current ${asset} price, ${fmtUsd(price)}.`);
  }
  if (long ? input.stop >= price : input.stop <= price) {
    throw new DomainError("social.STOP_PASSED", ErrorKind.invalid, `The stop is already reached at the current ${asset} price, ${fmtUsd(price)}.`);
  }
  const row = await insertSignal(db, {
    providerId: userId,
    providerKind: profile.kind,
    rule: null,
    asset,
    chainId,
    direction: input.direction,
    entry: usd(input.entry),
    targets: input.targets,
    stop: usd(input.stop),
    horizonDays: input.horizonDays,
    rationale: input.rationale,
    basis: "live",
    publishedAt: now,
    expiresAt: new Date(now.getTime() + input.horizonDays * MS_PER_DAY),
    status: "open",
    lastPrice: usd(price),
    highSince: usd(price),
    lowSince: usd(price),
    lastObservedAt: now,
    createdAt: now,
  });
  return toSignalDto({ signal: row, providerName: profile.displayName });
}

// ---------------------------------------------------------------- read

/** One signal; another provider's signal is visible only when the provider is public (or generated). */
export async function getSignal(db: Db, viewerId: string, id: string): Promise<SignalDto> {
  const row = await findSignalWithProvider(db, id);
  const visible = row && (row.signal.providerKind === "generated" || row.providerPublic === true || row.signal.providerId === viewerId);
  if (!row || !visible) throw new DomainError("social.NOT_FOUND", ErrorKind.notFound, "This signal does not exist or is not public.");
  return toSignalDto(row);
}

type ListInput = z.output<typeof signalsListInput>;

function filterOf(viewerId: string, input: ListInput): SignalFilter {
  const f: SignalFilter = { viewerId };
  if (input.provider === "following") f.followedBy = viewerId;
  else if (input.provider !== "all") f.providerKind = input.provider;
  // A generated provider has no user id; "generated:<rule>" selects one rule's signals.
  const gen = input.providerId ? /^generated:(\w+)$/.exec(input.providerId) : null;
  if (gen) Object.assign(f, { providerKind: "generated", rule: gen[1] });
  else if (input.providerId) f.providerId = input.providerId;
  if (input.asset) f.asset = marketSymbolOf(input.asset.toUpperCase());
  if (input.status !== "all") f.status = input.status;
  if (input.direction !== "all") f.direction = input.direction;
  if (input.basis !== "all") f.basis = input.basis;
  return f;
}

const keyOf = (r: { providerId: string | null; providerKind: string; rule: string | null }) => (r.providerKind === "generated" ? `generated:${r.rule ?? ""}` : (r.providerId ?? ""));

/** Hit rates of the providers (generated: per rule) behind the filter, over all their signals. */
async function hitRatesFor(db: Db, f: SignalFilter): Promise<ProviderHitRateDto[]> {
  const providers = await listFilteredProviders(db, f);
  const ids = providers.flatMap((p) => (p.providerKind !== "generated" && p.providerId ? [p.providerId] : []));
  const rules = providers.flatMap((p) => (p.providerKind === "generated" && p.rule ? [p.rule] : []));
  const statuses = await listProviderStatuses(db, ids, rules);
  const meta = new Map(providers.map((p) => [keyOf(p), p]));
  return hitRateByProvider(statuses.map((s) => ({ providerId: keyOf(s), status: s.status as SignalStatus })))
    .flatMap((h) => {
      const p = meta.get(h.providerId);
      if (!p) return [];
      const generated = p.providerKind === "generated";
      const { providerId: _key, ...counts } = h;
      return [{ ...counts, providerId: generated ? null : p.providerId, name: generated ? generatedProviderName(p.rule) : (p.name ?? "Unknown trader"), kind: p.providerKind }];
    })
    .sort((a, b) => (b.hitRate ?? -1) - (a.hitRate ?? -1) || b.total - a.total || a.name.localeCompare(b.name));
}

export async function listSignals(db: Db, viewerId: string, raw: z.input<typeof signalsListInput>): Promise<SignalsPageDto> {
  const input = signalsListInput.parse(raw);
  const f = filterOf(viewerId, input);
  const rows = await listSignalRows(db, f, { limit: input.limit + 1, cursor: decodeCursor(input.cursor) });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last ? encodeCursor({ atMs: last.signal.publishedAt.getTime(), id: last.signal.id }) : null;
  return { items: page.map(toSignalDto), nextCursor, hitRates: await hitRatesFor(db, f) };
}

/** A provider's hit rate over all their signals (the leaderboard and profile). */
export async function providerHitRate(db: Db, providerId: string): Promise<{ total: number; resolved: number; targetHits: number; hitRate: number | null }> {
  const statuses = await listProviderStatuses(db, [providerId], []);
  const h = hitRateByProvider(statuses.map((s) => ({ providerId, status: s.status as SignalStatus })))[0];
  return h ? { total: h.total, resolved: h.resolved, targetHits: h.targetHits, hitRate: h.hitRate } : { total: 0, resolved: 0, targetHits: 0, hitRate: null };
}

// ---------------------------------------------------------------- live tracking

function liveStateOf(s: SignalRow): LiveSignalState {
  return {
    direction: s.direction === "short" ? "short" : "long",
    entry: Number(s.entry),
    targets: s.targets,
    stop: Number(s.stop),
    publishedAtMs: s.publishedAt.getTime(),
    expiresAtMs: s.expiresAt.getTime(),
    status: s.status,
    targetsReached: s.targetsReached,
    resolvedAtMs: s.resolvedAt?.getTime() ?? null,
    resolvedPrice: num(s.resolvedPrice),
    lastPrice: num(s.lastPrice),
    highSince: num(s.highSince),
    lowSince: num(s.lowSince),
    lastObservedAtMs: s.lastObservedAt?.getTime() ?? null,
    returns: { d1: s.return1d, d7: s.return7d, d30: s.return30d },
  };
}

const usdOrNull = (x: number | null) => (x === null ? null : usd(x));

function patchOf(s: LiveSignalState): Partial<NewSignalRow> {
  return {
    status: s.status,
    targetsReached: s.targetsReached,
    resolvedAt: s.resolvedAtMs === null ? null : new Date(s.resolvedAtMs),
    resolvedPrice: usdOrNull(s.resolvedPrice),
    lastPrice: usdOrNull(s.lastPrice),
    highSince: usdOrNull(s.highSince),
    lowSince: usdOrNull(s.lowSince),
    lastObservedAt: s.lastObservedAtMs === null ? null : new Date(s.lastObservedAtMs),
    return1d: s.returns.d1,
    return7d: s.returns.d7,
    return30d: s.returns.d30,
  };
}

/** Observes the pool price of every watched live signal's asset (one read per chain); returns how many rows changed. */
export async function observeLiveSignals(db: Db, now: Date): Promise<number> {
  const rows = await listLiveSignalsToObserve(db);
  const byChain = new Map<number, SignalRow[]>();
  for (const r of rows) if (r.chainId !== null) byChain.set(r.chainId, [...(byChain.get(r.chainId) ?? []), r]);
  let changed = 0;
  for (const [chainId, list] of byChain) {
    let prices: Map<string, number>;
    try {
      prices = priceMapOf((await getLocalPrices(chainId)).prices);
    } catch (err) {
      logger.warn({ err, chainId }, "live signals: no prices");
      continue;
    }
    for (const row of list) {
      const price = prices.get(row.asset.toUpperCase());
      if (price === undefined) continue;
      const before = liveStateOf(row);
      const after = observeSignal(before, { price, atMs: now.getTime() });
      if (!liveSignalChanged(before, after)) continue;
      await updateSignalObservation(db, row.id, patchOf(after));
      changed++;
    }
  }
  return changed;
}

// ---------------------------------------------------------------- generated (history)

const dayMs = (time: string) => Date.parse(time.length === 10 ? `${time}T00:00:00Z` : time);

function generatedRow(g: GeneratedSignal, candles: readonly Candle[], endMs: number): NewSignalRow {
  const o = evaluateSignalOutcome(g, candles, endMs);
  // The candles watched until resolution (or the end of the data / expiry).
  const stopAt = o.resolvedAtMs ?? Math.min(endMs, o.expiresAtMs);
  const watched = candles.filter((c) => c.timestampMs >= g.generatedAtMs && c.timestampMs + MS_PER_DAY <= stopAt);
  const last = watched[watched.length - 1];
  const resolvedPrice = o.status === "target_hit" ? g.targets[0]! : o.status === "stop_hit" ? g.stop : o.status === "expired" ? (last?.close ?? g.entry) : null;
  const ts = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    providerId: null,
    providerKind: "generated",
    rule: g.rule,
    asset: g.asset,
    chainId: null,
    direction: g.direction,
    entry: usd(g.entry),
    targets: g.targets,
    stop: usd(g.stop),
    horizonDays: g.horizonDays,
    rationale: g.rationale,
    basis: "history",
    publishedAt: new Date(g.generatedAtMs),
    expiresAt: new Date(o.expiresAtMs),
    status: o.status,
    targetsReached: o.targetsReached,
    resolvedAt: ts(o.resolvedAtMs),
    resolvedPrice: usdOrNull(resolvedPrice),
    return1d: o.returns.d1,
    return7d: o.returns.d7,
    return30d: o.returns.d30,
    lastPrice: usd(last?.close ?? g.entry),
    highSince: usd(Math.max(g.entry, ...watched.map((c) => c.high))),
    lowSince: usd(Math.min(g.entry, ...watched.map((c) => c.low))),
    lastObservedAt: ts(last ? last.timestampMs + MS_PER_DAY : null),
    // The day of the candle that triggered it (UTC).
    dedupeKey: `${g.rule}:${g.asset}:${new Date(g.generatedAtMs - MS_PER_DAY).toISOString().slice(0, 10)}`,
  };
}

/** The generated signals of one asset over the last year of its daily candles (pure of the clock). */
export async function generatedSignalRows(asset: string): Promise<NewSignalRow[]> {
  const candles: Candle[] = (await loadDailyCandles(asset)).map((c) => ({ timestampMs: dayMs(c.time), open: c.open, high: c.high, low: c.low, close: c.close }));
  if (candles.length < 2) return [];
  const endMs = candles[candles.length - 1]!.timestampMs + MS_PER_DAY;
  const fromIndex = Math.max(1, candles.length - GENERATED_LOOKBACK_DAYS);
  return generateSignals(asset, candles, { fromIndex }).map((g) => generatedRow(g, candles, endMs));
}

/** Generates Lodestar's indicator signals over the shipped candles (idempotent by dedupe key); returns how many were inserted. */
export async function ensureGeneratedSignals(db: Db, now: Date): Promise<number> {
  const rows = (await Promise.all(GENERATED_ASSETS.map((a) => generatedSignalRows(a)))).flat();
  return insertSignalsSkippingDuplicates(db, rows.map((r) => ({ ...r, createdAt: now })));
}
