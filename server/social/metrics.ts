// Trader metrics over a window of a verified record. Pure; floats (dimensionless analytics).
//
// INPUT: the daily equity series of the trader's verified book (one point per UTC day, ascending:
// close value in USD, that day's net external flow, optionally the close value per asset) and the
// book's verified trades (round-trips.ts). Only the verified book goes in: the service decides
// what counts (paper rail, receipt-confirmed, vault).
//
// WINDOW: 7, 30, 90, 365 days or all time, ending at E = min(dayOf(now), last day of the series).
//   base day B = max(dayOf(now) − N, first day of the series) (all time: B = first day), clamped to
//   ≤ E. The window covers the days (B, E]; `days` = E − B, so a window longer than the record
//   reports the record's length. The base day's close is the starting level (its flow is the
//   initial deposit, not a return). Trades count when their UTC day is in (B, E] (all time: every
//   trade up to E).
//
// METRICS (each over the window)
//   twr            time-weighted return, flow-neutral and chain-linked daily with flows at the END
//                  of the day (as server/portfolio/valuation.ts):
//                      r_i = (V_i − F_i) / V_{i−1} − 1,   TWR = Π (1 + r_i) − 1
//                  over consecutive points i in (B, E] (a missing day links to the previous point).
//                  A point whose previous value is ≤ 0 had nothing at risk: r_i = 0 and it is left
//                  out of the risk returns below.
//   maxDrawdown    largest fall of the TWR index I (I_B = 1, I_i = I_{i−1}(1 + r_i)) from a running
//                  peak, as a positive fraction: max_i (1 − I_i / max_{j≤i} I_j), with the peak's and
//                  trough's day (and the recovery day, first day back at the peak, or null).
//                  Measured on the index, so a withdrawal is not a drawdown.
//   volatility     annualised: sample σ (n − 1) of the daily r_i × √365.
//   sharpe         mean(r − rf/365) / σ(r − rf/365) × √365, rf annual (default 0); null if σ = 0.
//   sortino        mean(r − rf/365) / √(Σ min(0, r − rf/365)² / n) × √365; null if no downside.
//                  (risk.ts implements the three; this module does not repeat them.)
//   trades         number of verified trades in the window.
//   winRate        wins / closed round trips closed in the window (round-trips.ts: FIFO lots of
//                  the asset within the book; P&L > 0 is a win); null without a round trip.
//   avgHoldingMs   cost-weighted mean holding time of those round trips (round-trips.ts); null
//                  without one. avgHoldingDays = avgHoldingMs / 86,400,000.
//   exposure       share of the window's days (points with V > 0) on which the book held a
//                  non-stablecoin position worth ≥ 0.1 % of its value (`exposureMinWeight`).
//   avgNonStableWeight  mean over the same days of (Σ non-stable values) / V.
//   averageWeights mean over the same days of each non-stable asset's value / V.
//   concentrationHhi  Σ over non-stable assets of averageWeights² (Herfindahl-Hirschman index of
//                  the risky book as a share of equity): 1 = all in one asset all the time,
//                  0.5 = half/half in two, 0.25 = half in one and half in stablecoins, 0 = all cash.
//                  Stablecoins are cash and add no concentration.
//   turnover       annualised: (Σ valueUsd of the window's trades) / avgEquity × 365 / days, with
//                  avgEquity = mean V over the window's points; null when days = 0 or avgEquity ≤ 0.
//   The per-asset metrics are null when the points carry no `holdingsUsd`.
import { DomainError, ErrorKind } from "@/server/errors";
import { annualisedVolatility, maxDrawdown, sharpeRatio, sortinoRatio, DAYS_PER_YEAR } from "@/server/portfolio/risk";
import { dayOf, MS_PER_DAY, type DayNumber } from "@/server/portfolio/types";
import { computeRoundTrips, summarizeRoundTrips, type RoundTrip, type VerifiedTrade } from "./round-trips";

export type { VerifiedTrade } from "./round-trips";

export type EquityPoint = {
  day: DayNumber;
  /** Book value at the day's close (USD). */
  valueUsd: number;
  /** Net external flow of the day (positive = deposit into the book). */
  flowUsd: number;
  /** Close value per asset (USD); needed for exposure and concentration. */
  holdingsUsd?: Readonly<Record<string, number>>;
};

export type TraderRecord = {
  equity: readonly EquityPoint[];
  trades: readonly VerifiedTrade[];
  /** Which assets are stablecoins (cash). */
  isStable: (assetId: string) => boolean;
};

export const METRIC_WINDOWS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365, all: null } as const;
export type MetricWindow = keyof typeof METRIC_WINDOWS;

export const DEFAULT_EXPOSURE_MIN_WEIGHT = 0.001;

export type TraderMetrics = {
  window: MetricWindow;
  startDay: DayNumber;
  endDay: DayNumber;
  /** endDay − startDay: the window's length, or the record's when shorter. */
  days: number;
  /** Daily returns with something at risk (used for volatility, Sharpe, Sortino). */
  returnDays: number;
  twr: number;
  maxDrawdown: number;
  drawdownPeakDay: DayNumber | null;
  drawdownTroughDay: DayNumber | null;
  drawdownRecoveryDay: DayNumber | null;
  volatility: number;
  sharpe: number | null;
  sortino: number | null;
  trades: number;
  roundTrips: number;
  wins: number;
  winRate: number | null;
  avgHoldingMs: number | null;
  avgHoldingDays: number | null;
  exposure: number | null;
  avgNonStableWeight: number | null;
  averageWeights: Record<string, number> | null;
  concentrationHhi: number | null;
  tradedUsd: number;
  avgEquityUsd: number | null;
  turnover: number | null;
};

export type MetricsOptions = { riskFreeRate?: number; exposureMinWeight?: number };

function checkSeries(equity: readonly EquityPoint[]): void {
  for (let i = 1; i < equity.length; i++) {
    if (!(equity[i]!.day > equity[i - 1]!.day)) {
      throw new DomainError("social.INVALID_EQUITY_SERIES", ErrorKind.invalid, "The equity series must have one point per day, in ascending order.");
    }
  }
}

/** The window's (startDay, endDay] for a series at `nowMs`; null for an empty series. */
export function windowBounds(equity: readonly EquityPoint[], window: MetricWindow, nowMs: number): { startDay: DayNumber; endDay: DayNumber } | null {
  const nowDay = dayOf(nowMs);
  const first = equity[0];
  if (!first || first.day > nowDay) return null;
  let endDay = first.day;
  for (const p of equity) if (p.day <= nowDay) endDay = p.day;
  const n = METRIC_WINDOWS[window];
  const start = n === null ? first.day : Math.max(nowDay - n, first.day);
  return { startDay: Math.min(start, endDay), endDay };
}

/** Length of the verified record in days at `nowMs` (last day − first day, up to now). */
export function recordDays(equity: readonly EquityPoint[], nowMs: number): number {
  const b = windowBounds(equity, "all", nowMs);
  return b ? b.endDay - b.startDay : 0;
}

type Exposure = Pick<TraderMetrics, "exposure" | "avgNonStableWeight" | "averageWeights" | "concentrationHhi">;

function exposureOf(points: readonly EquityPoint[], isStable: (a: string) => boolean, minWeight: number): Exposure {
  let valued = 0;
  let exposed = 0;
  let weightSum = 0;
  const sums: Record<string, number> = {};
  for (const p of points) {
    if (!p.holdingsUsd || !(p.valueUsd > 0)) continue;
    valued++;
    let risky = 0;
    for (const [asset, v] of Object.entries(p.holdingsUsd)) {
      if (isStable(asset) || !(v > 0)) continue;
      risky += v;
      sums[asset] = (sums[asset] ?? 0) + v / p.valueUsd;
    }
    if (risky / p.valueUsd >= minWeight) exposed++;
    weightSum += risky / p.valueUsd;
  }
  if (valued === 0) return { exposure: null, avgNonStableWeight: null, averageWeights: null, concentrationHhi: null };
  const averageWeights: Record<string, number> = {};
  let hhi = 0;
  for (const asset of Object.keys(sums).sort()) {
    const w = sums[asset]! / valued;
    averageWeights[asset] = w;
    hhi += w * w;
  }
  return { exposure: exposed / valued, avgNonStableWeight: weightSum / valued, averageWeights, concentrationHhi: hhi };
}

function emptyMetrics(window: MetricWindow, startDay: DayNumber, endDay: DayNumber): TraderMetrics {
  return {
    window, startDay, endDay, days: endDay - startDay, returnDays: 0, twr: 0, maxDrawdown: 0, drawdownPeakDay: null, drawdownTroughDay: null, drawdownRecoveryDay: null,
    volatility: 0, sharpe: null, sortino: null, trades: 0, roundTrips: 0, wins: 0, winRate: null, avgHoldingMs: null, avgHoldingDays: null,
    exposure: null, avgNonStableWeight: null, averageWeights: null, concentrationHhi: null, tradedUsd: 0, avgEquityUsd: null, turnover: null,
  };
}

/**
 * Every metric of one window (definitions in the header). `roundTrips` may be passed in when
 * computing several windows of the same record (computeRoundTrips over all its trades).
 */
export function computeTraderMetrics(record: TraderRecord, window: MetricWindow, nowMs: number, opts: MetricsOptions = {}, roundTrips?: readonly RoundTrip[]): TraderMetrics {
  checkSeries(record.equity);
  const bounds = windowBounds(record.equity, window, nowMs);
  if (!bounds) return emptyMetrics(window, dayOf(nowMs), dayOf(nowMs));
  const { startDay, endDay } = bounds;
  const out = emptyMetrics(window, startDay, endDay);

  // TWR index over (B, E]: `prev` is the last point at or before the base day.
  const days: DayNumber[] = [startDay];
  const levels: number[] = [1];
  const riskReturns: number[] = [];
  const inWindow: EquityPoint[] = [];
  let prev: EquityPoint | null = null;
  for (const p of record.equity) {
    if (p.day > endDay) break;
    if (p.day > startDay) {
      inWindow.push(p);
      let r = 0;
      if (prev && prev.valueUsd > 0) {
        r = (p.valueUsd - p.flowUsd) / prev.valueUsd - 1;
        riskReturns.push(r);
      }
      days.push(p.day);
      levels.push(levels[levels.length - 1]! * (1 + r));
    }
    prev = p;
  }
  const dd = maxDrawdown(days, levels);
  const rf = opts.riskFreeRate ?? 0;
  out.returnDays = riskReturns.length;
  out.twr = levels[levels.length - 1]! - 1;
  out.maxDrawdown = dd.maxDrawdown;
  out.drawdownPeakDay = dd.peakDay;
  out.drawdownTroughDay = dd.troughDay;
  out.drawdownRecoveryDay = dd.recoveryDay;
  out.volatility = annualisedVolatility(riskReturns);
  out.sharpe = sharpeRatio(riskReturns, rf);
  out.sortino = sortinoRatio(riskReturns, rf);

  // Trades and round trips: all time counts every trade up to E; a day window counts (B, E].
  const fromDay = window === "all" ? -Infinity : startDay;
  for (const t of record.trades) {
    const d = dayOf(t.timestampMs);
    if (d > fromDay && d <= endDay) {
      out.trades++;
      out.tradedUsd += t.valueUsd;
    }
  }
  const trips = roundTrips ?? computeRoundTrips(record.trades, record.isStable);
  const rt = summarizeRoundTrips(trips, fromDay, endDay);
  out.roundTrips = rt.closed;
  out.wins = rt.wins;
  out.winRate = rt.winRate;
  out.avgHoldingMs = rt.avgHoldingMs;
  out.avgHoldingDays = rt.avgHoldingMs === null ? null : rt.avgHoldingMs / MS_PER_DAY;

  Object.assign(out, exposureOf(inWindow, record.isStable, opts.exposureMinWeight ?? DEFAULT_EXPOSURE_MIN_WEIGHT));
  if (inWindow.length > 0) {
    out.avgEquityUsd = inWindow.reduce((s, p) => s + p.valueUsd, 0) / inWindow.length;
    out.turnover = out.days > 0 && out.avgEquityUsd > 0 ? (out.tradedUsd / out.avgEquityUsd) * (DAYS_PER_YEAR / out.days) : null;
  }
  return out;
}

/** The metrics of every standard window (7d, 30d, 90d, 365d, all). */
export function computeAllWindows(record: TraderRecord, nowMs: number, opts: MetricsOptions = {}): Record<MetricWindow, TraderMetrics> {
  const trips = computeRoundTrips(record.trades, record.isStable);
  const out = {} as Record<MetricWindow, TraderMetrics>;
  for (const w of Object.keys(METRIC_WINDOWS) as MetricWindow[]) out[w] = computeTraderMetrics(record, w, nowMs, opts, trips);
  return out;
}
