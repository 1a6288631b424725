// Outcome of a LIVE signal (basis 'live') from successive observations of the pool price on the
// local chain. Pure: the caller passes each observation's price and time; the same observations
// give the same state. The daily-candle twin for generated signals is signal-outcomes.ts.
//
// DEFINITIONS
//   observation      a pool mid price (USD) at `atMs`. Observations before publishedAt, or with a
//                    price that is not a finite positive number, are ignored (state unchanged).
//   expired          the first observation at or after expiresAt, while the signal is still open,
//                    expires it: resolvedAt = expiresAt, resolvedPrice = the last price observed
//                    before expiry (the observation's own price when there was none). Expiry is
//                    checked FIRST, so a price crossing seen only after expiresAt never counts.
//   target hit       long price ≥ targets[0], short price ≤ targets[0] (the nearest target).
//   stop hit         long price ≤ stop, short price ≥ stop. One price cannot be both (the levels
//                    lie on either side of the entry), so the first observation that crosses
//                    either level decides. resolvedPrice = the level crossed (the price a resting
//                    order at that level fills at), resolvedAt = the observation's time.
//   targetsReached   targets crossed at the resolving observation (long: price ≥ target), the
//                    same reading as signal-outcomes.ts; frozen once resolved.
//   high/low/last    the highest, lowest and last observed prices while open; frozen once
//                    resolved (a resolved signal is no longer watched for levels).
//   return after N   direction-signed simple return from the ENTRY (long price/entry − 1, short
//                    1 − price/entry) at the first observation at or after publishedAt + N days,
//                    N = 1, 7, 30; kept once set, and filled whatever the status (a resolved
//                    signal's returns are still measured later).
import { MS_PER_DAY } from "@/server/portfolio/types";

export type LiveSignalStatus = "open" | "target_hit" | "stop_hit" | "expired";

export type LiveSignalState = {
  direction: "long" | "short";
  entry: number;
  targets: readonly number[];
  stop: number;
  publishedAtMs: number;
  expiresAtMs: number;
  status: LiveSignalStatus;
  targetsReached: number;
  resolvedAtMs: number | null;
  resolvedPrice: number | null;
  lastPrice: number | null;
  highSince: number | null;
  lowSince: number | null;
  lastObservedAtMs: number | null;
  returns: { d1: number | null; d7: number | null; d30: number | null };
};

export type PriceObservation = { price: number; atMs: number };

export const LIVE_RETURN_DAYS = { d1: 1, d7: 7, d30: 30 } as const;

function signedReturn(s: Pick<LiveSignalState, "direction" | "entry">, price: number): number | null {
  if (!(s.entry > 0)) return null;
  return s.direction === "long" ? price / s.entry - 1 : 1 - price / s.entry;
}

function fillReturns(s: LiveSignalState, o: PriceObservation): LiveSignalState["returns"] {
  const out = { ...s.returns };
  for (const key of Object.keys(LIVE_RETURN_DAYS) as (keyof typeof LIVE_RETURN_DAYS)[]) {
    if (out[key] === null && o.atMs >= s.publishedAtMs + LIVE_RETURN_DAYS[key] * MS_PER_DAY) out[key] = signedReturn(s, o.price);
  }
  return out;
}

function resolveOpen(s: LiveSignalState, o: PriceObservation): Pick<LiveSignalState, "status" | "targetsReached" | "resolvedAtMs" | "resolvedPrice"> | null {
  if (o.atMs >= s.expiresAtMs) return { status: "expired", targetsReached: 0, resolvedAtMs: s.expiresAtMs, resolvedPrice: s.lastPrice ?? o.price };
  const long = s.direction === "long";
  const first = s.targets[0];
  if (long ? o.price <= s.stop : o.price >= s.stop) return { status: "stop_hit", targetsReached: 0, resolvedAtMs: o.atMs, resolvedPrice: s.stop };
  if (first !== undefined && (long ? o.price >= first : o.price <= first)) {
    const reached = s.targets.filter((t) => (long ? o.price >= t : o.price <= t)).length;
    return { status: "target_hit", targetsReached: reached, resolvedAtMs: o.atMs, resolvedPrice: first };
  }
  return null;
}

/** The state after one price observation (a new object; the input is not modified). */
export function observeSignal(state: LiveSignalState, obs: PriceObservation): LiveSignalState {
  if (!Number.isFinite(obs.price) || !(obs.price > 0) || !Number.isFinite(obs.atMs) || obs.atMs < state.publishedAtMs) return state;
  const returns = fillReturns(state, obs);
  if (state.status !== "open") return { ...state, returns };
  const resolved = resolveOpen(state, obs);
  if (resolved?.status === "expired") return { ...state, ...resolved, returns, lastObservedAtMs: obs.atMs };
  return {
    ...state,
    ...(resolved ?? {}),
    returns,
    lastPrice: obs.price,
    highSince: Math.max(state.highSince ?? obs.price, obs.price),
    lowSince: Math.min(state.lowSince ?? obs.price, obs.price),
    lastObservedAtMs: obs.atMs,
  };
}

/**
 * Whether an observation changed anything worth writing: everything but lastObservedAtMs (an
 * unchanged price observed again is not a change, so an idle market writes nothing).
 */
export function liveSignalChanged(a: LiveSignalState, b: LiveSignalState): boolean {
  return (
    a.status !== b.status ||
    a.targetsReached !== b.targetsReached ||
    a.resolvedAtMs !== b.resolvedAtMs ||
    a.resolvedPrice !== b.resolvedPrice ||
    a.lastPrice !== b.lastPrice ||
    a.highSince !== b.highSince ||
    a.lowSince !== b.lowSince ||
    a.returns.d1 !== b.returns.d1 ||
    a.returns.d7 !== b.returns.d7 ||
    a.returns.d30 !== b.returns.d30
  );
}

/** Whether the signal still needs observations: open, or a return still to measure. */
export function needsObservation(s: Pick<LiveSignalState, "status" | "returns">): boolean {
  return s.status === "open" || s.returns.d1 === null || s.returns.d7 === null || s.returns.d30 === null;
}
