import { describe, expect, it } from "vitest";
import { computeTraderMetrics } from "./metrics";
import { downsample, endOfDayMs, missingForRanking, snapshotFlow, tradeSide, twrIndexSeries } from "./record-book";

describe("twrIndexSeries", () => {
  // 100 → 110 (+10 %), then a deposit of 50 and a close of 165: (165 − 50) / 110 − 1 = +4.545 %.
  const equity = [
    { day: 10, valueUsd: 100, flowUsd: 100 },
    { day: 11, valueUsd: 110, flowUsd: 0 },
    { day: 12, valueUsd: 165, flowUsd: 50 },
  ];
  it("links daily returns flow-neutrally and agrees with the metrics' TWR", () => {
    const s = twrIndexSeries(equity, 10, 12);
    expect(s.map((p) => p.day)).toEqual([10, 11, 12]);
    expect(s[1]!.index).toBeCloseTo(1.1, 12);
    expect(s[2]!.index).toBeCloseTo(1.1 * (115 / 110), 12);
    const m = computeTraderMetrics({ equity, trades: [], isStable: () => false }, "all", endOfDayMs(12));
    expect(s.at(-1)!.index - 1).toBeCloseTo(m.twr, 12);
  });
  it("starts at the base day and ignores points after the end", () => {
    expect(twrIndexSeries(equity, 11, 11)).toEqual([{ day: 11, index: 1 }]);
  });
});

describe("downsample", () => {
  it("keeps short series and the ends of long ones", () => {
    expect(downsample([1, 2, 3], 90)).toEqual([1, 2, 3]);
    const long = Array.from({ length: 365 }, (_, i) => i);
    const d = downsample(long, 90);
    expect(d).toHaveLength(90);
    expect(d[0]).toBe(0);
    expect(d.at(-1)).toBe(364);
  });
});

describe("snapshotFlow", () => {
  it("the first point is its own deposit", () => expect(snapshotFlow({ valueUsd: 1000, previousValueUsd: null, booksChanged: false })).toBe(1000));
  it("a reset is a flow of the change in value", () => expect(snapshotFlow({ valueUsd: 5000, previousValueUsd: 12000, booksChanged: true })).toBe(-7000));
  it("otherwise no flow", () => expect(snapshotFlow({ valueUsd: 1100, previousValueUsd: 1000, booksChanged: false })).toBe(0));
});

describe("missingForRanking", () => {
  it("says what is missing", () => {
    expect(missingForRanking({ recordDays: 18, trades: 7 }, { minDays: 30, minTrades: 10 })).toEqual(["12 more days", "3 more verified trades"]);
    expect(missingForRanking({ recordDays: 29, trades: 9 }, { minDays: 30, minTrades: 10 })).toEqual(["1 more day", "1 more verified trade"]);
    expect(missingForRanking({ recordDays: 30, trades: 10 }, { minDays: 30, minTrades: 10 })).toEqual([]);
  });
});

describe("tradeSide", () => {
  it("buy, sell, swap", () => {
    expect(tradeSide(true, false)).toBe("buy");
    expect(tradeSide(false, true)).toBe("sell");
    expect(tradeSide(false, false)).toBe("swap");
    expect(tradeSide(true, true)).toBe("swap");
  });
});
