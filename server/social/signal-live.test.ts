import { describe, expect, it } from "vitest";
import { liveSignalChanged, needsObservation, observeSignal, type LiveSignalState, type PriceObservation } from "./signal-live";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 12);

// A long ETH signal at 2,000: targets 2,100 and 2,200, stop 1,900, 7 days.
function long(over: Partial<LiveSignalState> = {}): LiveSignalState {
  return {
    direction: "long",
    entry: 2000,
    targets: [2100, 2200],
    stop: 1900,
    publishedAtMs: T0,
    expiresAtMs: T0 + 7 * DAY,
    status: "open",
    targetsReached: 0,
    resolvedAtMs: null,
    resolvedPrice: null,
    lastPrice: 2000,
    highSince: 2000,
    lowSince: 2000,
    lastObservedAtMs: T0,
    returns: { d1: null, d7: null, d30: null },
    ...over,
  };
}
// The mirrored short: targets 1,900 and 1,800, stop 2,100.
const short = (over: Partial<LiveSignalState> = {}) => long({ direction: "short", targets: [1900, 1800], stop: 2100, ...over });

const run = (s: LiveSignalState, obs: PriceObservation[]) => obs.reduce(observeSignal, s);
const at = (price: number, ms: number): PriceObservation => ({ price, atMs: ms });

describe("observeSignal: nothing crosses", () => {
  it("updates last/high/low only, and reports a change only when the price moved", () => {
    const s1 = observeSignal(long(), at(2050, T0 + 1000));
    expect(s1).toMatchObject({ status: "open", lastPrice: 2050, highSince: 2050, lowSince: 2000, lastObservedAtMs: T0 + 1000, resolvedAtMs: null });
    const s2 = observeSignal(s1, at(1950, T0 + 2000));
    expect(s2).toMatchObject({ status: "open", lastPrice: 1950, highSince: 2050, lowSince: 1950 });
    expect(liveSignalChanged(long(), s1)).toBe(true);
    const same = observeSignal(s2, at(1950, T0 + 3000));
    expect(same.lastObservedAtMs).toBe(T0 + 3000);
    expect(liveSignalChanged(s2, same)).toBe(false);
  });

  it("does not modify its input", () => {
    const s = long();
    const copy = structuredClone(s);
    observeSignal(s, at(2150, T0 + 1));
    expect(s).toEqual(copy);
  });

  it("ignores observations before publication and bad prices", () => {
    const s = long();
    expect(observeSignal(s, at(2500, T0 - 1))).toBe(s);
    expect(observeSignal(s, at(0, T0 + 1))).toBe(s);
    expect(observeSignal(s, at(-5, T0 + 1))).toBe(s);
    expect(observeSignal(s, at(Number.NaN, T0 + 1))).toBe(s);
    expect(observeSignal(s, at(Number.POSITIVE_INFINITY, T0 + 1))).toBe(s);
  });

  it("a price just inside the levels does not resolve (long 2,099.99 and 1,900.01)", () => {
    const s = run(long(), [at(2099.99, T0 + 1), at(1900.01, T0 + 2)]);
    expect(s.status).toBe("open");
  });
});

describe("observeSignal: long", () => {
  it("target hit at exactly the first target; resolved at the level and the observation time", () => {
    const s = run(long(), [at(2050, T0 + 1), at(2100, T0 + 2)]);
    expect(s).toMatchObject({ status: "target_hit", targetsReached: 1, resolvedAtMs: T0 + 2, resolvedPrice: 2100, lastPrice: 2100, highSince: 2100 });
  });

  it("a jump through both targets counts 2", () => {
    const s = observeSignal(long(), at(2250, T0 + 5));
    expect(s).toMatchObject({ status: "target_hit", targetsReached: 2, resolvedPrice: 2100 });
  });

  it("stop hit at exactly the stop", () => {
    const s = observeSignal(long(), at(1900, T0 + 5));
    expect(s).toMatchObject({ status: "stop_hit", targetsReached: 0, resolvedAtMs: T0 + 5, resolvedPrice: 1900, lowSince: 1900 });
  });

  it("the first crossing decides: stop then target stays stop_hit", () => {
    const s = run(long(), [at(1850, T0 + 1), at(2300, T0 + 2)]);
    expect(s).toMatchObject({ status: "stop_hit", resolvedAtMs: T0 + 1, resolvedPrice: 1900, targetsReached: 0 });
    // Levels are frozen after resolution: the later 2,300 is not recorded.
    expect(s).toMatchObject({ lastPrice: 1850, highSince: 2000, lowSince: 1850 });
  });

  it("the first crossing decides: target then stop stays target_hit", () => {
    const s = run(long(), [at(2120, T0 + 1), at(1800, T0 + 2), at(2400, T0 + 3)]);
    expect(s).toMatchObject({ status: "target_hit", resolvedAtMs: T0 + 1, targetsReached: 1, lastPrice: 2120 });
  });
});

describe("observeSignal: short", () => {
  it("target hit when the price falls to the first target", () => {
    const s = run(short(), [at(1950, T0 + 1), at(1890, T0 + 2)]);
    expect(s).toMatchObject({ status: "target_hit", targetsReached: 1, resolvedPrice: 1900, lowSince: 1890, highSince: 2000 });
  });

  it("both targets at once", () => {
    expect(observeSignal(short(), at(1700, T0 + 1))).toMatchObject({ status: "target_hit", targetsReached: 2 });
  });

  it("stop hit when the price rises to the stop", () => {
    expect(observeSignal(short(), at(2100, T0 + 1))).toMatchObject({ status: "stop_hit", resolvedPrice: 2100 });
  });

  it("a rise short of the stop and a fall short of the target stay open", () => {
    expect(run(short(), [at(2099, T0 + 1), at(1901, T0 + 2)]).status).toBe("open");
  });

  it("a short's price above a long's target is a loss, not a hit", () => {
    expect(observeSignal(short({ stop: 2300 }), at(2150, T0 + 1)).status).toBe("open");
  });
});

describe("observeSignal: expiry", () => {
  it("expires at the first observation at or after expiresAt, at the last price before it", () => {
    const s = run(long(), [at(2040, T0 + DAY), at(2030, T0 + 7 * DAY)]);
    expect(s).toMatchObject({ status: "expired", resolvedAtMs: T0 + 7 * DAY, resolvedPrice: 2040, targetsReached: 0, lastPrice: 2040 });
  });

  it("a crossing first seen after expiry does not count (expiry checked first)", () => {
    expect(observeSignal(long(), at(2500, T0 + 8 * DAY))).toMatchObject({ status: "expired", resolvedAtMs: T0 + 7 * DAY });
    expect(observeSignal(short(), at(1500, T0 + 8 * DAY)).status).toBe("expired");
  });

  it("one millisecond before expiry a crossing still counts", () => {
    expect(observeSignal(long(), at(2100, T0 + 7 * DAY - 1)).status).toBe("target_hit");
  });

  it("without any earlier price, the expiring observation's price is used", () => {
    const s = observeSignal(long({ lastPrice: null, highSince: null, lowSince: null }), at(1990, T0 + 9 * DAY));
    expect(s).toMatchObject({ status: "expired", resolvedPrice: 1990 });
  });

  it("a resolved signal never becomes expired", () => {
    const s = run(long(), [at(2100, T0 + 1), at(2000, T0 + 8 * DAY)]);
    expect(s.status).toBe("target_hit");
    expect(s.resolvedAtMs).toBe(T0 + 1);
  });
});

describe("observeSignal: returns after 1, 7, 30 days", () => {
  it("are measured from the entry at the first observation at or after each horizon, and kept", () => {
    // 2,050 at day 1 → +2.5 %; 1,950 at day 7 → −2.5 %; 2,200 at day 30 → +10 %.
    const s = run(long({ targets: [3000], stop: 1000, expiresAtMs: T0 + 60 * DAY }), [
      at(2010, T0 + DAY - 1),
      at(2050, T0 + DAY),
      at(2500, T0 + DAY + 1),
      at(1950, T0 + 7 * DAY + 30_000),
      at(2200, T0 + 30 * DAY),
      at(2900, T0 + 31 * DAY),
    ]);
    expect(s.returns.d1).toBeCloseTo(0.025, 12);
    expect(s.returns.d7).toBeCloseTo(-0.025, 12);
    expect(s.returns.d30).toBeCloseTo(0.1, 12);
  });

  it("a late first observation fills every horizon it has passed, at the same price", () => {
    const s = observeSignal(long({ targets: [3000], stop: 1000, expiresAtMs: T0 + 60 * DAY }), at(2100, T0 + 10 * DAY));
    expect(s.returns.d1).toBeCloseTo(0.05, 12);
    expect(s.returns.d7).toBeCloseTo(0.05, 12);
    expect(s.returns.d30).toBeNull();
  });

  it("are direction-signed for a short (price down = positive)", () => {
    // Short at 2,000, 1,950 after a day: 1 − 1950/2000 = +2.5 %.
    const s = observeSignal(short({ stop: 2500, targets: [1000] }), at(1950, T0 + DAY));
    expect(s.returns.d1).toBeCloseTo(0.025, 12);
  });

  it("are still filled after the signal resolved, without touching the frozen levels", () => {
    const s = run(long(), [at(1850, T0 + 1), at(2300, T0 + DAY)]);
    expect(s.status).toBe("stop_hit");
    expect(s.returns.d1).toBeCloseTo(0.15, 12);
    expect(s.lastPrice).toBe(1850);
    expect(liveSignalChanged(observeSignal(long(), at(1850, T0 + 1)), s)).toBe(true);
  });

  it("and after expiry", () => {
    const s = run(long(), [at(2000, T0 + 8 * DAY), at(1800, T0 + 30 * DAY)]);
    expect(s.status).toBe("expired");
    expect(s.returns.d7).toBeCloseTo(0, 12);
    expect(s.returns.d30).toBeCloseTo(-0.1, 12);
  });

  it("stay null with a non-positive entry", () => {
    expect(observeSignal(long({ entry: 0 }), at(2100, T0 + DAY)).returns.d1).toBeNull();
  });
});

describe("needsObservation", () => {
  it("open signals, and resolved ones with a return still missing", () => {
    expect(needsObservation(long())).toBe(true);
    expect(needsObservation({ status: "target_hit", returns: { d1: 0.1, d7: 0.1, d30: null } })).toBe(true);
    expect(needsObservation({ status: "expired", returns: { d1: 0.1, d7: 0.1, d30: 0.2 } })).toBe(false);
  });
});
