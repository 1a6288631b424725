// Uniswap V3 pool swap simulator: UniswapV3Pool.swap (v3-core 1.0) step for step, with the
// sorted list of initialized ticks standing in for the tick bitmap. The bitmap's one-word
// (256 × tickSpacing) search horizon is emulated too, because every step boundary rounds,
// so skipping a word boundary the contract stops at would change the result by a wei.
import { DomainError, ErrorKind } from "@/server/errors";
import { MAX_UINT128 } from "./full-math";
import { addDelta } from "./liquidity-math";
import { mathRevert } from "./math-error";
import { computeSwapStep, newSwapStep } from "./swap-math";
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from "./tick-math";

/** An initialized tick: liquidityNet is added when the price crosses it upwards (int128). */
export type V3Tick = { readonly index: number; readonly liquidityNet: bigint };

export type V3PoolState = {
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  /** In-range liquidity (uint128). */
  readonly liquidity: bigint;
  /** Hundredths of a basis point: 500 = 0.05 %, 3000 = 0.3 %. */
  readonly fee: number;
  readonly tickSpacing: number;
  /** Initialized ticks sorted by index ascending, each a multiple of tickSpacing. */
  readonly ticks: readonly V3Tick[];
};

export type V3SwapResult = {
  /** Pool balance deltas as the contract reports them: positive = paid into the pool, negative = paid out. */
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  /** Initialized ticks crossed. */
  ticksCrossed: number;
  /** Part of amountSpecified left unfilled (0 on a complete fill). */
  amountSpecifiedRemaining: bigint;
  /** The swap stopped at the price limit (or the end of the price range) before filling. */
  ranOutOfLiquidity: boolean;
};

/** Index of the last initialized tick at or below `tick`, −1 if none. */
function lastAtOrBelow(ticks: readonly V3Tick[], tick: number): number {
  let lo = 0;
  let hi = ticks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = ticks[mid];
    if (t !== undefined && t.index <= tick) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Simulates UniswapV3Pool.swap. amountSpecified > 0 is exact input, < 0 exact output; the
 * default price limit is the one quoters use (MIN_SQRT_RATIO + 1 / MAX_SQRT_RATIO − 1).
 * Throws (like the contract reverts) on a zero amount ("AS") or a bad price limit ("SPL").
 */
export function simulateV3Swap(
  pool: V3PoolState,
  zeroForOne: boolean,
  amountSpecified: bigint,
  sqrtPriceLimitX96?: bigint,
): V3SwapResult {
  if (amountSpecified === 0n) mathRevert("AS", "Enter an amount greater than zero.");
  const limit = sqrtPriceLimitX96 ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
  if (
    zeroForOne
      ? !(limit < pool.sqrtPriceX96 && limit > MIN_SQRT_RATIO)
      : !(limit > pool.sqrtPriceX96 && limit < MAX_SQRT_RATIO)
  ) {
    mathRevert("SPL");
  }

  const exactInput = amountSpecified > 0n;
  const feePips = BigInt(pool.fee);
  const spacing = pool.tickSpacing;
  const ticks = pool.ticks;
  const step = newSwapStep();
  let remaining = amountSpecified;
  let calculated = 0n;
  let sqrtPriceX96 = pool.sqrtPriceX96;
  let tick = pool.tick;
  let liquidity = pool.liquidity;
  let ticksCrossed = 0;
  // Candidate next initialized tick in the swap direction: at or below `tick` going down
  // (the bitmap search is inclusive there), strictly above it going up.
  let next = lastAtOrBelow(ticks, tick) + (zeroForOne ? 0 : 1);

  while (remaining !== 0n && sqrtPriceX96 !== limit) {
    const candidate = ticks[next];

    if (liquidity === 0n) {
      // With no liquidity every step moves the price for free (all amounts 0), so the
      // contract's word-by-word walk only matters for where it ends: jump straight there.
      if (candidate !== undefined) {
        const sqrtAtCandidate = getSqrtRatioAtTick(candidate.index);
        if (zeroForOne ? sqrtAtCandidate >= limit : sqrtAtCandidate <= limit) {
          sqrtPriceX96 = sqrtAtCandidate;
          liquidity = addDelta(liquidity, zeroForOne ? -candidate.liquidityNet : candidate.liquidityNet);
          tick = zeroForOne ? candidate.index - 1 : candidate.index;
          next += zeroForOne ? -1 : 1;
          ticksCrossed++;
          continue;
        }
      }
      tick = tickAfterEmptyWalk(tick, spacing, limit, zeroForOne);
      sqrtPriceX96 = limit;
      break;
    }

    // TickBitmap.nextInitializedTickWithinOneWord over the sorted list.
    const compressed = Math.floor(tick / spacing);
    let tickNext: number;
    let initialized: boolean;
    if (zeroForOne) {
      const wordStart = (compressed >> 8) * 256 * spacing;
      initialized = candidate !== undefined && candidate.index >= wordStart;
      tickNext = candidate !== undefined && initialized ? candidate.index : wordStart;
    } else {
      const wordEnd = ((((compressed + 1) >> 8) + 1) * 256 - 1) * spacing;
      initialized = candidate !== undefined && candidate.index <= wordEnd;
      tickNext = candidate !== undefined && initialized ? candidate.index : wordEnd;
    }
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;

    const sqrtPriceStartX96 = sqrtPriceX96;
    const sqrtPriceNextX96 = getSqrtRatioAtTick(tickNext);
    const target = (zeroForOne ? sqrtPriceNextX96 < limit : sqrtPriceNextX96 > limit) ? limit : sqrtPriceNextX96;
    computeSwapStep(sqrtPriceX96, target, liquidity, remaining, feePips, step, false);
    sqrtPriceX96 = step.sqrtRatioNextX96;

    if (exactInput) {
      remaining -= step.amountIn + step.feeAmount;
      calculated -= step.amountOut;
    } else {
      remaining += step.amountOut;
      calculated += step.amountIn + step.feeAmount;
    }

    if (sqrtPriceX96 === sqrtPriceNextX96) {
      if (initialized && candidate !== undefined) {
        // liquidityNet is defined for upward crossings; downward it applies negated.
        liquidity = addDelta(liquidity, zeroForOne ? -candidate.liquidityNet : candidate.liquidityNet);
        next += zeroForOne ? -1 : 1;
        ticksCrossed++;
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (sqrtPriceX96 !== sqrtPriceStartX96) {
      tick = getTickAtSqrtRatio(sqrtPriceX96);
      next = lastAtOrBelow(ticks, tick) + (zeroForOne ? 0 : 1);
    }
  }

  const filled = amountSpecified - remaining;
  const specifiedIsToken0 = zeroForOne === exactInput;
  return {
    amount0: specifiedIsToken0 ? filled : calculated,
    amount1: specifiedIsToken0 ? calculated : filled,
    sqrtPriceX96,
    tick,
    liquidity,
    ticksCrossed,
    amountSpecifiedRemaining: remaining,
    ranOutOfLiquidity: remaining !== 0n,
  };
}

/**
 * Where the contract leaves `tick` after walking with zero liquidity to `limit`: the tick of
 * the limit price, except going down when the limit is exactly a word boundary it stepped
 * onto, where a crossed boundary leaves `boundary − 1`.
 */
function tickAfterEmptyWalk(tick: number, spacing: number, limit: bigint, zeroForOne: boolean): number {
  const limitTick = getTickAtSqrtRatio(limit);
  if (!zeroForOne) return limitTick;
  const wordSpan = 256 * spacing;
  const wordStart = (Math.floor(tick / spacing) >> 8) * wordSpan;
  const onBoundary = limitTick % wordSpan === 0 && limitTick <= wordStart && getSqrtRatioAtTick(limitTick) === limit;
  return onBoundary ? limitTick - 1 : limitTick;
}

/**
 * Checks what simulateV3Swap assumes of a pool state read from the chain (it does not re-check
 * on the hot path): fee and spacing in range, the tick consistent with the price (inclusive at
 * tick + 1, since a downward crossing leaves the price exactly on √P(tick + 1)), liquidity a
 * uint128, ticks strictly ascending multiples of the spacing inside [MIN_TICK, MAX_TICK].
 */
export function validateV3Pool(pool: V3PoolState): void {
  const fail = (why: string): never => {
    throw new DomainError("swap.INVALID_POOL_STATE", ErrorKind.invalid, "This pool cannot be quoted right now.", {
      message: `invalid V3 pool state: ${why}`,
    });
  };
  if (!Number.isInteger(pool.fee) || pool.fee < 0 || pool.fee >= 1_000_000) fail(`fee ${pool.fee}`);
  if (!Number.isInteger(pool.tickSpacing) || pool.tickSpacing <= 0 || pool.tickSpacing > 16384) fail(`tickSpacing ${pool.tickSpacing}`);
  if (!Number.isInteger(pool.tick) || pool.tick < MIN_TICK || pool.tick >= MAX_TICK) fail(`tick ${pool.tick}`);
  if (pool.sqrtPriceX96 < MIN_SQRT_RATIO || pool.sqrtPriceX96 >= MAX_SQRT_RATIO) fail("sqrtPriceX96 out of range");
  if (pool.sqrtPriceX96 < getSqrtRatioAtTick(pool.tick) || pool.sqrtPriceX96 > getSqrtRatioAtTick(pool.tick + 1)) {
    fail("tick does not match sqrtPriceX96");
  }
  if (pool.liquidity < 0n || pool.liquidity > MAX_UINT128) fail("liquidity out of range");
  let previous = -Infinity;
  for (const t of pool.ticks) {
    if (!Number.isInteger(t.index) || t.index % pool.tickSpacing !== 0 || t.index < MIN_TICK || t.index > MAX_TICK) {
      fail(`tick index ${t.index}`);
    }
    if (t.index <= previous) fail("ticks not strictly ascending");
    previous = t.index;
  }
}

/** Exact-input quote: token out for `amountIn` of token in (0 if the input is below one wei of output). */
export function quoteV3ExactInput(pool: V3PoolState, zeroForOne: boolean, amountIn: bigint): V3SwapResult {
  return simulateV3Swap(pool, zeroForOne, amountIn);
}

/** Exact-output quote: `amountOut` requested; check ranOutOfLiquidity before trusting the input. */
export function quoteV3ExactOutput(pool: V3PoolState, zeroForOne: boolean, amountOut: bigint): V3SwapResult {
  return simulateV3Swap(pool, zeroForOne, -amountOut);
}
