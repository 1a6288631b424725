// The strategy bots' quoter for the paper venue (createPaperVenue's `quote` option): a USDC ↔
// asset swap priced at a day's CLOSE on a virtual Uniswap-V2 constant-product pool
// (server/social/bots/historical-pool.ts: 0.3 % fee, exact bigint math, output rounded down).
//
// DEPTH: $5M per side ($10M of liquidity) for every asset. Chosen because it is the order of
// a real mid-sized V2 pool (Uniswap V2's USDC/WETH pool held some tens of millions in 2024-25;
// LINK and SOL pairs far less), so a bot's $10k trade pays the 0.3 % fee plus ~0.2 % of size
// impact (≈ 50 bps in all), a realistic cost that is neither free nor punitive. One depth for all
// four assets keeps the bots comparable. Each day's pool is set up fresh at that close: a trade
// never moves the next day's price (the bots are small next to the market).
//
// THE FILL it produces (paper_fills):
//   block = 0 (no chain block: the price is from the shipped history; the column is NOT NULL);
//   gas_cost_out = null (no transaction);
//   route = { kind: 'historical', day: 'YYYY-MM-DD', close: '<USD decimal>', depthUsd: 5000000,
//             reserveIn, reserveOut (base units, strings) }   — the pool the swap was priced on;
//   created_at = `at`, the instant of the day's close the bot traded at.
import type { Addr } from "@/server/automation/venue";
import { DomainError, ErrorKind } from "@/server/errors";
import type { DayNumber } from "@/server/portfolio/types";
import { MS_PER_DAY } from "@/server/portfolio/types";
import { swapOnPool, toE18, virtualPool } from "@/server/social/bots/historical-pool";
import type { PaperQuote, PaperQuoteRequest } from "@/server/services/venues/paper";

export const HISTORICAL_DEPTH_USD = 5_000_000n;

export type HistoricalToken = { address: Addr; symbol: string; decimals: number };

export type HistoricalMarket = {
  usdc: HistoricalToken;
  /** The tradable assets by lowercase address, with their market symbol (ETH for WETH...). */
  assets: ReadonlyMap<Addr, HistoricalToken & { market: string }>;
  /** The close of a market symbol on a day (USD); undefined when the history has no candle. */
  closeOf(market: string, day: DayNumber): number | undefined;
};

export const isoDay = (day: DayNumber) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** A quoter pricing every swap on `day`'s virtual pools; fills stamped `at`. */
export function createHistoricalQuoter(
  market: HistoricalMarket,
  day: DayNumber,
  at: Date,
  depthUsd: bigint = HISTORICAL_DEPTH_USD,
): (req: PaperQuoteRequest) => Promise<PaperQuote> {
  return async (req) => {
    const tokenIn = req.tokenIn.toLowerCase() as Addr;
    const tokenOut = req.tokenOut.toLowerCase() as Addr;
    const usdc = market.usdc.address.toLowerCase();
    const side = tokenIn === usdc ? "buy" : tokenOut === usdc ? "sell" : null;
    const asset = side === "buy" ? market.assets.get(tokenOut) : side === "sell" ? market.assets.get(tokenIn) : undefined;
    if (!side || !asset) {
      throw new DomainError("social.NO_HISTORICAL_PRICE", ErrorKind.invalid, "Historical fills trade USDC against ETH, BTC, SOL or LINK only.");
    }
    const close = market.closeOf(asset.market, day);
    if (close === undefined) {
      throw new DomainError("social.NO_HISTORICAL_PRICE", ErrorKind.invalid, `No ${asset.market} close on ${isoDay(day)}.`);
    }
    const pool = virtualPool(toE18(close), depthUsd, market.usdc.decimals, asset.decimals);
    const swap = swapOnPool(pool, side, req.amountIn);
    return {
      amountOut: swap.amountOut,
      block: 0n,
      priceImpactBps: swap.priceImpactBps,
      gasCostOut: null,
      route: {
        kind: "historical",
        day: isoDay(day),
        close: close.toString(),
        depthUsd: Number(depthUsd),
        reserveIn: swap.reserveIn.toString(),
        reserveOut: swap.reserveOut.toString(),
      },
      at,
    };
  };
}
