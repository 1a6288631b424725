import { describe, expect, it } from "vitest";
import { dayFromIso, MS_PER_DAY } from "@/server/portfolio/types";
import { atr, macd, type Candle } from "./indicators";
import { generateSignals, type SignalLevels } from "./signals";

const D = dayFromIso("2025-03-01");
const candles = (closes: readonly number[]): Candle[] => closes.map((c, i) => ({ timestampMs: (D + i) * MS_PER_DAY, open: c, high: c + 0.5, low: c - 0.5, close: c }));
const pct: SignalLevels = { kind: "pct", targetsBps: [500, 1000], stopBps: 500 };

// 21 closes falling by 1 (101 → 81), then a jump of +6 to 87.
//   RSI(14) after the fall: avgGain 0, avgLoss 1 → RSI 0.
//   On the jump: avgGain = 6/14, avgLoss = 13/14 → RS 6/13 → RSI = 100 − 100 / (19/13) = 31.58 ≥ 30: long.
const fallThenJump = [...Array.from({ length: 21 }, (_, i) => 101 - i), 87];
// Mirror: 21 closes rising 81 → 101, then −6 to 95: RSI = 100 − 100 / (1 + 13/6) = 68.42 ≤ 70: short.
const riseThenDrop = [...Array.from({ length: 21 }, (_, i) => 81 + i), 95];

describe("generated signals: RSI", () => {
  it("crossing up through 30 → long, with fixed-% levels", () => {
    const s = generateSignals("ETH", candles(fallThenJump), { rules: ["rsi"], levels: pct });
    expect(s).toHaveLength(1);
    const g = s[0]!;
    expect(g).toMatchObject({ asset: "ETH", rule: "rsi", direction: "long", entry: 87, horizonDays: 7, source: "generated" });
    expect(g.id).toBe(`ETH:rsi:${(D + 21) * MS_PER_DAY}`);
    expect(g.generatedAtMs).toBe((D + 22) * MS_PER_DAY); // the close of the triggering candle
    expect(g.targets[0]).toBeCloseTo(87 * 1.05, 9); // 91.35
    expect(g.targets[1]).toBeCloseTo(87 * 1.1, 9); // 95.70
    expect(g.stop).toBeCloseTo(87 * 0.95, 9); // 82.65
    expect(g.rationale).toContain("RSI(14) crossed up through 30 (0.00 → 31.58)");
  });
  it("crossing down through 70 → short, levels mirrored", () => {
    const s = generateSignals("ETH", candles(riseThenDrop), { rules: ["rsi"], levels: pct, horizonDays: 3 });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ direction: "short", entry: 95, horizonDays: 3 });
    expect(s[0]!.targets[0]).toBeCloseTo(90.25, 9);
    expect(s[0]!.targets[1]).toBeCloseTo(85.5, 9);
    expect(s[0]!.stop).toBeCloseTo(99.75, 9);
    expect(s[0]!.rationale).toContain("(100.00 → 68.42)");
  });
  it("ATR levels by default: entry ± k × ATR(14)", () => {
    // TR: 1 on the first candle, 1.5 on each falling day (|low − previous close| = 1.5), 6.5 on the jump.
    // ATR(14) at i = 13: (1 + 13 × 1.5) / 14 = 20.5/14; Wilder towards 1.5 for i = 14..20; then
    // (ATR_20 × 13 + 6.5) / 14 at i = 21.
    const atr20 = 1.5 - (1.5 - 20.5 / 14) * (13 / 14) ** 7;
    const a = (atr20 * 13 + 6.5) / 14;
    expect(atr(candles(fallThenJump))[21]).toBeCloseTo(a, 12);
    const g = generateSignals("ETH", candles(fallThenJump), { rules: ["rsi"] })[0]!;
    expect(g.targets[0]).toBeCloseTo(87 + a, 9);
    expect(g.targets[1]).toBeCloseTo(87 + 2 * a, 9);
    expect(g.stop).toBeCloseTo(87 - 1.5 * a, 9);
    expect(g.rationale).toContain(`ATR(14) ${a.toFixed(2)}`);
  });
  it("drops levels ≤ 0, and emits nothing without a valid target", () => {
    const short = generateSignals("X", candles(riseThenDrop).slice(0, 22), { rules: ["rsi"], levels: { kind: "pct", targetsBps: [500, 20_000], stopBps: 500 } });
    // a short target 200 % below the entry would be negative: dropped
    expect(short[0]!.targets).toHaveLength(1);
    const none = generateSignals("X", candles(riseThenDrop), { rules: ["rsi"], levels: { kind: "pct", targetsBps: [20_000], stopBps: 500 } });
    expect(none).toEqual([]);
  });
});

describe("generated signals: MACD and Bollinger", () => {
  it("MACD(12,26,9): a V-shape gives one long crossover, in the up leg", () => {
    // 40 days falling by 1 then 20 days rising by 2: the line falls below its lagging signal and
    // stays there until the turn, then crosses above once.
    const closes = [...Array.from({ length: 40 }, (_, i) => 140 - i), ...Array.from({ length: 20 }, (_, i) => 103 + 2 * i)];
    const s = generateSignals("BTC", candles(closes), { rules: ["macd"] });
    expect(s).toHaveLength(1);
    const i = (s[0]!.generatedAtMs / MS_PER_DAY - 1) - D;
    expect(i).toBeGreaterThanOrEqual(40);
    const m = macd(closes);
    expect(m.histogram[i - 1]!).toBeLessThanOrEqual(0);
    expect(m.histogram[i]!).toBeGreaterThan(0);
    expect(s[0]!.direction).toBe("long");
    expect(s[0]!.rationale).toMatch(/MACD\(12,26,9\) crossed above its signal line/);
    // the mirror image gives one short
    const down = generateSignals("BTC", candles(closes.map((c) => 300 - c)), { rules: ["macd"] });
    expect(down.map((x) => x.direction)).toEqual(["short"]);
  });
  it("Bollinger(20, 2σ): the close comes back inside the lower band → long", () => {
    // 25 closes at 100, then 90, then 97.
    // i = 25: window 19 × 100 + 90: mean 99.5, σ² = (19 × 0.25 + 90.25)/20 = 4.75 → lower 99.5 − 2√4.75 = 95.14 > 90 (outside)
    // i = 26: window 18 × 100 + 90 + 97: mean 99.35, σ² = (18 × 0.4225 + 87.4225 + 5.5225)/20 = 5.0275
    //         lower = 99.35 − 2√5.0275 = 94.87 ≤ 97 (back inside) → long at 97
    const closes = [...Array(25).fill(100), 90, 97];
    const s = generateSignals("SOL", candles(closes), { rules: ["bollinger"], levels: pct });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ direction: "long", entry: 97, rule: "bollinger" });
    expect(s[0]!.rationale).toContain(`90.00 < ${(99.5 - 2 * Math.sqrt(4.75)).toFixed(2)}, then 97.00 ≥ ${(99.35 - 2 * Math.sqrt(5.0275)).toFixed(2)}`);
    // mirror: back inside the upper band → short
    const up = generateSignals("SOL", candles(closes.map((c) => 200 - c)), { rules: ["bollinger"], levels: pct });
    expect(up.map((x) => [x.direction, x.entry])).toEqual([["short", 103]]);
  });
});

describe("generated signals: determinism and scanning", () => {
  it("the same candles give the same signals; fromIndex limits the scan, not the indicators", () => {
    const closes = [...Array.from({ length: 40 }, (_, i) => 140 - i), ...Array.from({ length: 20 }, (_, i) => 103 + 2 * i), 90, 80];
    const a = generateSignals("BTC", candles(closes));
    expect(generateSignals("BTC", candles(closes))).toEqual(a);
    expect(a.length).toBeGreaterThan(1);
    const last = candles(closes).length - 1;
    const tail = generateSignals("BTC", candles(closes), { fromIndex: last });
    expect(tail).toEqual(a.filter((s) => s.generatedAtMs === (D + last + 1) * MS_PER_DAY));
    expect(generateSignals("BTC", [])).toEqual([]);
  });
});
