// The verified record: the recorder of verified trades and the daily equity snapshots.
//
// RECORDER (recordNewTrades, every social tick): source rows without a verified_trades row
// (anti-join, oldest first, RECORD_BATCH per source per call) become one verified trade each:
//   paper fills     source 'paper', origin = the fill's source (manual | automation | copy); the
//                   bots' fills ('bot') are recorded by the bots service itself;
//   chain swaps     chain_txs kind 'swap' confirmed, amounts from the receipt (source 'chain',
//                   origin 'manual'; the native token counts as WETH);
//   keeper txs      confirmed vault swaps (source 'vault', origin 'automation', or 'copy' for a
//                   copy's order, key `copy:…`).
// valueUsd is the USD value of what was given up at the pools' prices of the fill's block (the
// latest prices when that block's state cannot be read). Paper fills also get the book's value
// and the tokenIn balance just before the fill (copy sizing). Insert and fan-out job share one
// transaction, and the insert is ON CONFLICT DO NOTHING: a leader trade fans out exactly once
// however many recorders run at once. Copies (and bots) never fan out.
//
// SNAPSHOTS (snapshotEquity, throttled per trader by SOCIAL_SNAPSHOT_MS, default 60 s): for every
// public person profile, today's trader_equity_daily row = the counted books (paper accounts on
// every chain when sources.paper) at the current pool prices, holdings per market symbol.
// FLOW RULE (server/social/record-book.ts snapshotFlow): the first point's flow is its value (the
// initial deposit); when a counted paper account was reset or created, or the profile (its
// counted sources) changed, since the previous snapshot, the change in value since that snapshot
// is a flow (so a reset is flow-neutral; at most one throttle interval of price moves is lost);
// otherwise the flow is 0. A day's flow is the sum of its intervals' flows.
// Vaults are not valued yet: their deposits and withdrawals would need flow detection from the
// chain (Transfer logs); their trades do count as verified trades.
import type { Db } from "@/db/client";
import { insertJob } from "@/db/queries/jobs";
import * as q from "@/db/queries/social";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { getRegistry, publicRegistryChainIds } from "@/server/chain/registry";
import { logger } from "@/server/logger";
import { dayOf } from "@/server/portfolio/types";
import type { EquityPoint, TraderRecord } from "@/server/social/metrics";
import { snapshotFlow } from "@/server/social/record-book";
import type { VerifiedTrade } from "@/server/social/round-trips";
import { getLocalPrices, marketSymbolOf } from "@/server/services/prices";
import { FANOUT_QUEUE } from "./queues";

const RECORD_BATCH = 200;

// ---------------------------------------------------------------- tokens and prices

export type TokenInfo = { address: string; symbol: string; decimals: number; stable: boolean };

/** A token of a chain's registry (the native sentinel as WETH); unknown tokens get a short label. */
export function tokenInfoOf(chainId: number, token: string): TokenInfo {
  const registry = getRegistry(chainId);
  let address = token.toLowerCase();
  if (address === NATIVE_TOKEN.toLowerCase() && registry) address = registry.weth.toLowerCase();
  const t = registry?.tokens.find((x) => x.address.toLowerCase() === address);
  if (!t) return { address, symbol: `${address.slice(0, 6)}…`, decimals: 18, stable: false };
  return { address, symbol: t.symbol, decimals: t.decimals, stable: t.category === "stablecoin" };
}

type PriceMap = Map<string, number>;
type PriceCache = Map<string, Promise<PriceMap | null>>;

/** Prices of a chain at a block (cached per call); the latest when the block cannot be read; null when neither. */
function pricesAt(cache: PriceCache, chainId: number, block?: bigint): Promise<PriceMap | null> {
  const key = `${chainId}:${block ?? "latest"}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = getLocalPrices(chainId, block === undefined ? {} : { block })
      .then((p) => new Map(p.prices.map((x) => [x.address.toLowerCase(), x.priceUsd])))
      .catch((err: unknown) => {
        if (block !== undefined) return pricesAt(cache, chainId);
        logger.debug({ err, chainId }, "social: no prices");
        return null;
      });
    cache.set(key, hit);
  }
  return hit;
}

const wholeUnits = (raw: bigint, decimals: number) => Number(raw) / 10 ** decimals;

function valueOf(prices: PriceMap, chainId: number, balances: Map<string, bigint>): number {
  let total = 0;
  for (const [token, raw] of balances) {
    if (raw <= 0n) continue;
    total += wholeUnits(raw, tokenInfoOf(chainId, token).decimals) * (prices.get(token.toLowerCase()) ?? 0);
  }
  return total;
}

// ---------------------------------------------------------------- recorder

type Draft = Omit<q.NewVerifiedTrade, "valueUsd" | "bookValueUsd"> & { valueUsd: number; bookValueUsd: number | null };

function draftBase(chainId: number, tokenIn: string, tokenOut: string) {
  const a = tokenInfoOf(chainId, tokenIn);
  const b = tokenInfoOf(chainId, tokenOut);
  return { a, b, tokens: { chainId, tokenIn: a.address, tokenOut: b.address, symbolIn: a.symbol, symbolOut: b.symbol } };
}

async function paperDraft(db: Db, cache: PriceCache, row: Awaited<ReturnType<typeof q.listUnrecordedPaperFills>>[number]): Promise<Draft | null> {
  const f = row.fill;
  const prices = await pricesAt(cache, f.chainId, f.block);
  if (!prices) return null;
  const { a, tokens } = draftBase(f.chainId, f.tokenIn, f.tokenOut);
  const before = await q.paperBalancesBeforeFill(db, f, row.resetAt);
  return {
    userId: f.userId,
    source: "paper",
    sourceRef: f.id,
    origin: f.source,
    ...tokens,
    amountIn: f.amountIn,
    amountOut: f.amountOut,
    valueUsd: wholeUnits(f.amountIn, a.decimals) * (prices.get(a.address) ?? 0),
    bookValueUsd: before ? valueOf(prices, f.chainId, before) : null,
    balanceInBefore: before ? (before.get(a.address) ?? 0n) : null,
    block: f.block,
    txHash: null,
    executedAt: f.createdAt,
  };
}

async function chainDraft(cache: PriceCache, tx: Awaited<ReturnType<typeof q.listUnrecordedChainSwaps>>[number]): Promise<Draft | null> {
  const prices = await pricesAt(cache, tx.chainId, tx.blockNumber ?? undefined);
  if (!prices) return null;
  const { a, tokens } = draftBase(tx.chainId, tx.tokenIn!, tx.tokenOut!);
  return {
    userId: tx.userId,
    source: "chain",
    sourceRef: tx.id,
    origin: "manual",
    ...tokens,
    amountIn: tx.amountIn!,
    amountOut: tx.amountOut!,
    valueUsd: wholeUnits(tx.amountIn!, a.decimals) * (prices.get(a.address) ?? 0),
    bookValueUsd: null,
    balanceInBefore: null,
    block: tx.blockNumber,
    txHash: tx.hash,
    executedAt: tx.confirmedAt ?? tx.updatedAt,
  };
}

async function keeperDraft(cache: PriceCache, tx: Awaited<ReturnType<typeof q.listUnrecordedKeeperTxs>>[number]): Promise<Draft | null> {
  const prices = await pricesAt(cache, tx.chainId, tx.blockNumber ?? undefined);
  if (!prices) return null;
  const { a, tokens } = draftBase(tx.chainId, tx.tokenIn, tx.tokenOut);
  return {
    userId: tx.userId,
    source: "vault",
    sourceRef: tx.id,
    origin: tx.key.startsWith("copy:") ? "copy" : "automation",
    ...tokens,
    amountIn: tx.amountIn,
    amountOut: tx.amountOut!,
    valueUsd: wholeUnits(tx.amountIn, a.decimals) * (prices.get(a.address) ?? 0),
    bookValueUsd: null,
    balanceInBefore: null,
    block: tx.blockNumber,
    txHash: tx.hash,
    executedAt: tx.confirmedAt ?? tx.createdAt,
  };
}

/** Inserts the trade and, for a leader's own trade, its fan-out job, in one transaction. */
async function recordDraft(db: Db, d: Draft): Promise<boolean> {
  return db.transaction(async (tx) => {
    const trade = await q.insertVerifiedTrade(tx, {
      ...d,
      valueUsd: d.valueUsd.toFixed(6),
      bookValueUsd: d.bookValueUsd === null ? null : d.bookValueUsd.toFixed(6),
    });
    if (!trade) return false;
    if (trade.origin !== "copy" && trade.origin !== "bot") {
      await insertJob(tx, { queue: FANOUT_QUEUE, key: `${FANOUT_QUEUE}:${trade.id}`, payload: { tradeId: trade.id }, userId: trade.userId });
    }
    return true;
  });
}

async function recordAll<T>(db: Db, rows: T[], draft: (row: T) => Promise<Draft | null>): Promise<number> {
  let n = 0;
  for (const row of rows) {
    const d = await draft(row);
    // No prices at all on that chain now: try again on a later tick.
    if (d && (await recordDraft(db, d))) n++;
  }
  return n;
}

/** Records new verified trades (paper fills, confirmed swaps, confirmed keeper txs); returns how many. */
export async function recordNewTrades(db: Db, _now: Date): Promise<number> {
  const cache: PriceCache = new Map();
  const paper = await recordAll(db, await q.listUnrecordedPaperFills(db, RECORD_BATCH), (r) => paperDraft(db, cache, r));
  const chain = await recordAll(db, await q.listUnrecordedChainSwaps(db, RECORD_BATCH), (r) => chainDraft(cache, r));
  const vault = await recordAll(db, await q.listUnrecordedKeeperTxs(db, RECORD_BATCH), (r) => keeperDraft(cache, r));
  return paper + chain + vault;
}

// ---------------------------------------------------------------- snapshots

export function snapshotThrottleMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SOCIAL_SNAPSHOT_MS ?? 60_000);
  return Number.isFinite(n) && n >= 0 ? n : 60_000;
}

type Book = { valueUsd: number; holdingsUsd: Record<string, number>; lastResetAt: Date | null };

/** The trader's counted paper books at current prices; null when there is nothing to value or no prices. */
async function valueBooks(db: Db, userId: string, sources: q.TraderProfileRow["sources"], cache: PriceCache): Promise<Book | null> {
  if (!sources.paper) return null;
  const books = await q.listPaperBooks(db, userId);
  if (books.length === 0) return null;
  const out: Book = { valueUsd: 0, holdingsUsd: {}, lastResetAt: null };
  for (const { account, balances } of books) {
    if (!getRegistry(account.chainId)) continue;
    const prices = await pricesAt(cache, account.chainId);
    if (!prices) return null;
    if (!out.lastResetAt || account.resetAt > out.lastResetAt) out.lastResetAt = account.resetAt;
    for (const b of balances) {
      if (b.amountRaw <= 0n) continue;
      const info = tokenInfoOf(account.chainId, b.token);
      const v = wholeUnits(b.amountRaw, info.decimals) * (prices.get(info.address) ?? 0);
      const sym = marketSymbolOf(info.symbol);
      out.holdingsUsd[sym] = (out.holdingsUsd[sym] ?? 0) + v;
      out.valueUsd += v;
    }
  }
  return out;
}

async function snapshotOne(db: Db, c: Awaited<ReturnType<typeof q.listSnapshotCandidates>>[number], day: number, now: Date, cache: PriceCache): Promise<boolean> {
  const book = await valueBooks(db, c.userId, c.sources, cache);
  if (!book) return false;
  const prev = await q.findLatestEquityRow(db, c.userId, day);
  const booksChanged = prev !== null && ((book.lastResetAt !== null && book.lastResetAt > prev.updatedAt) || c.profileUpdatedAt > prev.updatedAt);
  const flow = snapshotFlow({ valueUsd: book.valueUsd, previousValueUsd: prev ? Number(prev.valueUsd) : null, booksChanged });
  const flowToday = prev && prev.day === day ? Number(prev.flowUsd) + flow : flow;
  await q.upsertEquityRow(db, { userId: c.userId, day, valueUsd: book.valueUsd, flowUsd: flowToday, holdingsUsd: book.holdingsUsd, now });
  return true;
}

/**
 * Upserts today's equity point of every public person trader (throttled); returns how many.
 * `userId` limits it to one trader and `force` skips the throttle (a profile just published).
 */
export async function snapshotEquity(db: Db, now: Date, opts: { userId?: string; force?: boolean } = {}): Promise<number> {
  const day = dayOf(now.getTime());
  const throttle = snapshotThrottleMs();
  const cache: PriceCache = new Map();
  let n = 0;
  for (const c of await q.listSnapshotCandidates(db, day, opts.userId)) {
    if (!opts.force && c.todayUpdatedAt && now.getTime() - c.todayUpdatedAt.getTime() < throttle) continue;
    try {
      if (await snapshotOne(db, c, day, now, cache)) n++;
    } catch (err) {
      logger.warn({ err, userId: c.userId }, "social: equity snapshot failed");
    }
  }
  return n;
}

// ---------------------------------------------------------------- records for the metrics core

let stableSymbols: Set<string> | null = null;

/** Market symbols of stablecoins (cash in the metrics), from every known registry. */
export function isStableSymbol(symbol: string): boolean {
  if (!stableSymbols) {
    const set = new Set(["USDC", "USDT", "DAI"]);
    for (const chainId of [31337, 31338, ...publicRegistryChainIds()]) {
      for (const t of getRegistry(chainId)?.tokens ?? []) if (t.category === "stablecoin") set.add(marketSymbolOf(t.symbol));
    }
    stableSymbols = set;
  }
  return stableSymbols.has(symbol);
}

type EquityRow = q.EquityPointRow;
type TradeRow = Awaited<ReturnType<typeof q.listTradesForMetrics>>[number];

/**
 * The metrics core's record from the rows. Assets are market symbols (WETH → ETH) on every chain,
 * as the equity holdings are: a trader's ETH bought on one chain and sold on another is one
 * position.
 */
export function toTraderRecord(equity: readonly EquityRow[], trades: readonly TradeRow[]): TraderRecord {
  return {
    equity: equity.map((e): EquityPoint => ({ day: e.day, valueUsd: e.valueUsd, flowUsd: e.flowUsd, holdingsUsd: e.holdingsUsd })),
    trades: trades.map(
      (t): VerifiedTrade => ({
        id: t.id,
        timestampMs: t.executedAt.getTime(),
        assetIn: marketSymbolOf(t.symbolIn),
        amountInRaw: t.amountIn,
        assetOut: marketSymbolOf(t.symbolOut),
        amountOutRaw: t.amountOut,
        valueUsd: t.valueUsd,
        feeUsd: 0,
      }),
    ),
    isStable: isStableSymbol,
  };
}

/** One trader's verified record (equity points and trades) for the metrics core. */
export async function loadTraderRecord(db: Db, userId: string): Promise<TraderRecord> {
  const [equity, trades] = await Promise.all([q.listEquityFor(db, [userId]), q.listTradesForMetrics(db, [userId])]);
  return toTraderRecord(equity, trades);
}
