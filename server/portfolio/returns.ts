// Returns over standard ranges: time-weighted (TWR), money-weighted (XIRR) and simple ROI. Pure.
//
// Conventions
//   - Ranges end at the close of `dayOf(now)`; they start at the close of the day before:
//       1D: end−1   7D: end−7   30D: end−30   1Y: end−365   YTD: Dec 31 of the previous year
//       ALL: the day before the first activity (value 0).  A start before the series is clamped.
//   - TWR is chain-linked daily (valuation.ts): TWR = I_end / I_start − 1 over the growth index.
//   - MWR is the XIRR of the investor's cash flows: −(value at start) at the start, −F_d for each
//     day's net external flow (end of day), +(value at end) at the end; time in days / 365.
//     `mwrAnnualised` is that rate; `mwrPeriod` = (1 + rate)^(days/365) − 1, days from the first
//     cash flow to the end, is comparable to TWR.
//     No solution (e.g. all flows one sign, or no flows) → null, never NaN.
//   - Simple ROI = gain / capital, gain = V_end − V_start − Σ F, capital = V_start + Σ max(F, 0).
import { usdE18ToNumber, type DayNumber, type UsdE18 } from "./types";
import { twrIndexAt, valueAt, type ValuationSeries } from "./valuation";

export const RANGES = ["1D", "7D", "30D", "YTD", "1Y", "ALL"] as const;
export type ReturnRange = (typeof RANGES)[number];

export type CashFlow = { day: DayNumber; amountUsd: number };

/** First and last day of a range (the range covers days start+1 … end; `start` is the base close). */
export function rangeBounds(range: ReturnRange, nowDay: DayNumber, series: Pick<ValuationSeries, "startDay">): { startDay: DayNumber; endDay: DayNumber } {
  const earliest = series.startDay - 1;
  const back = (d: number) => Math.max(nowDay - d, earliest);
  switch (range) {
    case "1D":
      return { startDay: back(1), endDay: nowDay };
    case "7D":
      return { startDay: back(7), endDay: nowDay };
    case "30D":
      return { startDay: back(30), endDay: nowDay };
    case "1Y":
      return { startDay: back(365), endDay: nowDay };
    case "YTD": {
      const y = new Date(nowDay * 86_400_000).getUTCFullYear();
      const dec31 = Date.UTC(y, 0, 1) / 86_400_000 - 1;
      return { startDay: Math.min(Math.max(dec31, earliest), nowDay), endDay: nowDay };
    }
    case "ALL":
      return { startDay: Math.min(earliest, nowDay), endDay: nowDay };
  }
}

// ---------------------------------------------------------------- XIRR

/**
 * NPV and its derivative at `rate` in one pass: Σ a (1+r)^−t and Σ −t a (1+r)^(−t−1).
 * Discount factors are chained, (1+r)^−t_i = (1+r)^−t_{i−1} · (1+r)^−(t_i − t_{i−1}), with one exp
 * per distinct gap (daily flows share the gap), so a pass costs multiplications, not exps.
 */
function npvAndSlope(rate: number, t: Float64Array, a: Float64Array, n: number): [number, number] {
  const l = Math.log1p(rate);
  const inv = 1 / (1 + rate);
  let v = 0;
  let d = 0;
  let disc = 1;
  let prevT = 0;
  let gap = NaN;
  let step = 1;
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    const g = ti - prevT;
    if (g !== 0) {
      if (g !== gap) {
        gap = g;
        step = Math.exp(-g * l);
      }
      disc *= step;
      prevT = ti;
    }
    const x = a[i]! * disc;
    v += x;
    d -= ti * x * inv;
  }
  return [v, d];
}

/**
 * The annual rate r with Σ a_i (1 + r)^(−t_i) = 0, t_i in years of 365 days from the first flow
 * (Excel's XIRR). Newton from `guess`, then bisection over a bracketing grid if Newton fails to
 * converge or leaves (−1, ∞). Returns null when there is no root (flows all one sign, or none found).
 */
export function xirr(flows: readonly CashFlow[], guess = 0.1): number | null {
  const n = flows.length;
  let t0 = Infinity;
  for (const f of flows) t0 = Math.min(t0, f.day);
  const t = new Float64Array(n);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = (flows[i]!.day - t0) / 365;
    a[i] = flows[i]!.amountUsd;
  }
  return solveXirr(t, a, n, guess);
}

/** XIRR on arrays (t in years from the first flow, amounts); the first `n` entries are used. */
export function solveXirr(t: Float64Array, amounts: Float64Array, n: number, guess = 0.1): number | null {
  if (n < 2) return null;
  let pos = false;
  let neg = false;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const x = amounts[i]!;
    if (x > 0) pos = true;
    if (x < 0) neg = true;
    if (Math.abs(x) > scale) scale = Math.abs(x);
  }
  if (!pos || !neg) return null;
  // Normalise amounts so the tolerance is relative to the largest flow.
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = amounts[i]! / scale;
  let r = guess > -1 && Number.isFinite(guess) ? guess : 0.1;
  for (let i = 0; i < 100; i++) {
    const [v, d] = npvAndSlope(r, t, a, n);
    if (!Number.isFinite(v) || !Number.isFinite(d) || d === 0) break;
    const next = r - v / d;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - r) < 1e-11 * Math.max(1, Math.abs(r))) {
      // Converged; the NPV check (at r, before the last tiny step) guards against a stalled Newton.
      if (Math.abs(v) < 1e-8) return next;
      break;
    }
    r = next;
  }
  return bisect(t, a, n);
}

function bisect(t: Float64Array, a: Float64Array, n: number): number | null {
  const f = (r: number) => npvAndSlope(r, t, a, n)[0];
  const grid = [-0.999999, -0.99, -0.9, -0.5, -0.2, 0, 0.2, 0.5, 1, 2, 5, 10, 100, 1e3, 1e4, 1e6];
  let lo = NaN;
  let hi = NaN;
  let flo = NaN;
  for (let i = 0; i + 1 < grid.length; i++) {
    const x = f(grid[i]!);
    const y = f(grid[i + 1]!);
    if (Number.isFinite(x) && Number.isFinite(y) && Math.sign(x) !== Math.sign(y)) {
      lo = grid[i]!;
      hi = grid[i + 1]!;
      flo = x;
      break;
    }
  }
  if (Number.isNaN(lo)) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------- range returns

/** The investor's cash flows for the MWR of (startDay, endDay] (signs: paid in < 0, value out > 0). */
export function mwrCashFlows(s: ValuationSeries, startDay: DayNumber, endDay: DayNumber): CashFlow[] {
  const flows: CashFlow[] = [];
  const v0 = valueAt(s, startDay);
  if (v0 !== 0n) flows.push({ day: startDay, amountUsd: -usdE18ToNumber(v0) });
  const from = Math.max(startDay + 1, s.startDay);
  const to = Math.min(endDay, s.endDay);
  for (let d = from; d <= to; d++) {
    const f = s.externalFlowUsdE18[d - s.startDay]!;
    if (f !== 0n) flows.push({ day: d, amountUsd: -usdE18ToNumber(f) });
  }
  const v1 = valueAt(s, endDay);
  if (v1 !== 0n) flows.push({ day: endDay, amountUsd: usdE18ToNumber(v1) });
  return flows;
}

export type RangeReturn = {
  range: ReturnRange;
  startDay: DayNumber;
  endDay: DayNumber;
  startValueUsdE18: UsdE18;
  endValueUsdE18: UsdE18;
  netFlowUsdE18: UsdE18;
  /** Cumulative TWR over the range. */
  twr: number;
  mwrAnnualised: number | null;
  /** MWR over the range's length, comparable to `twr`. */
  mwrPeriod: number | null;
  roi: number | null;
  /** Gain in USD×1e18 (V_end − V_start − Σ flows). */
  gainUsdE18: UsdE18;
  /** True when some day in the range had unpriced holdings. */
  incomplete: boolean;
};

/** TWR, MWR and ROI of one range, side by side. */
export function computeRangeReturn(s: ValuationSeries, range: ReturnRange, nowDay: DayNumber): RangeReturn {
  const { startDay, endDay } = rangeBounds(range, nowDay, s);
  return computeReturnBetween(s, startDay, endDay, range);
}

export function computeReturnBetween(s: ValuationSeries, startDay: DayNumber, endDay: DayNumber, range: ReturnRange = "ALL"): RangeReturn {
  const v0 = valueAt(s, startDay);
  const v1 = valueAt(s, endDay);
  let net = 0n;
  let inflow = 0n;
  let incomplete = false;
  for (let d = Math.max(startDay + 1, s.startDay); d <= Math.min(endDay, s.endDay); d++) {
    const f = s.externalFlowUsdE18[d - s.startDay]!;
    net += f;
    if (f > 0n) inflow += f;
    if (s.unpriced.has(d)) incomplete = true;
  }
  const gain = v1 - v0 - net;
  const capital = v0 + inflow;
  const flows = mwrCashFlows(s, startDay, endDay);
  const rate = xirr(flows);
  // The MWR's own period starts at its first cash flow (for ALL: the first activity's day).
  const years = (endDay - (flows[0]?.day ?? startDay)) / 365;
  return {
    range,
    startDay,
    endDay,
    startValueUsdE18: v0,
    endValueUsdE18: v1,
    netFlowUsdE18: net,
    twr: twrIndexAt(s, endDay) / twrIndexAt(s, startDay) - 1,
    mwrAnnualised: rate,
    mwrPeriod: rate === null ? null : Math.pow(1 + rate, years) - 1,
    roi: capital > 0n ? usdE18ToNumber(gain) / usdE18ToNumber(capital) : null,
    gainUsdE18: gain,
    incomplete,
  };
}

/** All standard ranges at `nowDay`. */
export function computeReturns(s: ValuationSeries, nowDay: DayNumber): RangeReturn[] {
  return RANGES.map((r) => computeRangeReturn(s, r, nowDay));
}

/**
 * Since-inception MWR (annualised XIRR) sampled every `stepDays` days and at the last day.
 * Each solve is warm-started from the previous rate. Cost O(points × flow days × iterations).
 */
export function computeMwrSeries(s: ValuationSeries, stepDays = 7): { day: DayNumber; mwrAnnualised: number | null }[] {
  const len = s.valueUsdE18.length;
  // Flows at t = years since the close of startDay − 1; one slot kept free for the terminal value.
  const t = new Float64Array(len + 2);
  const a = new Float64Array(len + 2);
  let n = 0;
  const out: { day: DayNumber; mwrAnnualised: number | null }[] = [];
  let guess = 0.1;
  if (s.openingValueUsdE18 !== 0n) {
    t[n] = 0;
    a[n++] = -usdE18ToNumber(s.openingValueUsdE18);
  }
  for (let k = 0; k < len; k++) {
    const f = s.externalFlowUsdE18[k]!;
    if (f !== 0n) {
      t[n] = (k + 1) / 365;
      a[n++] = -usdE18ToNumber(f);
    }
    if ((k + 1) % stepDays !== 0 && k !== len - 1) continue;
    const v = s.valueUsdE18[k]!;
    let m = n;
    if (v !== 0n) {
      t[m] = (k + 1) / 365;
      a[m++] = usdE18ToNumber(v);
    }
    // XIRR measures time from the first flow; shifting every t by a constant leaves the root unchanged.
    const r = solveXirr(t, a, m, guess);
    if (r !== null) guess = r;
    out.push({ day: s.startDay + k, mwrAnnualised: r });
  }
  return out;
}
