// Best-route search over one block's pools: direct and multi-hop paths (≤ 3 hops) and splits
// across pool-disjoint paths in fixed steps (5 % by default), maximising output net of gas.
//
// Single path: for a given token sequence the best pool per hop is chosen greedily, which is
// optimal because every hop's output increases with its input. Splits: AMM output is concave
// in the input, so allocating the input chunk by chunk to the path with the best marginal
// output is optimal for pool-disjoint paths; gas makes opening a path a fixed cost, so the
// allocation runs both with that cost charged up front and without it, and the final answer
// is the best of those and the best single path by net output. Paths in one split never share
// a pool: each path's quote is then exactly what the chain does, whatever order they execute.
import { getAmountOut } from "../math/v2";
import { simulateV3Swap } from "../math/v3-pool";
import type { Addr, PoolEdge, Route, RouteLeg, RouteOptions, RoutePath, RoutedPath } from "./types";

export type HopQuote = { amountOut: bigint; ticksCrossed: number };

/** Exact output of one pool for an exact input, or null when the pool can't fill it completely. */
export function quoteEdge(edge: PoolEdge, tokenIn: Addr, amountIn: bigint): HopQuote | null {
  if (amountIn <= 0n) return null;
  const zeroForOne = tokenIn === edge.token0;
  try {
    if (edge.kind === "v2") {
      const [rIn, rOut] = zeroForOne ? [edge.reserve0, edge.reserve1] : [edge.reserve1, edge.reserve0];
      if (rIn === 0n || rOut === 0n) return null;
      const out = getAmountOut(amountIn, rIn, rOut, edge.fee);
      return out > 0n ? { amountOut: out, ticksCrossed: 0 } : null;
    }
    if (edge.state.liquidity === 0n && edge.state.ticks.length === 0) return null;
    const r = simulateV3Swap(edge.state, zeroForOne, amountIn);
    if (r.ranOutOfLiquidity) return null;
    const out = -(zeroForOne ? r.amount1 : r.amount0);
    return out > 0n ? { amountOut: out, ticksCrossed: r.ticksCrossed } : null;
  } catch {
    return null;
  }
}

/** Legs of a path for an input, or null when any hop can't fill. */
export function quotePath(path: RoutePath, amountIn: bigint): RouteLeg[] | null {
  const legs: RouteLeg[] = [];
  let amount = amountIn;
  for (let i = 0; i < path.edges.length; i++) {
    const edge = path.edges[i]!;
    const tokenIn = path.tokens[i]!;
    const q = quoteEdge(edge, tokenIn, amount);
    if (!q) return null;
    legs.push({ edge, tokenIn, tokenOut: path.tokens[i + 1]!, amountIn: amount, amountOut: q.amountOut, ticksCrossed: q.ticksCrossed });
    amount = q.amountOut;
  }
  return legs;
}

export function pathGas(legs: readonly RouteLeg[], opts: RouteOptions): bigint {
  let gas = opts.gas.perPath;
  for (const l of legs) {
    gas += l.edge.kind === "v2" ? opts.gas.v2Hop : opts.gas.v3Hop + opts.gas.v3TickCrossed * BigInt(l.ticksCrossed);
  }
  return gas;
}

/** Gas in tokenOut base units, rounded up (the cost side of "net of gas" is never understated). */
export function gasCostOut(gas: bigint, opts: RouteOptions): bigint {
  const p = opts.outPerEth;
  if (!p || p.den === 0n || opts.gasPriceWei === 0n) return 0n;
  const num = gas * opts.gasPriceWei * p.num;
  return (num + p.den - 1n) / p.den;
}

export type Graph = { byToken: Map<Addr, PoolEdge[]>; between: Map<string, PoolEdge[]> };

const pairKey = (a: Addr, b: Addr) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function buildGraph(edges: readonly PoolEdge[], venues?: ReadonlySet<string>): Graph {
  const byToken = new Map<Addr, PoolEdge[]>();
  const between = new Map<string, PoolEdge[]>();
  for (const e of edges) {
    if (venues && !venues.has(e.venue)) continue;
    for (const t of [e.token0, e.token1]) {
      const list = byToken.get(t);
      if (list) list.push(e);
      else byToken.set(t, [e]);
    }
    const k = pairKey(e.token0, e.token1);
    const list = between.get(k);
    if (list) list.push(e);
    else between.set(k, [e]);
  }
  return { byToken, between };
}

/** Token sequences from tokenIn to tokenOut with ≤ maxHops hops, no token twice. */
export function tokenPaths(graph: Graph, tokenIn: Addr, tokenOut: Addr, maxHops: number, connectors?: ReadonlySet<Addr>): Addr[][] {
  const out: Addr[][] = [];
  const seq: Addr[] = [tokenIn];
  const visit = (t: Addr) => {
    if (seq.length - 1 >= maxHops) return;
    const seen = new Set<Addr>();
    for (const e of graph.byToken.get(t) ?? []) {
      const next = e.token0 === t ? e.token1 : e.token0;
      if (seen.has(next) || seq.includes(next)) continue;
      seen.add(next);
      if (next === tokenOut) {
        out.push([...seq, next]);
        continue;
      }
      if (connectors && !connectors.has(next)) continue;
      seq.push(next);
      visit(next);
      seq.pop();
    }
  };
  visit(tokenIn);
  return out;
}

type Candidate = { path: RoutePath; key: string };

const pathKey = (edges: readonly PoolEdge[]) => edges.map((e) => e.id).join(">");

/**
 * Best pools for `amountIn` along a token sequence. Greedy (the best pool per hop) is optimal
 * while every pool can fill whatever reaches it, since each hop's output grows with its input.
 * A V3 pool that runs out of range breaks that (a smaller input upstream may be the only one
 * a later pool can take), so when any pool on the way can't fill, every combination is tried.
 */
function instantiate(graph: Graph, tokens: readonly Addr[], amountIn: bigint, exclude?: ReadonlySet<Addr>): RoutePath | null {
  const edges: PoolEdge[] = [];
  let amount = amountIn;
  let partial = false;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const tIn = tokens[i]!;
    let best: PoolEdge | null = null;
    let bestOut = 0n;
    for (const e of graph.between.get(pairKey(tIn, tokens[i + 1]!)) ?? []) {
      if (exclude?.has(e.id)) continue;
      const q = quoteEdge(e, tIn, amount);
      if (!q) partial = true;
      else if (q.amountOut > bestOut) {
        best = e;
        bestOut = q.amountOut;
      }
    }
    if (!best) break;
    edges.push(best);
    amount = bestOut;
  }
  if (!partial && edges.length === tokens.length - 1) return { edges, tokens };
  if (!partial) return null;
  return exhaustive(graph, tokens, amountIn, exclude);
}

function exhaustive(graph: Graph, tokens: readonly Addr[], amountIn: bigint, exclude?: ReadonlySet<Addr>): RoutePath | null {
  let best: PoolEdge[] | null = null;
  let bestOut = 0n;
  const chosen: PoolEdge[] = [];
  const walk = (i: number, amount: bigint) => {
    if (i + 1 === tokens.length) {
      if (amount > bestOut) {
        bestOut = amount;
        best = [...chosen];
      }
      return;
    }
    for (const e of graph.between.get(pairKey(tokens[i]!, tokens[i + 1]!)) ?? []) {
      if (exclude?.has(e.id)) continue;
      const q = quoteEdge(e, tokens[i]!, amount);
      if (!q) continue;
      chosen.push(e);
      walk(i + 1, q.amountOut);
      chosen.pop();
    }
  };
  walk(0, amountIn);
  return best ? { edges: best, tokens } : null;
}

function routed(path: RoutePath, legs: RouteLeg[], amountIn: bigint, total: bigint): RoutedPath {
  const shareBps = total === 0n ? 0 : Number((amountIn * 10_000n + total / 2n) / total);
  return { ...path, shareBps, amountIn, amountOut: legs[legs.length - 1]!.amountOut, legs };
}

function finish(tokenIn: Addr, tokenOut: Addr, amountIn: bigint, paths: RoutedPath[], opts: RouteOptions): Route {
  let amountOut = 0n;
  let gas = opts.gas.base;
  for (const p of paths) {
    amountOut += p.amountOut;
    gas += pathGas(p.legs, opts);
  }
  const cost = gasCostOut(gas, opts);
  return { tokenIn, tokenOut, amountIn, amountOut, paths, gasEstimate: gas, gasCostOut: cost, netOut: amountOut - cost };
}

/**
 * The best route for an exact input, or null when no path can fill it. Deterministic: ties go
 * to the earlier candidate (fewer hops first, then pool order).
 */
export function findBestRoute(edges: readonly PoolEdge[], tokenIn: Addr, tokenOut: Addr, amountIn: bigint, opts: RouteOptions): Route | null {
  if (amountIn <= 0n || tokenIn === tokenOut) return null;
  const graph = buildGraph(edges, opts.venues);
  const seqs = tokenPaths(graph, tokenIn, tokenOut, Math.max(1, Math.min(3, opts.maxHops)), opts.connectors);
  if (seqs.length === 0) return null;

  // 1. Best single path by net output, with every pool pair of the sequence's parallel pools.
  const candidates = new Map<string, Candidate>();
  const add = (p: RoutePath | null) => {
    if (!p) return;
    const key = pathKey(p.edges);
    if (!candidates.has(key)) candidates.set(key, { path: p, key });
  };
  const steps = opts.splitStepBps >= 10_000 ? 1 : Math.floor(10_000 / opts.splitStepBps);
  const chunk = (k: number) => (amountIn * BigInt(k)) / BigInt(steps);
  for (const seq of seqs) {
    add(instantiate(graph, seq, amountIn));
    if (steps > 1) add(instantiate(graph, seq, chunk(1)));
    if (seq.length === 2) {
      // Direct: every parallel pool is its own candidate (the main split targets).
      for (const e of graph.between.get(pairKey(seq[0]!, seq[1]!)) ?? []) add({ edges: [e], tokens: seq });
    }
  }

  let bestSingle: Route | null = null;
  const fullLegs = new Map<string, RouteLeg[] | null>();
  for (const c of candidates.values()) {
    const legs = quotePath(c.path, amountIn);
    fullLegs.set(c.key, legs);
    if (!legs) continue;
    const r = finish(tokenIn, tokenOut, amountIn, [routed(c.path, legs, amountIn, amountIn)], opts);
    if (!bestSingle || r.netOut > bestSingle.netOut) bestSingle = r;
  }
  if (steps === 1 || opts.maxSplits <= 1) return bestSingle;

  // 2. Splits: pool-disjoint alternatives to the best paths (same sequences, other pools).
  for (const seq of seqs) {
    const first = instantiate(graph, seq, chunk(1));
    if (first && seq.length > 2) add(instantiate(graph, seq, chunk(1), new Set(first.edges.map((e) => e.id))));
  }
  const pool = [...candidates.values()];
  const memo = new Map<string, (RouteLeg[] | null)[]>();
  const at = (c: Candidate, k: number): RouteLeg[] | null => {
    let row = memo.get(c.key);
    if (!row) memo.set(c.key, (row = []));
    if (row[k] === undefined) row[k] = k === steps ? (fullLegs.get(c.key) ?? quotePath(c.path, amountIn)) : quotePath(c.path, chunk(k));
    return row[k] ?? null;
  };
  const outAt = (c: Candidate, k: number) => {
    if (k === 0) return 0n;
    const legs = at(c, k);
    return legs ? legs[legs.length - 1]!.amountOut : null;
  };

  let best = bestSingle;
  for (const chargeGasUpFront of [true, false]) {
    const alloc = new Map<string, number>();
    const used = new Set<Addr>();
    let ok = true;
    for (let round = 0; round < steps; round++) {
      let pick: Candidate | null = null;
      let pickGain = 0n;
      for (const c of pool) {
        const k = alloc.get(c.key) ?? 0;
        if (k === 0) {
          if (alloc.size >= opts.maxSplits) continue;
          if (c.path.edges.some((e) => used.has(e.id))) continue;
        }
        const next = outAt(c, k + 1);
        if (next === null) continue;
        let gain = next - (outAt(c, k) ?? 0n);
        if (k === 0 && chargeGasUpFront) gain -= gasCostOut(pathGas(at(c, 1)!, opts), opts);
        if (pick === null || gain > pickGain) {
          pick = c;
          pickGain = gain;
        }
      }
      if (!pick) {
        ok = false;
        break;
      }
      const k = alloc.get(pick.key) ?? 0;
      if (k === 0) for (const e of pick.path.edges) used.add(e.id);
      alloc.set(pick.key, k + 1);
    }
    if (!ok || alloc.size < 2) continue;
    // Exact amounts: k chunks each, the rounding remainder to the largest share.
    const parts = [...alloc.entries()].map(([key, k]) => ({ c: candidates.get(key)!, k, amount: chunk(k) }));
    parts.sort((a, b) => b.k - a.k);
    const rest = amountIn - parts.reduce((s, p) => s + p.amount, 0n);
    parts[0]!.amount += rest;
    const paths: RoutedPath[] = [];
    for (const p of parts) {
      const legs = p.amount === chunk(p.k) ? at(p.c, p.k) : quotePath(p.c.path, p.amount);
      if (!legs) {
        ok = false;
        break;
      }
      paths.push(routed(p.c.path, legs, p.amount, amountIn));
    }
    if (!ok) continue;
    const r = finish(tokenIn, tokenOut, amountIn, paths, opts);
    if (!best || r.netOut > best.netOut) best = r;
  }
  return best;
}

/** Mid price of one hop (tokenOut per tokenIn, base units), before fees. */
export function edgeMidPrice(edge: PoolEdge, tokenIn: Addr): number {
  const zeroForOne = tokenIn === edge.token0;
  if (edge.kind === "v2") {
    const [rIn, rOut] = zeroForOne ? [edge.reserve0, edge.reserve1] : [edge.reserve1, edge.reserve0];
    return Number(rOut) / Number(rIn);
  }
  const s = Number(edge.state.sqrtPriceX96) / 2 ** 96;
  const p = s * s; // token1 per token0
  return zeroForOne ? p : 1 / p;
}

/**
 * Price impact in bps: how much less the route returns than its pools' mid prices after their
 * LP fees would give, i.e. the cost of moving the price (fees are shown separately).
 */
export function priceImpactBps(route: Route): number {
  let ideal = 0;
  for (const p of route.paths) {
    let rate = 1;
    for (const l of p.legs) rate *= edgeMidPrice(l.edge, l.tokenIn) * (1 - l.edge.feePips / 1_000_000);
    ideal += Number(p.amountIn) * rate;
  }
  if (!(ideal > 0)) return 0;
  const impact = 1 - Number(route.amountOut) / ideal;
  return Math.max(0, Math.round(impact * 10_000));
}

/** Output per input at the route's mid prices (base units, before fees), weighted by share. */
export function routeMidRate(route: Route): number {
  let ideal = 0;
  for (const p of route.paths) {
    let rate = 1;
    for (const l of p.legs) rate *= edgeMidPrice(l.edge, l.tokenIn);
    ideal += Number(p.amountIn) * rate;
  }
  return ideal / Number(route.amountIn);
}

/** Minimum received for a slippage tolerance, rounded down (never above the quote). */
export function minimumReceived(amountOut: bigint, slippageBps: number): bigint {
  const bps = BigInt(Math.max(0, Math.min(10_000, Math.floor(slippageBps))));
  return (amountOut * (10_000n - bps)) / 10_000n;
}

/**
 * Auto slippage: two standard deviations of the pair's price move over `windowMinutes`
 * (from daily volatilities, assumed uncorrelated) plus a tenth of the route's price impact,
 * clamped to [5, 300] bps.
 */
export function autoSlippageBps(input: { dailyVolIn: number; dailyVolOut: number; impactBps: number; windowMinutes?: number }): number {
  const window = input.windowMinutes ?? 5;
  const pairVol = Math.sqrt(input.dailyVolIn ** 2 + input.dailyVolOut ** 2);
  const move = 2 * pairVol * Math.sqrt(window / 1440);
  const bps = Math.ceil(move * 10_000 + input.impactBps / 10);
  return Math.min(300, Math.max(5, bps));
}
