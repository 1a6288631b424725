import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsUtc, DAY_MS, describeInterval, fixedIntervalMs, isIntervalInRange, slotIndexAt, slotTimeFrom, type Interval } from "./schedule";

const d = (s: string) => new Date(s);

describe("calendar months (UTC)", () => {
  it("clamps to the month end and keeps the time of day", () => {
    expect(addMonthsUtc(d("2026-01-31T09:30:00Z"), 1).toISOString()).toBe("2026-02-28T09:30:00.000Z");
    expect(addMonthsUtc(d("2028-01-31T09:30:00Z"), 1).toISOString()).toBe("2028-02-29T09:30:00.000Z"); // leap year
    expect(addMonthsUtc(d("2026-03-31T00:00:00Z"), 1).toISOString()).toBe("2026-04-30T00:00:00.000Z");
    expect(addMonthsUtc(d("2026-11-15T12:00:00Z"), 3).toISOString()).toBe("2027-02-15T12:00:00.000Z"); // year rollover
    expect(addMonthsUtc(d("2026-01-15T00:00:00Z"), -2).toISOString()).toBe("2025-11-15T00:00:00.000Z");
  });

  it("month-end-anchored slots are computed from the anchor: Jan 31 → Feb 28 → Mar 31 (no drift to the 28th)", () => {
    const m: Interval = { every: 1, unit: "month" };
    const a = d("2026-01-31T08:00:00Z");
    expect([0, 1, 2, 3, 12].map((n) => slotTimeFrom(a, m, n).toISOString())).toEqual([
      "2026-01-31T08:00:00.000Z",
      "2026-02-28T08:00:00.000Z",
      "2026-03-31T08:00:00.000Z",
      "2026-04-30T08:00:00.000Z",
      "2027-01-31T08:00:00.000Z",
    ]);
  });

  it("slotIndexAt for months respects the time of day and clamping", () => {
    const m: Interval = { every: 1, unit: "month" };
    const a = d("2026-01-31T08:00:00Z");
    expect(slotIndexAt(a, m, d("2026-01-31T07:59:59Z"))).toBeNull();
    expect(slotIndexAt(a, m, d("2026-01-31T08:00:00Z"))).toBe(0);
    expect(slotIndexAt(a, m, d("2026-02-28T07:59:59Z"))).toBe(0);
    expect(slotIndexAt(a, m, d("2026-02-28T08:00:00Z"))).toBe(1);
    expect(slotIndexAt(a, m, d("2026-03-30T23:00:00Z"))).toBe(1); // slot 2 is Mar 31
    expect(slotIndexAt(a, m, d("2026-03-31T08:00:00Z"))).toBe(2);
    expect(slotIndexAt(a, { every: 3, unit: "month" }, d("2026-07-31T08:00:00Z"))).toBe(2); // Jan, Apr 30, Jul 31
  });
});

describe("fixed intervals", () => {
  it("lengths and slots", () => {
    expect(fixedIntervalMs({ every: 2, unit: "week" })).toBe(14 * DAY_MS);
    expect(fixedIntervalMs({ every: 1, unit: "month" })).toBeNull();
    const a = d("2026-01-01T00:00:00Z");
    expect(slotTimeFrom(a, { every: 6, unit: "hour" }, 5).toISOString()).toBe("2026-01-02T06:00:00.000Z"); // 30 h
    expect(slotIndexAt(a, { every: 6, unit: "hour" }, d("2026-01-02T05:59:59Z"))).toBe(4);
    expect(() => slotTimeFrom(a, { every: 0, unit: "day" }, 1)).toThrow(/at least 1/);
    expect(() => slotTimeFrom(a, { every: 1, unit: "day" }, -1)).toThrow(/slot index/);
  });
  it("range: 1 minute … 1 year", () => {
    expect(isIntervalInRange({ every: 1, unit: "minute" })).toBe(true);
    expect(isIntervalInRange({ every: 365, unit: "day" })).toBe(true);
    expect(isIntervalInRange({ every: 366, unit: "day" })).toBe(false);
    expect(isIntervalInRange({ every: 53, unit: "week" })).toBe(false);
    expect(isIntervalInRange({ every: 12, unit: "month" })).toBe(true);
    expect(isIntervalInRange({ every: 13, unit: "month" })).toBe(false);
    expect(isIntervalInRange({ every: 1.5, unit: "hour" })).toBe(false);
  });
  it("describes intervals", () => {
    expect(describeInterval({ every: 1, unit: "month" })).toBe("every month");
    expect(describeInterval({ every: 2, unit: "week" })).toBe("every 2 weeks");
  });
});

describe("properties", () => {
  const interval = fc.oneof(
    fc.record({ every: fc.integer({ min: 1, max: 120 }), unit: fc.constant("minute" as const) }),
    fc.record({ every: fc.integer({ min: 1, max: 48 }), unit: fc.constant("hour" as const) }),
    fc.record({ every: fc.integer({ min: 1, max: 30 }), unit: fc.constant("day" as const) }),
    fc.record({ every: fc.integer({ min: 1, max: 4 }), unit: fc.constant("week" as const) }),
    fc.record({ every: fc.integer({ min: 1, max: 12 }), unit: fc.constant("month" as const) }),
  );
  const anchor = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t));
  it("slots strictly increase and slotIndexAt inverts slotTime", () => {
    fc.assert(
      fc.property(anchor, interval, fc.integer({ min: 0, max: 200 }), (a, i, n) => {
        const t = slotTimeFrom(a, i, n);
        const t1 = slotTimeFrom(a, i, n + 1);
        expect(t1.getTime()).toBeGreaterThan(t.getTime());
        expect(slotIndexAt(a, i, t)).toBe(n);
        expect(slotIndexAt(a, i, new Date(t1.getTime() - 1))).toBe(n);
      }),
    );
  });
});
