import { describe, expect, it } from "vitest";
import { dayFromIso, MS_PER_DAY } from "@/server/portfolio/types";
import { publishSignalSchema } from "@/lib/schemas/social-core";
import { evaluateSignalOutcome, hitRateByProvider, type OutcomeCandle, type TrackedSignal } from "./signal-outcomes";

const D = dayFromIso("2025-06-01");
// Generated at the close of day D (= the open of day D + 1); candle k opens on day D + k.
const G = (D + 1) * MS_PER_DAY;
const k = (dayOffset: number, high: number, low: number, close: number): OutcomeCandle => ({ timestampMs: G + (dayOffset - 1) * MS_PER_DAY, high, low, close });
const long: TrackedSignal = { direction: "long", entry: 100, targets: [110, 120], stop: 95, horizonDays: 7, generatedAtMs: G };
const end = (dayOffset: number) => G + dayOffset * MS_PER_DAY; // close of candle `dayOffset`

describe("signal outcomes", () => {
  it("target hit: the first target before the stop", () => {
    const c = [k(1, 105, 98, 103), k(2, 108, 97, 106), k(3, 112, 101, 111), k(4, 125, 90, 100)];
    const o = evaluateSignalOutcome(long, c, end(4));
    expect(o.status).toBe("target_hit");
    expect(o.resolvedAtMs).toBe(end(3));
    expect(o.targetsReached).toBe(1);
    // return after 1 day: 103 / 100 − 1 = +3 %; 7 and 30 days not known yet
    expect(o.returns.d1).toBeCloseTo(0.03, 12);
    expect(o.returns.d7).toBeNull();
    expect(o.returns.d30).toBeNull();
    expect(o.expiresAtMs).toBe(G + 7 * MS_PER_DAY);
  });
  it("a published signal (schema output) is trackable", () => {
    const p = publishSignalSchema.parse({ asset: "ETH", direction: "long", entry: "100", targets: ["110", "120"], stop: "95", horizonDays: 7 });
    const tracked: TrackedSignal = { ...p, generatedAtMs: G };
    expect(evaluateSignalOutcome(tracked, [k(1, 112, 99, 111)], end(1)).status).toBe("target_hit");
  });
  it("both targets on one candle count as reached", () => {
    expect(evaluateSignalOutcome(long, [k(1, 121, 99, 119)], end(1))).toMatchObject({ status: "target_hit", targetsReached: 2 });
  });
  it("stop hit", () => {
    expect(evaluateSignalOutcome(long, [k(1, 104, 96, 97), k(2, 99, 94, 95)], end(2))).toMatchObject({ status: "stop_hit", resolvedAtMs: end(2), targetsReached: 0 });
  });
  it("target and stop on the same candle → stop hit (conservative)", () => {
    expect(evaluateSignalOutcome(long, [k(1, 111, 94, 100)], end(1)).status).toBe("stop_hit");
  });
  it("expired once the horizon has passed; candles at or after expiry are not watched", () => {
    const c = [1, 2, 3, 4, 5, 6, 7].map((d) => k(d, 105, 97, 101 + d / 10));
    const atExpiry = evaluateSignalOutcome(long, [...c, k(8, 130, 99, 125)], end(8));
    expect(atExpiry).toMatchObject({ status: "expired", resolvedAtMs: G + 7 * MS_PER_DAY });
    // return after 7 days = close of candle 7: 101.7 / 100 − 1
    expect(atExpiry.returns.d7).toBeCloseTo(0.017, 12);
  });
  it("open before the horizon; unclosed candles are ignored", () => {
    expect(evaluateSignalOutcome(long, [k(1, 105, 97, 101)], end(1))).toMatchObject({ status: "open", resolvedAtMs: null });
    // candle 1 has not closed 12 hours in: neither its high nor its close counts yet
    const o = evaluateSignalOutcome(long, [k(1, 115, 99, 112)], G + 12 * 3_600_000);
    expect(o.status).toBe("open");
    expect(o.returns.d1).toBeNull();
  });
  it("short: target below, stop above, returns signed", () => {
    const s: TrackedSignal = { direction: "short", entry: 200, targets: [180], stop: 210, horizonDays: 30, generatedAtMs: G };
    const c = Array.from({ length: 30 }, (_, i) => k(i + 1, 205, 185, 190 - (i === 29 ? 10 : 0)));
    c[9] = k(10, 199, 179, 182);
    const o = evaluateSignalOutcome(s, c, end(30));
    expect(o).toMatchObject({ status: "target_hit", resolvedAtMs: end(10), targetsReached: 1 });
    // 1 day: 1 − 190/200 = +5 %; 7 days: +5 %; 30 days: 1 − 180/200 = +10 %
    expect(o.returns.d1).toBeCloseTo(0.05, 12);
    expect(o.returns.d7).toBeCloseTo(0.05, 12);
    expect(o.returns.d30).toBeCloseTo(0.1, 12);
    expect(evaluateSignalOutcome(s, [k(1, 211, 179, 200)], end(1)).status).toBe("stop_hit");
  });
  it("candles before the signal are not watched; input order does not matter", () => {
    const before: OutcomeCandle = { timestampMs: G - MS_PER_DAY, high: 200, low: 1, close: 100 };
    const c = [k(2, 111, 100, 110), before, k(1, 104, 96, 102)];
    expect(evaluateSignalOutcome(long, c, end(2))).toMatchObject({ status: "target_hit", resolvedAtMs: end(2) });
  });
});

describe("hit rate per provider", () => {
  it("targets hit / resolved (target + stop + expired); open signals are not counted", () => {
    const r = hitRateByProvider([
      { providerId: "bob", status: "target_hit" },
      { providerId: "amy", status: "open" },
      { providerId: "bob", status: "stop_hit" },
      { providerId: "bob", status: "expired" },
      { providerId: "bob", status: "target_hit" },
      { providerId: "bob", status: "open" },
    ]);
    expect(r).toEqual([
      { providerId: "amy", total: 1, targetHits: 0, stopHits: 0, expired: 0, open: 1, resolved: 0, hitRate: null },
      { providerId: "bob", total: 5, targetHits: 2, stopHits: 1, expired: 1, open: 1, resolved: 4, hitRate: 0.5 },
    ]);
  });
});
