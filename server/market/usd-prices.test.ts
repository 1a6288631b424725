import { describe, expect, it } from "vitest";
import { UNISWAP_V2_FEE } from "@/server/defi/math/v2";
import { getSqrtRatioAtTick } from "@/server/defi/math/tick-math";
import type { Addr, PoolEdge } from "@/server/defi/routing/types";
import { computeUsdPrices, edgeDepth, type PricedToken } from "./usd-prices";

// Addresses sorted as the pools sort them: USDC < USDT < DAI < WETH < LINK < ORPHAN.
const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Addr;
const USDC = A(1), USDT = A(2), DAI = A(3), WETH = A(4), LINK = A(5), ORPHAN = A(6), OTHER = A(7);
const TOKENS: PricedToken[] = [
  { address: USDC, symbol: "USDC", decimals: 6, stable: true },
  { address: USDT, symbol: "USDT", decimals: 6, stable: true },
  { address: DAI, symbol: "DAI", decimals: 18, stable: true },
  { address: WETH, symbol: "WETH", decimals: 18, stable: false },
  { address: LINK, symbol: "LINK", decimals: 18, stable: false },
  { address: ORPHAN, symbol: "ORPHAN", decimals: 18, stable: false },
];
const dec = new Map([...TOKENS.map((t) => [t.address, t.decimals] as const), [OTHER, 18]]);
let n = 100;
// A V2 pool holding `usd` of each side at USD prices p0, p1 (whole tokens).
function v2(t0: Addr, t1: Addr, p0: number, p1: number, usd: number): PoolEdge {
  const r = (t: Addr, p: number) => BigInt(Math.round((usd / p) * 1e6)) * 10n ** BigInt(dec.get(t)! - 6);
  return { kind: "v2", id: A(n++), venue: "v2", token0: t0, token1: t1, feePips: 3000, reserve0: r(t0, p0), reserve1: r(t1, p1), fee: UNISWAP_V2_FEE };
}

describe("computeUsdPrices", () => {
  it("prices stablecoins from their own pools (none exactly 1), the basket's weighted mean at 1", () => {
    // USDT is 0.9998 USDC on one pool and 0.9996 on another of the same depth; DAI 1.0003.
    const edges = [v2(USDC, USDT, 1, 0.9998, 1e6), v2(USDC, USDT, 1, 0.9996, 1e6), v2(USDC, DAI, 1, 1.0003, 2e6)];
    const { prices, anchor } = computeUsdPrices(edges, TOKENS);
    const p = (t: Addr) => prices.get(t)!.priceUsd;
    // Ratios are the pools' (USDT/USDC: geometric mean of the two equal pools).
    expect(p(USDT) / p(USDC)).toBeCloseTo(Math.sqrt(0.9998 * 0.9996), 7);
    expect(p(DAI) / p(USDC)).toBeCloseTo(1.0003, 7);
    for (const t of [USDC, USDT, DAI]) {
      expect(p(t)).not.toBe(1);
      expect(Math.abs(p(t) - 1)).toBeLessThan(0.001);
    }
    // The anchor: Σ weight × log price = 0, with weights from the stablecoins' depths.
    expect(anchor.reduce((s, a) => s + a.weight, 0)).toBeCloseTo(1, 12);
    expect(anchor.reduce((s, a) => s + a.weight * Math.log(p(a.address.toLowerCase() as Addr)), 0)).toBeCloseTo(0, 12);
    // USDC is in every pool: it weighs the most.
    expect(anchor.find((a) => a.address === USDC)!.weight).toBeGreaterThan(0.4);
  });

  it("weights venues by depth: a deep pool dominates a shallow one", () => {
    // WETH at 2,500 on a $10M pool and 2,600 on a $100k pool (both against USDC).
    const edges = [v2(USDC, WETH, 1, 2500, 10e6), v2(USDC, WETH, 1, 2600, 0.1e6)];
    const { prices } = computeUsdPrices(edges, TOKENS);
    const weth = prices.get(WETH)!;
    // Weighted geometric mean exp((w1 ln 2500 + w2 ln 2600)/(w1+w2)), w = each pool's USD depth
    // at the solved price P: 10M + 4,000 P and 0.1M + (0.1M/2,600) P.
    const P = weth.priceUsd / prices.get(USDC)!.priceUsd;
    const [w1, w2] = [10e6 + 4000 * P, 0.1e6 + (0.1e6 / 2600) * P];
    const expected = Math.exp((w1 * Math.log(2500) + w2 * Math.log(2600)) / (w1 + w2));
    expect(Math.abs(P / expected - 1)).toBeLessThan(1e-6);
    expect(P).toBeLessThan(2502);
    expect(weth.pools).toBe(2);
    expect(weth.depthUsd).toBeGreaterThan(10e6);
  });

  it("prices a token without a stablecoin pool through its connections; leaves unconnected tokens out", () => {
    const edges = [v2(USDC, WETH, 1, 2500, 10e6), v2(WETH, LINK, 2500, 15, 1e6), v2(ORPHAN, OTHER, 1, 1, 1e6)];
    const { prices } = computeUsdPrices(edges, [...TOKENS, { address: OTHER, symbol: "OTHER", decimals: 18, stable: false }]);
    expect(prices.get(LINK)!.priceUsd).toBeCloseTo(15, 6);
    expect(prices.has(ORPHAN)).toBe(false);
    expect(prices.has(OTHER)).toBe(false);
  });

  it("returns nothing without a stablecoin pool, and skips empty pools", () => {
    expect(computeUsdPrices([v2(WETH, LINK, 2500, 15, 1e6)], TOKENS).prices.size).toBe(0);
    const empty: PoolEdge = { ...v2(USDC, WETH, 1, 2500, 1e6), reserve0: 0n } as PoolEdge;
    expect(computeUsdPrices([empty], TOKENS).prices.size).toBe(0);
  });

  it("reads a V3 pool's mid price and its virtual depth at the price", () => {
    // USDC (6) / WETH (18) at 2,500 USDC per WETH: token1 per token0 in base units = 1e12 / 2500.
    const tick = Math.round(Math.log(1e12 / 2500) / Math.log(1.0001));
    const sqrt = getSqrtRatioAtTick(tick);
    const edge: PoolEdge = {
      kind: "v3", id: A(999), venue: "v3", token0: USDC, token1: WETH, feePips: 500,
      state: { sqrtPriceX96: sqrt, tick, liquidity: 10n ** 18n, fee: 500, tickSpacing: 10, ticks: [] },
    };
    const { prices } = computeUsdPrices([edge], TOKENS);
    expect(prices.get(WETH)!.priceUsd / prices.get(USDC)!.priceUsd).toBeCloseTo(2500, 0);
    const { depth0, depth1 } = edgeDepth(edge, 6, 18);
    // Virtual reserves x = L/√P, y = L·√P: equal USD value on both sides at the mid price.
    expect(depth0 / (depth1 * 2500)).toBeCloseTo(1, 3);
  });
});
