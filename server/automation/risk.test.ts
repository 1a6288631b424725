import { describe, expect, it } from "vitest";
import { assessRisk, cholesky, concentration, correlationMatrix, covarianceMatrix, normalSampler, simulatePortfolioReturns } from "./risk";

/** n daily returns of k assets drawn from N(mu, Σ = L Lᵀ) with our own sampler (a fixed seed). */
function normalSeries(n: number, mu: number[], l: number[][], seed: number): number[][] {
  const z = normalSampler(seed);
  const out = mu.map(() => new Array<number>(n).fill(0));
  for (let t = 0; t < n; t++) {
    const e = mu.map(() => z());
    mu.forEach((m, i) => {
      let r = m;
      for (let j = 0; j <= i; j++) r += l[i]![j]! * e[j]!;
      out[i]![t] = r;
    });
  }
  return out;
}

describe("covariance, correlation, Cholesky", () => {
  const x = [0.01, -0.01, 0.02, 0];
  it("hand-worked covariance; ±1 correlations; zero variance is null", () => {
    // mean 0.005; deviations .005 −.015 .015 −.005; Σd² = 0.0005; / 3 = 1.6667e-4
    const c = covarianceMatrix([x, x.map((v) => 2 * v), x.map((v) => -v), [0.01, 0.01, 0.01, 0.01]]);
    expect(c[0]![0]).toBeCloseTo(0.0005 / 3, 15);
    expect(c[0]![1]).toBeCloseTo((2 * 0.0005) / 3, 15);
    const r = correlationMatrix(c);
    expect(r[0]![1]).toBeCloseTo(1, 12);
    expect(r[0]![2]).toBeCloseTo(-1, 12);
    expect(r[0]![3]).toBeNull();
    expect(r[1]![1]).toBeCloseTo(1, 12);
  });
  it("L Lᵀ = A for a positive definite matrix; a singular one does not fail", () => {
    const a = [
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3],
    ];
    const l = cholesky(a);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(l[i]!.reduce((s, v, p) => s + v * l[j]![p]!, 0)).toBeCloseTo(a[i]![j]!, 12);
    expect(l[0]![1]).toBe(0);
    const sing = cholesky([
      [1, 1],
      [1, 1],
    ]);
    expect(sing).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe("VaR and CVaR", () => {
  it("parametric equals the closed form (z and φ(z) as constants)", () => {
    // One asset: returns alternate +2 %, −1 % (n = 10): μ = 0.5 %, σ = 1.5 % × √(10/9).
    const r = Array.from({ length: 10 }, (_, i) => (i % 2 ? -0.01 : 0.02));
    const mu = 0.005;
    const sigma = 0.015 * Math.sqrt(10 / 9);
    const a = assessRisk({ returns: [r], weights: [1], valueUsd: 10_000, paths: 1000 });
    const [l95, l99] = a.levels;
    // z95 = 1.6448536269514722, φ(z95) = 0.10313564037537128; z99 = 2.3263478740408408, φ(z99) = 0.02665214220345808
    expect(l95!.var.parametric).toBeCloseTo(-mu + 1.6448536269514722 * sigma, 8);
    expect(l95!.cvar.parametric).toBeCloseTo(-mu + (0.10313564037537128 / 0.05) * sigma, 8);
    expect(l99!.var.parametric).toBeCloseTo(-mu + 2.3263478740408408 * sigma, 8);
    expect(l99!.cvar.parametric).toBeCloseTo(-mu + (0.02665214220345808 / 0.01) * sigma, 8);
    expect(l95!.varUsd!.parametric).toBeCloseTo(l95!.var.parametric * 10_000, 6);
    // Historical: k = ceil(10 × 5 %) = 1 → VaR = −min = 1 %; CVaR = the same single return.
    expect(l95!.var.historical).toBeCloseTo(0.01, 12);
    expect(l95!.cvar.historical).toBeCloseTo(0.01, 12);
  });
  it("portfolio σ = √(wᵀΣw) equals the σ of the weighted return series", () => {
    // 60/40 of x and y: w = (0.6, 0.4) from bps weights 6000/4000.
    const x = [0.03, -0.02, 0.01, 0.0, -0.01, 0.02];
    const y = [0.01, 0.0, -0.01, 0.02, 0.0, -0.005];
    const a = assessRisk({ returns: [x, y], weights: [6000, 4000], paths: 1000 });
    const p = x.map((v, t) => 0.6 * v + 0.4 * y[t]!);
    const m = p.reduce((s, v) => s + v, 0) / p.length;
    const sd = Math.sqrt(p.reduce((s, v) => s + (v - m) ** 2, 0) / (p.length - 1));
    expect(a.weights).toEqual([0.6, 0.4]);
    expect(a.volDaily).toBeCloseTo(sd, 14);
    expect(a.meanDaily).toBeCloseTo(m, 14);
    expect(a.volAnnual).toBeCloseTo(sd * Math.sqrt(365), 12);
  });
  it("Monte Carlo converges to parametric for normal inputs (fixed seed, 200,000 paths)", () => {
    // Three correlated assets, daily σ 4 %, 3 %, 1 % (L lower-triangular), 1,000 days.
    const l = [
      [0.04, 0, 0],
      [0.015, 0.026, 0],
      [0.002, 0.001, 0.0095],
    ];
    const returns = normalSeries(1000, [0.001, 0.0005, 0.0001], l, 7);
    const a = assessRisk({ returns, weights: [5000, 3000, 2000], paths: 200_000, seed: 42 });
    for (const lv of a.levels) {
      expect(Math.abs(lv.var.monteCarlo / lv.var.parametric - 1)).toBeLessThan(0.02);
      expect(Math.abs(lv.cvar.monteCarlo / lv.cvar.parametric - 1)).toBeLessThan(0.02);
      // and the historical estimate of normal data is in the same neighbourhood
      expect(Math.abs(lv.var.historical / lv.var.parametric - 1)).toBeLessThan(0.15);
    }
    expect(a.monteCarlo).toEqual({ paths: 200_000, seed: 42 });
  });
  it("same seed → same result; another seed → different draws", () => {
    const r = normalSeries(200, [0, 0], [[0.02, 0], [0.01, 0.02]], 3);
    const a = assessRisk({ returns: r, weights: [1, 1], paths: 5000, seed: 9 });
    const b = assessRisk({ returns: r, weights: [1, 1], paths: 5000, seed: 9 });
    expect(b).toEqual(a);
    const c = assessRisk({ returns: r, weights: [1, 1], paths: 5000, seed: 10 });
    expect(c.levels[0]!.var.monteCarlo).not.toBe(a.levels[0]!.var.monteCarlo);
    expect(simulatePortfolioReturns([0], [[0.0004]], [1], 4, 1)).toEqual(simulatePortfolioReturns([0], [[0.0004]], [1], 4, 1));
  });
  it("the sampler is standard normal (mean ≈ 0, variance ≈ 1)", () => {
    const z = normalSampler(123);
    const xs = Array.from({ length: 100_000 }, () => z());
    const m = xs.reduce((s, v) => s + v, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.02);
  });
  it("rejects misaligned series, bad weights and too few paths", () => {
    expect(() => assessRisk({ returns: [[0.1, 0.2], [0.1]], weights: [1, 1] })).toThrow(/aligned/);
    expect(() => assessRisk({ returns: [[0.1, 0.2]], weights: [1, 1] })).toThrow(/one weight/);
    expect(() => assessRisk({ returns: [[0.1, 0.2]], weights: [0] })).toThrow(/Weights/);
    expect(() => assessRisk({ returns: [[0.1, Number.NaN]], weights: [1] })).toThrow(/finite/);
    expect(() => assessRisk({ returns: [[0.1, 0.2]], weights: [1], paths: 10 })).toThrow(/paths/);
  });
});

describe("concentration", () => {
  it("HHI, effective N and the top weight", () => {
    // 50/30/20: HHI = .25 + .09 + .04 = .38; effective N = 1/.38 = 2.6316
    const c = concentration([5000, 3000, 2000]);
    expect(c.hhi).toBeCloseTo(0.38, 12);
    expect(c.effectiveN).toBeCloseTo(1 / 0.38, 12);
    expect(c).toMatchObject({ topIndex: 0, topWeightBps: 5000 });
    expect(concentration([1, 1, 1, 1]).effectiveN).toBeCloseTo(4, 12);
    expect(concentration([0, 0])).toMatchObject({ hhi: 0, effectiveN: 0 });
  });
});
