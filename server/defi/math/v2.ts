// Uniswap V2 constant-product quotes, exactly as UniswapV2Library (v2-periphery) computes
// them, with the LP fee as a parameter so forks with other fees (SushiSwap 0.3 %, PancakeSwap
// 0.25 %, …) share the code. All amounts are token base units.
import { DomainError, ErrorKind } from "@/server/errors";

/** The share of the input that reaches the curve: Uniswap V2 keeps 997/1000 (0.3 % fee). */
export type V2Fee = { readonly numerator: bigint; readonly denominator: bigint };

export const UNISWAP_V2_FEE: V2Fee = { numerator: 997n, denominator: 1000n };

/** A fee in basis points as a V2Fee (30 bps → 9970/10000, which quotes identically to 997/1000). */
export function v2FeeFromBps(feeBps: number): V2Fee {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps >= 10_000) {
    throw new DomainError("swap.INVALID_FEE", ErrorKind.invalid, "Invalid pool fee.", { message: `fee ${feeBps} bps` });
  }
  return { numerator: BigInt(10_000 - feeBps), denominator: 10_000n };
}

function insufficientLiquidity(): never {
  throw new DomainError("swap.INSUFFICIENT_LIQUIDITY", ErrorKind.invalid, "Not enough liquidity in the pool for this trade.");
}

function insufficientAmount(side: "INPUT" | "OUTPUT"): never {
  throw new DomainError(`swap.INSUFFICIENT_${side}_AMOUNT`, ErrorKind.invalid, "Enter an amount greater than zero.");
}

/**
 * Output for an exact input: floor(in·f·Rout / (Rin + in·f)). Rounding down means the pool
 * always keeps k ≥ k₀ and the quoted output is what the pair will actually release; it is
 * strictly below reserveOut for any input.
 */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, fee: V2Fee = UNISWAP_V2_FEE): bigint {
  if (amountIn <= 0n) insufficientAmount("INPUT");
  if (reserveIn <= 0n || reserveOut <= 0n) insufficientLiquidity();
  const amountInWithFee = amountIn * fee.numerator;
  return (amountInWithFee * reserveOut) / (reserveIn * fee.denominator + amountInWithFee);
}

/**
 * Input needed for an exact output: floor(Rin·out·d / ((Rout − out)·n)) + 1. The library adds
 * 1 unconditionally (not a ceiling), so the result can exceed the exact minimum by one wei;
 * matching it keeps our quote equal to the router's. Throws when out ≥ reserveOut (the pair
 * cannot release its whole reserve; the library reverts on the underflow).
 */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, fee: V2Fee = UNISWAP_V2_FEE): bigint {
  if (amountOut <= 0n) insufficientAmount("OUTPUT");
  if (reserveIn <= 0n || reserveOut <= 0n || amountOut >= reserveOut) insufficientLiquidity();
  const numerator = reserveIn * amountOut * fee.denominator;
  const denominator = (reserveOut - amountOut) * fee.numerator;
  return numerator / denominator + 1n;
}
