// Outcome of a signal from the daily candles after it. Pure; `now` is passed in.
//
// DEFINITIONS
//   watched candles  the UTC-day candles opening at or after `generatedAtMs` (the signal's entry
//                    is the close at that moment) and before expiresAt = generatedAtMs +
//                    horizonDays days, that have CLOSED by now (timestampMs + 1 day ≤ now).
//   target hit       the first target (targets[0], the nearest) is reached before the stop: for a
//                    long high ≥ target, for a short low ≤ target. `targetsReached` counts the
//                    targets reached up to and including that candle.
//   stop hit         the stop is reached first: long low ≤ stop, short high ≥ stop.
//   same candle      a candle reaching both the first target and the stop resolves as STOP HIT:
//                    daily candles do not say which came first, and the conservative reading never
//                    flatters the provider's hit rate.
//   expired          neither by expiresAt, once now ≥ expiresAt.
//   open             otherwise.
//   return after N   direction-signed simple return from the entry to the close of the candle that
//                    closes N days after generatedAtMs (timestampMs = generatedAtMs + (N − 1) days):
//                    long close/entry − 1, short 1 − close/entry. null until that candle has closed
//                    (or when it is missing). Computed for N = 1, 7, 30 whatever the outcome.
//   hit rate         per provider: targets hit / resolved, resolved = target hit + stop hit + expired
//                    (open signals are not counted); null with nothing resolved.
import { MS_PER_DAY } from "@/server/portfolio/types";
import type { Candle } from "./indicators";

export type TrackedSignal = {
  direction: "long" | "short";
  entry: number;
  targets: readonly number[];
  stop: number;
  horizonDays: number;
  generatedAtMs: number;
};

export type OutcomeCandle = Pick<Candle, "timestampMs" | "high" | "low" | "close">;

export type SignalStatus = "target_hit" | "stop_hit" | "expired" | "open";

export type SignalOutcome = {
  status: SignalStatus;
  /** Close time of the candle that resolved it (or expiresAt when expired); null while open. */
  resolvedAtMs: number | null;
  targetsReached: number;
  expiresAtMs: number;
  returns: { d1: number | null; d7: number | null; d30: number | null };
};

export const RETURN_HORIZONS_DAYS = [1, 7, 30] as const;

export function evaluateSignalOutcome(signal: TrackedSignal, candles: readonly OutcomeCandle[], nowMs: number): SignalOutcome {
  const expiresAtMs = signal.generatedAtMs + signal.horizonDays * MS_PER_DAY;
  const long = signal.direction === "long";
  const sorted = [...candles].filter((c) => c.timestampMs + MS_PER_DAY <= nowMs).sort((a, b) => a.timestampMs - b.timestampMs);
  const first = signal.targets[0];
  let status: SignalStatus = "open";
  let resolvedAtMs: number | null = null;
  let targetsReached = 0;
  for (const c of sorted) {
    if (c.timestampMs < signal.generatedAtMs || c.timestampMs >= expiresAtMs) continue;
    const stopHit = long ? c.low <= signal.stop : c.high >= signal.stop;
    const targetHit = first !== undefined && (long ? c.high >= first : c.low <= first);
    if (stopHit) {
      status = "stop_hit";
    } else if (targetHit) {
      status = "target_hit";
      targetsReached = signal.targets.filter((t) => (long ? c.high >= t : c.low <= t)).length;
    } else continue;
    resolvedAtMs = c.timestampMs + MS_PER_DAY;
    break;
  }
  if (status === "open" && nowMs >= expiresAtMs) {
    status = "expired";
    resolvedAtMs = expiresAtMs;
  }
  const after = (n: number): number | null => {
    const c = sorted.find((x) => x.timestampMs === signal.generatedAtMs + (n - 1) * MS_PER_DAY);
    if (!c || !(signal.entry > 0)) return null;
    return long ? c.close / signal.entry - 1 : 1 - c.close / signal.entry;
  };
  return { status, resolvedAtMs, targetsReached, expiresAtMs, returns: { d1: after(1), d7: after(7), d30: after(30) } };
}

export type ProviderHitRate = { providerId: string; total: number; targetHits: number; stopHits: number; expired: number; open: number; resolved: number; hitRate: number | null };

/** Hit rate per provider (provider ids ascending). */
export function hitRateByProvider(rows: readonly { providerId: string; status: SignalStatus }[]): ProviderHitRate[] {
  const by = new Map<string, ProviderHitRate>();
  for (const r of rows) {
    const p = by.get(r.providerId) ?? { providerId: r.providerId, total: 0, targetHits: 0, stopHits: 0, expired: 0, open: 0, resolved: 0, hitRate: null };
    p.total++;
    if (r.status === "target_hit") p.targetHits++;
    else if (r.status === "stop_hit") p.stopHits++;
    else if (r.status === "expired") p.expired++;
    else p.open++;
    by.set(r.providerId, p);
  }
  return [...by.values()]
    .map((p) => {
      const resolved = p.targetHits + p.stopHits + p.expired;
      return { ...p, resolved, hitRate: resolved > 0 ? p.targetHits / resolved : null };
    })
    .sort((a, b) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0));
}
