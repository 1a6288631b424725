// Reference oracles from Uniswap's own SDKs, for tests and bench/ only: the SDKs (JSBI, ~300 MB
// of dependencies, 50–200 µs a quote) must never be imported by product code.
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pair } from "@uniswap/v2-sdk";
import { Pool, TickListDataProvider, type FeeAmount } from "@uniswap/v3-sdk";
import JSBI from "jsbi";
import type { V3PoolState } from "../v3-pool";

export const TOKEN0 = new Token(1, "0x0000000000000000000000000000000000000001", 18, "T0");
export const TOKEN1 = new Token(1, "0x0000000000000000000000000000000000000002", 18, "T1");

export const toJsbi = (x: bigint): JSBI => JSBI.BigInt(x.toString());
export const fromJsbi = (x: JSBI): bigint => BigInt(x.toString());

/** v2-sdk output for an exact input (token0 in); throws where the SDK does (e.g. zero output). */
export function sdkV2AmountOut(pair: Pair, amountIn: bigint): bigint {
  const [out] = pair.getOutputAmount(CurrencyAmount.fromRawAmount(TOKEN0, amountIn.toString()));
  return fromJsbi(out.quotient);
}

export function sdkV2AmountIn(pair: Pair, amountOut: bigint): bigint {
  const [input] = pair.getInputAmount(CurrencyAmount.fromRawAmount(TOKEN1, amountOut.toString()));
  return fromJsbi(input.quotient);
}

export function sdkV2Pair(reserve0: bigint, reserve1: bigint): Pair {
  return new Pair(
    CurrencyAmount.fromRawAmount(TOKEN0, reserve0.toString()),
    CurrencyAmount.fromRawAmount(TOKEN1, reserve1.toString()),
  );
}

/** The same pool as an SDK Pool (standard fee tiers only: the SDK derives tickSpacing from the fee). */
export function sdkV3Pool(pool: V3PoolState): Pool {
  const ticks = pool.ticks.map((t) => ({ index: t.index, liquidityNet: t.liquidityNet.toString(), liquidityGross: abs(t.liquidityNet).toString() }));
  return new Pool(
    TOKEN0,
    TOKEN1,
    pool.fee as FeeAmount,
    pool.sqrtPriceX96.toString(),
    pool.liquidity.toString(),
    pool.tick,
    new TickListDataProvider(ticks, pool.tickSpacing),
  );
}

export type SdkSwapResult = { amountCalculated: bigint; sqrtPriceX96: bigint; liquidity: bigint; tick: number };

type SdkSwap = (
  zeroForOne: boolean,
  amountSpecified: JSBI,
  sqrtPriceLimitX96?: JSBI,
) => Promise<{ amountCalculated: JSBI; sqrtRatioX96: JSBI; liquidity: JSBI; tickCurrent: number }>;

/** Pool.swap is TypeScript-private in the SDK but is the exact counterpart of UniswapV3Pool.swap. */
export async function sdkV3Swap(pool: Pool, zeroForOne: boolean, amountSpecified: bigint, limit?: bigint): Promise<SdkSwapResult> {
  const swap = (pool as unknown as { swap: SdkSwap }).swap.bind(pool);
  const r = await swap(zeroForOne, toJsbi(amountSpecified), limit === undefined ? undefined : toJsbi(limit));
  return {
    amountCalculated: fromJsbi(r.amountCalculated),
    sqrtPriceX96: fromJsbi(r.sqrtRatioX96),
    liquidity: fromJsbi(r.liquidity),
    tick: r.tickCurrent,
  };
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
