import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getAmountOut, UNISWAP_V2_FEE } from "@/server/defi/math/v2";
import { getSqrtRatioAtTick } from "@/server/defi/math/tick-math";
import { simulateV3Swap } from "@/server/defi/math/v3-pool";
import { edgeMidPrice } from "@/server/defi/routing/route";
import type { Addr, V2Edge, V3Edge } from "@/server/defi/routing/types";
import { planKeeperTrades, sqrtPriceX96ForPrice, targetPoolPrice, v2AmountInForPrice } from "./keeper";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Addr;
const USDC = A(1), USDT = A(2), WETH = A(4);
const dec = new Map<Addr, number>([[USDC, 6], [USDT, 6], [WETH, 18]]);

// 10M USDC / 4,000 WETH: 2,500 USDC per WETH.
const v2: V2Edge = { kind: "v2", id: A(10), venue: "uniswap-v2", token0: USDC, token1: WETH, feePips: 3000, reserve0: 10_000_000n * 10n ** 6n, reserve1: 4_000n * 10n ** 18n, fee: UNISWAP_V2_FEE };
// One position ±1,200 ticks around 2,500 USDC per WETH.
const tick0 = Math.round(Math.log(1e12 / 2500) / Math.log(1.0001) / 60) * 60;
const L = 10n ** 19n;
const v3: V3Edge = {
  kind: "v3", id: A(11), venue: "uniswap-v3", token0: USDC, token1: WETH, feePips: 3000,
  state: { sqrtPriceX96: getSqrtRatioAtTick(tick0), tick: tick0, liquidity: L, fee: 3000, tickSpacing: 60, ticks: [{ index: tick0 - 1200, liquidityNet: L }, { index: tick0 + 1200, liquidityNet: -L }] },
};
const usd = (weth: number) => new Map<Addr, number>([[USDC, 1], [USDT, 1], [WETH, weth]]);

function applyV2(edge: V2Edge, tokenIn: Addr, amountIn: bigint): V2Edge {
  const zf = tokenIn === edge.token0;
  const out = getAmountOut(amountIn, zf ? edge.reserve0 : edge.reserve1, zf ? edge.reserve1 : edge.reserve0);
  return zf ? { ...edge, reserve0: edge.reserve0 + amountIn, reserve1: edge.reserve1 - out } : { ...edge, reserve0: edge.reserve0 - out, reserve1: edge.reserve1 + amountIn };
}

describe("planKeeperTrades", () => {
  it.each([2600, 2400, 2501, 3500, 1200])("V2: one swap moves the pool to WETH = %d within 0.01 bp", (target) => {
    const [t] = planKeeperTrades([v2], usd(target), dec);
    expect(t).toBeDefined();
    // WETH up = USDC per WETH up = token1 (WETH) per token0 (USDC) down: sell USDC.
    expect(t!.tokenIn).toBe(target > 2500 ? USDC : WETH);
    const after = applyV2(v2, t!.tokenIn, t!.amountIn);
    const goal = targetPoolPrice(v2, usd(target), dec)!;
    expect(Math.abs(edgeMidPrice(after, USDC) / goal - 1)).toBeLessThan(1e-6);
    expect(t!.expectedOut).toBe(getAmountOut(t!.amountIn, t!.tokenIn === USDC ? v2.reserve0 : v2.reserve1, t!.tokenIn === USDC ? v2.reserve1 : v2.reserve0));
  });

  it.each([2600, 2400, 2501, 2900])("V3: the simulated swap with the planned limit stops exactly at WETH = %d", (target) => {
    const [t] = planKeeperTrades([v3], usd(target), dec);
    expect(t!.sqrtPriceLimitX96).not.toBeNull();
    const zf = t!.tokenIn === USDC;
    // Sending more than needed changes nothing: the pool stops at the limit.
    const r = simulateV3Swap(v3.state, zf, t!.amountIn * 2n, t!.sqrtPriceLimitX96!);
    expect(r.sqrtPriceX96).toBe(t!.sqrtPriceLimitX96);
    expect(zf ? r.amount0 : r.amount1).toBe(t!.amountIn);
    const after: V3Edge = { ...v3, state: { ...v3.state, sqrtPriceX96: r.sqrtPriceX96, tick: r.tick, liquidity: r.liquidity } };
    expect(Math.abs(edgeMidPrice(after, USDC) / targetPoolPrice(v3, usd(target), dec)! - 1)).toBeLessThan(1e-9);
  });

  it("leaves pools within the tolerance, pools between two anchors, and pools without targets", () => {
    expect(planKeeperTrades([v2], usd(2500.2), dec, { toleranceBps: 2 })).toEqual([]);
    expect(planKeeperTrades([v2], usd(2501), dec, { toleranceBps: 2 })).toHaveLength(1);
    const stable: V2Edge = { ...v2, id: A(12), token1: USDT, reserve1: 9_990_000n * 10n ** 6n };
    expect(planKeeperTrades([stable], usd(2500), dec, { anchors: new Set([USDC, USDT]) })).toEqual([]);
    expect(planKeeperTrades([stable], usd(2500), dec)).toHaveLength(1);
    expect(planKeeperTrades([v2], new Map([[USDC, 1]]), dec)).toEqual([]);
  });

  it("property: V2 sizing lands within 1e-6 of any target between ×0.2 and ×5", () => {
    fc.assert(
      fc.property(fc.double({ min: Math.log(0.2), max: Math.log(5), noNaN: true }), (lnMove) => {
        const target = 2500 * Math.exp(lnMove);
        const trades = planKeeperTrades([v2], usd(target), dec, { toleranceBps: 0.1 });
        if (Math.abs(lnMove) < 1e-5) return;
        const after = applyV2(v2, trades[0]!.tokenIn, trades[0]!.amountIn);
        expect(Math.abs(edgeMidPrice(after, USDC) / targetPoolPrice(v2, usd(target), dec)! - 1)).toBeLessThan(1e-6);
      }),
    );
  });
});

describe("helpers", () => {
  it("v2AmountInForPrice is 0 when the price is already past the target", () => {
    expect(v2AmountInForPrice(1000n, 1000n, 0.997, 2)).toBe(0n);
  });
  it("sqrtPriceX96ForPrice matches the tick math within 1e-12", () => {
    for (const tick of [-200_000, -1, 0, 1, 50_000, 300_000]) {
      const s = getSqrtRatioAtTick(tick);
      const price = (Number(s) / 2 ** 96) ** 2;
      expect(Number(sqrtPriceX96ForPrice(price)) / Number(s)).toBeCloseTo(1, 12);
    }
  });
});
