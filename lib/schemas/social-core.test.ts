import { describe, expect, it } from "vitest";
import { copySettingsSchema, metricWindowSchema, publishSignalSchema } from "./social-core";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("copySettingsSchema", () => {
  it("parses decimal strings and applies defaults", () => {
    expect(copySettingsSchema.parse({ allocatedUsd: "2000.50" })).toEqual({ allocatedUsd: 2000.5, mode: "proportional", maxPerTradeUsd: null, copyStopLossBps: null, paused: false, minTradeUsd: 0 });
    expect(copySettingsSchema.parse({ allocatedUsd: 1000, mode: "fixed", fixedTradeUsd: "25", maxPerTradeUsd: 100, copyStopLossBps: 2000, paused: true })).toMatchObject({ fixedTradeUsd: 25, copyStopLossBps: 2000, paused: true });
  });
  it("rejects what the core cannot size", () => {
    expect(issues(copySettingsSchema.safeParse({ allocatedUsd: 1000, mode: "fixed" }))).toEqual(["fixedTradeUsd: Enter the amount per trade."]);
    expect(issues(copySettingsSchema.safeParse({ allocatedUsd: 100, maxPerTradeUsd: 200 }))).toEqual(["maxPerTradeUsd: The maximum per trade cannot exceed the allocation."]);
    expect(issues(copySettingsSchema.safeParse({ allocatedUsd: 100, mode: "fixed", fixedTradeUsd: 200 }))).toEqual(["fixedTradeUsd: The amount per trade cannot exceed the allocation."]);
    expect(copySettingsSchema.safeParse({ allocatedUsd: 0 }).success).toBe(false);
    expect(copySettingsSchema.safeParse({ allocatedUsd: 100, copyStopLossBps: 50 }).success).toBe(false);
    expect(copySettingsSchema.safeParse({ allocatedUsd: 100, copyStopLossBps: 12.5 }).success).toBe(false);
  });
});

describe("publishSignalSchema", () => {
  const long = { asset: "ETH", direction: "long" as const, entry: "2000", targets: ["2100", "2200"], stop: "1900", horizonDays: 7 };
  it("accepts a consistent long and short", () => {
    expect(publishSignalSchema.parse(long)).toEqual({ ...long, entry: 2000, targets: [2100, 2200], stop: 1900, rationale: "" });
    expect(publishSignalSchema.safeParse({ ...long, direction: "short", targets: [1900, 1800], stop: 2100 }).success).toBe(true);
  });
  it("rejects levels on the wrong side or out of order", () => {
    expect(issues(publishSignalSchema.safeParse({ ...long, targets: [1990] }))).toEqual(["targets.0: A long target must be above the entry."]);
    expect(issues(publishSignalSchema.safeParse({ ...long, targets: [2200, 2100] }))).toEqual(["targets.1: List targets nearest first."]);
    expect(issues(publishSignalSchema.safeParse({ ...long, stop: 2000 }))).toEqual(["stop: A long stop must be below the entry."]);
    expect(issues(publishSignalSchema.safeParse({ ...long, direction: "short", targets: [1900], stop: 1950 }))).toEqual(["stop: A short stop must be above the entry."]);
    expect(publishSignalSchema.safeParse({ ...long, horizonDays: 0 }).success).toBe(false);
    expect(publishSignalSchema.safeParse({ ...long, targets: [] }).success).toBe(false);
  });
});

describe("metricWindowSchema", () => {
  it("is the metrics core's windows", () => {
    expect(metricWindowSchema.options).toEqual(["7d", "30d", "90d", "365d", "all"]);
  });
});
