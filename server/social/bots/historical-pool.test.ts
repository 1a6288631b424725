import { describe, expect, it } from "vitest";
import { getAmountOut, priceImpactBps, swapOnPool, toE18, virtualPool } from "./historical-pool";

describe("toE18", () => {
  it("is exact for CSV-style decimals", () => {
    expect(toE18(3442.01)).toBe(3_442_010_000_000_000_000_000n);
    expect(toE18(0.1)).toBe(100_000_000_000_000_000n);
    expect(toE18(61_234.5)).toBe(61_234_500_000_000_000_000_000n);
    expect(toE18(1e-7)).toBe(100_000_000_000n);
  });
  it("rejects non-positive prices", () => {
    expect(() => toE18(0)).toThrow(RangeError);
    expect(() => toE18(Number.NaN)).toThrow(RangeError);
  });
});

describe("virtualPool", () => {
  it("holds depthUsd per side at the close (mid price = close)", () => {
    // $5M per side at ETH = $2,500: 5,000,000 × 10^6 USDC units, 2,000 ETH = 2,000 × 10^18 wei.
    const pool = virtualPool(toE18(2500), 5_000_000n, 6, 18);
    expect(pool.reserveUsdcRaw).toBe(5_000_000_000_000n);
    expect(pool.reserveAssetRaw).toBe(2_000n * 10n ** 18n);
  });
  it("rounds the asset reserve down", () => {
    // 5,000,000 / 3 = 1,666,666.66… whole units of an 0-decimal asset → 1,666,666.
    expect(virtualPool(toE18(3), 5_000_000n, 6, 0).reserveAssetRaw).toBe(1_666_666n);
  });
});

describe("getAmountOut (Uniswap V2, 0.3 % fee)", () => {
  it("matches the hand-worked constant-product formula", () => {
    // in 1,000 into 10,000 / 10,000: 1000·997·10000 / (10000·1000 + 1000·997) = 9,970,000,000 / 10,997,000 = 906.61… → 906.
    expect(getAmountOut(1_000n, 10_000n, 10_000n)).toBe(906n);
  });
  it("rounds down and keeps x·y from falling", () => {
    const rIn = 5_000_000_000_000n;
    const rOut = 2_000n * 10n ** 18n;
    const amountIn = 10_000_000_000n; // 10,000 USDC
    const out = getAmountOut(amountIn, rIn, rOut);
    // exact: 10^10·997·2·10^21 / (5·10^12·1000 + 10^10·997)
    const num = amountIn * 997n * rOut;
    const den = rIn * 1000n + amountIn * 997n;
    expect(out).toBe(num / den);
    expect(out * den <= num).toBe(true);
    expect((out + 1n) * den > num).toBe(true);
    expect((rIn + amountIn) * (rOut - out) >= rIn * rOut).toBe(true);
  });
  it("charges the fee: a tiny trade gets 99.7 % of the mid price", () => {
    // 1 ETH into 2,000 ETH / 5M USDC: mid 2,500 USDC; fee → 2,492.5; impact of 1/2000 → 2,491.25…
    const out = getAmountOut(10n ** 18n, 2_000n * 10n ** 18n, 5_000_000_000_000n);
    expect(out).toBe((10n ** 18n * 997n * 5_000_000_000_000n) / (2_000n * 10n ** 18n * 1000n + 10n ** 18n * 997n));
    expect(Number(out) / 1e6).toBeCloseTo(2491.255, 2);
  });
  it("rejects empty input or reserves", () => {
    expect(() => getAmountOut(0n, 1n, 1n)).toThrow(RangeError);
    expect(() => getAmountOut(1n, 0n, 1n)).toThrow(RangeError);
  });
});

describe("priceImpactBps", () => {
  it("includes the fee and rounds up", () => {
    // 1,000 into 10,000/10,000: mid 1,000, out 906 → loss 94/1000 = 940 bps exactly.
    expect(priceImpactBps(1_000n, 906n, 10_000n, 10_000n)).toBe(940);
    // 3 into 4/4: mid 3, out 2 → loss 1/3 = 3,333.3… bps → 3,334.
    expect(priceImpactBps(3n, 2n, 4n, 4n)).toBe(3334);
  });
  it("is 0 when nothing is lost", () => {
    expect(priceImpactBps(10n, 10n, 100n, 100n)).toBe(0);
  });
  it("is about 30 bps + size for a $10k buy in a $5M-a-side pool", () => {
    const pool = virtualPool(toE18(2500), 5_000_000n, 6, 18);
    const s = swapOnPool(pool, "buy", 10_000_000_000n);
    // fee 30 bps + 10k/5M = 20 bps (≈ 49.9 bps) → 50 after rounding up.
    expect(s.priceImpactBps).toBe(50);
    expect(s.reserveIn).toBe(pool.reserveUsdcRaw);
  });
  it("sell goes asset → USDC", () => {
    const pool = virtualPool(toE18(2500), 5_000_000n, 6, 18);
    const s = swapOnPool(pool, "sell", 10n ** 18n);
    expect(s.amountOut).toBe(getAmountOut(10n ** 18n, pool.reserveAssetRaw, pool.reserveUsdcRaw));
    expect(s.amountOut < 2_500_000_000n).toBe(true);
  });
});
