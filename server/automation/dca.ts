// Dollar-cost averaging: the slot schedule and the per-tick decision. Pure.
//
// Slot n is due at startAt + n × interval (calendar months in UTC, see schedule.ts) and stays due
// until slot n + 1's time; the last slot is the last one at or before endAt.
//
// Missed slots. When the worker was down (or the automation paused) across several slots, only
// the LATEST due slot runs; the older ones are recorded as missed. Catching up by buying several
// slots at once would put many periods' money in at one price — the opposite of averaging over
// time, which is the point of DCA — and one large order after an outage takes more price impact
// in the pool than the small orders the user planned. The user's schedule is the contract: what
// was not bought on time is not bought later.
//
// Budget. With maxRuns the budget is amountInRaw × maxRuns; a buy spends
// min(amountInRaw, budget − spentRaw), so the total never exceeds it. Skipped slots (pause band)
// spend nothing and do not count as runs.
import { slotIndexAt, slotTimeFrom } from "./schedule";
import type { DcaConfig, DcaState } from "./types";

export type DcaDecision =
  | { action: "buy"; slot: number; slotAt: Date; amountInRaw: bigint; missed: number; nextAt: Date; reason: string }
  | { action: "skip"; slot: number; slotAt: Date; reason: "price_above" | "price_below" | "blocked"; message: string; missed: number; nextAt: Date }
  | { action: "wait"; nextAt: Date; reason: string }
  | { action: "complete"; reason: "ended" | "max_runs" | "budget_exhausted"; message: string };

/** Time of slot n. */
export const slotTime = (cfg: Pick<DcaConfig, "startAt" | "interval">, n: number): Date => slotTimeFrom(cfg.startAt, cfg.interval, n);

/** Index of the last slot at or before endAt; null when the schedule has no end date. -1 if endAt < startAt. */
export function lastSlotIndex(cfg: Pick<DcaConfig, "startAt" | "interval" | "endAt">): number | null {
  if (!cfg.endAt) return null;
  return slotIndexAt(cfg.startAt, cfg.interval, cfg.endAt) ?? -1;
}

/** The latest due slot at `now` (slot n is due in [slotTime(n), slotTime(n + 1))), or null (not started / schedule over). */
export function slotAt(cfg: Pick<DcaConfig, "startAt" | "interval" | "endAt">, now: Date): number | null {
  const n = slotIndexAt(cfg.startAt, cfg.interval, now);
  if (n === null) return null;
  const last = lastSlotIndex(cfg);
  return last !== null && n > last ? null : n;
}

/** Budget in base units (amountInRaw × maxRuns), or null when unbounded. */
export const dcaBudgetRaw = (cfg: Pick<DcaConfig, "amountInRaw" | "maxRuns">): bigint | null =>
  cfg.maxRuns === undefined ? null : cfg.amountInRaw * BigInt(cfg.maxRuns);

function completion(cfg: DcaConfig, state: DcaState): Extract<DcaDecision, { action: "complete" }> | null {
  if (cfg.maxRuns !== undefined && state.runs >= cfg.maxRuns) return { action: "complete", reason: "max_runs", message: `All ${cfg.maxRuns} buys are done.` };
  const budget = dcaBudgetRaw(cfg);
  if (budget !== null && state.spentRaw >= budget) return { action: "complete", reason: "budget_exhausted", message: "The budget is spent." };
  return null;
}

/** The next slot to run and when (due now if its time has passed), or null when no slot remains. */
export function nextSlot(cfg: DcaConfig, state: DcaState, now: Date): { slot: number; at: Date } | null {
  if (completion(cfg, state)) return null;
  const due = slotAt(cfg, now);
  const done = state.lastSlot ?? -1;
  if (due !== null && due > done) return { slot: due, at: slotTime(cfg, due) };
  const n = Math.max(slotIndexAt(cfg.startAt, cfg.interval, now) ?? -1, done) + 1;
  const last = lastSlotIndex(cfg);
  return last !== null && n > last ? null : { slot: n, at: slotTime(cfg, n) };
}

/**
 * What to do at `now`. `priceUsd` is tokenOut's USD price (needed only with a pause band; null
 * when unknown). Never returns buy/skip for a slot ≤ state.lastSlot.
 */
export function decideDca(cfg: DcaConfig, state: DcaState, obs: { now: Date; priceUsd: number | null }): DcaDecision {
  const done = completion(cfg, state);
  if (done) return done;
  const { now } = obs;
  const n = slotIndexAt(cfg.startAt, cfg.interval, now);
  if (n === null) return { action: "wait", nextAt: cfg.startAt, reason: "The schedule has not started." };
  const last = lastSlotIndex(cfg);
  if (last !== null && n > last) return { action: "complete", reason: "ended", message: "The schedule reached its end date." };
  const prev = state.lastSlot ?? -1;
  const nextAt = slotTime(cfg, Math.max(n, prev) + 1);
  if (n <= prev) return { action: "wait", nextAt, reason: `Slot ${prev} already ran; next slot at ${nextAt.toISOString()}.` };
  const missed = n - prev - 1;
  const slotAtTime = slotTime(cfg, n);
  const hasBand = cfg.pauseAbovePriceUsd !== undefined || cfg.pauseBelowPriceUsd !== undefined;
  if (hasBand) {
    const p = obs.priceUsd;
    // Without a price the band cannot be checked: retry (the slot stays due) rather than buy blind
    // or throw the slot away. stale() reports it if this lasts.
    if (p === null || !Number.isFinite(p) || p <= 0) return { action: "wait", nextAt: now, reason: "No price to check the pause band; retrying." };
    if (cfg.pauseAbovePriceUsd !== undefined && p > cfg.pauseAbovePriceUsd) {
      return { action: "skip", slot: n, slotAt: slotAtTime, reason: "price_above", message: `Price $${usd(p)} is above the pause level $${usd(cfg.pauseAbovePriceUsd)}.`, missed, nextAt };
    }
    if (cfg.pauseBelowPriceUsd !== undefined && p < cfg.pauseBelowPriceUsd) {
      return { action: "skip", slot: n, slotAt: slotAtTime, reason: "price_below", message: `Price $${usd(p)} is below the pause level $${usd(cfg.pauseBelowPriceUsd)}.`, missed, nextAt };
    }
  }
  const budget = dcaBudgetRaw(cfg);
  const amountInRaw = budget === null ? cfg.amountInRaw : min(cfg.amountInRaw, budget - state.spentRaw);
  const missedText = missed > 0 ? ` (${missed} earlier slot(s) missed; only the latest due slot runs)` : "";
  return { action: "buy", slot: n, slotAt: slotAtTime, amountInRaw, missed, nextAt, reason: `Slot ${n} due at ${slotAtTime.toISOString()}${missedText}.` };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
/** A price for a human: 2 decimals from $1, else 6 significant digits. */
const usd = (x: number) => (x >= 1 ? x.toFixed(2) : x.toPrecision(6));

/**
 * Turn a due buy into a skip of its slot (reason "blocked"), e.g. when the circuit breaker forbids
 * it: the slot is consumed and counted as skipped, nothing is spent.
 */
export function blockDcaBuy(d: Extract<DcaDecision, { action: "buy" }>, message: string): Extract<DcaDecision, { action: "skip" }> {
  return { action: "skip", slot: d.slot, slotAt: d.slotAt, reason: "blocked", message, missed: d.missed, nextAt: d.nextAt };
}

/**
 * State after a decision was carried out. For a buy, pass the amount actually spent (the fill's
 * amountIn; defaults to the decision's amount).
 */
export function applyDca(state: DcaState, d: DcaDecision, spentRaw?: bigint): DcaState {
  if (d.action === "buy") {
    return { lastSlot: d.slot, runs: state.runs + 1, spentRaw: state.spentRaw + (spentRaw ?? d.amountInRaw), skipped: state.skipped, missed: state.missed + d.missed };
  }
  if (d.action === "skip") return { ...state, lastSlot: d.slot, skipped: state.skipped + 1, missed: state.missed + d.missed };
  return state;
}

/**
 * Whether a due slot has gone unrun for longer than `graceMs` (the oldest slot after lastSlot is
 * due since more than graceMs): the worker is down, the pair has no price, or runs keep failing.
 */
export function isDcaStale(cfg: DcaConfig, state: DcaState, now: Date, graceMs: number): boolean {
  if (completion(cfg, state)) return false;
  const pending = (state.lastSlot ?? -1) + 1;
  const last = lastSlotIndex(cfg);
  if (last !== null && pending > last) return false;
  return now.getTime() - slotTime(cfg, pending).getTime() > graceMs;
}

/** The run's idempotency key: at most one order per automation and slot, ever. */
export const dcaRunKey = (automationId: string, slot: number) => `dca:${automationId}:${slot}`;
