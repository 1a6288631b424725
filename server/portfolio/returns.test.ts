import { describe, expect, it } from "vitest";
import { prepareActivities } from "./activities";
import { unwrapOrThrow } from "./errors";
import { computeMwrSeries, computeRangeReturn, computeReturns, rangeBounds, xirr } from "./returns";
import { ASSETS, btc, buy, D0, pricesFrom } from "./testing/fixtures";
import { dayFromIso, usd } from "./types";
import { computeValuationSeries } from "./valuation";

describe("xirr", () => {
  it("matches Excel's XIRR reference example to 1e-6", () => {
    // Excel documentation example: −10000 on 2008-01-01, 2750 on 2008-03-01, 4250 on 2008-10-30,
    // 3250 on 2009-02-15, 2750 on 2009-04-01 → 0.373362535.
    const flows = [
      ["2008-01-01", -10000],
      ["2008-03-01", 2750],
      ["2008-10-30", 4250],
      ["2009-02-15", 3250],
      ["2009-04-01", 2750],
    ] as const;
    const r = xirr(flows.map(([d, a]) => ({ day: dayFromIso(d), amountUsd: a })));
    expect(r).not.toBeNull();
    expect(Math.abs(r! - 0.373362535)).toBeLessThan(1e-6);
  });

  it("returns null when there is no solution, never NaN", () => {
    expect(xirr([])).toBeNull();
    expect(xirr([{ day: 0, amountUsd: -100 }])).toBeNull();
    expect(xirr([{ day: 0, amountUsd: -100 }, { day: 10, amountUsd: -5 }])).toBeNull();
    expect(xirr([{ day: 0, amountUsd: 100 }, { day: 10, amountUsd: 5 }])).toBeNull();
  });

  it("solves total losses and huge gains (bisection fallback)", () => {
    // −100 then +1 a year later → −99 %; −1 then +1000 a year later → +99,900 %.
    expect(xirr([{ day: 0, amountUsd: -100 }, { day: 365, amountUsd: 1 }])).toBeCloseTo(-0.99, 9);
    expect(xirr([{ day: 0, amountUsd: -1 }, { day: 365, amountUsd: 1000 }])).toBeCloseTo(999, 6);
    // A bad guess still converges to the same root.
    expect(xirr([{ day: 0, amountUsd: -100 }, { day: 365, amountUsd: 110 }], 50)).toBeCloseTo(0.1, 9);
  });
});

describe("TWR vs MWR with a deposit mid-period (scenario deposit-before-drop)", () => {
  // Day 0: buy 1 BTC @ 100 (flow +100). Price stays 100 until day 182, when it is 120 and we buy
  // another 1 BTC @ 120 (flow +120, value 240). Day 365: price 90, value 180.
  //   TWR = (120/100) × (90/120) − 1 = 1.2 × 0.75 − 1 = −10 %  (the flows don't matter)
  //   MWR: −100 − 120·(1+r)^(−182/365) + 180·(1+r)^(−1) = 0 → r = −24.33966558 % (more money was in
  //        for the drop). ROI = (180 − 220) / 220 = −18.1818 %.
  const lookup = pricesFrom({ btc: { 0: "100", 182: "120", 365: "90" } });
  const acts = [buy(0, "btc", btc("1"), "100"), buy(182, "btc", btc("1"), "120")];
  const s = computeValuationSeries(unwrapOrThrow(prepareActivities(acts, ASSETS)), ASSETS, lookup, { endDay: D0 + 365 });
  const all = computeRangeReturn(s, "ALL", D0 + 365);

  it("TWR = −10 %", () => expect(all.twr).toBeCloseTo(-0.1, 12));
  it("MWR = −24.3397 %", () => {
    expect(all.mwrAnnualised).toBeCloseTo(-0.2433966558, 8);
    expect(all.mwrPeriod).toBeCloseTo(-0.2433966558, 8); // the period is exactly 365 days
  });
  it("ROI = −18.18 % and the figures reconcile", () => {
    expect(all.roi).toBeCloseTo(-40 / 220, 12);
    expect(all.gainUsdE18).toBe(usd("-40"));
    expect(all.netFlowUsdE18).toBe(usd("220"));
    expect(all.endValueUsdE18).toBe(usd("180"));
  });
  it("ranges start at the right close", () => {
    const r30 = computeRangeReturn(s, "30D", D0 + 365);
    // Day 335 close 120 → day 365 close 90: −25 % by every measure (no flows inside).
    expect(r30.twr).toBeCloseTo(-0.25, 12);
    expect(r30.mwrPeriod).toBeCloseTo(-0.25, 9);
    expect(r30.roi).toBeCloseTo(-0.25, 12);
    expect(computeReturns(s, D0 + 365).map((r) => r.range)).toEqual(["1D", "7D", "30D", "YTD", "1Y", "ALL"]);
  });
  it("since-inception MWR series ends at the ALL figure", () => {
    const m = computeMwrSeries(s, 7);
    expect(m.at(-1)!.day).toBe(D0 + 365);
    expect(m.at(-1)!.mwrAnnualised).toBeCloseTo(all.mwrAnnualised!, 9);
    expect(m.every((p) => p.mwrAnnualised === null || Number.isFinite(p.mwrAnnualised))).toBe(true);
  });
});

describe("range bounds", () => {
  const s = { startDay: dayFromIso("2023-06-10") };
  const now = dayFromIso("2024-03-15");
  it.each([
    ["1D", "2024-03-14"],
    ["7D", "2024-03-08"],
    ["30D", "2024-02-14"],
    ["YTD", "2023-12-31"],
    ["1Y", "2023-03-16"], // before the first activity → clamped to the day before it
    ["ALL", "2023-06-09"],
  ] as const)("%s starts at the close of %s", (range, iso) => {
    const expected = range === "1Y" ? dayFromIso("2023-06-09") : dayFromIso(iso);
    expect(rangeBounds(range, now, s)).toEqual({ startDay: expected, endDay: now });
  });
});
