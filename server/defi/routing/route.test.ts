import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UNISWAP_V2_FEE } from "../math/v2";
import { buildV3Pool } from "../math/testing/pools";
import { autoSlippageBps, findBestRoute, minimumReceived, priceImpactBps, quoteEdge, quotePath } from "./route";
import type { Addr, PoolEdge, RouteOptions } from "./types";

const T = ["0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), "0x" + "4".repeat(40)] as Addr[];
const [A, B, C, D] = T as [Addr, Addr, Addr, Addr];
const NO_GAS: RouteOptions = {
  maxHops: 3,
  splitStepBps: 500,
  maxSplits: 4,
  gas: { base: 60_000n, perPath: 10_000n, v2Hop: 60_000n, v3Hop: 90_000n, v3TickCrossed: 20_000n },
  gasPriceWei: 0n,
  outPerEth: null,
};

let poolSeq = 0;
const poolId = () => `0x${(++poolSeq).toString(16).padStart(40, "a")}` as Addr;
const sorted = (a: Addr, b: Addr): [Addr, Addr] => (a < b ? [a, b] : [b, a]);

function v2(a: Addr, b: Addr, r0: bigint, r1: bigint, venue = "uniswap-v2"): PoolEdge {
  const [token0, token1] = sorted(a, b);
  return { kind: "v2", id: poolId(), venue, token0, token1, feePips: 3000, reserve0: r0, reserve1: r1, fee: UNISWAP_V2_FEE };
}

function v3(a: Addr, b: Addr, liquidity: bigint, tick: number, fee = 3000): PoolEdge {
  const [token0, token1] = sorted(a, b);
  const spacing = fee === 500 ? 10 : fee === 10000 ? 200 : 60;
  const lo = Math.floor(tick / spacing) * spacing;
  const state = buildV3Pool(
    fee,
    [
      { lower: lo - 50 * spacing, upper: lo + 50 * spacing, liquidity },
      { lower: lo - 2000 * spacing, upper: lo + 2000 * spacing, liquidity: liquidity / 4n },
    ],
    tick,
    500,
  );
  return { kind: "v3", id: poolId(), venue: "uniswap-v3", token0, token1, feePips: fee, state };
}

const pair = fc.constantFrom<[Addr, Addr]>([A, B], [A, C], [B, C], [B, D], [C, D], [A, D]);
const edgeArb: fc.Arbitrary<PoolEdge> = fc.oneof(
  fc
    .record({ p: pair, r0: fc.bigInt({ min: 10n ** 15n, max: 10n ** 26n }), r1: fc.bigInt({ min: 10n ** 15n, max: 10n ** 26n }), sushi: fc.boolean() })
    .map(({ p, r0, r1, sushi }) => v2(p[0], p[1], r0, r1, sushi ? "sushiswap" : "uniswap-v2")),
  fc
    .record({ p: pair, l: fc.bigInt({ min: 10n ** 15n, max: 10n ** 24n }), tick: fc.integer({ min: -50_000, max: 50_000 }), fee: fc.constantFrom(500, 3000, 10000) })
    .map(({ p, l, tick, fee }) => v3(p[0], p[1], l, tick, fee)),
);
const marketArb = fc.array(edgeArb, { minLength: 1, maxLength: 10 });
const amountArb = fc.bigInt({ min: 1n, max: 10n ** 24n });

describe("findBestRoute", () => {
  it("splits are never worse than the best single route, and every path quotes exactly", () => {
    fc.assert(
      fc.property(marketArb, amountArb, fc.boolean(), (edges, amountIn, priced) => {
        const opts: RouteOptions = priced ? { ...NO_GAS, gasPriceWei: 10n ** 9n, outPerEth: { num: 3n, den: 1_000_000n } } : NO_GAS;
        const single = findBestRoute(edges, A, D, amountIn, { ...opts, maxSplits: 1 });
        const best = findBestRoute(edges, A, D, amountIn, opts);
        if (!single) return; // no path can fill (the split may still fill with smaller parts)
        expect(best).not.toBeNull();
        expect(best!.netOut >= single.netOut).toBe(true);
        // Conservation and exactness.
        expect(best!.paths.reduce((s, p) => s + p.amountIn, 0n)).toBe(amountIn);
        expect(best!.paths.reduce((s, p) => s + p.amountOut, 0n)).toBe(best!.amountOut);
        const seen = new Set<string>();
        for (const p of best!.paths) {
          expect(p.legs.length).toBeLessThanOrEqual(3);
          for (const e of p.edges) {
            expect(seen.has(e.id)).toBe(false); // pool-disjoint paths
            seen.add(e.id);
          }
          const again = quotePath(p, p.amountIn);
          expect(again?.map((l) => l.amountOut)).toEqual(p.legs.map((l) => l.amountOut));
          for (const l of p.legs) {
            if (l.edge.kind === "v2") {
              const reserveOut = l.tokenIn === l.edge.token0 ? l.edge.reserve1 : l.edge.reserve0;
              expect(l.amountOut < reserveOut).toBe(true); // a quote never exceeds the pool's reserves
            }
          }
        }
        expect(priceImpactBps(best!)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("picks the best pool per hop: equal to brute force over every pool combination", () => {
    fc.assert(
      fc.property(fc.array(edgeArb, { minLength: 2, maxLength: 8 }), amountArb, (edges, amountIn) => {
        const best = findBestRoute(edges, A, D, amountIn, { ...NO_GAS, maxSplits: 1, maxHops: 2 });
        let brute = 0n;
        const direct = edges.filter((e) => [e.token0, e.token1].includes(A) && [e.token0, e.token1].includes(D));
        for (const e of direct) brute = maxOf(brute, quoteEdge(e, A, amountIn)?.amountOut ?? 0n);
        for (const mid of [B, C]) {
          const first = edges.filter((e) => [e.token0, e.token1].includes(A) && [e.token0, e.token1].includes(mid));
          const second = edges.filter((e) => [e.token0, e.token1].includes(mid) && [e.token0, e.token1].includes(D));
          for (const e1 of first) {
            const q1 = quoteEdge(e1, A, amountIn);
            if (!q1) continue;
            for (const e2 of second) brute = maxOf(brute, quoteEdge(e2, mid, q1.amountOut)?.amountOut ?? 0n);
          }
        }
        expect(best?.amountOut ?? 0n).toBe(brute);
      }),
      { numRuns: 300 },
    );
  });

  it("splits a large trade across two equal pools and keeps it whole when gas outweighs the gain", () => {
    const p1 = v2(A, B, 10n ** 24n, 10n ** 24n);
    const p2 = v2(A, B, 10n ** 24n, 10n ** 24n, "sushiswap");
    const big = findBestRoute([p1, p2], A, B, 10n ** 23n, NO_GAS)!;
    expect(big.paths.map((p) => p.shareBps).sort()).toEqual([5000, 5000]);
    const single = findBestRoute([p1, p2], A, B, 10n ** 23n, { ...NO_GAS, maxSplits: 1 })!;
    expect(big.amountOut > single.amountOut).toBe(true);
    // A tiny trade: splitting gains ~nothing, the extra path costs gas.
    const priced: RouteOptions = { ...NO_GAS, gasPriceWei: 10n ** 9n, outPerEth: { num: 1n, den: 1n } };
    const small = findBestRoute([p1, p2], A, B, 10n ** 18n, priced)!;
    expect(small.paths).toHaveLength(1);
  });

  it("routes through connectors only when asked, and up to three hops", () => {
    const edges = [v2(A, B, 10n ** 24n, 10n ** 24n), v2(B, C, 10n ** 24n, 10n ** 24n), v2(C, D, 10n ** 24n, 10n ** 24n)];
    const r = findBestRoute(edges, A, D, 10n ** 18n, NO_GAS)!;
    expect(r.paths[0]!.tokens).toEqual([A, B, C, D]);
    expect(findBestRoute(edges, A, D, 10n ** 18n, { ...NO_GAS, maxHops: 2 })).toBeNull();
    expect(findBestRoute(edges, A, D, 10n ** 18n, { ...NO_GAS, connectors: new Set([B]) })).toBeNull();
  });

  it("returns null when no pool can fill the amount", () => {
    const edges = [v2(A, D, 1000n, 1000n)];
    expect(findBestRoute(edges, A, D, 0n, NO_GAS)).toBeNull();
    expect(findBestRoute([], A, D, 10n, NO_GAS)).toBeNull();
  });
});

describe("minimumReceived", () => {
  it("never exceeds the quote and rounds down", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 10_000 }), (out, bps) => {
        const min = minimumReceived(out, bps);
        expect(min <= out).toBe(true);
        expect(min * 10_000n <= out * BigInt(10_000 - bps)).toBe(true);
        expect((min + 1n) * 10_000n > out * BigInt(10_000 - bps)).toBe(true);
      }),
    );
    expect(minimumReceived(999n, 50)).toBe(994n); // 994.005 → 994
  });
});

describe("autoSlippageBps", () => {
  it("is small for stable pairs, larger for volatile pairs and grows with impact", () => {
    const stable = autoSlippageBps({ dailyVolIn: 0.001, dailyVolOut: 0.001, impactBps: 0 });
    const eth = autoSlippageBps({ dailyVolIn: 0.035, dailyVolOut: 0.001, impactBps: 0 });
    const ethImpact = autoSlippageBps({ dailyVolIn: 0.035, dailyVolOut: 0.001, impactBps: 400 });
    expect(stable).toBe(5);
    expect(eth).toBeGreaterThan(30);
    expect(eth).toBeLessThan(60);
    expect(ethImpact).toBe(eth + 40);
    expect(autoSlippageBps({ dailyVolIn: 1, dailyVolOut: 1, impactBps: 9000 })).toBe(300);
  });
});

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);
