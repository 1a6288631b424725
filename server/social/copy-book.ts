// The copy book: what a copy holds because of copied trades, and what it is worth. Pure.
//
// DEFINITIONS
//   cash token     a stablecoin of the copy's chain: the allocation's cash.
//   position       per token, a SIGNED amount (base units) and the allocation USD deployed in it
//                  at entry (cost). A copied buy spends cash: the stablecoin's position goes
//                  negative by what was spent, the asset's goes up by what was received. A sale
//                  brings the cash back. So the stablecoin position is the copy's net cash flow
//                  (realised P&L included) and
//                    copy equity = allocatedUsd + Σ positions × current price,
//                  which is allocatedUsd at the start and moves only with the copy's P&L.
//                  (allocatedUsd − usedAllocationUsd + Σ positions would count the spent cash
//                  twice once the stablecoin leg is booked, and lose realised P&L without it.)
//   used allocation the cost of the open non-cash positions: a buy adds the USD it spent; a sale
//                  of an asset releases the sold fraction of that asset's cost (sold / held, held
//                  being the copy's position before the sale); an asset → asset swap carries the
//                  released cost over to the asset received (the exposure stays).
//   side           'buy' when the leader gave up a stablecoin, else 'sell' (copy-sizing.ts).
import { drawdownBps } from "@/server/automation/breakers";
import { rawToUsd } from "@/server/automation/sizing";

export type BookPosition = { token: string; amountRaw: bigint; costUsd: number };
export type TokenPrice = { priceUsd: number; decimals: number };

/** 'buy' when the leader gave up a stablecoin, 'sell' otherwise (copy-sizing.ts LeaderTrade.side). */
export function copySide(tokenInIsCash: boolean): "buy" | "sell" {
  return tokenInIsCash ? "buy" : "sell";
}

/** Display side of a trade: stable → asset buy, asset → stable sell, otherwise swap. */
export function tradeSide(tokenInIsCash: boolean, tokenOutIsCash: boolean): "buy" | "sell" | "swap" {
  if (tokenInIsCash && !tokenOutIsCash) return "buy";
  if (!tokenInIsCash && tokenOutIsCash) return "sell";
  return "swap";
}

/**
 * USD value of the positions at `prices` (token → price). A token without a price is valued at
 * its cost (the best estimate available; a missing price must not look like a crash to zero).
 */
export function valuePositions(positions: readonly BookPosition[], prices: ReadonlyMap<string, TokenPrice>): number {
  let total = 0;
  for (const p of positions) {
    const price = prices.get(p.token);
    total += price ? rawToUsd(p.amountRaw, price.priceUsd, price.decimals) : p.costUsd;
  }
  return total;
}

export function copyEquityUsd(allocatedUsd: number, positions: readonly BookPosition[], prices: ReadonlyMap<string, TokenPrice>): number {
  return allocatedUsd + valuePositions(positions, prices);
}

/** The high-water mark after observing `equityUsd` (the allocation when nothing was seen yet). */
export function nextPeakUsd(peakUsd: number | null, equityUsd: number): number {
  return peakUsd === null ? equityUsd : Math.max(peakUsd, equityUsd);
}

/** Drawdown of the copy equity from its peak, floor bps (breakers.ts drawdownBps). */
export function copyDrawdownBps(peakUsd: number | null, equityUsd: number): number {
  return drawdownBps(nextPeakUsd(peakUsd, equityUsd), equityUsd);
}

export type BookFill = { tokenIn: string; tokenOut: string; amountInRaw: bigint; amountOutRaw: bigint; usdIn: number };

/**
 * The positions a fill changes (new values, tokenIn then tokenOut) and the change of the used
 * allocation (USD, + on a buy, − on a sale to cash). Rules in the header.
 */
export function applyFillToBook(
  positions: readonly BookPosition[],
  fill: BookFill,
  isCash: (token: string) => boolean,
): { changed: BookPosition[]; usedDeltaUsd: number } {
  const get = (token: string) => positions.find((p) => p.token === token) ?? { token, amountRaw: 0n, costUsd: 0 };
  const inPos = get(fill.tokenIn);
  const outPos = get(fill.tokenOut);
  const cashIn = isCash(fill.tokenIn);
  const cashOut = isCash(fill.tokenOut);

  let released: number;
  if (cashIn) {
    released = 0;
  } else {
    const held = inPos.amountRaw > 0n ? inPos.amountRaw : 0n;
    const sold = fill.amountInRaw < held ? fill.amountInRaw : held;
    released = held > 0n ? (inPos.costUsd * Number((sold * 1_000_000_000n) / held)) / 1e9 : 0;
    if (sold === held) released = inPos.costUsd;
  }
  const newIn: BookPosition = { token: fill.tokenIn, amountRaw: inPos.amountRaw - fill.amountInRaw, costUsd: Math.max(0, inPos.costUsd - released) };
  // What the received token's cost grows by: a buy's spend, or the carried-over cost of a swap.
  const costAdded = cashOut ? 0 : cashIn ? fill.usdIn : released;
  const newOut: BookPosition = { token: fill.tokenOut, amountRaw: outPos.amountRaw + fill.amountOutRaw, costUsd: outPos.costUsd + costAdded };
  const usedDeltaUsd = (cashOut ? 0 : cashIn ? fill.usdIn : 0) - (cashOut && !cashIn ? released : 0);
  return { changed: [newIn, newOut], usedDeltaUsd };
}
