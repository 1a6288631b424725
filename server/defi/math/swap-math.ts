// Exact port of Uniswap V3's SwapMath.computeSwapStep (v3-core 1.0).
import { mulDivRoundingUp } from "./full-math";
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "./sqrt-price-math";

const ONE_MILLION = 1_000_000n;

/** One step of a swap within a single liquidity range. Mutable so the pool loop can reuse one. */
export type SwapStep = { sqrtRatioNextX96: bigint; amountIn: bigint; amountOut: bigint; feeAmount: bigint };

export function newSwapStep(): SwapStep {
  return { sqrtRatioNextX96: 0n, amountIn: 0n, amountOut: 0n, feeAmount: 0n };
}

/**
 * Swap from `sqrtRatioCurrentX96` towards `sqrtRatioTargetX96` with constant `liquidity`.
 * amountRemaining > 0 is exact input (fee included), < 0 exact output. feePips is in
 * hundredths of a basis point (3000 = 0.3 %). Input and fee round up, output rounds down,
 * so a quote from this never promises more than the pool delivers.
 * Writes into `out` (a fresh object when omitted) and returns it.
 *
 * `splitFee = false` is for the pool simulator, which only uses amountIn + feeAmount: an
 * exact-in step that stops short then reports the whole remainder as amountIn and 0 fee
 * instead of paying a 256-bit division to split them.
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
  out: SwapStep = newSwapStep(),
  splitFee = true,
): SwapStep {
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  // What this step may consume: the input net of fee, or the output still wanted.
  const available = exactIn ? (amountRemaining * (ONE_MILLION - feePips)) / ONE_MILLION : -amountRemaining;
  // The amount (input for exact in, output for exact out) that would take the price to the target.
  // Skipped when a float estimate shows the step must stop short: it would then be discarded.
  const token0Side = zeroForOne === exactIn;
  let toTarget = -1n;
  if (!token0Side || !clearlyShort(available, sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity)) {
    toTarget = amountToTarget(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, zeroForOne, exactIn);
  }

  const sqrtRatioNextX96 =
    toTarget >= 0n && available >= toTarget
      ? sqrtRatioTargetX96
      : exactIn
        ? getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, available, zeroForOne)
        : getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, available, zeroForOne);
  const max = sqrtRatioTargetX96 === sqrtRatioNextX96;
  if (max && toTarget < 0n) toTarget = amountToTarget(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, zeroForOne, exactIn);

  // Reaching the target reuses the amount computed for it; stopping short recomputes both sides
  // from the actual next price (input rounded up, output rounded down).
  let amountIn: bigint;
  let amountOut: bigint;
  if (exactIn && !max && !splitFee) {
    amountIn = amountRemaining;
  } else if (max && exactIn) {
    amountIn = toTarget;
  } else {
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
  }
  if (max && !exactIn) {
    amountOut = toTarget;
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  }

  // The output price was rounded to deliver at least the request; never deliver more than asked.
  if (!exactIn && amountOut > available) amountOut = available;

  out.sqrtRatioNextX96 = sqrtRatioNextX96;
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  // Exact in that stops short of the target: whatever input is left over is the fee (pool keeps the dust).
  out.feeAmount = exactIn && !max ? amountRemaining - amountIn : mulDivRoundingUp(amountIn, feePips, ONE_MILLION - feePips);
  return out;
}

/** SwapMath's first computation: input to the target (rounded up) or output to it (rounded down). */
function amountToTarget(current: bigint, target: bigint, liquidity: bigint, zeroForOne: boolean, exactIn: boolean): bigint {
  if (exactIn) {
    return zeroForOne ? getAmount0Delta(target, current, liquidity, true) : getAmount1Delta(current, target, liquidity, true);
  }
  return zeroForOne ? getAmount1Delta(target, current, liquidity, false) : getAmount0Delta(current, target, liquidity, false);
}

const TWO_POW_96 = 2 ** 96;

/**
 * True only when `available` is certainly below the token0 amount to the target,
 * L·2^96·|√B − √A|/(√A·√B), whichever way that amount is rounded. The float estimate is within
 * 1e-15 relative (a handful of correctly rounded operations); the 1e-12 margins and the 2-unit
 * slack for rounding make a wrong "true" impossible, and "false" only costs the exact division.
 */
function clearlyShort(available: bigint, current: bigint, target: bigint, liquidity: bigint): boolean {
  if (current <= 0n || target <= 0n) return false; // let the exact path revert as the contract does
  const diff = current > target ? current - target : target - current;
  const estimate = (Number(liquidity) * Number(diff) * TWO_POW_96) / (Number(current) * Number(target));
  return Number(available) * (1 + 1e-12) + 2 < estimate * (1 - 1e-12);
}
