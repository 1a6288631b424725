import { FullMath, LiquidityMath, SqrtPriceMath, SwapMath } from "@uniswap/v3-sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_UINT128, MAX_UINT256, Q96, mulDiv, mulDivRoundingUp } from "./full-math";
import { addDelta } from "./liquidity-math";
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "./sqrt-price-math";
import { computeSwapStep } from "./swap-math";
import { fromJsbi, toJsbi } from "./testing/sdk-oracle";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "./tick-math";

const sqrtArb = fc.oneof(
  fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }),
  fc.bigInt({ min: 2n ** 80n, max: 2n ** 112n }),
);
const liquidityArb = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: MAX_UINT128 }));
const amountArb = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 128n }), fc.bigInt({ min: 0n, max: 2n ** 255n }));
const feeArb = fc.oneof(fc.constantFrom(0, 100, 500, 3000, 10000), fc.integer({ min: 0, max: 999_999 }));

let compared = 0;

/** Both implementations agree: the same value, or both refuse (the contract would revert). */
function same(ours: () => bigint, theirs: () => bigint): void {
  let a: bigint | "threw";
  let b: bigint | "threw";
  try {
    a = ours();
  } catch {
    a = "threw";
  }
  try {
    b = theirs();
  } catch {
    b = "threw";
  }
  // The SDK skips some of the contract's overflow checks, so it may answer where we (and the
  // chain) revert; only a value from us that differs from the SDK's is a failure.
  if (a !== "threw") {
    expect(a).toBe(b);
    compared++;
  }
}

/** Guards against a generator that makes us revert on almost everything (a test that cannot fail). */
function expectCompared(atLeast: number, run: () => void): void {
  compared = 0;
  run();
  expect(compared).toBeGreaterThan(atLeast);
}

describe("FullMath / LiquidityMath vs SDK", { timeout: 60_000 }, () => {
  it("mulDiv and mulDivRoundingUp", () => {
    expectCompared(50, () => fc.assert(
      fc.property(amountArb, amountArb, amountArb.filter((d) => d > 0n), (a, b, d) => {
        same(() => mulDiv(a, b, d), () => fromJsbi(FullMath.mulDivRoundingUp(toJsbi(a), toJsbi(b), toJsbi(d))) - ((a * b) % d === 0n ? 0n : 1n));
        same(() => mulDivRoundingUp(a, b, d), () => fromJsbi(FullMath.mulDivRoundingUp(toJsbi(a), toJsbi(b), toJsbi(d))));
      }),
    ));
    expect(() => mulDiv(MAX_UINT256, MAX_UINT256, 1n)).toThrow();
    expect(() => mulDiv(1n, 1n, 0n)).toThrow();
    expect(mulDivRoundingUp(7n, 3n, 2n)).toBe(11n); // 21/2 = 10.5 → 11
  });

  it("addDelta", () => {
    expectCompared(50, () => fc.assert(
      fc.property(liquidityArb, fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n }), (l, d) => {
        same(() => addDelta(l, d), () => fromJsbi(LiquidityMath.addDelta(toJsbi(l), toJsbi(d))));
      }),
    ));
    expect(() => addDelta(5n, -6n)).toThrow(/LS/);
    expect(() => addDelta(MAX_UINT128, 1n)).toThrow(/LA/);
  });
});

describe("SqrtPriceMath vs SDK", { timeout: 60_000 }, () => {
  it("getNextSqrtPriceFromInput / FromOutput", () => {
    expectCompared(2000, () => fc.assert(
      fc.property(sqrtArb, liquidityArb, amountArb, fc.boolean(), (p, l, amount, zeroForOne) => {
        same(
          () => getNextSqrtPriceFromInput(p, l, amount, zeroForOne),
          () => fromJsbi(SqrtPriceMath.getNextSqrtPriceFromInput(toJsbi(p), toJsbi(l), toJsbi(amount), zeroForOne)),
        );
        same(
          () => getNextSqrtPriceFromOutput(p, l, amount, zeroForOne),
          () => fromJsbi(SqrtPriceMath.getNextSqrtPriceFromOutput(toJsbi(p), toJsbi(l), toJsbi(amount), zeroForOne)),
        );
      }),
      { numRuns: 3000 },
    ));
  });

  it("getAmount0Delta / getAmount1Delta with both roundings", () => {
    expectCompared(5000, () => fc.assert(
      fc.property(sqrtArb, sqrtArb, liquidityArb, fc.boolean(), (a, b, l, up) => {
        same(() => getAmount0Delta(a, b, l, up), () => fromJsbi(SqrtPriceMath.getAmount0Delta(toJsbi(a), toJsbi(b), toJsbi(l), up)));
        same(() => getAmount1Delta(a, b, l, up), () => fromJsbi(SqrtPriceMath.getAmount1Delta(toJsbi(a), toJsbi(b), toJsbi(l), up)));
        // rounding up never gives less than rounding down, and by at most one wei
        const d0 = getAmount0Delta(a, b, l, true) - getAmount0Delta(a, b, l, false);
        expect(d0 === 0n || d0 === 1n).toBe(true);
      }),
      { numRuns: 3000 },
    ));
  });

  it("scenario: 1e18 liquidity from price 1 to price 1.21 (sqrt 1 → 1.1)", () => {
    // amount1 = L·(√B − √A) = 1e18 × 0.1 = 1e17 (exact up to the Q96 truncation of 1.1)
    const a = Q96;
    const b = (Q96 * 11n) / 10n;
    expect(getAmount1Delta(a, b, 10n ** 18n, false)).toBe(99999999999999999n);
    expect(getAmount1Delta(a, b, 10n ** 18n, true)).toBe(10n ** 17n);
    // amount0 = L·(√B − √A)/(√A·√B) = 1e18 × 0.1 / 1.1 = 90909090909090909.09…
    expect(getAmount0Delta(a, b, 10n ** 18n, false)).toBe(90909090909090909n);
    expect(getAmount0Delta(a, b, 10n ** 18n, true)).toBe(90909090909090910n);
  });
});

describe("SwapMath.computeSwapStep vs SDK", { timeout: 60_000 }, () => {
  it("equals the SDK on random steps, exact in and exact out", () => {
    expectCompared(3000, () => fc.assert(
      fc.property(
        sqrtArb,
        sqrtArb,
        liquidityArb,
        fc.oneof(fc.bigInt({ min: -(2n ** 128n), max: 2n ** 128n }), fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n })),
        feeArb,
        (cur, target, l, remaining, fee) => {
          let ours: bigint[] | "threw";
          try {
            const s = computeSwapStep(cur, target, l, remaining, BigInt(fee));
            ours = [s.sqrtRatioNextX96, s.amountIn, s.amountOut, s.feeAmount];
          } catch {
            ours = "threw";
          }
          if (ours === "threw") return;
          compared++;
          const theirs = SwapMath.computeSwapStep(toJsbi(cur), toJsbi(target), toJsbi(l), toJsbi(remaining), fee).map(fromJsbi);
          expect(ours).toEqual(theirs);
          // properties: nothing negative, exact-in never spends more than offered, exact-out never over-delivers
          for (const v of ours) expect(v >= 0n).toBe(true);
          const [, amountIn, amountOut, feeAmount] = ours as [bigint, bigint, bigint, bigint];
          if (remaining >= 0n) expect(amountIn + feeAmount <= remaining).toBe(true);
          else expect(amountOut <= -remaining).toBe(true);
        },
      ),
      { numRuns: 4000 },
    ));
  });

  it("equals the SDK when the amount is within a few wei of reaching the target", () => {
    // The boundary between "reaches the target" and "stops short" is where a fast path
    // (our float pre-check) could go wrong; aim the amounts right at it.
    expectCompared(1500, () =>
      fc.assert(
        fc.property(sqrtArb, sqrtArb, liquidityArb, feeArb, fc.boolean(), fc.integer({ min: -3, max: 3 }), (cur, target, l, fee, exactIn, d) => {
          const zeroForOne = cur >= target;
          let toTarget: bigint;
          try {
            toTarget = exactIn
              ? zeroForOne
                ? getAmount0Delta(target, cur, l, true)
                : getAmount1Delta(cur, target, l, true)
              : zeroForOne
                ? getAmount1Delta(target, cur, l, false)
                : getAmount0Delta(cur, target, l, false);
          } catch {
            return;
          }
          const gross = exactIn ? (toTarget * 1_000_000n) / BigInt(1_000_000 - fee) : toTarget;
          const magnitude = gross + BigInt(d);
          if (magnitude <= 0n || magnitude >= 2n ** 254n) return;
          const remaining = exactIn ? magnitude : -magnitude;
          let ours: bigint[];
          try {
            const st = computeSwapStep(cur, target, l, remaining, BigInt(fee));
            ours = [st.sqrtRatioNextX96, st.amountIn, st.amountOut, st.feeAmount];
          } catch {
            return;
          }
          compared++;
          expect(ours).toEqual(SwapMath.computeSwapStep(toJsbi(cur), toJsbi(target), toJsbi(l), toJsbi(remaining), fee).map(fromJsbi));
        }),
        { numRuns: 3000 },
      ),
    );
  });

  it("scenario: exact in that stops inside the range leaves the dust as fee", () => {
    // L = 2e18 at price 1, 0.3 % fee, 1e15 token1 in: the range to price 1.21 would take
    // 2e17 token1, so the step stops short and input + fee must be the whole 1e15.
    const s = computeSwapStep(Q96, (Q96 * 11n) / 10n, 2n * 10n ** 18n, 10n ** 15n, 3000n);
    expect(s.amountIn + s.feeAmount).toBe(10n ** 15n);
    // fee ≈ 0.3 % of 1e15 = 3e12 (the leftover after floor(1e15 × 0.997) reached the curve)
    expect(s.feeAmount).toBe(3n * 10n ** 12n);
    // out ≈ in × (1/price) for a small trade: slightly less than 997e12 because of impact
    expect(s.amountOut < 997n * 10n ** 12n && s.amountOut > 996n * 10n ** 12n).toBe(true);
  });
});
