import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawdownBps } from "@/server/automation/breakers";
import { usdToRawDown } from "@/server/automation/sizing";
import { copySettingsSchema } from "@/lib/schemas/social-core";
import { decideCopy, type CopySettings, type FollowerCopyState, type LeaderTrade } from "./copy-sizing";

const settings: CopySettings = { allocatedUsd: 2000, mode: "proportional", maxPerTradeUsd: null, copyStopLossBps: 2000, paused: false };
const follower: FollowerCopyState = { allocationEquityUsd: 2000, allocationPeakUsd: 2000, usedAllocationUsd: 0, tokenInBalanceRaw: 2000_000_000n, tokenInPriceUsd: 1, tokenInDecimals: 6 };
// Leader buys ETH with $5,000 of USDC out of a $100,000 book: 5 % of its equity.
const buy: LeaderTrade = { side: "buy", tokenIn: "USDC", tokenOut: "ETH", amountInRaw: 5000_000_000n, valueUsd: 5000, leaderEquityUsd: 100_000 };

describe("copy sizing: scenarios", () => {
  it("the form/router schema's output is the core's CopySettings", () => {
    // A type-level check too: this assignment fails tsc if the two drift apart.
    const parsed: CopySettings = copySettingsSchema.parse({ allocatedUsd: "2000", maxPerTradeUsd: "50", copyStopLossBps: 2000 });
    expect(decideCopy(parsed, buy, follower)).toMatchObject({ action: "copy", amountInRaw: 50_000_000n, cappedBy: "max_per_trade" });
  });
  it("proportional: the leader's share of its equity × the copy equity", () => {
    // 5,000 / 100,000 = 5 % × $2,000 = $100 → 100 USDC = 100,000,000 units
    const d = decideCopy(settings, buy, follower);
    expect(d).toMatchObject({ action: "copy", amountInRaw: 100_000_000n, usd: 100, cappedBy: null });
    // The copy equity has grown to $3,000: 5 % × 3,000 = $150
    expect(decideCopy(settings, buy, { ...follower, allocationEquityUsd: 3000, allocationPeakUsd: 3000 })).toMatchObject({ amountInRaw: 150_000_000n });
  });
  it("rounds down to base units through usdToRawDown", () => {
    // $100 of a token at $3 with 18 decimals: floor(100e18 / 3)
    const d = decideCopy(settings, buy, { ...follower, tokenInPriceUsd: 3, tokenInDecimals: 18, tokenInBalanceRaw: 10n ** 30n });
    expect(d).toMatchObject({ action: "copy", amountInRaw: 33_333_333_333_333_333_333n });
  });
  it("fixed: a fixed USD per trade", () => {
    expect(decideCopy({ ...settings, mode: "fixed", fixedTradeUsd: 25 }, buy, follower)).toMatchObject({ action: "copy", amountInRaw: 25_000_000n });
    expect(decideCopy({ ...settings, mode: "fixed" }, buy, follower)).toMatchObject({ action: "skip", code: "no_size" });
  });
  it("caps: per-trade maximum, then the allocation remaining, then the balance", () => {
    expect(decideCopy({ ...settings, maxPerTradeUsd: 50 }, buy, follower)).toMatchObject({ amountInRaw: 50_000_000n, cappedBy: "max_per_trade" });
    // allocated 2,000, used 1,980 → $20 left
    expect(decideCopy({ ...settings, maxPerTradeUsd: 50 }, buy, { ...follower, usedAllocationUsd: 1980 })).toMatchObject({ amountInRaw: 20_000_000n, cappedBy: "allocation" });
    // only 10 USDC in the wallet
    expect(decideCopy(settings, buy, { ...follower, tokenInBalanceRaw: 10_000_000n })).toMatchObject({ amountInRaw: 10_000_000n, cappedBy: "balance" });
    expect(decideCopy(settings, buy, { ...follower, usedAllocationUsd: 2000 })).toMatchObject({ action: "skip", code: "allocation_exhausted" });
    expect(decideCopy(settings, buy, { ...follower, tokenInBalanceRaw: 0n })).toMatchObject({ action: "skip", code: "no_balance" });
  });
  it("skips what it cannot size: unknown leader equity, dust, below the minimum", () => {
    expect(decideCopy(settings, { ...buy, leaderEquityUsd: 0 }, follower)).toMatchObject({ action: "skip", code: "no_size" });
    // $100 of a token at $1e12 with 0 decimals rounds down to 0 units
    expect(decideCopy(settings, buy, { ...follower, tokenInPriceUsd: 1e12, tokenInDecimals: 0 })).toMatchObject({ action: "skip", code: "no_size" });
    expect(decideCopy({ ...settings, minTradeUsd: 150 }, buy, follower)).toMatchObject({ action: "skip", code: "too_small" });
  });
  it("a proportional sell sells the leader's fraction of the copied position, uncapped by the buy limits", () => {
    const eth = { ...follower, tokenInBalanceRaw: 3n * 10n ** 17n, tokenInPriceUsd: 2000, tokenInDecimals: 18 };
    const sell: LeaderTrade = { side: "sell", tokenIn: "ETH", tokenOut: "USDC", amountInRaw: 10n ** 18n, valueUsd: 2000, leaderEquityUsd: 100_000, leaderBalanceInRaw: 4n * 10n ** 18n };
    // leader sold 1 of 4 ETH = 2,500 bps → 0.3 ETH × 25 % = 0.075 ETH
    expect(decideCopy(settings, sell, eth)).toMatchObject({ action: "copy", amountInRaw: 75_000_000_000_000_000n });
    // leader closes its position → the copy closes exactly, even with a $10 per-trade maximum
    expect(decideCopy({ ...settings, maxPerTradeUsd: 10 }, { ...sell, amountInRaw: 4n * 10n ** 18n }, eth)).toMatchObject({ action: "copy", amountInRaw: 3n * 10n ** 17n, usd: 600 });
    // 1/3 → floor(10,000 / 3) = 3,333 bps of 1 ETH = 0.3333 ETH
    expect(decideCopy(settings, { ...sell, amountInRaw: 10n ** 18n, leaderBalanceInRaw: 3n * 10n ** 18n }, { ...eth, tokenInBalanceRaw: 10n ** 18n })).toMatchObject({ amountInRaw: 333_300_000_000_000_000n });
    // without the leader's balance a sell is sized like a buy (5 % × 2,000 = $100 of ETH at $2,000)
    expect(decideCopy(settings, { ...sell, valueUsd: 5000, leaderBalanceInRaw: undefined }, eth)).toMatchObject({ amountInRaw: 5n * 10n ** 16n });
  });
  it("copy stop-loss: stop at the configured drawdown, even while paused", () => {
    // peak $2,000, equity $1,600: (2000 − 1600) / 2000 = 20 % = 2,000 bps ≥ 2,000 → stop
    const down = { ...follower, allocationEquityUsd: 1600 };
    expect(decideCopy(settings, buy, down)).toMatchObject({ action: "stop", drawdownBps: 2000 });
    expect(decideCopy({ ...settings, paused: true }, buy, down)).toMatchObject({ action: "stop" });
    expect(decideCopy({ ...settings, copyStopLossBps: 2001 }, buy, down)).toMatchObject({ action: "copy" });
    expect(decideCopy({ ...settings, copyStopLossBps: null }, buy, down)).toMatchObject({ action: "copy" });
    // no peak yet: the equity is the peak
    expect(decideCopy(settings, buy, { ...follower, allocationPeakUsd: null, allocationEquityUsd: 10 })).toMatchObject({ action: "copy" });
  });
  it("paused never copies", () => {
    expect(decideCopy({ ...settings, paused: true }, buy, follower)).toMatchObject({ action: "skip", code: "paused" });
  });
});

// Dollars and cents up to $10M (fast-check's raw doubles are mostly subnormal or huge edge cases).
const usd = fc.integer({ min: 0, max: 1_000_000_000 }).map((c) => c / 100);
const settingsArb = fc.record({
  allocatedUsd: usd,
  mode: fc.constantFrom("proportional" as const, "fixed" as const),
  fixedTradeUsd: usd,
  maxPerTradeUsd: fc.option(usd, { nil: null }),
  copyStopLossBps: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
  paused: fc.boolean(),
  minTradeUsd: fc.double({ min: 0, max: 10, noNaN: true }),
});
const leaderArb = fc.record({
  side: fc.constantFrom("buy" as const, "sell" as const),
  tokenIn: fc.constant("A"),
  tokenOut: fc.constant("B"),
  amountInRaw: fc.bigInt({ min: 1n, max: 10n ** 24n }),
  valueUsd: usd,
  leaderEquityUsd: usd,
  leaderBalanceInRaw: fc.option(fc.bigInt({ min: 1n, max: 10n ** 24n }), { nil: undefined }),
});
const followerArb = fc.record({
  allocationEquityUsd: usd,
  allocationPeakUsd: fc.option(usd, { nil: null }),
  usedAllocationUsd: usd,
  tokenInBalanceRaw: fc.bigInt({ min: 0n, max: 10n ** 26n }),
  tokenInPriceUsd: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
  tokenInDecimals: fc.integer({ min: 0, max: 18 }),
});

describe("copy sizing: properties", () => {
  const copies = { buy: 0, sell: 0 };
  it("a copied buy never exceeds the allocation remaining, the per-trade maximum or the balance; no copy exceeds the balance", () => {
    fc.assert(
      // Neither paused nor stopped, so the caps are what is exercised.
      fc.property(settingsArb, leaderArb, followerArb, (settings0, l, f) => {
        const s = { ...settings0, paused: false, copyStopLossBps: null };
        const d = decideCopy(s, l, f);
        if (d.action === "copy") copies[l.side]++;
        if (d.action !== "copy") return;
        expect(d.amountInRaw > 0n).toBe(true);
        expect(d.amountInRaw <= f.tokenInBalanceRaw).toBe(true);
        if (l.side === "buy") {
          const remaining = Math.max(0, s.allocatedUsd - f.usedAllocationUsd);
          expect(d.amountInRaw <= usdToRawDown(remaining, f.tokenInPriceUsd, f.tokenInDecimals)).toBe(true);
          if (s.maxPerTradeUsd !== null) expect(d.amountInRaw <= usdToRawDown(s.maxPerTradeUsd, f.tokenInPriceUsd, f.tokenInDecimals)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    // The property is not vacuous: both sides were copied many times.
    expect(copies.buy).toBeGreaterThan(50);
    expect(copies.sell).toBeGreaterThan(50);
  });
  it("stops exactly when the drawdown of the copy allocation reaches the configured bps", () => {
    fc.assert(
      fc.property(settingsArb, leaderArb, followerArb, (s, l, f) => {
        const d = decideCopy(s, l, f);
        const peak = f.allocationPeakUsd === null ? f.allocationEquityUsd : Math.max(f.allocationPeakUsd, f.allocationEquityUsd);
        const hit = s.copyStopLossBps !== null && drawdownBps(peak, f.allocationEquityUsd) >= s.copyStopLossBps;
        expect(d.action === "stop").toBe(hit);
      }),
      { numRuns: 500 },
    );
  });
  it("at the boundary: drawdown = limit stops, one dollar less does not", () => {
    // peak = k × 10,000 dollars, equity = peak − k × limit: drawdown exactly `limit` bps
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 2, max: 1_000 }), (limit, k) => {
        const peak = k * 10_000;
        const s = { ...settings, copyStopLossBps: limit };
        expect(decideCopy(s, buy, { ...follower, allocationPeakUsd: peak, allocationEquityUsd: peak - k * limit }).action).toBe("stop");
        expect(decideCopy(s, buy, { ...follower, allocationPeakUsd: peak, allocationEquityUsd: peak - k * limit + 1 }).action).not.toBe("stop");
      }),
    );
  });
  it("paused never copies", () => {
    fc.assert(
      fc.property(settingsArb, leaderArb, followerArb, (s, l, f) => {
        expect(decideCopy({ ...s, paused: true }, l, f).action).not.toBe("copy");
      }),
      { numRuns: 300 },
    );
  });
});
