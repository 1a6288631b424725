import { MAX_UINT128 } from "./full-math";
import { mathRevert } from "./math-error";

/** LiquidityMath.addDelta: liquidity is a uint128, so it may neither go below 0 ("LS") nor past 2^128 − 1 ("LA"). */
export function addDelta(liquidity: bigint, delta: bigint): bigint {
  const next = liquidity + delta;
  if (delta < 0n) {
    if (next < 0n) mathRevert("LS");
  } else if (next > MAX_UINT128) {
    mathRevert("LA");
  }
  return next;
}
