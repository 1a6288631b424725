// The four labelled strategy bots' rules. Pure: each decides from the day's closes and the
// history up to that day (no look-ahead: nothing after `day.day` is ever passed in), and trades
// at that day's close. Indicators from server/social/indicators.ts.
import { rsi, sma } from "@/server/social/indicators";
import { BOT_ASSETS, BPS, isMonday, trailingReturn, type BotAsset, type BotOrder, type Strategy } from "./strategy";

const ALL = BPS;

/** Last two values of a series (null when not defined yet). */
function lastTwo(series: readonly (number | null)[]): [number | null, number | null] {
  return [series[series.length - 2] ?? null, series[series.length - 1] ?? null];
}

export type SmaCrossoverParams = { asset: BotAsset; fast: number; slow: number };

/**
 * SMA crossover: on the day the fast SMA closes above the slow one (it was ≤ the day before),
 * buy the asset with all the USDC; on the day it closes below (it was ≥), sell all of it.
 * Between crosses it does nothing, so it starts in USDC and waits for the first cross up.
 */
export function smaCrossover(p: SmaCrossoverParams = { asset: "ETH", fast: 9, slow: 21 }): Strategy<Record<string, never>> {
  return {
    id: "sma-crossover",
    name: "SMA Crossover Bot",
    rule: `Holds ${p.asset} while its ${p.fast}-day simple moving average is above its ${p.slow}-day one: on the day the SMA${p.fast} closes above the SMA${p.slow} it buys ${p.asset} with all its USDC, on the day it closes below it sells all its ${p.asset} for USDC.`,
    initialState: {},
    decide(state, day) {
      const closes = day.history[p.asset] ?? [];
      // An SMA only depends on its window: the last slow + 1 closes give both days exactly.
      const recent = closes.slice(-(p.slow + 1));
      const [fastPrev, fastNow] = lastTwo(sma(recent, p.fast));
      const [slowPrev, slowNow] = lastTwo(sma(recent, p.slow));
      if (fastPrev === null || fastNow === null || slowPrev === null || slowNow === null) return { orders: [], state };
      if (fastPrev <= slowPrev && fastNow > slowNow) return { orders: [{ side: "buy", asset: p.asset, spend: { kind: "share", shareBps: ALL } }], state };
      if (fastPrev >= slowPrev && fastNow < slowNow) return { orders: [{ side: "sell", asset: p.asset, shareBps: ALL }], state };
      return { orders: [], state };
    },
  };
}

export type RsiReversionParams = { asset: BotAsset; period: number; oversold: number; overbought: number };

/**
 * RSI mean reversion: on the day RSI(period) closes below `oversold` (it was ≥ the day before),
 * buy the asset with half the USDC; on the day it closes above `overbought` (it was ≤), sell half
 * the asset. Acting on the crossing, not on every day inside the zone, keeps one oversold spell
 * from spending the cash down geometrically.
 */
export function rsiMeanReversion(p: RsiReversionParams = { asset: "BTC", period: 14, oversold: 30, overbought: 70 }): Strategy<Record<string, never>> {
  return {
    id: "rsi-mean-reversion",
    name: "RSI Mean-Reversion Bot",
    rule: `Trades ${p.asset} on its daily RSI(${p.period}) (Wilder): on the day the RSI closes below ${p.oversold} it buys ${p.asset} with half its USDC, on the day it closes above ${p.overbought} it sells half its ${p.asset} for USDC.`,
    initialState: {},
    decide(state, day) {
      // Wilder's RSI depends on its whole history: computed over every close up to the day.
      const [prev, now] = lastTwo(rsi(day.history[p.asset] ?? [], p.period));
      if (prev === null || now === null) return { orders: [], state };
      if (prev >= p.oversold && now < p.oversold) return { orders: [{ side: "buy", asset: p.asset, spend: { kind: "share", shareBps: BPS / 2 } }], state };
      if (prev <= p.overbought && now > p.overbought) return { orders: [{ side: "sell", asset: p.asset, shareBps: BPS / 2 }], state };
      return { orders: [], state };
    },
  };
}

export type MomentumState = { held: BotAsset | null };
export type MomentumParams = { assets: readonly BotAsset[]; lookbackDays: number };

/** The asset with the highest trailing return (ties: the first in `assets`), or null. */
export function bestByReturn(history: Partial<Record<BotAsset, readonly number[]>>, assets: readonly BotAsset[], lookbackDays: number): { asset: BotAsset; ret: number } | null {
  let best: { asset: BotAsset; ret: number } | null = null;
  for (const asset of assets) {
    const ret = trailingReturn(history[asset] ?? [], lookbackDays);
    if (ret !== null && (best === null || ret > best.ret)) best = { asset, ret };
  }
  return best;
}

/**
 * Momentum rotation, weekly on Mondays: hold the single asset with the best trailing return if
 * that return is positive, else USDC. A switch sells all of the old asset, then buys the new one
 * with all the USDC; holding the leader already means no trade.
 */
export function momentumRotation(p: MomentumParams = { assets: BOT_ASSETS, lookbackDays: 28 }): Strategy<MomentumState> {
  return {
    id: "momentum-rotation",
    name: "Momentum Rotation Bot",
    rule: `Every Monday it ranks ${p.assets.join(", ")} by their ${p.lookbackDays}-day return and holds only the best one if that return is positive, otherwise it holds USDC; switching sells the whole position and buys the new leader with all its USDC.`,
    initialState: { held: null },
    decide(state, day) {
      if (!isMonday(day.day)) return { orders: [], state };
      const best = bestByReturn(day.history, p.assets, p.lookbackDays);
      const target = best && best.ret > 0 ? best.asset : null;
      if (target === state.held) return { orders: [], state };
      const orders: BotOrder[] = [];
      if (state.held) orders.push({ side: "sell", asset: state.held, shareBps: ALL });
      if (target) orders.push({ side: "buy", asset: target, spend: { kind: "share", shareBps: ALL } });
      return { orders, state: { held: target } };
    },
  };
}

export type DcaParams = { asset: BotAsset; amountUsdcRaw: bigint };

/** Weekly DCA: every Monday buy the asset with a fixed USDC amount (capped at the USDC left). */
export function weeklyDca(p: DcaParams): Strategy<Record<string, never>> {
  const usdc = (Number(p.amountUsdcRaw) / 1e6).toFixed(6).replace(/\.?0+$/, "");
  return {
    id: "weekly-dca",
    name: "Weekly DCA Bot",
    rule: `Every Monday it buys ${p.asset} with ${usdc} USDC (its 10,000 USDC spread evenly over the record's Mondays), whatever the price, and never sells.`,
    initialState: {},
    decide(state, day) {
      if (!isMonday(day.day)) return { orders: [], state };
      return { orders: [{ side: "buy", asset: p.asset, spend: { kind: "amount", usdcRaw: p.amountUsdcRaw } }], state };
    },
  };
}
