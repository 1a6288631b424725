import { describe, expect, it } from "vitest";
import { computeSeriesStats } from "./stats";

describe("computeSeriesStats", () => {
  // closes 100 → 110 → 99 → 108.9
  // log returns: ln 1.1 = 0.0953101798, ln 0.9 = -0.1053605157, ln 1.1 = 0.0953101798
  // mean = 0.0852598440 / 3 = 0.0284199480
  // deviations 0.0668902318, -0.1337804636, 0.0668902318; squares sum 0.0268458187
  // sample variance = 0.0268458187 / 2 = 0.0134229093; sd = 0.1158572800
  // annualised (365 days) = 0.1158572800 × √365 (19.1049731745) × 100 = 221.3450227 %
  // drawdown: peak 110, trough 99 → (110 - 99) / 110 = 10 %
  // change: 108.9 / 100 − 1 = 8.9 %
  const closes = [100, 110, 99, 108.9];

  it("computes change, volatility and drawdown over the whole series", () => {
    const s = computeSeriesStats(closes, 30);
    expect(s.lastClose).toBe(108.9);
    expect(s.observations).toBe(3);
    expect(s.changePct).toBeCloseTo(8.9, 10);
    expect(s.annualisedVolatilityPct).toBeCloseTo(221.3450227, 6);
    expect(s.maxDrawdownPct).toBeCloseTo(10, 10);
  });

  it("uses only the last `window` returns", () => {
    // window 2 → closes 110, 99, 108.9; returns ln 0.9, ln 1.1.
    // Two returns a, b: sample sd = |a − b| / √2 = 0.2006706954 / 1.4142135624 = 0.1418956095
    // annualised: 0.1418956095 × 19.1049731745 × 100 = 271.0911814 %
    // change 108.9 / 110 − 1 = −1 %; drawdown still 10 %.
    const s = computeSeriesStats(closes, 2);
    expect(s.observations).toBe(2);
    expect(s.changePct).toBeCloseTo(-1, 10);
    expect(s.annualisedVolatilityPct).toBeCloseTo(271.0911814, 6);
    expect(s.maxDrawdownPct).toBeCloseTo(10, 10);
  });

  it("gives no volatility from a single return, but change and drawdown", () => {
    // 120 → 90: change −25 %, drawdown 25 %.
    const s = computeSeriesStats([120, 90], 30);
    expect(s).toEqual({ lastClose: 90, changePct: -25, annualisedVolatilityPct: null, maxDrawdownPct: 25, observations: 1 });
  });

  it("gives only the last close for a single observation", () => {
    expect(computeSeriesStats([42], 30)).toEqual({
      lastClose: 42,
      changePct: null,
      annualisedVolatilityPct: null,
      maxDrawdownPct: null,
      observations: 0,
    });
  });

  it("reports zero drawdown and zero volatility for a constant-growth series", () => {
    // Every return is ln 2: no dispersion; never below a previous peak.
    const s = computeSeriesStats([1, 2, 4, 8, 16], 30);
    expect(s.maxDrawdownPct).toBe(0);
    expect(s.annualisedVolatilityPct).toBeCloseTo(0, 12);
    expect(s.changePct).toBe(1500);
  });

  it("measures the deepest fall from a running peak, not from the first close", () => {
    // peaks 100 → 150; trough after the 150 peak is 60: (150 − 60) / 150 = 60 %.
    expect(computeSeriesStats([100, 80, 150, 60, 140], 30).maxDrawdownPct).toBeCloseTo(60, 10);
  });

  it("refuses an empty series", () => {
    expect(() => computeSeriesStats([], 30)).toThrow("empty series");
  });
});
