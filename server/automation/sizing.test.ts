import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertRawAtUsdPricesDown, convertRawDown, exactRational, fixedFractionSize, kellyFraction, kellySize, mulBpsDown, rawToUsd, usdToRawDown, volatilityScaledSize } from "./sizing";

describe("usdToRawDown: the one rounding function", () => {
  it("is exact where a float product would not be", () => {
    // $1,000 of a token at $3 with 18 decimals: 333.333… tokens → floor(1000e18 / 3)
    expect(usdToRawDown(1000, 3, 18)).toBe(333_333_333_333_333_333_333n);
    // 0.1 + 0.2 is 0.30000000000000004 in binary; the exact value of that double is used, and
    // floored: $0.3… of a $1 token with 6 decimals = 300,000 units (not 300,001).
    expect(usdToRawDown(0.1 + 0.2, 1, 6)).toBe(300_000n);
    // $1 at $1 with 6 decimals is exactly 1,000,000 units.
    expect(usdToRawDown(1, 1, 6)).toBe(1_000_000n);
    // 1e6 tokens of 18 decimals = 1e24 units (> 2^53), still exact.
    expect(usdToRawDown(2_000_000, 2, 18)).toBe(10n ** 24n);
  });
  it("zero and negative sizes give 0; a missing price throws", () => {
    expect(usdToRawDown(0, 5, 18)).toBe(0n);
    expect(usdToRawDown(-3, 5, 18)).toBe(0n);
    expect(() => usdToRawDown(10, 0, 18)).toThrow(/price/);
    expect(() => usdToRawDown(10, Number.NaN, 18)).toThrow(/price/);
    expect(() => usdToRawDown(10, 1, 1.5)).toThrow(/decimals/);
  });
  it("exactRational decomposes doubles exactly (incl. subnormals)", () => {
    expect(exactRational(0.5)).toEqual({ num: 1n << 52n, den: 1n << 53n });
    expect(exactRational(3)).toEqual({ num: 3n << 51n, den: 1n << 51n });
    const sub = exactRational(Number.MIN_VALUE);
    expect(sub).toEqual({ num: 1n, den: 1n << 1074n });
    expect(() => exactRational(-1)).toThrow();
  });
  it("property: never more than the exact rational value, and within one unit of it", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 18 }), (usd, price, dec) => {
        const raw = usdToRawDown(usd, price, dec);
        const u = exactRational(usd);
        const p = exactRational(price);
        // raw ≤ usd/price × 10^dec < raw + 1, cross-multiplied in integers
        const lhs = u.num * p.den * 10n ** BigInt(dec);
        const den = u.den * p.num;
        expect(raw * den <= lhs).toBe(true);
        expect((raw + 1n) * den > lhs).toBe(true);
      }),
    );
  });
  it("helpers: convertRawDown, mulBpsDown, rawToUsd", () => {
    // 1.5 WETH (18 dec) at 2000 USDC/WETH → 3000 USDC (6 dec)
    expect(convertRawDown(1_500_000_000_000_000_000n, 2000, 18, 6)).toBe(3_000_000_000n);
    expect(convertRawDown(0n, 2000, 18, 6)).toBe(0n);
    // 500 USDC at $1 into LINK at $20 = 25 LINK exactly (a float ratio 1/20 would overshoot by 1,387 units)
    expect(convertRawAtUsdPricesDown(500_000_000n, 1, 20, 6, 18)).toBe(25n * 10n ** 18n);
    expect(convertRawAtUsdPricesDown(0n, 1, 20, 6, 18)).toBe(0n);
    expect(() => convertRawAtUsdPricesDown(1n, 1, 0, 6, 18)).toThrow(/price/);
    expect(mulBpsDown(999n, 5000)).toBe(499n);
    expect(rawToUsd(1_500_000_000_000_000_000n, 2000, 18)).toBeCloseTo(3000, 9);
    expect(rawToUsd(123_456_789n * 10n ** 18n + 5n * 10n ** 17n, 1, 18)).toBeCloseTo(123_456_789.5, 3);
  });
});

describe("sizing scenarios", () => {
  // Equity $100,000; WETH at $2,000 (18 decimals).
  const ctx = { equityUsd: 100_000, priceUsd: 2000, decimals: 18 };

  it("fixed-fraction: 1 % risk over a 5 % stop = 20 %, capped at the 10 % maximum position", () => {
    // risk 100 bps / stop distance (2000 − 1900)/2000 = 0.05 → 0.2 of equity; cap 1,000 bps → $10,000 → 5 WETH
    const s = fixedFractionSize(ctx, { entryPriceUsd: 2000, stopPriceUsd: 1900 });
    expect(s.rawFraction).toBeCloseTo(0.2, 12);
    expect(s.fraction).toBeCloseTo(0.1, 12);
    expect(s.cappedBy).toBe("max_position");
    expect(s.usd).toBeCloseTo(10_000, 6);
    expect(s.amountRaw).toBe(5n * 10n ** 18n);
  });
  it("fixed-fraction under the cap, and halved by the breaker", () => {
    // risk 100 bps / 20 % stop = 5 % → $5,000 → 2.5 WETH; breaker 5,000 bps → $2,500 → 1.25 WETH
    const s = fixedFractionSize({ ...ctx, breakerMultiplierBps: 5000 }, { entryPriceUsd: 2000, stopPriceUsd: 1600 });
    expect(s.cappedBy).toBeNull();
    expect(s.fraction).toBeCloseTo(0.025, 12);
    expect(s.amountRaw).toBe(1_250_000_000_000_000_000n);
    expect(s.notes.join(" ")).toMatch(/Circuit breaker/);
    expect(fixedFractionSize({ ...ctx, breakerMultiplierBps: 0 }, { entryPriceUsd: 2000, stopPriceUsd: 1600 }).amountRaw).toBe(0n);
  });
  it("fixed-fraction rejects a stop at or above entry", () => {
    expect(() => fixedFractionSize(ctx, { entryPriceUsd: 2000, stopPriceUsd: 2000 })).toThrow(/below the entry/);
  });
  it("volatility-scaled: target 20 % / asset 80 % = 25 %, capped at 10 %; a calm asset under the cap", () => {
    expect(volatilityScaledSize(ctx, { assetVolAnnual: 0.8 }).fraction).toBeCloseTo(0.1, 12);
    // target 20 % / 400 % = 5 % → $5,000 → 2.5 WETH
    const s = volatilityScaledSize(ctx, { assetVolAnnual: 4 });
    expect(s.fraction).toBeCloseTo(0.05, 12);
    expect(s.amountRaw).toBe(2_500_000_000_000_000_000n);
    expect(() => volatilityScaledSize(ctx, { assetVolAnnual: 0 })).toThrow(/volatility/);
  });
  it("Kelly: f* = p − (1 − p)/b, half Kelly, capped, never negative", () => {
    // p 0.55, b 1: f* = 0.55 − 0.45 = 0.10; half Kelly 0.05 → under both caps → $5,000
    const s = kellySize(ctx, { winProb: 0.55, payoffRatio: 1 });
    expect(kellyFraction(0.55, 1)).toBeCloseTo(0.1, 12);
    expect(s.fraction).toBeCloseTo(0.05, 12);
    expect(s.usd).toBeCloseTo(5000, 6);
    // p 0.6, b 3: f* = 0.6 − 0.4/3 = 0.4667; half 0.2333 → Kelly cap 20 % → max position 10 %
    const big = kellySize({ ...ctx, settings: { maxPositionBps: 10_000 } }, { winProb: 0.6, payoffRatio: 3 });
    expect(big.fraction).toBeCloseTo(0.2, 12);
    expect(big.cappedBy).toBe("method_cap");
    // p 0.4, b 1: f* = −0.2 → 0
    const none = kellySize(ctx, { winProb: 0.4, payoffRatio: 1 });
    expect(none.fraction).toBe(0);
    expect(none.amountRaw).toBe(0n);
    expect(() => kellySize(ctx, { winProb: 1.2, payoffRatio: 1 })).toThrow();
  });
  it("no equity → size 0", () => {
    const s = volatilityScaledSize({ ...ctx, equityUsd: 0 }, { assetVolAnnual: 0.5 });
    expect(s.amountRaw).toBe(0n);
    expect(s.notes.join(" ")).toMatch(/No equity/);
  });
  it("property: any sizing stays within [0, maxPosition] × breaker and its amount is worth ≤ its USD", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(10_000, 5000, 2500, 0),
        (p, b, maxPos, mult) => {
          const s = kellySize({ ...ctx, settings: { maxPositionBps: maxPos }, breakerMultiplierBps: mult }, { winProb: p, payoffRatio: b });
          expect(s.fraction).toBeGreaterThanOrEqual(0);
          expect(s.fraction).toBeLessThanOrEqual(((maxPos / 10_000) * mult) / 10_000 + 1e-15);
          expect(rawToUsd(s.amountRaw, ctx.priceUsd, ctx.decimals)).toBeLessThanOrEqual(s.usd + 1e-9);
        },
      ),
    );
  });
});
