import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { sdkV2AmountIn, sdkV2AmountOut, sdkV2Pair } from "./testing/sdk-oracle";
import { UNISWAP_V2_FEE, getAmountIn, getAmountOut, v2FeeFromBps } from "./v2";

const MAX_UINT112 = 2n ** 112n - 1n;
// Reserves are uint112 in the pair; mix tiny, realistic and extreme sizes.
const reserveArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 10n ** 6n, max: 10n ** 27n }),
  fc.bigInt({ min: 1n, max: MAX_UINT112 }),
);
const amountArb = fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.bigInt({ min: 1n, max: MAX_UINT112 }));

describe("V2 vs @uniswap/v2-sdk", { timeout: 60_000 }, () => {
  it("getAmountOut equals the SDK to the wei", () => {
    let compared = 0;
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, (r0, r1, amountIn) => {
        const ours = getAmountOut(amountIn, r0, r1);
        // the SDK refuses a zero output (InsufficientInputAmountError); the library returns 0
        if (ours === 0n) {
          expect(() => sdkV2AmountOut(sdkV2Pair(r0, r1), amountIn)).toThrow();
          return;
        }
        compared++;
        expect(ours).toBe(sdkV2AmountOut(sdkV2Pair(r0, r1), amountIn));
      }),
      { numRuns: 5000 },
    );
    expect(compared).toBeGreaterThan(3000);
  });

  it("getAmountIn equals the SDK to the wei", () => {
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, (r0, r1, amountOut) => {
        if (amountOut >= r1) {
          expect(() => getAmountIn(amountOut, r0, r1)).toThrow();
          expect(() => sdkV2AmountIn(sdkV2Pair(r0, r1), amountOut)).toThrow();
          return;
        }
        expect(getAmountIn(amountOut, r0, r1)).toBe(sdkV2AmountIn(sdkV2Pair(r0, r1), amountOut));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("V2 properties", { timeout: 60_000 }, () => {
  it("a quote never reaches the output reserve and never goes negative", () => {
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, fc.integer({ min: 0, max: 9999 }), (rIn, rOut, amountIn, feeBps) => {
        const out = getAmountOut(amountIn, rIn, rOut, v2FeeFromBps(feeBps));
        expect(out >= 0n && out < rOut).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("the pair's k never decreases (rounding is in the pool's favour)", () => {
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, (rIn, rOut, amountIn) => {
        const out = getAmountOut(amountIn, rIn, rOut);
        // UniswapV2Pair.swap's check: (rIn·1000 + in·997)·(rOut − out)·1000 ≥ rIn·rOut·1000²
        expect((rIn * 1000n + amountIn * 997n) * (rOut - out) * 1000n >= rIn * rOut * 1000n ** 2n).toBe(true);
        // and one wei more output would break it: the quote is the maximum, not merely safe
        if (out + 1n < rOut) {
          expect((rIn * 1000n + amountIn * 997n) * (rOut - out - 1n) * 1000n < rIn * rOut * 1000n ** 2n).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("getAmountIn(getAmountOut(x)) ≤ x + 1 (≤ x unless the library's division is exact)", () => {
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, (rIn, rOut, x) => {
        const out = getAmountOut(x, rIn, rOut);
        fc.pre(out > 0n);
        const back = getAmountIn(out, rIn, rOut);
        // UniswapV2Library adds 1 unconditionally instead of rounding up, so when
        // rIn·out·1000 is an exact multiple of (rOut − out)·997 it asks one wei more than x.
        const exact = (rIn * out * 1000n) % ((rOut - out) * 997n) === 0n;
        expect(back <= (exact ? x + 1n : x)).toBe(true);
        // whatever it asks buys at least the output it was asked for
        expect(getAmountOut(back, rIn, rOut) >= out).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("scenario: the +1 makes getAmountIn(getAmountOut(x)) = x + 1 on an exact division", () => {
    // reserves 997 in / 46 out, x = 1000: out = 1000·997·46 / (997·1000 + 1000·997) = 23 exactly;
    // in for 23 = 997·23·1000 / (23·997) + 1 = 1000 + 1 = 1001 (the router would ask 1001)
    expect(getAmountOut(1000n, 997n, 46n)).toBe(23n);
    expect(getAmountIn(23n, 997n, 46n)).toBe(1001n);
  });

  it("30 bps is the same fee as 997/1000", () => {
    fc.assert(
      fc.property(reserveArb, reserveArb, amountArb, (rIn, rOut, x) => {
        expect(getAmountOut(x, rIn, rOut, v2FeeFromBps(30))).toBe(getAmountOut(x, rIn, rOut, UNISWAP_V2_FEE));
        if (x < rOut) expect(getAmountIn(x, rIn, rOut, v2FeeFromBps(30))).toBe(getAmountIn(x, rIn, rOut, UNISWAP_V2_FEE));
      }),
    );
  });
});

describe("V2 scenarios", () => {
  // WETH/USDC pair: 1,000 WETH (18 decimals) and 3,000,000 USDC (6 decimals), i.e. 3,000 USDC/ETH.
  const weth = 1000n * 10n ** 18n;
  const usdc = 3_000_000n * 10n ** 6n;

  it("1 ETH → USDC", () => {
    // in·997 = 997e18; out = 997e18 × 3e12 / (1e21 × 1000 + 997e18)
    //        = 2.991e33 / 1.000997e24 = 2,988,020,943.119… → floor 2,988,020,943 (2,988.020943 USDC,
    //        vs 3,000 at the mid price: 0.3 % fee + 0.1 % impact)
    expect(getAmountOut(10n ** 18n, weth, usdc)).toBe(2_988_020_943n);
  });

  it("USDC needed for exactly 1 ETH out", () => {
    // in = 3e12 × 1e18 × 1000 / ((1e21 − 1e18) × 997) + 1 = 3e33 / 9.96003e23 + 1
    //    = 3,012,039,120.36… → 3,012,039,120 + 1 = 3,012,039,121 (3,012.039121 USDC)
    expect(getAmountIn(10n ** 18n, usdc, weth)).toBe(3_012_039_121n);
  });

  it("SushiSwap-style 0.25 % fork fee", () => {
    // in·9975 = 9.975e21; out = 9.975e21 × 3e12 / (1e21 × 10000 + 9.975e21) = 2.9925e34 / 1.0009975e25
    //        = 2,989,517,955.7… → 2,989,517,955
    expect(getAmountOut(10n ** 18n, weth, usdc, v2FeeFromBps(25))).toBe(2_989_517_955n);
  });

  it("dust rounds to zero rather than up", () => {
    // 1 wei of WETH: 997 × 3e12 / (1e24 + 997) < 1 → 0 USDC; the trader is never promised a unit the pair would not pay
    expect(getAmountOut(1n, weth, usdc)).toBe(0n);
  });

  it("rejects zero amounts, empty reserves and draining the reserve", () => {
    const codes = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : "other";
      }
      return "none";
    };
    expect(codes(() => getAmountOut(0n, weth, usdc))).toBe("swap.INSUFFICIENT_INPUT_AMOUNT");
    expect(codes(() => getAmountOut(1n, 0n, usdc))).toBe("swap.INSUFFICIENT_LIQUIDITY");
    expect(codes(() => getAmountIn(0n, weth, usdc))).toBe("swap.INSUFFICIENT_OUTPUT_AMOUNT");
    expect(codes(() => getAmountIn(usdc, weth, usdc))).toBe("swap.INSUFFICIENT_LIQUIDITY");
    expect(codes(() => v2FeeFromBps(10_000))).toBe("swap.INVALID_FEE");
  });
});
