import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildV3Pool, v3PoolArb } from "./testing/pools";
import { sdkV3Pool, sdkV3Swap } from "./testing/sdk-oracle";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO, getSqrtRatioAtTick } from "./tick-math";
import { simulateV3Swap, validateV3Pool, type V3PoolState, type V3SwapResult } from "./v3-pool";

const amountArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 6n }),
  fc.bigInt({ min: 1n, max: 10n ** 15n }),
  fc.bigInt({ min: 1n, max: 10n ** 24n }),
  fc.bigInt({ min: 1n, max: 2n ** 120n }),
);

function trySwap(pool: V3PoolState, zeroForOne: boolean, amount: bigint, limit?: bigint): V3SwapResult | "threw" {
  try {
    return simulateV3Swap(pool, zeroForOne, amount, limit);
  } catch {
    return "threw";
  }
}

/** The amount the caller computed (output for exact in, input for exact out), as the SDK reports it. */
function calculated(r: V3SwapResult, zeroForOne: boolean, exactIn: boolean): bigint {
  return zeroForOne === exactIn ? r.amount1 : r.amount0;
}

describe("simulateV3Swap vs @uniswap/v3-sdk Pool (multi-tick)", () => {
  it("equals the SDK to the wei on random pools, both directions, exact in and exact out", async () => {
    let compared = 0;
    let crossed = 0;
    await fc.assert(
      fc.asyncProperty(v3PoolArb, fc.boolean(), fc.boolean(), amountArb, fc.integer({ min: 0, max: 9 }), async (pool, zeroForOne, exactIn, amount, limitChoice) => {
        // Some cases use an explicit price limit: a few hundred ticks away, or exactly on a
        // bitmap word boundary (where the contract's tick bookkeeping has its edge cases).
        let limit: bigint | undefined;
        if (limitChoice <= 2) {
          const word = 256 * pool.tickSpacing;
          const boundary = (Math.floor(pool.tick / word) + (zeroForOne ? -limitChoice : 1 + limitChoice)) * word;
          const t = limitChoice === 0 ? pool.tick + (zeroForOne ? -300 : 300) * pool.tickSpacing : boundary - (zeroForOne ? 0 : pool.tickSpacing);
          limit = getSqrtRatioAtTick(Math.max(-887200, Math.min(887200, t)));
          if (zeroForOne ? limit >= pool.sqrtPriceX96 : limit <= pool.sqrtPriceX96) limit = undefined;
        }
        const specified = exactIn ? amount : -amount;
        const ours = trySwap(pool, zeroForOne, specified, limit);
        let theirs: Awaited<ReturnType<typeof sdkV3Swap>> | "threw";
        try {
          theirs = await sdkV3Swap(sdkV3Pool(pool), zeroForOne, specified, limit);
        } catch {
          theirs = "threw";
        }
        if (ours === "threw" || theirs === "threw") {
          expect(ours).toBe(theirs);
          return;
        }
        compared++;
        crossed += ours.ticksCrossed;
        expect({
          calculated: calculated(ours, zeroForOne, exactIn),
          sqrtPriceX96: ours.sqrtPriceX96,
          tick: ours.tick,
          liquidity: ours.liquidity,
        }).toEqual({ calculated: theirs.amountCalculated, sqrtPriceX96: theirs.sqrtPriceX96, tick: theirs.tick, liquidity: theirs.liquidity });
      }),
      { numRuns: 800 },
    );
    // the generator must actually exercise tick crossing, or the comparison proves little
    expect(compared).toBeGreaterThan(500);
    expect(crossed).toBeGreaterThan(300);
  }, 120_000);
});

describe("simulateV3Swap properties", { timeout: 60_000 }, () => {
  it("signs, limits and rounding in the pool's favour", () => {
    fc.assert(
      fc.property(v3PoolArb, fc.boolean(), amountArb, (pool, zeroForOne, amountIn) => {
        const r = simulateV3Swap(pool, zeroForOne, amountIn);
        const [paidIn, paidOut] = zeroForOne ? [r.amount0, -r.amount1] : [r.amount1, -r.amount0];
        // the trader pays in at most what was offered and never receives a negative amount
        expect(paidIn >= 0n && paidIn <= amountIn).toBe(true);
        expect(paidOut >= 0n).toBe(true);
        expect(r.amountSpecifiedRemaining).toBe(amountIn - paidIn);
        expect(r.ranOutOfLiquidity).toBe(paidIn < amountIn);
        expect(r.liquidity >= 0n).toBe(true);
        // the price moved the right way and stayed within the default limit
        if (zeroForOne) expect(r.sqrtPriceX96 <= pool.sqrtPriceX96 && r.sqrtPriceX96 > MIN_SQRT_RATIO).toBe(true);
        else expect(r.sqrtPriceX96 >= pool.sqrtPriceX96 && r.sqrtPriceX96 < MAX_SQRT_RATIO).toBe(true);
        // the final tick is consistent with the final price
        expect(getSqrtRatioAtTick(r.tick) <= r.sqrtPriceX96).toBe(true);
        expect(r.sqrtPriceX96 <= getSqrtRatioAtTick(r.tick + 1)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("exact out then exact in: paying the quoted input delivers at least the requested output", () => {
    fc.assert(
      fc.property(v3PoolArb, fc.boolean(), amountArb, (pool, zeroForOne, wanted) => {
        const out = simulateV3Swap(pool, zeroForOne, -wanted);
        fc.pre(!out.ranOutOfLiquidity);
        const amountIn = zeroForOne ? out.amount0 : out.amount1;
        expect(-(zeroForOne ? out.amount1 : out.amount0)).toBe(wanted);
        const back = simulateV3Swap(pool, zeroForOne, amountIn);
        const received = -(zeroForOne ? back.amount1 : back.amount0);
        // rounding favours the pool both ways, so the round trip can only gain the trader dust
        expect(received >= wanted).toBe(true);
        // and one wei less input must not be enough to get more than the exact-out promised
        if (amountIn > 1n) {
          const less = simulateV3Swap(pool, zeroForOne, amountIn - 1n);
          expect(-(zeroForOne ? less.amount1 : less.amount0) <= received).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("output grows monotonically with input", () => {
    fc.assert(
      fc.property(v3PoolArb, fc.boolean(), amountArb, amountArb, (pool, zeroForOne, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const out = (x: bigint) => {
          const r = simulateV3Swap(pool, zeroForOne, x);
          return zeroForOne ? -r.amount1 : -r.amount0;
        };
        expect(out(small) <= out(large)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("reverts like the pool on a zero amount or a bad limit", () => {
    const pool = buildV3Pool(3000, [{ lower: -600, upper: 600, liquidity: 10n ** 18n }], 0, 0);
    expect(() => simulateV3Swap(pool, true, 0n)).toThrow(/AS/);
    expect(() => simulateV3Swap(pool, true, 1n, pool.sqrtPriceX96)).toThrow(/SPL/);
    expect(() => simulateV3Swap(pool, false, 1n, MAX_SQRT_RATIO)).toThrow(/SPL/);
  });
});

describe("simulateV3Swap scenarios", () => {
  // One position: L = 1e18 on [-600, 600) at price 1 (tick 0), fee 0.3 %.
  const single = buildV3Pool(3000, [{ lower: -600, upper: 600, liquidity: 10n ** 18n }], 0, 0);

  it("small exact-in within the range", () => {
    // 1e15 token0 in; 0.3 % fee → 997e12 reaches the curve. New √P = L·√P/(L + Δx·√P)
    // = 1e18/(1e18 + 997e12) ≈ 0.999004; out = L·(1 − √P') ≈ 996.006e12 token1.
    const r = simulateV3Swap(single, true, 10n ** 15n);
    expect(r.amount0).toBe(10n ** 15n);
    expect(-r.amount1 > 996n * 10n ** 12n && -r.amount1 < 996_100n * 10n ** 10n).toBe(true);
    expect(r.ticksCrossed).toBe(0);
    expect(r.ranOutOfLiquidity).toBe(false);
  });

  it("selling more than the range holds crosses its lower tick and stops at the limit", () => {
    // The range holds L·(1 − 1/√1.0001^600) ≈ 0.0296e18 token1 below price 1; asking for 1e18
    // token1 out drains it, crosses tick -600 (liquidity → 0) and walks to MIN_SQRT_RATIO + 1.
    const r = simulateV3Swap(single, true, -(10n ** 18n));
    expect(r.ticksCrossed).toBe(1);
    expect(r.liquidity).toBe(0n);
    expect(r.ranOutOfLiquidity).toBe(true);
    expect(r.sqrtPriceX96).toBe(MIN_SQRT_RATIO + 1n);
    expect(-r.amount1 < 3n * 10n ** 16n && -r.amount1 > 29n * 10n ** 15n).toBe(true);
  });

  it("crosses several initialized ticks of stacked positions", () => {
    const stacked = buildV3Pool(
      500,
      [
        { lower: -100, upper: 100, liquidity: 5n * 10n ** 18n },
        { lower: -1000, upper: 1000, liquidity: 10n ** 18n },
        { lower: 200, upper: 3000, liquidity: 2n * 10n ** 18n },
      ],
      0,
      500,
    );
    // Buying token0 with token1 pushes the price up; token1 needed per segment = L·Δ√P:
    //   tick 0 → 100  (√P 1 → 1.0050123): L = 6e18 → 3.007e16
    //   tick 100 → 200 (→ 1.0100501):     L = 6e18 − 5e18 = 1e18 → 0.504e16; cumulative ≈ 3.51e16
    //   tick 200 → 1000 (→ 1.0512703):    L = 1e18 + 2e18 = 3e18 → 12.37e16; cumulative ≈ 15.9e16
    //   tick 1000 → 3000 (→ 1.1618180):   L = 2e18 → 22.11e16; cumulative ≈ 38.0e16, then L = 0
    // 1e17 (+0.05 % fee) therefore crosses ticks 100 and 200 and stops inside [200, 1000) with L = 3e18.
    const r = simulateV3Swap(stacked, false, 10n ** 17n);
    expect(r.ticksCrossed).toBe(2);
    expect(r.liquidity).toBe(3n * 10n ** 18n);
    expect(r.amount1).toBe(10n ** 17n);
    expect(r.tick > 200 && r.tick < 1000).toBe(true);
    // 1e18 is more than the whole book (≈ 3.8e17): all four ticks crossed, the rest unfilled
    const drained = simulateV3Swap(stacked, false, 10n ** 18n);
    expect(drained.ticksCrossed).toBe(4);
    expect(drained.ranOutOfLiquidity).toBe(true);
  });
});

describe("simulateV3Swap on empty ranges", () => {
  // Liquidity only on [512, 1024) with spacing 1; the price starts at tick 0 in an empty range.
  const gap = buildV3Pool(100, [{ lower: 512, upper: 1024, liquidity: 10n ** 18n }], 0, 0);

  it("walks through empty words for free, then swaps in the first range", async () => {
    const r = simulateV3Swap(gap, false, 10n ** 15n);
    const sdk = await sdkV3Swap(sdkV3Pool(gap), false, 10n ** 15n);
    expect(r.ticksCrossed).toBe(1);
    expect(-r.amount0).toBe(-sdk.amountCalculated);
    expect(r.tick >= 512 && r.tick < 1024).toBe(true);
  });

  it("stopping exactly on a word boundary going down leaves tick = boundary − 1, like the pool", async () => {
    // From tick 0 down with L = 0: the contract steps to tick 0 (its word start) then −256, −512,
    // crossing each; a limit of exactly √P(−512) ends on that crossed boundary → tick −513.
    const limit = getSqrtRatioAtTick(-512);
    const r = simulateV3Swap(gap, true, 10n ** 6n, limit);
    const sdk = await sdkV3Swap(sdkV3Pool(gap), true, 10n ** 6n, limit);
    expect(r.tick).toBe(-513);
    expect(sdk.tick).toBe(-513);
    expect(r.amount0).toBe(0n);
    expect(r.ranOutOfLiquidity).toBe(true);
  });
});

describe("validateV3Pool", () => {
  it("accepts every generated pool and rejects inconsistent ones", () => {
    fc.assert(fc.property(v3PoolArb, (pool) => {
      validateV3Pool(pool);
    }), { numRuns: 200 });
    const good = buildV3Pool(3000, [{ lower: -600, upper: 600, liquidity: 10n ** 18n }], 0, 0);
    const bad: Partial<V3PoolState>[] = [
      { tick: 5 }, // price is at tick 0
      { fee: 1_000_000 },
      { tickSpacing: 0 },
      { liquidity: -1n },
      { ticks: [{ index: 600, liquidityNet: -1n }, { index: -600, liquidityNet: 1n }] },
      { ticks: [{ index: 30, liquidityNet: 1n }] },
    ];
    for (const patch of bad) expect(() => validateV3Pool({ ...good, ...patch })).toThrow(/pool/);
  });
});
