// Exact ports of Uniswap V3's FullMath and UnsafeMath (v3-core 1.0). BigInt has no overflow,
// so every place where Solidity would revert on a result that does not fit 256 bits checks
// it explicitly: a quote must fail where the pool would fail, never silently succeed.
import { mathRevert } from "./math-error";

export const Q96 = 1n << 96n;
export const Q128 = 1n << 128n;
export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;

/** floor(a × b ÷ denominator) with a 512-bit intermediate, reverting when the result exceeds uint256. */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator === 0n) mathRevert("mulDiv: denominator 0");
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) mathRevert("mulDiv: overflow");
  return result;
}

/** ceil(a × b ÷ denominator); same revert conditions as FullMath.mulDivRoundingUp. */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator === 0n) mathRevert("mulDiv: denominator 0");
  const product = a * b;
  let result = product / denominator;
  // BigInt division is the expensive operation (~200 ns); a multiply-back is cheaper than `%`.
  if (result * denominator !== product) result += 1n;
  if (result > MAX_UINT256) mathRevert("mulDiv: overflow");
  return result;
}

/** UnsafeMath.divRoundingUp: ceil(x ÷ y) for non-negative x and positive y. */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  const q = x / y;
  return q * y === x ? q : q + 1n;
}
