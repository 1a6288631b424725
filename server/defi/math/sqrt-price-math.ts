// Exact port of Uniswap V3's SqrtPriceMath (v3-core 1.0). Prices are Q64.96 sqrt prices
// (token1 per token0); liquidity is L = sqrt(x·y). The rounding of every function is chosen
// so the pool never gives out more, or takes in less, than the continuous formula says.
import { MAX_UINT160, MAX_UINT256, Q96, divRoundingUp, mulDivRoundingUp } from "./full-math";
import { mathRevert } from "./math-error";

/**
 * Price after adding (or removing) `amount` of token0: L·√P / (L + amount·√P), rounded up so
 * that, moving down on input, the price moves the least (the trader gets less, never more).
 * The overflow fallback is kept: its different rounding is what the contract computes there.
 */
export function getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtPX96;
  if (add) {
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return mulDivRoundingUp(numerator1, sqrtPX96, denominator);
    }
    const fallback = numerator1 / sqrtPX96 + amount;
    if (fallback > MAX_UINT256) mathRevert("getNextSqrtPriceFromAmount0: overflow");
    return divRoundingUp(numerator1, fallback);
  }
  if (product > MAX_UINT256 || numerator1 <= product) mathRevert("getNextSqrtPriceFromAmount0: liquidity");
  const result = mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product);
  if (result > MAX_UINT160) mathRevert("toUint160");
  return result;
}

/** Price after adding (or removing) `amount` of token1: √P ± amount / L, rounded down. */
export function getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (add) {
    const quotient = (amount << 96n) / liquidity;
    if (quotient > MAX_UINT256) mathRevert("mulDiv: overflow");
    const result = sqrtPX96 + quotient;
    if (result > MAX_UINT160) mathRevert("toUint160");
    return result;
  }
  const quotient = divRoundingUp(amount << 96n, liquidity);
  if (sqrtPX96 <= quotient) mathRevert("getNextSqrtPriceFromAmount1: liquidity");
  return sqrtPX96 - quotient;
}

/** Price after `amountIn` of the input token enters the pool (rounded against the trader). */
export function getNextSqrtPriceFromInput(sqrtPX96: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  if (sqrtPX96 <= 0n || liquidity <= 0n) mathRevert("getNextSqrtPriceFromInput: zero");
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/** Price after `amountOut` of the output token leaves the pool (rounded so at least that much is paid for). */
export function getNextSqrtPriceFromOutput(sqrtPX96: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  if (sqrtPX96 <= 0n || liquidity <= 0n) mathRevert("getNextSqrtPriceFromOutput: zero");
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

const Q96_MASK = Q96 - 1n;

/**
 * token0 between two prices: L·(√B − √A) / (√A·√B); round up for what the pool takes, down for
 * what it gives. The contract divides twice (by √B, then √A) with the same rounding each time;
 * nested floors (ceilings) of positive integers equal one floor (ceiling) by the product, so one
 * division by √A·√B gives the identical result at half the cost. The contract's intermediate
 * L·2^96·(√B − √A)/√B never exceeds L·2^96 < 2^224, so its overflow check cannot fire here.
 */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  let a = sqrtRatioAX96;
  let b = sqrtRatioBX96;
  if (a > b) {
    a = sqrtRatioBX96;
    b = sqrtRatioAX96;
  }
  if (a <= 0n) mathRevert("getAmount0Delta: zero price");
  const numerator = (liquidity << 96n) * (b - a);
  const denominator = a * b;
  const q = numerator / denominator;
  return roundUp && q * denominator !== numerator ? q + 1n : q;
}

/** token1 between two prices: L·(√B − √A) / 2^96 — a shift, since the divisor is Q96; same rounding rule. */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const product = liquidity * (sqrtRatioAX96 > sqrtRatioBX96 ? sqrtRatioAX96 - sqrtRatioBX96 : sqrtRatioBX96 - sqrtRatioAX96);
  const q = product >> 96n;
  if (q > MAX_UINT256) mathRevert("mulDiv: overflow");
  return roundUp && (product & Q96_MASK) !== 0n ? q + 1n : q;
}

/** Signed variants (liquidity as int128): adding liquidity owes rounded up, removing it pays rounded down. */
export function getAmount0DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return liquidity < 0n
    ? -getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false)
    : getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true);
}

export function getAmount1DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return liquidity < 0n
    ? -getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false)
    : getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true);
}
