// Round trips of a trader's verified trades by FIFO lots. Pure; quantities in base units (bigint),
// USD in floats (these are analytics: win rate and holding time, never an order size).
//
// DEFINITIONS
//   trade          one verified swap: `amountInRaw` of `assetIn` given up for `amountOutRaw` of
//                  `assetOut`, worth `valueUsd` at execution (the value given up), plus `feeUsd`
//                  (gas and venue fees in USD). A "buy" gives up a stablecoin, a "sell" receives one,
//                  a swap between two non-stable assets is a sell of one and a buy of the other.
//   lot            a quantity of a NON-STABLE asset acquired by one trade, with its acquisition time
//                  and its USD cost = the trade's valueUsd (+ feeUsd when the trade gave up a
//                  stablecoin, i.e. a buy: the fee is part of what the position cost). Stablecoins
//                  are cash: they have no lots and no P&L.
//   round trip     one trade that disposes of a non-stable asset, matched FIFO (oldest lot first)
//                  against the lots of that asset in the trader's book. Its P&L is
//                      P&L = proceeds × matched/disposed − Σ consumed lot cost
//                  with proceeds = valueUsd − feeUsd when the fee was not already charged to the
//                  acquired lot (it is charged exactly once per trade: to the new lot's cost on a
//                  buy, to the proceeds on any trade giving up a non-stable asset), and lot cost
//                  consumed pro rata to quantity. Quantity disposed beyond the book's lots (held
//                  before the verified record began, or received by transfer) has no known cost and
//                  is left out: only the matched share of the proceeds counts. A disposal that
//                  matches nothing is not a round trip.
//   win            a round trip with P&L > 0 (exactly 0 is not a win).
//   holding time   of a round trip: Σ (disposal time − lot time) × weight / Σ weight over the lot
//                  parts it consumed, weight = the part's USD cost. Quantity is the natural weight
//                  within one asset; USD cost makes quantities of different assets comparable
//                  (1 BTC and 1 wei are both "1" otherwise) and equals quantity weighting within a lot.
import { dayOf, type DayNumber } from "@/server/portfolio/types";

export type VerifiedTrade = {
  id: string;
  /** Execution time, UTC epoch ms. */
  timestampMs: number;
  assetIn: string;
  amountInRaw: bigint;
  assetOut: string;
  amountOutRaw: bigint;
  /** USD value at execution of what was given up (> 0). */
  valueUsd: number;
  /** Fees in USD (gas, venue); 0 when none. */
  feeUsd: number;
};

export type RoundTrip = {
  tradeId: string;
  assetId: string;
  closedAtMs: number;
  /** Quantity matched against lots (≤ the quantity disposed). */
  matchedRaw: bigint;
  disposedRaw: bigint;
  proceedsUsd: number;
  costUsd: number;
  pnlUsd: number;
  /** Cost-weighted mean holding time of the consumed lot parts (ms). */
  holdingMs: number;
  /** Σ USD cost of the consumed parts (the holding-time weight). */
  weightUsd: number;
};

type Lot = { acquiredAtMs: number; quantityRaw: bigint; costUsd: number };

/** Ratio of two bigints as a float without overflow for huge raw amounts. */
function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  // Scale to 1e15 in bigint first so the division keeps 15 significant digits.
  return Number((a * 1_000_000_000_000_000n) / b) / 1e15;
}

/** Consumes `qty` of the FIFO queue; returns the consumed parts. Mutates the queue. */
function consumeFifo(queue: Lot[], qty: bigint): Lot[] {
  const parts: Lot[] = [];
  let left = qty;
  while (left > 0n && queue.length > 0) {
    const lot = queue[0]!;
    const take = lot.quantityRaw < left ? lot.quantityRaw : left;
    const cost = take === lot.quantityRaw ? lot.costUsd : lot.costUsd * ratio(take, lot.quantityRaw);
    parts.push({ acquiredAtMs: lot.acquiredAtMs, quantityRaw: take, costUsd: cost });
    lot.quantityRaw -= take;
    lot.costUsd -= cost;
    if (lot.quantityRaw === 0n) queue.shift();
    left -= take;
  }
  return parts;
}

/**
 * Every round trip of the trades (any order in; processed by time, then id, so the result is
 * deterministic). `isStable(assetId)` says which assets are cash.
 */
export function computeRoundTrips(trades: readonly VerifiedTrade[], isStable: (assetId: string) => boolean): RoundTrip[] {
  const sorted = [...trades].sort((a, b) => a.timestampMs - b.timestampMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lots = new Map<string, Lot[]>();
  const out: RoundTrip[] = [];
  for (const t of sorted) {
    const inStable = isStable(t.assetIn);
    if (!inStable && t.amountInRaw > 0n) {
      const parts = consumeFifo(lots.get(t.assetIn) ?? [], t.amountInRaw);
      const matched = parts.reduce((s, p) => s + p.quantityRaw, 0n);
      if (matched > 0n) {
        const proceeds = (t.valueUsd - t.feeUsd) * ratio(matched, t.amountInRaw);
        const cost = parts.reduce((s, p) => s + p.costUsd, 0);
        const weight = cost;
        const held = parts.reduce((s, p) => s + (t.timestampMs - p.acquiredAtMs) * p.costUsd, 0);
        out.push({
          tradeId: t.id,
          assetId: t.assetIn,
          closedAtMs: t.timestampMs,
          matchedRaw: matched,
          disposedRaw: t.amountInRaw,
          proceedsUsd: proceeds,
          costUsd: cost,
          pnlUsd: proceeds - cost,
          // A zero-cost lot (an airdrop bought for nothing) falls back to quantity weighting.
          holdingMs: weight > 0 ? held / weight : parts.reduce((s, p) => s + (t.timestampMs - p.acquiredAtMs) * ratio(p.quantityRaw, matched), 0),
          weightUsd: weight,
        });
      }
    }
    if (!isStable(t.assetOut) && t.amountOutRaw > 0n) {
      const q = lots.get(t.assetOut) ?? [];
      q.push({ acquiredAtMs: t.timestampMs, quantityRaw: t.amountOutRaw, costUsd: t.valueUsd + (inStable ? t.feeUsd : 0) });
      lots.set(t.assetOut, q);
    }
  }
  return out;
}

export type RoundTripStats = {
  /** Round trips closed in the window. */
  closed: number;
  wins: number;
  /** wins / closed; null without a closed round trip. */
  winRate: number | null;
  /** Σ holdingMs × weightUsd / Σ weightUsd over the window's round trips; null without one. */
  avgHoldingMs: number | null;
  realisedPnlUsd: number;
};

/** Win rate and average holding time of the round trips closed on days (startDay, endDay]. */
export function summarizeRoundTrips(trips: readonly RoundTrip[], startDay: DayNumber, endDay: DayNumber): RoundTripStats {
  let closed = 0;
  let wins = 0;
  let held = 0;
  let weight = 0;
  let pnl = 0;
  let heldUnweighted = 0;
  for (const r of trips) {
    const day = dayOf(r.closedAtMs);
    if (day <= startDay || day > endDay) continue;
    closed++;
    if (r.pnlUsd > 0) wins++;
    held += r.holdingMs * r.weightUsd;
    weight += r.weightUsd;
    heldUnweighted += r.holdingMs;
    pnl += r.pnlUsd;
  }
  return {
    closed,
    wins,
    winRate: closed > 0 ? wins / closed : null,
    avgHoldingMs: closed === 0 ? null : weight > 0 ? held / weight : heldUnweighted / closed,
    realisedPnlUsd: pnl,
  };
}
