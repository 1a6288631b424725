// Risk score 1–10 (eToro-like) and the minimum record to be ranked. Pure.
//
// RISK SCORE
//   Three inputs over the same window (metrics.ts): annualised volatility, max drawdown (positive
//   fraction) and concentration (HHI of the average non-stable weights, 0..1).
//   Each maps to a sub-score 1..10: sub = 1 + (number of breakpoints ≤ the input), breakpoints:
//       volatility      5 %, 10 %, 20 %, 30 %, 45 %, 60 %, 80 %, 100 %, 130 %
//       max drawdown    2 %,  5 %, 10 %, 15 %, 20 %, 30 %, 40 %,  55 %,  70 %
//       concentration  0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.55, 0.70, 0.85
//   (so volatility < 5 % scores 1, 20 % ≤ vol < 30 % scores 4, ≥ 130 % scores 10; BTC's ~60 %
//   scores 7; holding one asset all the time, HHI 1, scores 10.)
//   score = round_half_up(0.5 × volSub + 0.3 × drawdownSub + 0.2 × concentrationSub), clamped to
//   1..10, computed in integers (Σ weight% × sub, then ⌊(Σ + 50) / 100⌋) so no float lands on
//   x.4999…. A missing input (null, NaN) is scored 10 (unknown risk is not low risk); a negative
//   one is scored as 0.
//   Properties (tested): always an integer in 1..10; non-decreasing in each input.
//
// MINIMUM RECORD: a trader is ranked when the verified record spans ≥ minDays days (default 30)
// and has ≥ minTrades verified trades (default 10); otherwise each shortfall is a reason.

export type RiskScoreInput = {
  /** Annualised volatility (0.6 = 60 %). */
  volatility: number | null;
  /** Max drawdown as a positive fraction (0.35 = −35 %). */
  maxDrawdown: number | null;
  /** HHI of the average non-stable weights (0..1). */
  concentrationHhi: number | null;
};

export type RiskScoreConfig = {
  volatilityBreakpoints: readonly number[];
  drawdownBreakpoints: readonly number[];
  concentrationBreakpoints: readonly number[];
  /** Integer percentages summing to 100. */
  weightsPct: { volatility: number; drawdown: number; concentration: number };
};

export const DEFAULT_RISK_SCORE_CONFIG: RiskScoreConfig = {
  volatilityBreakpoints: [0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3],
  drawdownBreakpoints: [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.55, 0.7],
  concentrationBreakpoints: [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.55, 0.7, 0.85],
  weightsPct: { volatility: 50, drawdown: 30, concentration: 20 },
};

/** 1 + the number of (ascending) breakpoints ≤ x, clamped to 1..10; null/NaN → 10. */
export function subScore(x: number | null, breakpoints: readonly number[]): number {
  if (x === null || Number.isNaN(x)) return 10;
  let s = 1;
  for (const b of breakpoints) if (x >= b) s++;
  return Math.min(10, s);
}

export type RiskScore = { score: number; volatilitySub: number; drawdownSub: number; concentrationSub: number };

export function computeRiskScore(input: RiskScoreInput, config: RiskScoreConfig = DEFAULT_RISK_SCORE_CONFIG): RiskScore {
  const v = subScore(input.volatility, config.volatilityBreakpoints);
  const d = subScore(input.maxDrawdown, config.drawdownBreakpoints);
  const c = subScore(input.concentrationHhi, config.concentrationBreakpoints);
  const w = config.weightsPct;
  const total = w.volatility + w.drawdown + w.concentration;
  const weighted = w.volatility * v + w.drawdown * d + w.concentration * c;
  // round half up of weighted / total, in integers.
  const score = total > 0 ? Math.floor((2 * weighted + total) / (2 * total)) : 10;
  return { score: Math.min(10, Math.max(1, score)), volatilitySub: v, drawdownSub: d, concentrationSub: c };
}

export type RankingRequirements = { minDays: number; minTrades: number };
export const DEFAULT_RANKING_REQUIREMENTS: RankingRequirements = { minDays: 30, minTrades: 10 };

export type Eligibility = { eligible: boolean; reasons: string[] };

/** Whether a record may be ranked; `recordDays` from metrics.ts recordDays, `trades` all-time verified trades. */
export function checkRankingEligibility(record: { recordDays: number; trades: number }, req: Partial<RankingRequirements> = {}): Eligibility {
  const r = { ...DEFAULT_RANKING_REQUIREMENTS, ...req };
  const reasons: string[] = [];
  if (!(record.recordDays >= r.minDays)) reasons.push(`The verified record spans ${record.recordDays} days; ${r.minDays} are needed.`);
  if (!(record.trades >= r.minTrades)) reasons.push(`The record has ${record.trades} verified trades; ${r.minTrades} are needed.`);
  return { eligible: reasons.length === 0, reasons };
}
