// Stop-loss, take-profit and trailing stops: trigger evaluation per observed price. Pure.
//
// A price observation is { price, block }, price in the stop's basis (USD, or the token priced in
// quoteToken: see stopPriceBasis). Observations older than the last one applied (a lower block)
// are ignored, so a late or replayed observation can neither move a trailing stop's high-water
// mark nor fire a stop. A stop fires once: after `triggered` it stays triggered (the service
// sells, then stops the automation).
//
// Trailing stop: hw = the highest price seen since activation (from the first observation when no
// activationPrice; from the first price ≥ activationPrice otherwise). The stop level
// hw × (10,000 − trailBps) / 10,000 therefore never decreases. It fires when price ≤ level.
import { convertRawDown } from "./sizing";
import { BPS, type PriceBasis, type StopConfig, type StopState } from "./types";
import { computeMinAmountOut } from "./venue";

export type PriceObservation = { price: number; block: bigint };
export type StopEvaluation = {
  state: StopState;
  trigger: boolean;
  /** Human explanation with the numbers (run rationale). */
  reason: string;
  /** The level compared against (stop level for trailing stops); null while a trailing stop is not active. */
  triggerPrice: number | null;
};

/** The basis the observation's price must be in. */
export const stopPriceBasis = (cfg: StopConfig): PriceBasis => cfg.basis;

/** The trailing stop level for a high-water mark. */
export const trailingLevel = (highWater: number, trailBps: number): number => (highWater * (BPS - trailBps)) / BPS;

export function evaluateStop(cfg: StopConfig, state: StopState, obs: PriceObservation): StopEvaluation {
  const unit = cfg.basis === "usd" ? "USD" : "quote";
  const fmt = (x: number) => `${x} ${unit}`;
  if (state.triggered) return { state, trigger: false, reason: `Already triggered at block ${state.triggeredBlock}.`, triggerPrice: null };
  if (state.lastBlock !== null && obs.block < state.lastBlock) {
    return { state, trigger: false, reason: `Ignored an observation from block ${obs.block}, older than block ${state.lastBlock}.`, triggerPrice: null };
  }
  if (!Number.isFinite(obs.price) || obs.price <= 0) return { state, trigger: false, reason: "No usable price.", triggerPrice: null };
  const seen: StopState = { ...state, lastBlock: obs.block };
  const fire = (s: StopState, level: number, reason: string): StopEvaluation => ({ state: { ...s, triggered: true, triggeredBlock: obs.block }, trigger: true, reason, triggerPrice: level });

  switch (cfg.kind) {
    case "stop_loss":
      return obs.price <= cfg.triggerPrice
        ? fire(seen, cfg.triggerPrice, `Price ${fmt(obs.price)} ≤ stop ${fmt(cfg.triggerPrice)} at block ${obs.block}.`)
        : { state: seen, trigger: false, reason: `Price ${fmt(obs.price)} above stop ${fmt(cfg.triggerPrice)}.`, triggerPrice: cfg.triggerPrice };
    case "take_profit":
      return obs.price >= cfg.triggerPrice
        ? fire(seen, cfg.triggerPrice, `Price ${fmt(obs.price)} ≥ target ${fmt(cfg.triggerPrice)} at block ${obs.block}.`)
        : { state: seen, trigger: false, reason: `Price ${fmt(obs.price)} below target ${fmt(cfg.triggerPrice)}.`, triggerPrice: cfg.triggerPrice };
    case "trailing_stop": {
      const active = seen.highWater !== null || cfg.activationPrice === undefined || obs.price >= cfg.activationPrice;
      if (!active) return { state: seen, trigger: false, reason: `Not active: price ${fmt(obs.price)} below activation ${fmt(cfg.activationPrice!)}.`, triggerPrice: null };
      const hw = Math.max(seen.highWater ?? obs.price, obs.price); // ratchets up only
      const next = { ...seen, highWater: hw };
      const level = trailingLevel(hw, cfg.trailBps);
      const trail = `${(cfg.trailBps / 100).toFixed(2)} %`;
      return obs.price <= level
        ? fire(next, level, `Price ${fmt(obs.price)} ≤ trailing level ${fmt(level)} (${trail} below the high ${fmt(hw)}) at block ${obs.block}.`)
        : { state: next, trigger: false, reason: `Price ${fmt(obs.price)} above trailing level ${fmt(level)} (high ${fmt(hw)}).`, triggerPrice: level };
    }
  }
}

/** The amount a fired stop sells: the whole balance, or the configured amount capped by the balance. */
export function stopSellAmount(cfg: StopConfig, heldRaw: bigint): bigint {
  if (heldRaw <= 0n) return 0n;
  return cfg.amount.type === "all" ? heldRaw : cfg.amount.amountRaw < heldRaw ? cfg.amount.amountRaw : heldRaw;
}

/**
 * Minimum acceptable output for selling amountInRaw at a limit price (tokenOut per tokenIn, in
 * whole tokens) with a slippage tolerance: floor(floor(amountIn × price) × (10,000 − slippageBps)
 * / 10,000), in tokenOut base units. Rounded down at both steps, so the bound is never tighter than
 * the user asked. (From a quote instead of a price: venue.ts computeMinAmountOut.)
 */
export function minOutFromLimit(p: { amountInRaw: bigint; decimalsIn: number; decimalsOut: number; limitPrice: number; slippageBps: number }): bigint {
  return computeMinAmountOut(convertRawDown(p.amountInRaw, p.limitPrice, p.decimalsIn, p.decimalsOut), p.slippageBps);
}
