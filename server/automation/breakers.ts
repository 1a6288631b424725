// Circuit breakers on portfolio drawdown. Pure.
//
// drawdown = (peak − value) / peak, in bps (floor), the peak being the high-water mark of the
// portfolio value. Levels are strictly increasing drawdown thresholds with an action each; level
// k (1-based) is "tripped" when drawdown ≥ levels[k − 1].drawdownBps.
//   - Escalation: immediately to the highest level crossed (a crash straight through two levels
//     goes straight to the second).
//   - De-escalation: level k holds while drawdown ≥ threshold_k − hysteresis; below that it drops
//     to the highest level j < k still held by the same rule (0 = normal). Hysteresis keeps a
//     portfolio oscillating around a threshold from flapping between levels.
// Every change is an event with the numbers in a human sentence (breaker_events.reason).
// Withdrawals are not losses: adjustBreakerForFlow scales the peak with deposits/withdrawals.
import { BPS, BREAKER_SEVERITY, type AutomationKind, type BreakerAction, type BreakerLevel, type BreakerState } from "./types";

export { DEFAULT_BREAKER_LEVELS, INITIAL_BREAKER_STATE, type BreakerAction, type BreakerLevel, type BreakerState } from "./types";

export const DEFAULT_HYSTERESIS_BPS = 100;

export type BreakerEvent = {
  from: number;
  to: number;
  drawdownBps: number;
  /** The new level's action, or "resume" when back to normal. */
  action: BreakerAction | "resume";
  reason: string;
  at: Date;
};

const usd = (x: number) => `$${x.toFixed(2)}`;
const pctBps = (b: number) => `${(b / 100).toFixed(2)} %`;

/** Drawdown from peak in bps (floor); 0 without a positive peak. */
export function drawdownBps(peakUsd: number | null, valueUsd: number): number {
  if (peakUsd === null || !(peakUsd > 0) || valueUsd >= peakUsd) return 0;
  // + 1e-9: (100,000 − 95,000) / 100,000 × 10,000 must be 500, not 499 from a float just under.
  return Math.min(BPS, Math.floor(((peakUsd - Math.max(0, valueUsd)) / peakUsd) * BPS + 1e-9));
}

/** The action in force at `level` (null at level 0). */
export const breakerAction = (levels: readonly BreakerLevel[], level: number): BreakerAction | null => (level > 0 ? (levels[level - 1]?.action ?? null) : null);

export function evaluateBreaker(
  levels: readonly BreakerLevel[],
  state: BreakerState,
  valueUsd: number,
  now: Date,
  opts: { hysteresisBps?: number } = {},
): { state: BreakerState & { peakUsd: number }; event?: BreakerEvent } {
  const h = opts.hysteresisBps ?? DEFAULT_HYSTERESIS_BPS;
  if (!Number.isFinite(valueUsd) || valueUsd < 0) return { state: { ...state, peakUsd: state.peakUsd ?? 0 } };
  const peak = state.peakUsd === null || valueUsd > state.peakUsd ? valueUsd : state.peakUsd;
  const dd = drawdownBps(peak, valueUsd);
  let crossed = 0;
  levels.forEach((l, i) => {
    if (dd >= l.drawdownBps) crossed = i + 1;
  });
  const current = Math.min(state.level, levels.length);
  let held = 0;
  for (let k = current; k >= 1; k--) {
    if (dd >= levels[k - 1]!.drawdownBps - h) {
      held = k;
      break;
    }
  }
  const to = Math.max(crossed, held);
  if (to === state.level) return { state: { ...state, peakUsd: peak } };
  const next = { level: to, peakUsd: peak, changedAt: now };
  const numbers = `value ${usd(valueUsd)} is ${pctBps(dd)} below the peak ${usd(peak)}`;
  let reason: string;
  let action: BreakerEvent["action"];
  if (to > state.level) {
    const l = levels[to - 1]!;
    action = l.action;
    reason = `Level ${to} tripped: ${numbers}, at or beyond the ${pctBps(l.drawdownBps)} threshold; action ${l.action}.`;
  } else {
    const was = levels[state.level - 1];
    action = to === 0 ? "resume" : levels[to - 1]!.action;
    const thr = was ? ` (threshold ${pctBps(was.drawdownBps)} − ${pctBps(h)} hysteresis)` : "";
    reason = `Recovered to level ${to}: ${numbers}, under level ${state.level}'s release point${thr}${to === 0 ? "; automations resume" : `; action ${action}`}.`;
  }
  return { state: next, event: { from: state.level, to, drawdownBps: dd, action, reason, at: now } };
}

/** The user re-arms the breaker: peak := current value, level 0 (logged as an event). */
export function resetBreaker(state: BreakerState, valueUsd: number, now: Date): { state: BreakerState & { peakUsd: number }; event: BreakerEvent } {
  return {
    state: { level: 0, peakUsd: valueUsd, changedAt: now },
    event: { from: state.level, to: 0, drawdownBps: 0, action: "resume", reason: `Reset by the user at ${usd(valueUsd)} (new peak).`, at: now },
  };
}

/**
 * Deposits (flow > 0) and withdrawals (flow < 0) are not performance: scale the peak by
 * (valueBefore + flow) / valueBefore so the drawdown is unchanged by the flow.
 */
export function adjustBreakerForFlow(state: BreakerState, valueBeforeUsd: number, flowUsd: number): BreakerState {
  if (state.peakUsd === null || !(valueBeforeUsd > 0)) return state;
  const after = Math.max(0, valueBeforeUsd + flowUsd);
  return { ...state, peakUsd: (state.peakUsd * after) / valueBeforeUsd };
}

/**
 * Size multiplier for new positions at a level, in bps: each halve_size level reached halves it
 * (defaults: level 1 → 5,000); conservative_only keeps the multiplier of the levels below (new
 * risk is blocked anyway); stop_all → 0.
 */
export function sizeMultiplierBps(levels: readonly BreakerLevel[], level: number): number {
  let m = BPS;
  for (let k = 1; k <= Math.min(level, levels.length); k++) {
    const a = levels[k - 1]!.action;
    if (a === "stop_all") return 0;
    if (a === "halve_size") m = Math.floor(m / 2);
  }
  return m;
}

/**
 * What wants to trade. `tokenOutStable` / `tokenInStable`: whether the token bought / sold is a
 * stablecoin (the service knows its token list).
 */
export type TradeIntent =
  | { kind: "manual" }
  | { kind: "stop_loss" | "take_profit" | "trailing_stop" }
  | { kind: Extract<AutomationKind, "dca" | "rebalance"> | "copy"; tokenInStable: boolean; tokenOutStable: boolean };

export type BreakerVerdict = { allowed: boolean; reason: string; action: BreakerAction | null; sizeMultiplierBps: number };

/**
 * Whether an intent may run at breaker `level` (0 = normal) under the action in force:
 *   none / halve_size     everything (halve_size only shrinks new positions: sizeMultiplierBps)
 *   conservative_only     risk-reducing only: stop sells, manual actions, and DCA / rebalance /
 *                         copy orders that buy a stablecoin (a rebalance is checked order by order)
 *   stop_all              only the user's own manual actions
 */
export function allowedBy(levels: readonly BreakerLevel[], level: number, intent: TradeIntent): BreakerVerdict {
  const action = breakerAction(levels, level);
  const mult = sizeMultiplierBps(levels, level);
  const v = (allowed: boolean, reason: string): BreakerVerdict => ({ allowed, reason, action, sizeMultiplierBps: allowed ? mult : 0 });
  if (intent.kind === "manual") return { allowed: true, reason: "Manual actions are always allowed.", action, sizeMultiplierBps: BPS };
  if (action === null) return v(true, "No breaker tripped.");
  if (action === "halve_size") return v(true, `Allowed at ${(mult / 100).toFixed(0)} % size (halve_size).`);
  if (action === "stop_all") return v(false, "The circuit breaker stopped all automations (stop_all).");
  if (!("tokenOutStable" in intent)) return v(true, "Stop and take-profit sells reduce risk (conservative_only).");
  if (intent.tokenOutStable) return v(true, "Buying a stablecoin reduces risk (conservative_only).");
  return v(false, `conservative_only blocks new risk: this ${intent.kind} order buys a volatile asset.`);
}

const ACTION_LABEL: Record<BreakerAction | "resume", string> = {
  halve_size: "position sizes halved",
  conservative_only: "risk-reducing actions only",
  stop_all: "all automations stopped",
  resume: "automations resumed",
};
/** Short human label of an action ("position sizes halved"). */
export const actionLabel = (a: BreakerAction | "resume"): string => ACTION_LABEL[a];

/** Whether `levels` are valid: 1..9,000 bps, strictly increasing, actions never less strict. */
export function validBreakerLevels(levels: readonly BreakerLevel[]): boolean {
  return levels.every(
    (l, i) =>
      Number.isInteger(l.drawdownBps) &&
      l.drawdownBps >= 1 &&
      l.drawdownBps <= 9000 &&
      (i === 0 || (l.drawdownBps > levels[i - 1]!.drawdownBps && BREAKER_SEVERITY[l.action] >= BREAKER_SEVERITY[levels[i - 1]!.action])),
  );
}
