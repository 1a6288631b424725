// Portfolio risk assessment: VaR / CVaR (historical, parametric normal, Monte Carlo),
// correlation and concentration. Pure and deterministic (Monte Carlo takes a seed).
//
// Inputs are per-asset DAILY SIMPLE returns on the same days (returns[asset][day]) and weights.
// The portfolio's daily return is Σ wᵢ rᵢ (exact for simple returns over one period).
// VaR and CVaR are positive one-day loss fractions of the portfolio value (× valueUsd in USD):
//   historical   order statistics of the portfolio's return series (portfolio/risk.ts valueAtRisk)
//   parametric   normal with μ = wᵀm, σ² = wᵀΣw (sample covariance, n − 1):
//                VaR = −(μ + zσ), CVaR = −(μ − σ φ(z) / (1 − c)), z = Φ⁻¹(1 − c)
//   Monte Carlo  `paths` one-day draws r = m + L·ε, ε ~ N(0, I) (Box–Muller on pure-rand's
//                xoroshiro128plus seeded with `seed`), L the Cholesky factor of Σ; VaR/CVaR are
//                the historical estimators on the simulated portfolio returns. The same seed
//                gives the same numbers.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { DomainError, ErrorKind } from "@/server/errors";
import { mean, normalInv, normalPdf, valueAtRisk } from "@/server/portfolio/risk";
import { BPS } from "./types";

export type VarTriple = { historical: number; parametric: number; monteCarlo: number };
export type VarAtConfidence = {
  confidence: number;
  /** One-day loss fractions (positive = loss). */
  var: VarTriple;
  cvar: VarTriple;
  /** The same in USD when valueUsd was given. */
  varUsd: VarTriple | null;
  cvarUsd: VarTriple | null;
};
export type Concentration = {
  /** Herfindahl–Hirschman index Σ wᵢ² of the normalised weights (1/n … 1). */
  hhi: number;
  /** 1 / HHI: the number of equal-weight assets with the same concentration. */
  effectiveN: number;
  topIndex: number;
  topWeightBps: number;
};
export type RiskAssessment = {
  observations: number;
  /** Normalised weights (sum 1). */
  weights: number[];
  meanDaily: number;
  volDaily: number;
  volAnnual: number;
  covariance: number[][];
  /** null where an asset has zero variance. */
  correlation: (number | null)[][];
  concentration: Concentration;
  levels: VarAtConfidence[];
  monteCarlo: { paths: number; seed: number };
};

export type RiskInput = {
  /** returns[i][t]: asset i's simple return on day t; all series the same length (≥ 2). */
  returns: readonly (readonly number[])[];
  /** Any non-negative weights (e.g. bps); normalised to sum 1. */
  weights: readonly number[];
  valueUsd?: number;
  confidences?: readonly number[];
  paths?: number;
  seed?: number;
};

const bad = (m: string) => new DomainError("automation.INVALID_RISK_INPUT", ErrorKind.invalid, m);

/** Sample covariance matrix (n − 1) of aligned series. */
export function covarianceMatrix(returns: readonly (readonly number[])[]): number[][] {
  const k = returns.length;
  const n = returns[0]?.length ?? 0;
  const m = returns.map((r) => mean(r));
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += (returns[i]![t]! - m[i]!) * (returns[j]![t]! - m[j]!);
      c[i]![j] = c[j]![i] = n > 1 ? s / (n - 1) : 0;
    }
  }
  return c;
}

/** Correlation from a covariance matrix (null where a variance is 0). */
export function correlationMatrix(cov: readonly (readonly number[])[]): (number | null)[][] {
  return cov.map((row, i) =>
    row.map((c, j) => {
      const d = Math.sqrt(cov[i]![i]! * cov[j]![j]!);
      return d > 0 ? Math.max(-1, Math.min(1, c / d)) : null;
    }),
  );
}

/**
 * Lower-triangular L with L·Lᵀ = A for a symmetric positive SEMI-definite A. A non-positive pivot
 * (perfectly correlated or constant assets) gives a zero column instead of failing.
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const k = a.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    let d = a[j]![j]!;
    for (let p = 0; p < j; p++) d -= l[j]![p]! ** 2;
    const tol = 1e-14 * Math.max(1e-300, Math.abs(a[j]![j]!));
    const ljj = d > tol ? Math.sqrt(d) : 0;
    l[j]![j] = ljj;
    for (let i = j + 1; i < k; i++) {
      if (ljj === 0) continue;
      let s = a[i]![j]!;
      for (let p = 0; p < j; p++) s -= l[i]![p]! * l[j]![p]!;
      l[i]![j] = s / ljj;
    }
  }
  return l;
}

/** A standard-normal generator (Box–Muller, both variates used) over a seeded xoroshiro128plus. */
export function normalSampler(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - uniformFloat64(rng); // (0, 1]: log is finite
    const u2 = uniformFloat64(rng);
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/** Historical VaR/CVaR of a sample (positive losses), the estimator of portfolio/risk.ts. */
function tailOf(sample: readonly number[], c: number): { var: number; cvar: number } {
  const r = valueAtRisk(sample, c);
  return { var: r.historicalVar ?? 0, cvar: r.historicalCvar ?? 0 };
}

/** Concentration of a weight vector (any non-negative scale). */
export function concentration(weights: readonly number[]): Concentration {
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((x) => (sum > 0 ? x / sum : 0));
  const hhi = w.reduce((a, x) => a + x * x, 0);
  let top = 0;
  w.forEach((x, i) => {
    if (x > w[top]!) top = i;
  });
  return { hhi, effectiveN: hhi > 0 ? 1 / hhi : 0, topIndex: top, topWeightBps: Math.round((w[top] ?? 0) * BPS) };
}

/** Simulated one-day portfolio returns (multivariate normal with the sample mean and covariance). */
export function simulatePortfolioReturns(means: readonly number[], cov: readonly (readonly number[])[], w: readonly number[], paths: number, seed: number): number[] {
  const k = means.length;
  const l = cholesky(cov);
  // Portfolio return = wᵀ(m + Lε) = wᵀm + (Lᵀw)ᵀε: project once instead of per path.
  const b = new Array<number>(k).fill(0);
  for (let j = 0; j < k; j++) for (let i = j; i < k; i++) b[j]! += w[i]! * l[i]![j]!;
  const mu = w.reduce((a, x, i) => a + x * means[i]!, 0);
  const z = normalSampler(seed);
  const out = new Array<number>(paths);
  for (let p = 0; p < paths; p++) {
    let r = mu;
    for (let j = 0; j < k; j++) r += b[j]! * z();
    out[p] = r;
  }
  return out;
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const k = input.returns.length;
  const n = input.returns[0]?.length ?? 0;
  if (k === 0 || k !== input.weights.length) throw bad("Give one weight per return series.");
  if (n < 2 || input.returns.some((r) => r.length !== n)) throw bad("Return series must be aligned and have at least 2 observations.");
  if (input.returns.some((r) => r.some((x) => !Number.isFinite(x)))) throw bad("Returns must be finite numbers.");
  const wSum = input.weights.reduce((a, b) => a + b, 0);
  if (input.weights.some((x) => !(x >= 0)) || !(wSum > 0)) throw bad("Weights must be ≥ 0 with a positive sum.");
  const w = input.weights.map((x) => x / wSum);
  const paths = input.paths ?? 10_000;
  const seed = input.seed ?? 1;
  if (!Number.isInteger(paths) || paths < 100) throw bad("Use at least 100 Monte Carlo paths.");

  const cov = covarianceMatrix(input.returns);
  const means = input.returns.map((r) => mean(r));
  const port = Array.from({ length: n }, (_, t) => w.reduce((a, x, i) => a + x * input.returns[i]![t]!, 0));
  const mu = w.reduce((a, x, i) => a + x * means[i]!, 0);
  let variance = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) variance += w[i]! * w[j]! * cov[i]![j]!;
  const sigma = Math.sqrt(Math.max(0, variance));
  const sim = simulatePortfolioReturns(means, cov, w, paths, seed);

  const levels = (input.confidences ?? [0.95, 0.99]).map((c): VarAtConfidence => {
    const z = normalInv(1 - c);
    const hist = tailOf(port, c);
    const mc = tailOf(sim, c);
    const v: VarTriple = { historical: hist.var, parametric: -(mu + z * sigma), monteCarlo: mc.var };
    const cv: VarTriple = { historical: hist.cvar, parametric: -(mu - (sigma * normalPdf(z)) / (1 - c)), monteCarlo: mc.cvar };
    const scale = (t: VarTriple): VarTriple | null =>
      input.valueUsd === undefined ? null : { historical: t.historical * input.valueUsd, parametric: t.parametric * input.valueUsd, monteCarlo: t.monteCarlo * input.valueUsd };
    return { confidence: c, var: v, cvar: cv, varUsd: scale(v), cvarUsd: scale(cv) };
  });
  return {
    observations: n,
    weights: w,
    meanDaily: mu,
    volDaily: sigma,
    volAnnual: sigma * Math.sqrt(365),
    covariance: cov,
    correlation: correlationMatrix(cov),
    concentration: concentration(w),
    levels,
    monteCarlo: { paths, seed },
  };
}
