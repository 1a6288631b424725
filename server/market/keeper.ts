// The market keeper's trade sizing: for each pool, the one swap that moves its mid price to the
// price implied by the target USD prices of its two tokens. Pure; sized with the exact pool math
// (V2: the closed form of the constant-product swap with its fee; V3: the pool simulator up to
// the target √price, which the on-chain swap also receives as its sqrtPriceLimitX96).
import { getAmountOut } from "@/server/defi/math/v2";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "@/server/defi/math/tick-math";
import { simulateV3Swap } from "@/server/defi/math/v3-pool";
import { edgeMidPrice } from "@/server/defi/routing/route";
import type { Addr, PoolEdge, V2Edge, V3Edge } from "@/server/defi/routing/types";

export type KeeperTrade = {
  readonly pool: Addr;
  readonly venue: string;
  readonly kind: "v2" | "v3";
  readonly fee: number;
  readonly tokenIn: Addr;
  readonly tokenOut: Addr;
  readonly amountIn: bigint;
  /** What the exact pool math says the swap returns. */
  readonly expectedOut: bigint;
  /** V3: the target √price as the swap's price limit; null for V2. */
  readonly sqrtPriceLimitX96: bigint | null;
  /** Mid price of token0 in token1 (base units) before, and the target. */
  readonly fromPrice: number;
  readonly targetPrice: number;
};

export type KeeperPlanOptions = {
  /** Pools within this distance of their target are left alone. Default 2 bps. */
  readonly toleranceBps?: number;
  /**
   * Tokens whose price the keeper holds rather than moves (the stablecoins): a pool between
   * two of them is never traded, so the stablecoins keep the prices their own pools give them.
   */
  readonly anchors?: ReadonlySet<Addr>;
};

/** Target mid price of token0 in token1, base units, from USD prices per whole token; null if unknown. */
export function targetPoolPrice(
  edge: PoolEdge,
  targetsUsd: ReadonlyMap<Addr, number>,
  decimals: ReadonlyMap<Addr, number>,
): number | null {
  const p0 = targetsUsd.get(edge.token0);
  const p1 = targetsUsd.get(edge.token1);
  const d0 = decimals.get(edge.token0);
  const d1 = decimals.get(edge.token1);
  if (!(p0 && p1 && p0 > 0 && p1 > 0) || d0 === undefined || d1 === undefined) return null;
  return (p0 / p1) * 10 ** (d1 - d0);
}

export function planKeeperTrades(
  edges: readonly PoolEdge[],
  targetsUsd: ReadonlyMap<Addr, number>,
  decimals: ReadonlyMap<Addr, number>,
  opts: KeeperPlanOptions = {},
): KeeperTrade[] {
  const tolerance = (opts.toleranceBps ?? 2) / 10_000;
  const trades: KeeperTrade[] = [];
  for (const edge of edges) {
    if (opts.anchors?.has(edge.token0) && opts.anchors.has(edge.token1)) continue;
    const target = targetPoolPrice(edge, targetsUsd, decimals);
    if (target === null) continue;
    const price = edgeMidPrice(edge, edge.token0);
    if (!(price > 0) || Math.abs(price / target - 1) <= tolerance) continue;
    const trade = edge.kind === "v2" ? planV2(edge, price, target) : planV3(edge, price, target);
    if (trade && trade.amountIn > 0n && trade.expectedOut > 0n) trades.push(trade);
  }
  return trades;
}

// Constant product with fee γ: selling Δ of X into reserves (x, y) leaves y·x/(x+γΔ) of Y and
// x+Δ of X, so the new price Y/X is P' = x·y / ((x+γΔ)(x+Δ)). For a target P':
//   γΔ² + (1+γ)·x·Δ + x² − x·y/P' = 0, the positive root.
export function v2AmountInForPrice(reserveIn: bigint, reserveOut: bigint, gamma: number, targetOutPerIn: number): bigint {
  const x = Number(reserveIn);
  const y = Number(reserveOut);
  const c = x * x - (x * y) / targetOutPerIn;
  if (!(c < 0)) return 0n;
  const b = (1 + gamma) * x;
  const delta = (-b + Math.sqrt(b * b - 4 * gamma * c)) / (2 * gamma);
  return delta > 0 && Number.isFinite(delta) ? BigInt(Math.floor(delta)) : 0n;
}

function planV2(edge: V2Edge, price: number, target: number): KeeperTrade | null {
  // price = token1 per token0. Too high: sell token0 (its price falls); too low: sell token1.
  const zeroForOne = price > target;
  const [rIn, rOut] = zeroForOne ? [edge.reserve0, edge.reserve1] : [edge.reserve1, edge.reserve0];
  const gamma = Number(edge.fee.numerator) / Number(edge.fee.denominator);
  const amountIn = v2AmountInForPrice(rIn, rOut, gamma, zeroForOne ? target : 1 / target);
  if (amountIn === 0n) return null;
  return {
    pool: edge.id,
    venue: edge.venue,
    kind: "v2",
    fee: edge.feePips,
    tokenIn: zeroForOne ? edge.token0 : edge.token1,
    tokenOut: zeroForOne ? edge.token1 : edge.token0,
    amountIn,
    expectedOut: getAmountOut(amountIn, rIn, rOut, edge.fee),
    sqrtPriceLimitX96: null,
    fromPrice: price,
    targetPrice: target,
  };
}

/** √(price) in Q64.96 for a token1-per-token0 price in base units (bigint-exact enough: 53-bit mantissa). */
export function sqrtPriceX96ForPrice(price: number): bigint {
  const s = Math.sqrt(price);
  // Split so the 2^96 scaling keeps all 53 bits of the mantissa.
  const exp = Math.floor(Math.log2(s));
  const mantissa = BigInt(Math.round(s * 2 ** (52 - exp)));
  const shift = 96 - (52 - exp);
  return shift >= 0 ? mantissa << BigInt(shift) : mantissa >> BigInt(-shift);
}

function planV3(edge: V3Edge, price: number, target: number): KeeperTrade | null {
  const zeroForOne = price > target;
  let limit = sqrtPriceX96ForPrice(target);
  if (limit <= MIN_SQRT_RATIO) limit = MIN_SQRT_RATIO + 1n;
  if (limit >= MAX_SQRT_RATIO) limit = MAX_SQRT_RATIO - 1n;
  if (zeroForOne ? limit >= edge.state.sqrtPriceX96 : limit <= edge.state.sqrtPriceX96) return null;
  // Exact input "as much as it takes": the simulation stops at the limit like the pool will.
  const r = simulateV3Swap(edge.state, zeroForOne, 2n ** 120n, limit);
  const amountIn = zeroForOne ? r.amount0 : r.amount1;
  const amountOut = -(zeroForOne ? r.amount1 : r.amount0);
  if (amountIn <= 0n || amountOut <= 0n) return null;
  return {
    pool: edge.id,
    venue: edge.venue,
    kind: "v3",
    fee: edge.feePips,
    tokenIn: zeroForOne ? edge.token0 : edge.token1,
    tokenOut: zeroForOne ? edge.token1 : edge.token0,
    amountIn,
    expectedOut: amountOut,
    sqrtPriceLimitX96: limit,
    fromPrice: price,
    targetPrice: target,
  };
}
