import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRankingEligibility, computeRiskScore, DEFAULT_RISK_SCORE_CONFIG, subScore, type RiskScoreInput } from "./risk-score";

const cfg = DEFAULT_RISK_SCORE_CONFIG;

describe("risk score: breakpoints and weights", () => {
  it("sub-scores: 1 + the number of breakpoints at or below the input", () => {
    expect(subScore(0, cfg.volatilityBreakpoints)).toBe(1);
    expect(subScore(0.0499, cfg.volatilityBreakpoints)).toBe(1);
    expect(subScore(0.05, cfg.volatilityBreakpoints)).toBe(2); // a breakpoint belongs to the higher band
    expect(subScore(0.25, cfg.volatilityBreakpoints)).toBe(4);
    expect(subScore(0.6, cfg.volatilityBreakpoints)).toBe(7);
    expect(subScore(1.3, cfg.volatilityBreakpoints)).toBe(10);
    expect(subScore(50, cfg.volatilityBreakpoints)).toBe(10);
    expect(subScore(-1, cfg.drawdownBreakpoints)).toBe(1);
    expect(subScore(null, cfg.drawdownBreakpoints)).toBe(10);
    expect(subScore(Number.NaN, cfg.drawdownBreakpoints)).toBe(10);
  });
  it("hand-worked scores", () => {
    // BTC-like: vol 60 % → 7, drawdown 35 % → 7, all in one asset (HHI 1) → 10
    // 0.5 × 7 + 0.3 × 7 + 0.2 × 10 = 3.5 + 2.1 + 2 = 7.6 → 8
    expect(computeRiskScore({ volatility: 0.6, maxDrawdown: 0.35, concentrationHhi: 1 })).toEqual({ score: 8, volatilitySub: 7, drawdownSub: 7, concentrationSub: 10 });
    // Mostly stablecoins: vol 3 % → 1, drawdown 1 % → 1, HHI 0.01 → 1 → 1
    expect(computeRiskScore({ volatility: 0.03, maxDrawdown: 0.01, concentrationHhi: 0.01 }).score).toBe(1);
    // Exactly half: vol 5 % → 2, others 1: 0.5 × 2 + 0.3 + 0.2 = 1.5 → rounds half up to 2
    expect(computeRiskScore({ volatility: 0.05, maxDrawdown: 0, concentrationHhi: 0 }).score).toBe(2);
    // 0.5 × 4 + 0.3 × 5 + 0.2 × 7 = 2 + 1.5 + 1.4 = 4.9 → 5 (vol 25 %, drawdown 15 %, HHI 0.5)
    expect(computeRiskScore({ volatility: 0.25, maxDrawdown: 0.15, concentrationHhi: 0.5 }).score).toBe(5);
    // Unknown inputs are not low risk
    expect(computeRiskScore({ volatility: null, maxDrawdown: null, concentrationHhi: null }).score).toBe(10);
  });
  it("custom weights and breakpoints; zero weights fall back to 10", () => {
    const c = { ...cfg, weightsPct: { volatility: 100, drawdown: 0, concentration: 0 } };
    expect(computeRiskScore({ volatility: 0.25, maxDrawdown: 0.9, concentrationHhi: 1 }, c).score).toBe(4);
    expect(computeRiskScore({ volatility: 0, maxDrawdown: 0, concentrationHhi: 0 }, { ...cfg, weightsPct: { volatility: 0, drawdown: 0, concentration: 0 } }).score).toBe(10);
  });
});

const anyNumber = fc.oneof(fc.double(), fc.double({ min: 0, max: 3, noNaN: true }), fc.constant(null));
const input = fc.record({ volatility: anyNumber, maxDrawdown: anyNumber, concentrationHhi: anyNumber });

describe("risk score: properties", () => {
  it("is always an integer in 1..10", () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = computeRiskScore(i).score;
        expect(Number.isInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(10);
      }),
    );
  });
  it("is monotone non-decreasing in each input with the others fixed", () => {
    const finite = fc.double({ min: -0.5, max: 3, noNaN: true });
    const key = fc.constantFrom<keyof RiskScoreInput>("volatility", "maxDrawdown", "concentrationHhi");
    fc.assert(
      fc.property(fc.record({ volatility: finite, maxDrawdown: finite, concentrationHhi: finite }), key, finite, finite, (base, k, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(computeRiskScore({ ...base, [k]: lo }).score).toBeLessThanOrEqual(computeRiskScore({ ...base, [k]: hi }).score);
      }),
      { numRuns: 500 },
    );
  });
});

describe("minimum record to be ranked", () => {
  it("defaults: 30 days and 10 trades, with a reason per shortfall", () => {
    expect(checkRankingEligibility({ recordDays: 30, trades: 10 })).toEqual({ eligible: true, reasons: [] });
    const r = checkRankingEligibility({ recordDays: 29, trades: 3 });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(["The verified record spans 29 days; 30 are needed.", "The record has 3 verified trades; 10 are needed."]);
    expect(checkRankingEligibility({ recordDays: 100, trades: 9 }).reasons).toHaveLength(1);
  });
  it("is configurable", () => {
    expect(checkRankingEligibility({ recordDays: 7, trades: 2 }, { minDays: 7, minTrades: 2 }).eligible).toBe(true);
    expect(checkRankingEligibility({ recordDays: 60, trades: 10 }, { minDays: 90 }).eligible).toBe(false);
  });
});
