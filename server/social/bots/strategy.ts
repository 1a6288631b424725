// The strategy bots' shared shapes. Pure (CONVENTIONS §2.4 "one execution path"): a strategy is
//   decide(state, day) → { orders, state }
// where `day` carries the UTC day number, that day's closes and each asset's daily closes from
// the start of the shipped history up to and including that day. Orders are relative ("sell 50 %
// of the BTC", "buy ETH with all the USDC", "buy ETH with 188.679245 USDC"): the executor
// (server/services/social/bots.ts) turns them into exact base-unit amounts against the bot's
// paper balances with `orderAmountIn` below and sends them through the paper venue.
// Every bot trades one stablecoin (USDC, the cash) against market assets named by their market
// symbol (ETH, BTC, SOL, LINK: data/market/daily/<SYMBOL>-USD.csv).
import type { DayNumber } from "@/server/portfolio/types";

export type BotAsset = "ETH" | "BTC" | "SOL" | "LINK";
export const BOT_ASSETS: readonly BotAsset[] = ["ETH", "BTC", "SOL", "LINK"];

export type BotDay = {
  day: DayNumber;
  /** Close of the day per asset (USD). */
  closes: Readonly<Partial<Record<BotAsset, number>>>;
  /** Daily closes per asset, oldest first, the last one being this day's close. */
  history: Readonly<Partial<Record<BotAsset, readonly number[]>>>;
};

/** 10,000 bps = 100 %. */
export type BotOrder =
  | { side: "sell"; asset: BotAsset; shareBps: number }
  | { side: "buy"; asset: BotAsset; spend: { kind: "share"; shareBps: number } | { kind: "amount"; usdcRaw: bigint } };

export type Decision<S> = { orders: BotOrder[]; state: S };

export type Strategy<S> = {
  /** Stable id (trader_profiles.bot_strategy, order keys, user id `bot-<id>`). */
  id: string;
  name: string;
  /** The exact rule, in words (the bot's public bio). */
  rule: string;
  initialState: S;
  decide(state: S, day: BotDay): Decision<S>;
};

export const BPS = 10_000;

/** Monday? Day 0 (1970-01-01) was a Thursday, so Mondays are the days ≡ 4 (mod 7). */
export function isMonday(day: DayNumber): boolean {
  return ((day % 7) + 7) % 7 === 4;
}

/**
 * The exact input of an order against the current balances (base units), rounded DOWN so an
 * order never spends more than the book holds: a sell gives up `held × shareBps / 10,000`; a buy
 * spends that share of the USDC, or a fixed amount capped at the USDC held. 0 = nothing to do.
 */
export function orderAmountIn(order: BotOrder, balances: { usdcRaw: bigint; assetRaw: bigint }): bigint {
  if (order.side === "sell") return (balances.assetRaw * BigInt(order.shareBps)) / BigInt(BPS);
  if (order.spend.kind === "share") return (balances.usdcRaw * BigInt(order.spend.shareBps)) / BigInt(BPS);
  return order.spend.usdcRaw < balances.usdcRaw ? order.spend.usdcRaw : balances.usdcRaw;
}

/** Return over `lookback` days: close_t / close_{t−lookback} − 1, or null without enough history. */
export function trailingReturn(closes: readonly number[], lookback: number): number | null {
  if (closes.length <= lookback) return null;
  const last = closes[closes.length - 1]!;
  const base = closes[closes.length - 1 - lookback]!;
  return base > 0 ? last / base - 1 : null;
}
