// Simple, dimensionless statistics over a daily close series. Pure; floats are fine here.
export type SeriesStats = {
  lastClose: number;
  changePct: number | null;
  annualisedVolatilityPct: number | null;
  maxDrawdownPct: number | null;
  observations: number;
};

// `closes` ascending; `window` = number of daily returns considered (e.g. 30).
export function computeSeriesStats(closes: readonly number[], window: number): SeriesStats {
  const n = closes.length;
  const last = closes[n - 1];
  if (last === undefined) throw new Error("empty series");
  const slice = closes.slice(Math.max(0, n - window - 1));
  const first = slice[0] ?? last;
  const returns: number[] = [];
  for (let i = 1; i < slice.length; i++) {
    const prev = slice[i - 1]!;
    returns.push(Math.log(slice[i]! / prev));
  }
  let vol: number | null = null;
  if (returns.length >= 2) {
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
    // Crypto trades every day: annualise with 365, not 252.
    vol = Math.sqrt(variance) * Math.sqrt(365) * 100;
  }
  let peak = -Infinity;
  let maxDd = 0;
  for (const c of slice) {
    peak = Math.max(peak, c);
    maxDd = Math.max(maxDd, (peak - c) / peak);
  }
  return {
    lastClose: last,
    changePct: slice.length >= 2 ? (last / first - 1) * 100 : null,
    annualisedVolatilityPct: vol,
    maxDrawdownPct: slice.length >= 2 ? maxDd * 100 : null,
    observations: returns.length,
  };
}
