// Exact port of Uniswap V3's TickMath (v3-core 1.0): sqrt(1.0001^tick) × 2^96 as a Q64.96.
import { MAX_UINT256 } from "./full-math";
import { mathRevert } from "./math-error";

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
/** getSqrtRatioAtTick(MIN_TICK) and getSqrtRatioAtTick(MAX_TICK). */
export const MIN_SQRT_RATIO = 4295128739n;
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

const ONE_Q128 = 1n << 128n;
const LOW_32_MASK = (1n << 32n) - 1n;
const LN_1_0001 = Math.log(1.0001);
const LN_2_POW_96 = 96 * Math.LN2;
const BOUNDARY_MARGIN = 1e-4;

/**
 * sqrt(1.0001^tick) × 2^96, rounded up from the Q128.128 intermediate exactly as the Solidity does
 * (the unrolled bit-by-bit products are the contract's; changing their order changes the last wei).
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  const cached = sqrtRatioCache.get(tick);
  if (cached !== undefined) return cached;
  const ratio = computeSqrtRatioAtTick(tick);
  // Swaps keep landing on the same initialized ticks and word boundaries; a memo of this pure
  // function (bounded, so a long-lived process does not grow it without limit) saves ~0.3 µs a step.
  if (sqrtRatioCache.size >= SQRT_RATIO_CACHE_MAX) sqrtRatioCache.clear();
  sqrtRatioCache.set(tick, ratio);
  return ratio;
}

const SQRT_RATIO_CACHE_MAX = 1 << 16;
const sqrtRatioCache = new Map<number, bigint>();

// 1/sqrt(1.0001^(2^i)) in Q128.128 for i = 1..9: the contract's constants for the low bits.
const LOW_BIT_MULTIPLIERS: readonly bigint[] = [
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
];
const LOW_BITS = 10;
const LOW_MASK = (1 << LOW_BITS) - 1;
let lowBitsTable: bigint[] | undefined;

/**
 * The contract multiplies bit by bit from bit 0 up, truncating after each product, so the
 * intermediate after bits 0–9 depends only on (absTick & 0x3ff): tabulating it (1,024 entries,
 * built on first use) skips up to 9 of the 19 256-bit products bit-exactly.
 */
function lowBitsRatio(low: number): bigint {
  if (lowBitsTable === undefined) {
    const table: bigint[] = [];
    for (let t = 0; t <= LOW_MASK; t++) {
      let ratio = (t & 0x1) !== 0 ? 0xfffcb933bd6fad37aa2d162d1a594001n : ONE_Q128;
      LOW_BIT_MULTIPLIERS.forEach((m, i) => {
        if ((t & (2 << i)) !== 0) ratio = (ratio * m) >> 128n;
      });
      table.push(ratio);
    }
    lowBitsTable = table;
  }
  return lowBitsTable[low] ?? ONE_Q128;
}

function computeSqrtRatioAtTick(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK) mathRevert("T");
  const absTick = tick < 0 ? -tick : tick;
  let ratio = lowBitsRatio(absTick & LOW_MASK);
  if ((absTick & 0x400) !== 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3n) >> 128n;
  if ((absTick & 0x800) !== 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9n) >> 128n;
  if ((absTick & 0x1000) !== 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825n) >> 128n;
  if ((absTick & 0x2000) !== 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5n) >> 128n;
  if ((absTick & 0x4000) !== 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7n) >> 128n;
  if ((absTick & 0x8000) !== 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6n) >> 128n;
  if ((absTick & 0x10000) !== 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9n) >> 128n;
  if ((absTick & 0x20000) !== 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604n) >> 128n;
  if ((absTick & 0x40000) !== 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98n) >> 128n;
  if ((absTick & 0x80000) !== 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2n) >> 128n;
  // The constants are 1/sqrt(1.0001^2^i), so a positive tick needs the reciprocal.
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  // Q128.128 → Q64.96 rounding up, so that getTickAtSqrtRatio(getSqrtRatioAtTick(t)) === t.
  return (ratio >> 32n) + ((ratio & LOW_32_MASK) === 0n ? 0n : 1n);
}

/**
 * The greatest tick t with getSqrtRatioAtTick(t) <= sqrtPriceX96 — which is exactly what the
 * contract's log2 approximation returns (it picks tickLow/tickHi by that same comparison).
 *
 * Computed from a float logarithm. Its error is < 1e-9 tick (Number() and Math.log are within an
 * ulp; ×2/ln 1.0001 ≈ 2e4), and getSqrtRatioAtTick(t) sits within 5e-6 tick of the ideal
 * sqrt(1.0001^t)·2^96 (its final rounding is < 1 unit on a value ≥ MIN_SQRT_RATIO ≈ 4.3e9, i.e.
 * relative 2.3e-10). So when the estimate is more than 1e-4 tick from an integer its floor is the
 * answer; only near a boundary do we settle it with exact bigint comparisons.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) mathRevert("R");
  const real = (2 * (Math.log(Number(sqrtPriceX96)) - LN_2_POW_96)) / LN_1_0001;
  const estimate = Math.floor(real);
  const fraction = real - estimate;
  if (fraction > BOUNDARY_MARGIN && fraction < 1 - BOUNDARY_MARGIN && estimate >= MIN_TICK && estimate < MAX_TICK) {
    return estimate;
  }
  let tick = estimate < MIN_TICK ? MIN_TICK : estimate > MAX_TICK - 1 ? MAX_TICK - 1 : estimate;
  while (tick > MIN_TICK && getSqrtRatioAtTick(tick) > sqrtPriceX96) tick--;
  while (tick < MAX_TICK - 1 && getSqrtRatioAtTick(tick + 1) <= sqrtPriceX96) tick++;
  return tick;
}
