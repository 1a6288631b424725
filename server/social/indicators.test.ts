// `trading-signals` is not installed (node_modules/trading-signals is absent), so these are
// hand-worked values of the standard definitions (indicators.ts header).
import { describe, expect, it } from "vitest";
import { atr, bollinger, ema, macd, rsi, sma, type Candle } from "./indicators";

const close = (xs: readonly (number | null)[], ys: readonly (number | null)[], digits = 12) => {
  expect(xs.length).toBe(ys.length);
  xs.forEach((x, i) => (ys[i] === null ? expect(x).toBeNull() : expect(x).toBeCloseTo(ys[i]!, digits)));
};

describe("SMA and EMA", () => {
  it("SMA(3)", () => {
    close(sma([1, 2, 3, 4, 5], 3), [null, null, 2, 3, 4]);
  });
  it("EMA(3) seeded with the SMA, k = 2 / 4 = 0.5", () => {
    // seed (2 + 4 + 6) / 3 = 4; then 4 + 0.5 (8 − 4) = 6; 6 + 0.5 (4 − 6) = 5
    close(ema([2, 4, 6, 8, 4], 3), [null, null, 4, 6, 5]);
  });
  it("EMA skips leading nulls before seeding", () => {
    close(ema([null, null, 2, 4, 6, 8], 2), [null, null, null, 3, 3 + (2 / 3) * 3, 5 + (2 / 3) * 3]);
  });
});

describe("RSI (Wilder)", () => {
  it("RSI(2), hand-worked", () => {
    // changes +1, −0.5, +1, −0.5, +1
    // i=2: avgG (1 + 0)/2 = 0.5, avgL (0 + 0.5)/2 = 0.25 → RS 2 → 100 − 100/3 = 66.667
    // i=3: G (0.5 + 1)/2 = 0.75, L (0.25 + 0)/2 = 0.125 → RS 6 → 100 − 100/7 = 85.714
    // i=4: G (0.75 + 0)/2 = 0.375, L (0.125 + 0.5)/2 = 0.3125 → RS 1.2 → 100 − 100/2.2 = 54.545
    // i=5: G (0.375 + 1)/2 = 0.6875, L 0.3125/2 = 0.15625 → RS 4.4 → 100 − 100/5.4 = 81.481
    close(rsi([10, 11, 10.5, 11.5, 11, 12], 2), [null, null, 100 - 100 / 3, 100 - 100 / 7, 100 - 100 / 2.2, 100 - 100 / 5.4]);
  });
  it("RSI(14) on Wilder's classic sample series", () => {
    // First value: gains 0.06 + 0.72 + 0.50 + 0.27 + 0.32 + 0.42 + 0.24 + 0.14 + 0.67 = 3.34 → 0.238571;
    // losses 0.25 + 0.54 + 0.19 + 0.42 = 1.40 → 0.1; RS 2.38571 → RSI 70.464. (Published spreadsheet
    // tables that round the averages show 70.53; the unrounded definition gives 70.46.)
    const c = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64];
    const r = rsi(c, 14);
    expect(r.slice(0, 14).every((x) => x === null)).toBe(true);
    expect(r[14]).toBeCloseTo(100 - 100 / (1 + 3.34 / 1.4), 9);
    // i=15: change −0.28 → G = (0.238571 × 13 + 0)/14 = 0.221531, L = (0.1 × 13 + 0.28)/14 = 0.112857 → 66.25
    const g15 = ((3.34 / 14) * 13) / 14;
    const l15 = (0.1 * 13 + 0.28) / 14;
    expect(r[15]).toBeCloseTo(100 - 100 / (1 + g15 / l15), 9);
    expect(r.slice(16).map((x) => Math.round(x! * 100) / 100)).toEqual([66.48, 69.35, 66.29, 57.92]);
  });
  it("flat → 50, only gains → 100, only losses → 0", () => {
    expect(rsi([5, 5, 5, 5], 2)[3]).toBe(50);
    expect(rsi([1, 2, 3, 4], 2)[3]).toBe(100);
    expect(rsi([4, 3, 2, 1], 2)[3]).toBe(0);
  });
});

describe("MACD", () => {
  it("MACD(2, 3, 2), hand-worked in fractions", () => {
    // closes 1, 2, 3, 5, 4, 6
    // EMA2 (k = 2/3): 3/2, 5/2, 25/6, 73/18, 289/54  (from i = 1)
    // EMA3 (k = 1/2): 2, 7/2, 15/4, 39/8              (from i = 2)
    // line: 1/2, 2/3, 11/36, 103/216                  (from i = 2)
    // signal EMA2 of the line: seed (1/2 + 2/3)/2 = 7/12 at i = 3; 7/12 + 2/3 (11/36 − 7/12) = 43/108;
    //        43/108 + 2/3 (103/216 − 43/108) = 73/162
    const m = macd([1, 2, 3, 5, 4, 6], 2, 3, 2);
    close(m.macd, [null, null, 1 / 2, 2 / 3, 11 / 36, 103 / 216]);
    close(m.signal, [null, null, null, 7 / 12, 43 / 108, 73 / 162]);
    close(m.histogram, [null, null, null, 2 / 3 - 7 / 12, 11 / 36 - 43 / 108, 103 / 216 - 73 / 162]);
  });
  it("defaults (12, 26, 9): the line from index 25, the signal from index 33", () => {
    const c = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i / 3) * 10);
    const m = macd(c);
    expect(m.macd[24]).toBeNull();
    expect(m.macd[25]).not.toBeNull();
    expect(m.signal[32]).toBeNull();
    expect(m.signal[33]).not.toBeNull();
  });
});

describe("Bollinger bands (population σ)", () => {
  it("period 3, 2σ", () => {
    // [2, 4, 6]: mean 4, σ² = (4 + 0 + 4) / 3 = 8/3
    const b = bollinger([2, 4, 6, 6], 3, 2);
    const sd = Math.sqrt(8 / 3);
    close(b.middle, [null, null, 4, 16 / 3]);
    expect(b.upper[2]).toBeCloseTo(4 + 2 * sd, 12);
    expect(b.lower[2]).toBeCloseTo(4 - 2 * sd, 12);
    // [4, 6, 6]: mean 16/3, σ² = ((4/3)² + 2 (2/3)²) / 3 = (16/9 + 8/9) / 3 = 8/9
    expect(b.upper[3]).toBeCloseTo(16 / 3 + 2 * Math.sqrt(8 / 9), 12);
    expect(b.lower[1]).toBeNull();
  });
});

describe("ATR (Wilder)", () => {
  it("ATR(2), hand-worked, with a gap", () => {
    const k = (timestampMs: number, high: number, low: number, c: number): Candle => ({ timestampMs, open: c, high, low, close: c });
    // TR: 10 − 8 = 2; max(12 − 9, |12 − 9|, |9 − 9|) = 3; max(11 − 7, |11 − 11|, |7 − 11|) = 4;
    //     gap up: max(20 − 18, |20 − 8|, |18 − 8|) = 12
    // ATR: (2 + 3)/2 = 2.5; (2.5 + 4)/2 = 3.25; (3.25 + 12)/2 = 7.625
    close(atr([k(0, 10, 8, 9), k(1, 12, 9, 11), k(2, 11, 7, 8), k(3, 20, 18, 19)], 2), [null, 2.5, 3.25, 7.625]);
  });
});
