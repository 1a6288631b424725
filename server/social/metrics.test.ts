import { describe, expect, it } from "vitest";
import { dayFromIso, MS_PER_DAY } from "@/server/portfolio/types";
import { computeRiskScore } from "./risk-score";
import { computeAllWindows, computeTraderMetrics, recordDays, windowBounds, type EquityPoint, type TraderRecord, type VerifiedTrade } from "./metrics";

const D = dayFromIso("2025-01-01");
const at = (day: number, hours = 0) => day * MS_PER_DAY + hours * 3_600_000;
const isStable = (a: string) => a === "USDC";
const E18 = 10n ** 18n;
const usdc = (x: number) => BigInt(Math.round(x * 1e6));

// Scenario "deposit-mid-window": a deposit on day 2 must not count as return.
//   day  V      F     r = (V − F) / V_prev − 1     index
//   0    1000   1000  (base: the initial deposit)    1
//   1    1100   0     1100 / 1000 − 1 = +0.10        1.1
//   2    1600   500   (1600 − 500) / 1100 − 1 = 0    1.1
//   3    1200   0     1200 / 1600 − 1 = −0.25        0.825
//   4    1500   0     1500 / 1200 − 1 = +0.25        1.03125
//   TWR = 1.1 × 1 × 0.75 × 1.25 − 1 = 0.03125; max drawdown 1 − 0.825 / 1.1 = 0.25 (peak day 1,
//   trough day 3, not recovered: 1.03125 < 1.1).
// Holdings (for exposure and concentration), non-stable share of V:
//   day 1 ETH 1100 → 1;  day 2 ETH 800 + USDC 800 → 0.5;  day 3 USDC 1200 → 0;  day 4 ETH 750 + BTC 750 → 1.
const equity: EquityPoint[] = [
  { day: D, valueUsd: 1000, flowUsd: 1000, holdingsUsd: { USDC: 1000 } },
  { day: D + 1, valueUsd: 1100, flowUsd: 0, holdingsUsd: { ETH: 1100 } },
  { day: D + 2, valueUsd: 1600, flowUsd: 500, holdingsUsd: { ETH: 800, USDC: 800 } },
  { day: D + 3, valueUsd: 1200, flowUsd: 0, holdingsUsd: { USDC: 1200 } },
  { day: D + 4, valueUsd: 1500, flowUsd: 0, holdingsUsd: { ETH: 750, BTC: 750 } },
];

// Scenario "fifo-partial-sell" (trades at 00:00 UTC):
//   t1 day 1  buy 1 ETH for $1000, fee $2     → lot A: 1 ETH, cost 1002 (a buy's fee is cost)
//   t2 day 2  buy 1 ETH for $1500             → lot B: 1 ETH, cost 1500
//   t3 day 3  sell 1.5 ETH for $2400, fee $3  → proceeds 2397; FIFO: all of A (1002) + half of B (750)
//             P&L = 2397 − 1752 = +645 (win); holding (2 d × 1002 + 1 d × 750) / 1752 = 2754/1752 d
//   t4 day 4  sell 1 ETH worth $600; only 0.5 ETH of lots left → matched half: proceeds 300,
//             cost 750, P&L −450 (loss); holding 2 d (weight 750). The other 0.5 ETH has no known cost.
const trades: VerifiedTrade[] = [
  { id: "t1", timestampMs: at(D + 1), assetIn: "USDC", amountInRaw: usdc(1000), assetOut: "ETH", amountOutRaw: E18, valueUsd: 1000, feeUsd: 2 },
  { id: "t2", timestampMs: at(D + 2), assetIn: "USDC", amountInRaw: usdc(1500), assetOut: "ETH", amountOutRaw: E18, valueUsd: 1500, feeUsd: 0 },
  { id: "t3", timestampMs: at(D + 3), assetIn: "ETH", amountInRaw: (3n * E18) / 2n, assetOut: "USDC", amountOutRaw: usdc(2397), valueUsd: 2400, feeUsd: 3 },
  { id: "t4", timestampMs: at(D + 4), assetIn: "ETH", amountInRaw: E18, assetOut: "USDC", amountOutRaw: usdc(600), valueUsd: 600, feeUsd: 0 },
];
const record: TraderRecord = { equity, trades, isStable };
const now = at(D + 4, 18);

describe("metrics: scenario deposit-mid-window + fifo-partial-sell (all time)", () => {
  const m = computeTraderMetrics(record, "all", now);
  it("TWR is flow-neutral and chained daily", () => {
    expect(m.twr).toBeCloseTo(0.03125, 12);
    expect(m.days).toBe(4);
    expect(m.returnDays).toBe(4);
  });
  it("max drawdown with peak and trough dates", () => {
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.drawdownPeakDay).toBe(D + 1);
    expect(m.drawdownTroughDay).toBe(D + 3);
    expect(m.drawdownRecoveryDay).toBeNull();
  });
  it("volatility, Sharpe and Sortino annualised with 365", () => {
    // r = [0.1, 0, −0.25, 0.25]: mean 0.025; squared deviations 0.005625 + 0.000625 + 0.075625 +
    // 0.050625 = 0.1325; sample σ = √(0.1325 / 3) = 0.2101587…
    const sd = Math.sqrt(0.1325 / 3);
    expect(m.volatility).toBeCloseTo(sd * Math.sqrt(365), 12); // ≈ 4.0151
    expect(m.sharpe).toBeCloseTo((0.025 / sd) * Math.sqrt(365), 12); // ≈ 2.2727
    // Downside deviation √(0.25² / 4) = 0.125 → Sortino 0.025 / 0.125 × √365 ≈ 3.8210
    expect(m.sortino).toBeCloseTo((0.025 / 0.125) * Math.sqrt(365), 12);
  });
  it("a risk-free rate lowers Sharpe (rf / 365 per day)", () => {
    const r = computeTraderMetrics(record, "all", now, { riskFreeRate: 0.0365 });
    const sd = Math.sqrt(0.1325 / 3); // subtracting a constant leaves σ unchanged
    expect(r.sharpe).toBeCloseTo(((0.025 - 0.0001) / sd) * Math.sqrt(365), 12);
  });
  it("trades, win rate and holding time by FIFO lots", () => {
    expect(m.trades).toBe(4);
    expect(m.roundTrips).toBe(2);
    expect(m.wins).toBe(1);
    expect(m.winRate).toBe(0.5);
    // (2754 / 1752 d × 1752 + 2 d × 750) / (1752 + 750) = 4254 / 2502 d ≈ 1.7002 d
    expect(m.avgHoldingDays).toBeCloseTo(4254 / 2502, 9);
    expect(m.avgHoldingMs).toBeCloseTo((4254 / 2502) * MS_PER_DAY, 0);
  });
  it("exposure, average non-stable weight and concentration (HHI)", () => {
    // Days 1..4 (the base day is not in the window): exposed on days 1, 2, 4 → 3/4.
    expect(m.exposure).toBe(0.75);
    expect(m.avgNonStableWeight).toBeCloseTo((1 + 0.5 + 0 + 1) / 4, 12);
    // ETH (1 + 0.5 + 0 + 0.5) / 4 = 0.5; BTC 0.5 / 4 = 0.125; HHI = 0.25 + 0.015625
    expect(m.averageWeights).toEqual({ BTC: 0.125, ETH: 0.5 });
    expect(m.concentrationHhi).toBeCloseTo(0.265625, 12);
  });
  it("feeds the risk score", () => {
    // vol 4.02 → 10; drawdown 0.25 → 6 (≥ 20 %); HHI 0.2656 → 5 (≥ 0.20): 0.5 × 10 + 0.3 × 6 + 0.2 × 5 = 7.8 → 8
    expect(computeRiskScore({ volatility: m.volatility, maxDrawdown: m.maxDrawdown, concentrationHhi: m.concentrationHhi })).toEqual({ score: 8, volatilitySub: 10, drawdownSub: 6, concentrationSub: 5 });
  });
  it("turnover: traded USD / average equity, annualised", () => {
    // traded 1000 + 1500 + 2400 + 600 = 5500; average equity (1100 + 1600 + 1200 + 1500) / 4 = 1350
    expect(m.tradedUsd).toBe(5500);
    expect(m.avgEquityUsd).toBe(1350);
    expect(m.turnover).toBeCloseTo((5500 / 1350) * (365 / 4), 9); // ≈ 371.76
  });
});

describe("metrics: windows", () => {
  it("a window cuts the series at now − N days (2-day cut via a 10-day record)", () => {
    // 10 days, +10 % a day, no flows: the 7d window's base is day 9 − 7 = 2 → 7 returns.
    const eq: EquityPoint[] = Array.from({ length: 10 }, (_, i) => ({ day: D + i, valueUsd: 100 * 1.1 ** i, flowUsd: i === 0 ? 100 : 0 }));
    const n = at(D + 9, 1);
    const rec: TraderRecord = { equity: eq, trades: [], isStable };
    const w7 = computeTraderMetrics(rec, "7d", n);
    expect(w7.startDay).toBe(D + 2);
    expect(w7.days).toBe(7);
    expect(w7.twr).toBeCloseTo(1.1 ** 7 - 1, 12);
    // 30d, 90d, 365d and all: longer than the record → the record's 9 days.
    const all = computeAllWindows(rec, n);
    for (const w of ["30d", "90d", "365d", "all"] as const) {
      expect(all[w].days).toBe(9);
      expect(all[w].twr).toBeCloseTo(1.1 ** 9 - 1, 12);
    }
    expect(all["7d"]).toEqual(w7);
    expect(recordDays(eq, n)).toBe(9);
  });
  it("trades and round trips count by their UTC day in (B, E]; lots from before the window still match", () => {
    // nowDay = D + 4, 7d → base = max(D − 3, D) = D. Use a record whose first day is earlier so the
    // 7d window starts at D + 2: trades t3 and t4 are in, t1 and t2 (their lots) are not.
    const early: EquityPoint[] = [{ day: D - 10, valueUsd: 1000, flowUsd: 1000 }, ...equity];
    const m = computeTraderMetrics({ ...record, equity: early }, "7d", at(D + 9));
    expect(m.startDay).toBe(D + 2);
    expect(m.trades).toBe(2);
    expect(m.tradedUsd).toBe(3000);
    expect(m.roundTrips).toBe(2);
    expect(m.winRate).toBe(0.5);
  });
  it("the 7d window of scenario 1 starting mid-drawdown", () => {
    // now = D + 9, series ends D + 4: E = D + 4, B = D + 2 → returns −0.25, +0.25; index 1, 0.75, 0.9375
    const m = computeTraderMetrics(record, "7d", at(D + 9));
    expect(m.endDay).toBe(D + 4);
    expect(m.days).toBe(2);
    expect(m.twr).toBeCloseTo(-0.0625, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.drawdownPeakDay).toBe(D + 2);
    expect(m.drawdownTroughDay).toBe(D + 3);
  });
  it("points after now are ignored; a stale record gives an empty window", () => {
    const m = computeTraderMetrics(record, "all", at(D + 2, 5));
    expect(m.endDay).toBe(D + 2);
    expect(m.twr).toBeCloseTo(0.1, 12);
    expect(m.trades).toBe(2);
    // Last point D + 4, now D + 30: the 7d window (D + 23, D + 30] has no data.
    const stale = computeTraderMetrics(record, "7d", at(D + 30));
    expect(stale.days).toBe(0);
    expect(stale.twr).toBe(0);
    expect(stale.trades).toBe(0);
    expect(stale.turnover).toBeNull();
  });
  it("a day starting at zero value had nothing at risk; a recovery is dated", () => {
    const eq: EquityPoint[] = [
      { day: D, valueUsd: 0, flowUsd: 0 },
      { day: D + 1, valueUsd: 100, flowUsd: 100 }, // V_prev = 0: r = 0, not a risk return
      { day: D + 2, valueUsd: 80, flowUsd: 0 }, // −20 %
      { day: D + 3, valueUsd: 100, flowUsd: 0 }, // +25 % → back at the peak
    ];
    const m = computeTraderMetrics({ equity: eq, trades: [], isStable }, "all", at(D + 3));
    expect(m.returnDays).toBe(2);
    expect(m.twr).toBeCloseTo(0, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.2, 12);
    expect(m.drawdownRecoveryDay).toBe(D + 3);
    expect(m.exposure).toBeNull(); // no holdings given
    expect(m.winRate).toBeNull();
    expect(m.avgHoldingMs).toBeNull();
  });
  it("empty series, future series and unordered series", () => {
    expect(computeTraderMetrics({ equity: [], trades: [], isStable }, "30d", at(D)).days).toBe(0);
    expect(windowBounds(equity, "7d", at(D - 1))).toBeNull();
    expect(recordDays([], at(D))).toBe(0);
    expect(() => computeTraderMetrics({ equity: [equity[1]!, equity[0]!], trades: [], isStable }, "all", now)).toThrow(/ascending/);
  });
});
