import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "@/server/portfolio/types";
import { computeRoundTrips, summarizeRoundTrips, type VerifiedTrade } from "./round-trips";

const isStable = (a: string) => a === "USDC" || a === "DAI";
const E18 = 10n ** 18n;
const day = (n: number) => n * MS_PER_DAY;

describe("round trips by FIFO lots", () => {
  it("swap between two non-stable assets: a sale of one and a purchase of the other, fee charged once", () => {
    // t1 buy 1 ETH for $1000, fee $1 → lot ETH cost 1001
    // t2 swap 1 ETH → 0.05 BTC worth $1200, fee $2 → ETH round trip: 1198 − 1001 = +197;
    //    BTC lot cost 1200 (the fee was charged to the ETH proceeds, not again to the BTC lot)
    // t3 sell 0.05 BTC for $1100 → BTC round trip 1100 − 1200 = −100, held 3 days
    const trades: VerifiedTrade[] = [
      { id: "t1", timestampMs: day(10), assetIn: "USDC", amountInRaw: 1000n, assetOut: "ETH", amountOutRaw: E18, valueUsd: 1000, feeUsd: 1 },
      { id: "t2", timestampMs: day(12), assetIn: "ETH", amountInRaw: E18, assetOut: "BTC", amountOutRaw: 5_000_000n, valueUsd: 1200, feeUsd: 2 },
      { id: "t3", timestampMs: day(15), assetIn: "BTC", amountInRaw: 5_000_000n, assetOut: "DAI", amountOutRaw: 1100n, valueUsd: 1100, feeUsd: 0 },
    ];
    const rt = computeRoundTrips(trades, isStable);
    expect(rt.map((r) => [r.tradeId, r.assetId, r.pnlUsd])).toEqual([
      ["t2", "ETH", 197],
      ["t3", "BTC", -100],
    ]);
    expect(rt[0]!.holdingMs).toBe(day(2));
    expect(rt[1]!.holdingMs).toBe(day(3));
    const s = summarizeRoundTrips(rt, 9, 20);
    expect(s).toEqual({ closed: 2, wins: 1, winRate: 0.5, avgHoldingMs: (day(2) * 1001 + day(3) * 1200) / 2201, realisedPnlUsd: 97 });
  });
  it("is order-independent on input (sorted by time, then id) and ignores disposals without lots", () => {
    const trades: VerifiedTrade[] = [
      { id: "b", timestampMs: day(2), assetIn: "ETH", amountInRaw: E18, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 1500, feeUsd: 0 },
      { id: "a", timestampMs: day(1), assetIn: "USDC", amountInRaw: 1n, assetOut: "ETH", amountOutRaw: E18, valueUsd: 1000, feeUsd: 0 },
      // sold before anything was bought in the record: no known cost → not a round trip
      { id: "0", timestampMs: day(0), assetIn: "SOL", amountInRaw: 5n, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 500, feeUsd: 0 },
    ];
    const rt = computeRoundTrips(trades, isStable);
    expect(rt).toHaveLength(1);
    expect(rt[0]!.pnlUsd).toBe(500);
    expect(computeRoundTrips([...trades].reverse(), isStable)).toEqual(rt);
  });
  it("an exactly break-even round trip is not a win; a zero-cost lot weights holding time by quantity", () => {
    const trades: VerifiedTrade[] = [
      { id: "1", timestampMs: day(1), assetIn: "USDC", amountInRaw: 1n, assetOut: "ETH", amountOutRaw: 2n, valueUsd: 100, feeUsd: 0 },
      { id: "2", timestampMs: day(3), assetIn: "ETH", amountInRaw: 2n, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 100, feeUsd: 0 },
      { id: "3", timestampMs: day(4), assetIn: "USDC", amountInRaw: 0n, assetOut: "AIR", amountOutRaw: 10n, valueUsd: 0, feeUsd: 0 },
      { id: "4", timestampMs: day(6), assetIn: "AIR", amountInRaw: 10n, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 5, feeUsd: 0 },
    ];
    const rt = computeRoundTrips(trades, isStable);
    expect(rt.map((r) => r.pnlUsd)).toEqual([0, 5]);
    expect(rt[1]!.holdingMs).toBe(day(2));
    const s = summarizeRoundTrips(rt, 0, 10);
    expect(s.wins).toBe(1);
    // weights: 100 and 0 → the zero-cost trip does not move the cost-weighted mean
    expect(s.avgHoldingMs).toBe(day(2));
    expect(summarizeRoundTrips(rt.slice(1), 0, 10).avgHoldingMs).toBe(day(2));
    expect(summarizeRoundTrips(rt, 10, 20)).toEqual({ closed: 0, wins: 0, winRate: null, avgHoldingMs: null, realisedPnlUsd: 0 });
  });
  it("partial lots keep their remaining cost (pro rata by quantity)", () => {
    // buy 3 units for $300; sell 1 for $150 (cost 100, +50); sell 2 for $150 (cost 200, −50)
    const trades: VerifiedTrade[] = [
      { id: "1", timestampMs: day(1), assetIn: "USDC", amountInRaw: 1n, assetOut: "X", amountOutRaw: 3n, valueUsd: 300, feeUsd: 0 },
      { id: "2", timestampMs: day(2), assetIn: "X", amountInRaw: 1n, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 150, feeUsd: 0 },
      { id: "3", timestampMs: day(3), assetIn: "X", amountInRaw: 2n, assetOut: "USDC", amountOutRaw: 1n, valueUsd: 150, feeUsd: 0 },
    ];
    const rt = computeRoundTrips(trades, isStable);
    expect(rt[0]!.costUsd).toBeCloseTo(100, 9);
    expect(rt[0]!.pnlUsd).toBeCloseTo(50, 9);
    expect(rt[1]!.costUsd).toBeCloseTo(200, 9);
    expect(rt[1]!.pnlUsd).toBeCloseTo(-50, 9);
  });
});
