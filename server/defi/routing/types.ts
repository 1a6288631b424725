// The routing core's view of the market: pools as edges between tokens. Pure data; the chain
// reader (server/chain/pool-state.ts) builds it from one block's state.
import type { V2Fee } from "../math/v2";
import type { V3PoolState } from "../math/v3-pool";

export type Addr = `0x${string}`;

type EdgeBase = {
  /** Lowercase pool address: the identity used for "split paths never share a pool". */
  readonly id: Addr;
  readonly venue: string;
  /** Lowercase token addresses, token0 < token1 as in the pool contract. */
  readonly token0: Addr;
  readonly token1: Addr;
  /** Hundredths of a bp (3000 = 0.3 %). */
  readonly feePips: number;
};

export type V2Edge = EdgeBase & { readonly kind: "v2"; readonly reserve0: bigint; readonly reserve1: bigint; readonly fee: V2Fee };
export type V3Edge = EdgeBase & { readonly kind: "v3"; readonly state: V3PoolState };
export type PoolEdge = V2Edge | V3Edge;

/** Gas model, calibrated on LodestarExecutor (contracts/deploy/executor.int.test.ts). */
export type GasModel = {
  readonly base: bigint;
  readonly perPath: bigint;
  readonly v2Hop: bigint;
  readonly v3Hop: bigint;
  readonly v3TickCrossed: bigint;
};

export type RouteLeg = {
  readonly edge: PoolEdge;
  readonly tokenIn: Addr;
  readonly tokenOut: Addr;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  readonly ticksCrossed: number;
};

export type RoutePath = {
  readonly edges: readonly PoolEdge[];
  /** tokens[0] = tokenIn … tokens[n] = tokenOut. */
  readonly tokens: readonly Addr[];
};

export type RoutedPath = RoutePath & {
  readonly shareBps: number;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  readonly legs: readonly RouteLeg[];
};

export type Route = {
  readonly tokenIn: Addr;
  readonly tokenOut: Addr;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  readonly paths: readonly RoutedPath[];
  readonly gasEstimate: bigint;
  /** Gas cost in tokenOut base units (0 when gas is not priced). */
  readonly gasCostOut: bigint;
  /** amountOut − gasCostOut (may be negative for dust trades). */
  readonly netOut: bigint;
};

export type RouteOptions = {
  /** 1–3. */
  readonly maxHops: number;
  /** Split granularity in bps of the input (500 = 5 % steps); 10,000 disables splitting. */
  readonly splitStepBps: number;
  /** Most paths in one split. */
  readonly maxSplits: number;
  /** Tokens allowed in the middle of a path (lowercase); undefined = any token. */
  readonly connectors?: ReadonlySet<Addr>;
  /** Only pools of these venues. */
  readonly venues?: ReadonlySet<string>;
  readonly gas: GasModel;
  /** Wei per gas × tokenOut per wei, as a rational: gasCostOut = gas × gasPriceWei × outPerEthNum / outPerEthDen. */
  readonly gasPriceWei: bigint;
  readonly outPerEth?: { readonly num: bigint; readonly den: bigint } | null;
};
