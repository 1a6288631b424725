// Pricing a swap at a historical close. Pure; exact bigint arithmetic.
//
// The shipped history has closes, not pools, so a bot's swap is priced on a VIRTUAL Uniswap-V2
// constant-product pool set up fresh at that day's close: each side holds `depthUsd` of value,
//   reserveUsdc  = depthUsd × 10^usdcDecimals
//   reserveAsset = ⌊depthUsd × 10^assetDecimals × 10^18 / closeE18⌋
// (so the pool's mid price is the close, to the reserve's last unit), and the swap pays what
// UniswapV2Library.getAmountOut pays, fee 0.3 %, rounded DOWN (the user's-favour rule: never
// credit more than the pool would):
//   out = ⌊ in × 997 × R_out / (R_in × 1000 + in × 997) ⌋
// price impact = the loss against the mid price (fee included), in bps, rounded UP (never
// understated):  impact = ⌈ (mid − out) × 10,000 / mid ⌉,  mid = in × R_out / R_in (exact
// rational, compared without rounding).
// USDC is taken at exactly $1 (the data has no USDC series).

export const V2_FEE_NUMERATOR = 997n;
export const V2_FEE_DENOMINATOR = 1000n;

export type VirtualPool = { reserveUsdcRaw: bigint; reserveAssetRaw: bigint };

/** A decimal number (e.g. a CSV close, 3442.01) as an exact fixed-point bigint with 18 decimals. */
export function toE18(value: number): bigint {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`price must be a positive finite number, got ${value}`);
  // toString round-trips the shortest decimal of the double: for CSV prices that is the CSV text.
  const text = value.toString();
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new RangeError(`unexpected number format ${text}`);
  const digits = BigInt(`${m[1]}${m[2] ?? ""}`);
  const exp = 18 - (m[2]?.length ?? 0) + Number(m[3] ?? 0);
  if (exp >= 0) return digits * 10n ** BigInt(exp);
  return digits / 10n ** BigInt(-exp);
}

export function virtualPool(closeE18: bigint, depthUsd: bigint, usdcDecimals: number, assetDecimals: number): VirtualPool {
  if (closeE18 <= 0n) throw new RangeError("close must be positive");
  return {
    reserveUsdcRaw: depthUsd * 10n ** BigInt(usdcDecimals),
    reserveAssetRaw: (depthUsd * 10n ** BigInt(assetDecimals) * 10n ** 18n) / closeE18,
  };
}

/** UniswapV2Library.getAmountOut: 0.3 % fee on the input, rounded down. */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n) throw new RangeError("amountIn must be positive");
  if (reserveIn <= 0n || reserveOut <= 0n) throw new RangeError("reserves must be positive");
  const inWithFee = amountIn * V2_FEE_NUMERATOR;
  return (inWithFee * reserveOut) / (reserveIn * V2_FEE_DENOMINATOR + inWithFee);
}

/** Loss against the mid price in bps (fee included), rounded up. */
export function priceImpactBps(amountIn: bigint, amountOut: bigint, reserveIn: bigint, reserveOut: bigint): number {
  // mid = in × R_out / R_in; impact = (mid − out) / mid = (in × R_out − out × R_in) / (in × R_out).
  const midNum = amountIn * reserveOut;
  const loss = midNum - amountOut * reserveIn;
  if (loss <= 0n) return 0;
  return Number((loss * 10_000n + midNum - 1n) / midNum);
}

export type PoolSwap = { amountOut: bigint; priceImpactBps: number; reserveIn: bigint; reserveOut: bigint };

/** A swap of USDC → asset (`buy`) or asset → USDC (`sell`) on the pool. */
export function swapOnPool(pool: VirtualPool, side: "buy" | "sell", amountIn: bigint): PoolSwap {
  const [reserveIn, reserveOut] = side === "buy" ? [pool.reserveUsdcRaw, pool.reserveAssetRaw] : [pool.reserveAssetRaw, pool.reserveUsdcRaw];
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut);
  return { amountOut, priceImpactBps: priceImpactBps(amountIn, amountOut, reserveIn, reserveOut), reserveIn, reserveOut };
}
