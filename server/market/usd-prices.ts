// USD prices of a chain's tokens from its pools' mid prices. Pure.
//
// Every pool is an observation "log P(token0) − log P(token1) = log(mid price)" (human units),
// weighted by the pool's depth at the mid price in USD. The prices are the weighted least
// squares solution over the whole pool graph, so a token's price is the liquidity-weighted
// mean across venues and fee tiers, and a token with no stablecoin pool is priced through the
// deepest connections it has (LINK via WETH, WETH via USDC/USDT/DAI/WBTC pools, …).
//
// The USD numeraire ("anchor"): the stablecoins' depth-weighted geometric mean price is 1.
// Each stablecoin therefore gets its own price from its pools (USDT at 0.9997 when its pools
// say so); none is assumed to be exactly 1 — only the basket is. With one stablecoin the
// anchor degenerates to "that stablecoin = 1", which the caller can see from `anchor`.
//
// Depth: a V2 pool's reserves; a V3 pool's virtual reserves of the in-range liquidity
// (x = L/√P, y = L·√P), i.e. what resists a price move — the relevant notion for a mid
// price — which is why a concentrated V3 pool weighs more than a V2 pool of the same TVL.
import { edgeMidPrice } from "@/server/defi/routing/route";
import type { Addr, PoolEdge } from "@/server/defi/routing/types";

export type PricedToken = { readonly address: Addr; readonly symbol: string; readonly decimals: number; readonly stable: boolean };

export type TokenUsdPrice = {
  readonly address: Addr;
  readonly symbol: string;
  readonly priceUsd: number;
  /** The token's side of every pool it is in, at the mid price, in USD. */
  readonly depthUsd: number;
  readonly pools: number;
};

export type UsdPriceResult = {
  /** Tokens connected to a stablecoin through pools with liquidity (others are absent). */
  readonly prices: ReadonlyMap<Addr, TokenUsdPrice>;
  /** The stablecoins of the numeraire basket and their weights (sum 1). */
  readonly anchor: ReadonlyArray<{ readonly address: Addr; readonly weight: number }>;
};

type Obs = { a: number; b: number; logRate: number; depthA: number; depthB: number };

/** Pool depth in whole tokens on each side at the mid price (0 when the pool is empty). */
export function edgeDepth(edge: PoolEdge, decimals0: number, decimals1: number): { depth0: number; depth1: number } {
  if (edge.kind === "v2") {
    return { depth0: Number(edge.reserve0) / 10 ** decimals0, depth1: Number(edge.reserve1) / 10 ** decimals1 };
  }
  const s = Number(edge.state.sqrtPriceX96) / 2 ** 96;
  const l = Number(edge.state.liquidity);
  if (!(s > 0)) return { depth0: 0, depth1: 0 };
  return { depth0: l / s / 10 ** decimals0, depth1: (l * s) / 10 ** decimals1 };
}

/** Mid price of token0 in token1, whole-token units. */
export function edgeHumanPrice(edge: PoolEdge, decimals0: number, decimals1: number): number {
  return edgeMidPrice(edge, edge.token0) * 10 ** (decimals0 - decimals1);
}

export function computeUsdPrices(edges: readonly PoolEdge[], tokens: readonly PricedToken[], opts: { iterations?: number } = {}): UsdPriceResult {
  const index = new Map(tokens.map((t, i) => [t.address.toLowerCase() as Addr, i]));
  const obs: Obs[] = [];
  for (const e of edges) {
    const a = index.get(e.token0);
    const b = index.get(e.token1);
    if (a === undefined || b === undefined) continue;
    const ta = tokens[a]!;
    const tb = tokens[b]!;
    const { depth0, depth1 } = edgeDepth(e, ta.decimals, tb.decimals);
    const rate = edgeHumanPrice(e, ta.decimals, tb.decimals);
    if (!(depth0 > 0 && depth1 > 0 && rate > 0 && Number.isFinite(rate))) continue;
    obs.push({ a, b, logRate: Math.log(rate), depthA: depth0, depthB: depth1 });
  }
  const reach = reachableFromStables(tokens, obs);
  const stables = [...reach].filter((i) => tokens[i]!.stable);
  if (stables.length === 0) return { prices: new Map(), anchor: [] };
  // Variables: the reachable tokens' log prices.
  const vars = [...reach].sort((x, y) => x - y);
  const col = new Map(vars.map((v, k) => [v, k]));
  let logP = new Map<number, number>();
  let weights = obs.map(() => 1);
  let anchorW = new Map(stables.map((s) => [s, 1 / stables.length]));
  const iterations = opts.iterations ?? 3;
  for (let it = 0; it < iterations; it++) {
    logP = solve(vars, col, obs, weights, anchorW);
    // Re-weight with USD depths at the prices just found (first pass: every pool weighs 1).
    const price = (i: number) => Math.exp(logP.get(i) ?? 0);
    weights = obs.map((o) => (reach.has(o.a) ? o.depthA * price(o.a) + o.depthB * price(o.b) : 0));
    const stableDepth = new Map<number, number>();
    obs.forEach((o) => {
      if (tokens[o.a]!.stable) stableDepth.set(o.a, (stableDepth.get(o.a) ?? 0) + o.depthA * price(o.a));
      if (tokens[o.b]!.stable) stableDepth.set(o.b, (stableDepth.get(o.b) ?? 0) + o.depthB * price(o.b));
    });
    const total = stables.reduce((s, i) => s + (stableDepth.get(i) ?? 0), 0);
    if (total > 0) anchorW = new Map(stables.map((s) => [s, (stableDepth.get(s) ?? 0) / total]));
  }
  const prices = new Map<Addr, TokenUsdPrice>();
  for (const i of vars) {
    const t = tokens[i]!;
    const priceUsd = Math.exp(logP.get(i)!);
    let depth = 0;
    let pools = 0;
    for (const o of obs) {
      if (o.a !== i && o.b !== i) continue;
      depth += o.a === i ? o.depthA : o.depthB;
      pools++;
    }
    prices.set(t.address.toLowerCase() as Addr, { address: t.address, symbol: t.symbol, priceUsd, depthUsd: depth * priceUsd, pools });
  }
  return { prices, anchor: stables.map((s) => ({ address: tokens[s]!.address, weight: anchorW.get(s)! })) };
}

function reachableFromStables(tokens: readonly PricedToken[], obs: readonly Obs[]): Set<number> {
  const seen = new Set<number>();
  const queue = tokens.flatMap((t, i) => (t.stable ? [i] : []));
  const adj = new Map<number, number[]>();
  for (const o of obs) {
    adj.set(o.a, [...(adj.get(o.a) ?? []), o.b]);
    adj.set(o.b, [...(adj.get(o.b) ?? []), o.a]);
  }
  // Only stablecoins that are in at least one pool count.
  for (const s of queue) if (adj.has(s)) seen.add(s);
  const todo = [...seen];
  while (todo.length) {
    const n = todo.pop()!;
    for (const m of adj.get(n) ?? []) {
      if (seen.has(m)) continue;
      seen.add(m);
      todo.push(m);
    }
  }
  return seen;
}

// Weighted least squares with the anchor as a linear constraint (Lagrange multiplier):
//   [ L  c ] [y]   [r]      L = Σ w (e_a − e_b)(e_a − e_b)ᵀ (a weighted graph Laplacian)
//   [ cᵀ 0 ] [λ] = [0]      r = Σ w logRate (e_a − e_b),  c = the stablecoins' anchor weights
function solve(vars: number[], col: Map<number, number>, obs: readonly Obs[], weights: number[], anchor: Map<number, number>): Map<number, number> {
  const n = vars.length + 1;
  const m = Array.from({ length: n }, () => new Float64Array(n + 1));
  obs.forEach((o, k) => {
    const a = col.get(o.a);
    const b = col.get(o.b);
    const w = weights[k]!;
    if (a === undefined || b === undefined || !(w > 0)) return;
    m[a]![a]! += w;
    m[b]![b]! += w;
    m[a]![b]! -= w;
    m[b]![a]! -= w;
    m[a]![n]! += w * o.logRate;
    m[b]![n]! -= w * o.logRate;
  });
  // Scale the constraint row to the matrix so pivoting stays well conditioned.
  const scale = Math.max(1, ...m.map((row) => Math.abs(row[0]!)));
  for (const [s, c] of anchor) {
    const k = col.get(s);
    if (k === undefined) continue;
    m[k]![n - 1] = c * scale;
    m[n - 1]![k] = c * scale;
  }
  const y = gauss(m, n);
  return new Map(vars.map((v, k) => [v, y[k]!]));
}

function gauss(m: Float64Array[], n: number): number[] {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return Array.from({ length: n }, (_, i) => (Math.abs(m[i]![i]!) < 1e-300 ? 0 : m[i]![n]! / m[i]![i]!));
}
