import { describe, expect, it } from "vitest";
import { prepareActivities } from "./activities";
import { unwrapOrThrow } from "./errors";
import {
  annualisedVolatility,
  benchmarkReturns,
  betaAndCorrelation,
  computeAllocation,
  computeRiskReport,
  drawdownOfSeries,
  maxDrawdown,
  normalInv,
  riskReturns,
  sharpeRatio,
  sortinoRatio,
  stdev,
  valueAtRisk,
} from "./risk";
import { DEFAULT_RULES, evaluateRules } from "./rules";
import { ASSETS, btc, buy, D0, pricesFrom } from "./testing/fixtures";
import { usd } from "./types";
import { computeValuationSeries } from "./valuation";

describe("volatility, Sharpe, Sortino (365-day year)", () => {
  // Returns alternate +2 %, −1 % (n = 10): mean 0.5 %, sample σ = 1.5 % × √(10/9) = 1.58114 %.
  const r = Array.from({ length: 10 }, (_, i) => (i % 2 ? -0.01 : 0.02));
  it("volatility = σ × √365", () => {
    expect(stdev(r)).toBeCloseTo(0.015 * Math.sqrt(10 / 9), 12);
    expect(annualisedVolatility(r)).toBeCloseTo(0.015 * Math.sqrt(10 / 9) * Math.sqrt(365), 12);
  });
  it("Sharpe = mean / σ × √365 (rf 0), and with a risk-free rate", () => {
    expect(sharpeRatio(r)).toBeCloseTo((0.005 / (0.015 * Math.sqrt(10 / 9))) * Math.sqrt(365), 10);
    // rf 3.65 %/yr → 0.01 %/day less each day; σ unchanged.
    expect(sharpeRatio(r, 0.0365)).toBeCloseTo((0.0049 / (0.015 * Math.sqrt(10 / 9))) * Math.sqrt(365), 10);
    expect(sharpeRatio([0.01, 0.01])).toBeNull();
  });
  it("Sortino uses the downside deviation √(Σ min(0, r)² / n)", () => {
    // 5 days of −1 %: √(5 × 0.0001 / 10) = 0.707107 %
    expect(sortinoRatio(r)).toBeCloseTo((0.005 / Math.sqrt(0.0005 / 10)) * Math.sqrt(365), 10);
    expect(sortinoRatio([0.01, 0.02])).toBeNull();
  });
});

describe("maximum drawdown", () => {
  it("finds peak, trough and recovery on a known series", () => {
    // 100 → 120 (peak, day 1) → 90 → 60 (trough, day 3: −50 %) → 110 → 125 (recovered day 5) → 100
    const dd = maxDrawdown([0, 1, 2, 3, 4, 5, 6], [100, 120, 90, 60, 110, 125, 100]);
    expect(dd).toEqual({ maxDrawdown: 0.5, peakDay: 1, troughDay: 3, recoveryDay: 5 });
  });
  it("reports no recovery when the peak is never regained", () => {
    const dd = maxDrawdown([0, 1, 2], [100, 80, 90]);
    expect(dd.maxDrawdown).toBeCloseTo(0.2, 12);
    expect(dd).toMatchObject({ peakDay: 0, troughDay: 1, recoveryDay: null });
  });
  it("is measured on the TWR index, so a withdrawal is not a drawdown", () => {
    // Price 100 → 50 → 100 on days 0..2 (a 50 % drawdown, recovered day 2).
    const lookup = pricesFrom({ btc: { 0: "100", 1: "50", 2: "100" } });
    const s = computeValuationSeries(unwrapOrThrow(prepareActivities([buy(0, "btc", btc("1"), "100")], ASSETS)), ASSETS, lookup, { endDay: D0 + 2 });
    expect(drawdownOfSeries(s, D0 - 1, D0 + 2)).toEqual({ maxDrawdown: 0.5, peakDay: D0 - 1, troughDay: D0 + 1, recoveryDay: D0 + 2 });
  });
});

describe("VaR and CVaR", () => {
  // 100 returns: −10 %, −9 %, …, −1 %, then 90 days of +1 %.
  const r = [...Array.from({ length: 10 }, (_, i) => -(10 - i) / 100), ...Array.from({ length: 90 }, () => 0.01)];
  it("historical: the k-th worst return, k = ceil(n(1 − c)); CVaR the mean of the k worst", () => {
    const v95 = valueAtRisk(r, 0.95); // k = 5: −6 %; mean of −10…−6 = −8 %
    expect(v95.historicalVar).toBeCloseTo(0.06, 12);
    expect(v95.historicalCvar).toBeCloseTo(0.08, 12);
    const v99 = valueAtRisk(r, 0.99); // k = 1: −10 %
    expect(v99.historicalVar).toBeCloseTo(0.1, 12);
    expect(v99.historicalCvar).toBeCloseTo(0.1, 12);
  });
  it("parametric normal: VaR = −(μ + zσ), CVaR = −(μ − σφ(z)/(1 − c))", () => {
    const mu = r.reduce((a, b) => a + b, 0) / r.length; // (−0.55 + 0.9) / 100 = 0.0035
    const sd = stdev(r);
    const v = valueAtRisk(r, 0.95);
    expect(mu).toBeCloseTo(0.0035, 12);
    expect(v.parametricVar).toBeCloseTo(-(mu - 1.6448536269514722 * sd), 9);
    expect(v.parametricCvar).toBeCloseTo(-(mu - (sd * 0.10313564037537128) / 0.05), 9);
  });
  it("inverse normal CDF", () => {
    expect(normalInv(0.05)).toBeCloseTo(-1.6448536269514722, 8);
    expect(normalInv(0.01)).toBeCloseTo(-2.3263478740408408, 8);
    expect(normalInv(0.975)).toBeCloseTo(1.959963984540054, 8);
  });
  it("empty input gives nulls", () => {
    expect(valueAtRisk([], 0.95).historicalVar).toBeNull();
  });
});

describe("beta and correlation vs a benchmark", () => {
  it("a portfolio that is 2× the benchmark's daily moves has beta 2 and correlation 1", () => {
    const bench = new Map([1, 2, 3, 4, 5].map((d, i) => [d, [0.01, -0.02, 0.03, 0.005, -0.01][i]!]));
    const r = betaAndCorrelation({ days: [1, 2, 3, 4, 5], returns: [0.02, -0.04, 0.06, 0.01, -0.02] }, bench);
    expect(r.beta).toBeCloseTo(2, 12);
    expect(r.correlation).toBeCloseTo(1, 12);
    expect(r.days).toBe(5);
  });
  it("holding only BTC against BTC: beta 1", () => {
    const lookup = pricesFrom({ btc: { 0: "100", 1: "110", 2: "99", 3: "120", 4: "120", 5: "90" } });
    const s = computeValuationSeries(unwrapOrThrow(prepareActivities([buy(0, "btc", btc("3"), "100")], ASSETS)), ASSETS, lookup, { endDay: D0 + 5 });
    const b = betaAndCorrelation(riskReturns(s, D0, D0 + 5), benchmarkReturns((d) => lookup("btc", d), D0, D0 + 5));
    expect(b.beta).toBeCloseTo(1, 12);
    expect(b.correlation).toBeCloseTo(1, 12);
    // The one-call report agrees: 5 daily returns (day 0 had nothing at risk), the 99 and 95 % VaR
    // are both the worst day (k = 1): 120 → 90 = −25 %; drawdown from 120 to 90 is 25 %.
    const rep = computeRiskReport(s, D0, D0 + 5, { benchmarkPrice: (d) => lookup("btc", d) });
    expect(rep.days).toBe(5);
    expect(rep.beta).toBeCloseTo(1, 12);
    expect(rep.var99.historicalVar).toBeCloseTo(0.25, 12);
    expect(rep.var95.historicalVar).toBeCloseTo(0.25, 12);
    expect(rep.drawdown).toMatchObject({ peakDay: D0 + 3, troughDay: D0 + 5, recoveryDay: null });
    expect(rep.drawdown.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(rep.volatility).toBeCloseTo(annualisedVolatility(riskReturns(s, D0, D0 + 5).returns), 15);
  });
});

describe("allocation and rules (X-ray)", () => {
  // ETH 5000 (ethereum, l1), BTC 3000 (bitcoin, l1), USDC 1000 (ethereum, stablecoin), aUSDC 1000
  // (ethereum, defi, protocol aave), ARB unpriced. Total 10,000.
  const a = computeAllocation(
    [
      { assetId: "eth", valueUsdE18: usd("5000") },
      { assetId: "btc", valueUsdE18: usd("3000") },
      { assetId: "usdc", valueUsdE18: usd("1000") },
      { assetId: "ausdc", valueUsdE18: usd("1000") },
      { assetId: "arb", valueUsdE18: null },
    ],
    ASSETS,
  );
  it("by asset, chain, category and protocol", () => {
    expect(a.totalUsdE18).toBe(usd("10000"));
    expect(a.byAsset.map((s) => [s.key, s.weightBps])).toEqual([["eth", 5000], ["btc", 3000], ["ausdc", 1000], ["usdc", 1000]]);
    expect(a.byChain.map((s) => [s.key, s.weightBps])).toEqual([["ethereum", 7000], ["bitcoin", 3000]]);
    expect(a.byCategory.map((s) => [s.key, s.weightBps])).toEqual([["l1", 8000], ["defi", 1000], ["stablecoin", 1000]]);
    expect(a.byProtocol.map((s) => [s.key, s.weightBps])).toEqual([["aave", 1000]]);
    expect(a.unpriced).toEqual(["arb"]);
  });
  it("default thresholds: asset 50 % > 40 % fails, chain 70 % ≤ 70 % passes, stablecoin 10 % in [5, 50] passes, aave 10 % ≤ 25 % passes", () => {
    const r = Object.fromEntries(evaluateRules(a).map((x) => [x.rule, x]));
    expect(r.asset_concentration).toMatchObject({ pass: false, subject: "eth", shareBps: 5000, maxBps: DEFAULT_RULES.maxAssetBps });
    expect(r.chain_concentration).toMatchObject({ pass: true, subject: "ethereum", shareBps: 7000 });
    expect(r.stablecoin_share).toMatchObject({ pass: true, shareBps: 1000, valueUsdE18: usd("1000") });
    expect(r.protocol_exposure).toMatchObject({ pass: true, subject: "aave", shareBps: 1000 });
  });
  it("user thresholds change the verdicts", () => {
    const r = Object.fromEntries(evaluateRules(a, { maxAssetBps: 5000, maxChainBps: 6999, minStablecoinBps: 1500, maxProtocolBps: 999 }).map((x) => [x.rule, x.pass]));
    expect(r).toEqual({ asset_concentration: true, chain_concentration: false, stablecoin_share: false, protocol_exposure: false });
  });
});
