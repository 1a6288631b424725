import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { adjustBps, amountForUsd, isqrt, MAX_TICK, MIN_TICK, parsePriceE8, priceFromSqrtX96, Q96, rangeAround, roundTick, sqrtPriceX96FromPrices, tickAtSqrtPrice } from "./math";

describe("parsePriceE8 / adjustBps", () => {
  it("parses decimal closes to 8 decimals, truncating extra digits", () => {
    expect(parsePriceE8("2485.47")).toBe(248_547_000_000n);
    expect(parsePriceE8("1")).toBe(100_000_000n);
    expect(parsePriceE8("0.123456789")).toBe(12_345_678n);
    expect(() => parsePriceE8("1e5")).toThrow();
  });
  it("offsets by basis points both ways", () => {
    expect(adjustBps(100_000_000n, 25)).toBe(100_250_000n);
    expect(adjustBps(100_000_000n, -30)).toBe(99_700_000n);
  });
});

describe("isqrt", () => {
  it("is the floor square root for small and 256-bit numbers", () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 30n]) {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n }), (n) => {
        const r = isqrt(n);
        return r * r <= n && (r + 1n) * (r + 1n) > n;
      }),
    );
  });
  it("refuses negatives", () => expect(() => isqrt(-1n)).toThrow());
});

describe("amountForUsd", () => {
  it("converts USD to base units with the token's decimals, rounding down", () => {
    // $10,000,000 of ETH at $2,485.47 = 4023.3839… ETH (10^25 // 248547000000)
    expect(amountForUsd(10_000_000n * 10n ** 8n, parsePriceE8("2485.47"), 18)).toBe(4023383907269047705262n);
    // $1,000 of USDC at $1 = 1,000.000000
    expect(amountForUsd(1_000n * 10n ** 8n, 10n ** 8n, 6)).toBe(1_000_000_000n);
    // $100,000 of WBTC at $107,146.50 = 0.93330160 BTC (8 decimals, floored)
    expect(amountForUsd(100_000n * 10n ** 8n, parsePriceE8("107146.5"), 8)).toBe(93_330_160n);
  });
});

describe("sqrtPriceX96FromPrices", () => {
  it("is 2^96 for equal prices and equal decimals", () => {
    expect(sqrtPriceX96FromPrices(10n ** 8n, 18, 10n ** 8n, 18)).toBe(Q96);
  });
  it("encodes token1 per token0 in base units (WETH 18 → USDC 6 at $2,500)", () => {
    // raw price = 2500 × 10^(6−18) = 2.5e-9
    const s = sqrtPriceX96FromPrices(2_500n * 10n ** 8n, 18, 10n ** 8n, 6);
    expect(priceFromSqrtX96(s)).toBeCloseTo(2.5e-9, 15);
    // and the reverse order (USDC token0, WETH token1): 1/2500 × 10^12 = 4e8
    const r = sqrtPriceX96FromPrices(10n ** 8n, 6, 2_500n * 10n ** 8n, 18);
    expect(priceFromSqrtX96(r) / 4e8).toBeCloseTo(1, 12);
  });
  it("is floored (squaring never exceeds the exact ratio)", () => {
    const s = sqrtPriceX96FromPrices(3n * 10n ** 8n, 18, 10n ** 8n, 18);
    expect(s * s <= 3n * Q96 * Q96).toBe(true);
    expect((s + 1n) * (s + 1n) > 3n * Q96 * Q96).toBe(true);
  });
});

describe("ticks", () => {
  it("finds the tick at a price (1.0001^tick ≤ price)", () => {
    expect(tickAtSqrtPrice(Q96)).toBe(0);
    // WETH/USDC at $2,500 (token0 WETH): log_1.0001(2.5e-9) ≈ −198,079.6 → −198,080
    const t = tickAtSqrtPrice(sqrtPriceX96FromPrices(2_500n * 10n ** 8n, 18, 10n ** 8n, 6));
    expect(t).toBe(-198080);
  });
  it("rounds to the spacing in the asked direction, also for negative ticks", () => {
    expect(roundTick(-198080, 60, "down")).toBe(-198120);
    expect(roundTick(-198080, 60, "up")).toBe(-198060);
    expect(roundTick(125, 10, "down")).toBe(120);
    expect(roundTick(125, 10, "up")).toBe(130);
    expect(roundTick(120, 10, "up")).toBe(120);
  });
  it("clamps to the usable tick range of the spacing", () => {
    expect(roundTick(MAX_TICK + 500, 60, "up")).toBe(887220);
    expect(roundTick(MIN_TICK - 500, 200, "down")).toBe(-887200);
  });
  it("builds non-empty ranges on the grid that contain the tick", () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), fc.constantFrom(1, 10, 60, 200), fc.integer({ min: 0, max: 30_000 }), (tick, spacing, width) => {
        const { tickLower, tickUpper } = rangeAround(tick, width, spacing);
        return tickLower % spacing === 0 && tickUpper % spacing === 0 && tickLower < tickUpper && tickLower <= tick && tick <= tickUpper;
      }),
    );
  });
});
