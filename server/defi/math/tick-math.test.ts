import { TickMath } from "@uniswap/v3-sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { fromJsbi, toJsbi } from "./testing/sdk-oracle";
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from "./tick-math";

const tickArb = fc.oneof(
  fc.integer({ min: MIN_TICK, max: MAX_TICK }),
  fc.integer({ min: -2000, max: 2000 }),
  fc.constantFrom(MIN_TICK, MIN_TICK + 1, -1, 0, 1, MAX_TICK - 1, MAX_TICK),
);
const sqrtArb = fc.oneof(
  fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }),
  // prices near 1 (most real pools) and exactly on / one wei either side of a tick's ratio
  fc.bigInt({ min: 2n ** 90n, max: 2n ** 102n }),
  fc.tuple(tickArb, fc.constantFrom(-1n, 0n, 1n)).map(([t, d]) => {
    const s = getSqrtRatioAtTick(t) + d;
    return s < MIN_SQRT_RATIO ? MIN_SQRT_RATIO : s >= MAX_SQRT_RATIO ? MAX_SQRT_RATIO - 1n : s;
  }),
);

describe("TickMath vs @uniswap/v3-sdk", { timeout: 60_000 }, () => {
  it("getSqrtRatioAtTick equals the SDK on random ticks", () => {
    fc.assert(
      fc.property(tickArb, (tick) => {
        expect(getSqrtRatioAtTick(tick)).toBe(fromJsbi(TickMath.getSqrtRatioAtTick(tick)));
      }),
      { numRuns: 3000 },
    );
  });

  it("getTickAtSqrtRatio equals the SDK on random prices", () => {
    fc.assert(
      fc.property(sqrtArb, (sqrt) => {
        expect(getTickAtSqrtRatio(sqrt)).toBe(TickMath.getTickAtSqrtRatio(toJsbi(sqrt)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("TickMath", { timeout: 60_000 }, () => {
  it("has the contract's bounds", () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
    // tick 0 is price 1: sqrt(1) × 2^96
    expect(getSqrtRatioAtTick(0)).toBe(2n ** 96n);
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
  });

  it("round-trips every tick and is the greatest tick at or below the price", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), (tick) => {
        const s = getSqrtRatioAtTick(tick);
        expect(getTickAtSqrtRatio(s)).toBe(tick);
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(tick + 1) - 1n)).toBe(tick);
      }),
      { numRuns: 2000 },
    );
  });

  it("reverts outside the range like the contract", () => {
    for (const bad of [MIN_TICK - 1, MAX_TICK + 1, 0.5]) {
      expect(() => getSqrtRatioAtTick(bad)).toThrow(/T$/);
    }
    for (const bad of [MIN_SQRT_RATIO - 1n, MAX_SQRT_RATIO]) {
      let err: unknown;
      try {
        getTickAtSqrtRatio(bad);
      } catch (e) {
        err = e;
      }
      expect(isDomainError(err)).toBe(true);
    }
  });
});
