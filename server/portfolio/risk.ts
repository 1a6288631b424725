// Risk metrics on daily returns and allocation of current holdings. Pure; floats (dimensionless).
//
// Conventions
//   - Input returns are the daily sub-period returns of the TWR chain (valuation.ts); days on which
//     nothing was at risk (denominator 0) are dropped by `riskReturns`.
//   - Annualisation uses a 365-day year (crypto trades every day): vol = σ_daily × √365,
//     Sharpe = mean(r − rf/365) / σ(r − rf/365) × √365, Sortino the same over the downside
//     deviation √(Σ min(0, r − rf/365)² / n). σ is the sample standard deviation (n − 1).
//   - Drawdown is measured on the TWR growth index (flows don't create fake drawdowns) and
//     reported as a positive fraction (0.35 = −35 %).
//   - VaR / CVaR are positive one-day loss fractions. Historical: VaR = −r_(k) with
//     k = ceil(n·(1 − c)) (1-based order statistic of sorted returns), CVaR = −mean(r_(1..k)).
//     Parametric normal: VaR = −(μ + zσ), CVaR = −(μ − σ·φ(z)/(1 − c)), z = Φ⁻¹(1 − c).
import { usdE18ToNumber, type AssetRegistry, type DayNumber, type UsdE18 } from "./types";
import type { ValuationSeries } from "./valuation";

export const DAYS_PER_YEAR = 365;

export type DatedReturns = { days: DayNumber[]; returns: number[] };

/** The daily returns of (startDay, endDay], skipping days with nothing at risk. */
export function riskReturns(s: ValuationSeries, startDay: DayNumber, endDay: DayNumber): DatedReturns {
  const days: DayNumber[] = [];
  const returns: number[] = [];
  for (let d = Math.max(startDay + 1, s.startDay); d <= Math.min(endDay, s.endDay); d++) {
    const k = d - s.startDay;
    if (s.returnDenUsdE18[k] === 0n) continue;
    days.push(d);
    returns.push(s.dailyReturn[k]!);
  }
  return { days, returns };
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : 0;
}

/** Sample standard deviation (n − 1); 0 for fewer than two points. */
export function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

/** Annualised volatility (365-day year). */
export function annualisedVolatility(returns: readonly number[], periodsPerYear = DAYS_PER_YEAR): number {
  return stdev(returns) * Math.sqrt(periodsPerYear);
}

/** Annualised Sharpe ratio; `riskFreeRate` is annual (default 0). null when σ = 0 or n < 2. */
export function sharpeRatio(returns: readonly number[], riskFreeRate = 0, periodsPerYear = DAYS_PER_YEAR): number | null {
  const ex = returns.map((r) => r - riskFreeRate / periodsPerYear);
  const sd = stdev(ex);
  return sd > 0 ? (mean(ex) / sd) * Math.sqrt(periodsPerYear) : null;
}

/** Annualised Sortino ratio (downside deviation against the risk-free rate). null when no downside. */
export function sortinoRatio(returns: readonly number[], riskFreeRate = 0, periodsPerYear = DAYS_PER_YEAR): number | null {
  if (returns.length < 2) return null;
  const ex = returns.map((r) => r - riskFreeRate / periodsPerYear);
  let dd = 0;
  for (const x of ex) if (x < 0) dd += x * x;
  dd = Math.sqrt(dd / ex.length);
  return dd > 0 ? (mean(ex) / dd) * Math.sqrt(periodsPerYear) : null;
}

export type Drawdown = {
  /** Positive fraction: 0.35 means the index fell 35 % from its peak. */
  maxDrawdown: number;
  peakDay: DayNumber | null;
  troughDay: DayNumber | null;
  /** First day after the trough back at or above the peak; null if not recovered. */
  recoveryDay: DayNumber | null;
};

/** Maximum drawdown of a level series (e.g. the TWR index), with its dates. */
export function maxDrawdown(days: readonly DayNumber[], levels: ArrayLike<number>): Drawdown {
  let peak = -Infinity;
  let peakDay: DayNumber | null = null;
  let best: Drawdown = { maxDrawdown: 0, peakDay: null, troughDay: null, recoveryDay: null };
  let bestPeakLevel = 0;
  for (let i = 0; i < days.length; i++) {
    const x = levels[i]!;
    if (x > peak) {
      peak = x;
      peakDay = days[i]!;
    }
    const dd = peak > 0 ? 1 - x / peak : 0;
    if (dd > best.maxDrawdown) {
      best = { maxDrawdown: dd, peakDay, troughDay: days[i]!, recoveryDay: null };
      bestPeakLevel = peak;
    }
  }
  if (best.troughDay !== null) {
    const start = days.indexOf(best.troughDay);
    for (let i = start + 1; i < days.length; i++) {
      if (levels[i]! >= bestPeakLevel) {
        best.recoveryDay = days[i]!;
        break;
      }
    }
  }
  return best;
}

/** Drawdown of the TWR index over (startDay, endDay] (the base day included as the first level). */
export function drawdownOfSeries(s: ValuationSeries, startDay: DayNumber, endDay: DayNumber): Drawdown {
  const days: DayNumber[] = [];
  const levels: number[] = [];
  for (let d = Math.max(startDay, s.startDay - 1); d <= Math.min(endDay, s.endDay); d++) {
    days.push(d);
    levels.push(d < s.startDay ? 1 : s.twrIndex[d - s.startDay]!);
  }
  return maxDrawdown(days, levels);
}

// ---------------------------------------------------------------- VaR

/** Standard normal density. */
export const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalInv(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export type VarResult = { confidence: number; historicalVar: number | null; historicalCvar: number | null; parametricVar: number | null; parametricCvar: number | null };

/** One-day VaR and CVaR at `confidence` (0.95, 0.99), historical and parametric normal. */
export function valueAtRisk(returns: readonly number[], confidence: number): VarResult {
  const n = returns.length;
  if (n === 0) return { confidence, historicalVar: null, historicalCvar: null, parametricVar: null, parametricCvar: null };
  const sorted = [...returns].sort((x, y) => x - y);
  // 1 − 0.95 is 0.05000000000000004 in floats: without the epsilon, n = 100 would give k = 6, not 5.
  const k = Math.max(1, Math.ceil(n * (1 - confidence) - 1e-9));
  let tail = 0;
  for (let i = 0; i < k; i++) tail += sorted[i]!;
  const mu = mean(returns);
  const sd = stdev(returns);
  const z = normalInv(1 - confidence);
  return {
    confidence,
    historicalVar: -sorted[k - 1]!,
    historicalCvar: -tail / k,
    parametricVar: n >= 2 ? -(mu + z * sd) : null,
    parametricCvar: n >= 2 ? -(mu - (sd * normalPdf(z)) / (1 - confidence)) : null,
  };
}

// ---------------------------------------------------------------- benchmark

/** Daily returns of a price series over (startDay, endDay], keyed by day (days with a missing price skipped). */
export function benchmarkReturns(price: (day: DayNumber) => UsdE18 | null, startDay: DayNumber, endDay: DayNumber): Map<DayNumber, number> {
  const out = new Map<DayNumber, number>();
  let prev = price(startDay);
  for (let d = startDay + 1; d <= endDay; d++) {
    const p = price(d);
    if (p !== null && prev !== null && prev > 0n) out.set(d, usdE18ToNumber(p) / usdE18ToNumber(prev) - 1);
    prev = p;
  }
  return out;
}

/** Beta and correlation of portfolio returns against benchmark returns on the days both have. */
export function betaAndCorrelation(portfolio: DatedReturns, benchmark: ReadonlyMap<DayNumber, number>): { beta: number | null; correlation: number | null; days: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  portfolio.days.forEach((d, i) => {
    const b = benchmark.get(d);
    if (b !== undefined) {
      xs.push(portfolio.returns[i]!);
      ys.push(b);
    }
  });
  if (xs.length < 2) return { beta: null, correlation: null, days: xs.length };
  const mx = mean(xs);
  const my = mean(ys);
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < xs.length; i++) {
    cov += (xs[i]! - mx) * (ys[i]! - my);
    vx += (xs[i]! - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
  }
  return { beta: vy > 0 ? cov / vy : null, correlation: vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : null, days: xs.length };
}

// ---------------------------------------------------------------- allocation

export type AllocationSlice = { key: string; valueUsdE18: UsdE18; /** floor(value × 10,000 / total) */ weightBps: number; weight: number };
export type Allocation = {
  totalUsdE18: UsdE18;
  byAsset: AllocationSlice[];
  byChain: AllocationSlice[];
  byCategory: AllocationSlice[];
  /** Only holdings with a protocol; the rest of the portfolio is not in any protocol. */
  byProtocol: AllocationSlice[];
  /** Held assets without a price (excluded from every total, flagged). */
  unpriced: string[];
};

function slices(m: Map<string, UsdE18>, total: UsdE18): AllocationSlice[] {
  return [...m.entries()]
    .map(([key, v]) => ({ key, valueUsdE18: v, weightBps: total > 0n ? Number((v * 10_000n) / total) : 0, weight: total > 0n ? usdE18ToNumber(v) / usdE18ToNumber(total) : 0 }))
    .sort((a, b) => (b.valueUsdE18 > a.valueUsdE18 ? 1 : b.valueUsdE18 < a.valueUsdE18 ? -1 : a.key.localeCompare(b.key)));
}

/** Allocation by asset, chain, category and protocol of holdings valued in USD (null value = unpriced). */
export function computeAllocation(holdings: readonly { assetId: string; valueUsdE18: UsdE18 | null }[], assets: AssetRegistry): Allocation {
  const by = { asset: new Map<string, UsdE18>(), chain: new Map<string, UsdE18>(), category: new Map<string, UsdE18>(), protocol: new Map<string, UsdE18>() };
  const add = (m: Map<string, UsdE18>, k: string, v: UsdE18) => m.set(k, (m.get(k) ?? 0n) + v);
  let total = 0n;
  const unpriced: string[] = [];
  for (const h of holdings) {
    if (h.valueUsdE18 === null) {
      unpriced.push(h.assetId);
      continue;
    }
    if (h.valueUsdE18 === 0n) continue;
    const meta = assets[h.assetId];
    total += h.valueUsdE18;
    add(by.asset, h.assetId, h.valueUsdE18);
    add(by.chain, meta?.chain ?? "unknown", h.valueUsdE18);
    add(by.category, meta?.category ?? "other", h.valueUsdE18);
    if (meta?.protocol) add(by.protocol, meta.protocol, h.valueUsdE18);
  }
  return {
    totalUsdE18: total,
    byAsset: slices(by.asset, total),
    byChain: slices(by.chain, total),
    byCategory: slices(by.category, total),
    byProtocol: slices(by.protocol, total),
    unpriced,
  };
}

// ---------------------------------------------------------------- one call for a range

export type RiskReport = {
  startDay: DayNumber;
  endDay: DayNumber;
  /** Daily returns used (days with something at risk). */
  days: number;
  volatility: number;
  sharpe: number | null;
  sortino: number | null;
  drawdown: Drawdown;
  var95: VarResult;
  var99: VarResult;
  /** Against the benchmark (e.g. BTC) when its prices are given. */
  beta: number | null;
  correlation: number | null;
};

/** Every risk metric of (startDay, endDay] (e.g. a range from returns.ts rangeBounds). */
export function computeRiskReport(
  s: ValuationSeries,
  startDay: DayNumber,
  endDay: DayNumber,
  opts: { riskFreeRate?: number; benchmarkPrice?: (day: DayNumber) => UsdE18 | null } = {},
): RiskReport {
  const r = riskReturns(s, startDay, endDay);
  const bench = opts.benchmarkPrice ? betaAndCorrelation(r, benchmarkReturns(opts.benchmarkPrice, startDay, endDay)) : { beta: null, correlation: null };
  return {
    startDay,
    endDay,
    days: r.returns.length,
    volatility: annualisedVolatility(r.returns),
    sharpe: sharpeRatio(r.returns, opts.riskFreeRate ?? 0),
    sortino: sortinoRatio(r.returns, opts.riskFreeRate ?? 0),
    drawdown: drawdownOfSeries(s, startDay, endDay),
    var95: valueAtRisk(r.returns, 0.95),
    var99: valueAtRisk(r.returns, 0.99),
    beta: bench.beta,
    correlation: bench.correlation,
  };
}
