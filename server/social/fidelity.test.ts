import { describe, expect, it } from "vitest";
import { compareFills, fidelityByLeader, quantile, summarizeFidelity, type Fill, type FillComparison } from "./fidelity";

const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
// Leader buys 1 ETH with 3,000 USDC at t = 1,000,000 ms, block 100.
const leaderBuy: Fill = { tokenIn: "USDC", tokenOut: "ETH", amountInRaw: 3000n * E6, amountOutRaw: E18, timestampMs: 1_000_000, blockNumber: 100n };

describe("compareFills", () => {
  it("buy: the follower got less ETH per USDC → positive (worse)", () => {
    // follower: 300 USDC → 0.0997 ETH. Rates: leader 1/3000, follower 0.0997/300 = 0.997/3000
    // diff = (1 − 0.997) × 10,000 = 30 bps; 12 s and 1 block later.
    const f: Fill = { tokenIn: "USDC", tokenOut: "ETH", amountInRaw: 300n * E6, amountOutRaw: 997n * 10n ** 14n, timestampMs: 1_012_000, blockNumber: 101n };
    const c = compareFills(leaderBuy, f);
    expect(c.diffBps).toBeCloseTo(30, 9);
    expect(c.delayMs).toBe(12_000);
    expect(c.delayBlocks).toBe(1);
  });
  it("buy: the follower got more → negative (better); no blocks → null", () => {
    const f: Fill = { tokenIn: "USDC", tokenOut: "ETH", amountInRaw: 300n * E6, amountOutRaw: 1003n * 10n ** 14n, timestampMs: 1_000_500 };
    const c = compareFills(leaderBuy, f);
    expect(c.diffBps).toBeCloseTo(-30, 9);
    expect(c.delayBlocks).toBeNull();
  });
  it("sell: USDC per ETH", () => {
    // leader 1 ETH → 3,000 USDC; follower 0.5 ETH → 1,497 USDC = 2,994 per ETH; 1 − 2994/3000 = 0.002 → 20 bps
    const l: Fill = { tokenIn: "ETH", tokenOut: "USDC", amountInRaw: E18, amountOutRaw: 3000n * E6, timestampMs: 0 };
    const f: Fill = { tokenIn: "ETH", tokenOut: "USDC", amountInRaw: E18 / 2n, amountOutRaw: 1497n * E6, timestampMs: 2_000 };
    expect(compareFills(l, f).diffBps).toBeCloseTo(20, 9);
  });
  it("rejects a different pair or direction, and empty fills", () => {
    expect(() => compareFills(leaderBuy, { ...leaderBuy, tokenIn: "ETH", tokenOut: "USDC" })).toThrow(/same tokens/);
    expect(() => compareFills(leaderBuy, { ...leaderBuy, amountInRaw: 0n })).toThrow(/positive/);
  });
});

describe("aggregate fidelity", () => {
  const row = (diffBps: number, delayMs: number, delayBlocks: number | null = null): FillComparison => ({ diffBps, delayMs, delayBlocks });
  it("count, mean, median, p90, min, max, histogram, mean delay", () => {
    // sorted diffs −30, 5, 20, 30, 100: mean 125 / 5 = 25, median 20,
    // p90 at rank 0.9 × 4 = 3.6 → 30 + 0.6 × (100 − 30) = 72
    const s = summarizeFidelity([row(30, 1000, 1), row(-30, 3000, 3), row(20, 2000), row(5, 4000), row(100, 5000)]);
    expect(s.count).toBe(5);
    expect(s.meanBps).toBe(25);
    expect(s.medianBps).toBe(20);
    expect(s.p90Bps).toBeCloseTo(72, 9);
    expect(s.minBps).toBe(-30);
    expect(s.maxBps).toBe(100);
    expect(s.meanDelayMs).toBe(3000);
    expect(s.meanDelayBlocks).toBe(2);
    const counts = Object.fromEntries(s.histogram.filter((b) => b.count > 0).map((b) => [`${b.fromBps}..${b.toBps}`, b.count]));
    expect(counts).toEqual({ "-50..-25": 1, "5..10": 1, "10..25": 1, "25..50": 1, "100..Infinity": 1 });
    expect(s.histogram.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(s.histogram[0]).toEqual({ fromBps: -Infinity, toBps: -50, count: 0 });
  });
  it("bucket edges belong to the upper bucket; far outliers land in the open ends", () => {
    const s = summarizeFidelity([row(0, 0), row(-5, 0), row(-1000, 0), row(1e6, 0)]);
    const at = (from: number) => s.histogram.find((b) => b.fromBps === from)!.count;
    expect(at(0)).toBe(1);
    expect(at(-5)).toBe(1);
    expect(at(-Infinity)).toBe(1);
    expect(at(100)).toBe(1);
  });
  it("empty", () => {
    const s = summarizeFidelity([]);
    expect(s).toMatchObject({ count: 0, meanBps: null, medianBps: null, p90Bps: null, minBps: null, maxBps: null, meanDelayMs: null, meanDelayBlocks: null });
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
  it("per leader, from the fill pairs", () => {
    const worse: Fill = { ...leaderBuy, amountInRaw: 300n * E6, amountOutRaw: 997n * 10n ** 14n, timestampMs: 1_010_000 };
    const same: Fill = { ...leaderBuy, amountInRaw: 300n * E6, amountOutRaw: E18 / 10n, timestampMs: 1_002_000 };
    const m = fidelityByLeader([
      { leaderId: "zed", leader: leaderBuy, follower: worse },
      { leaderId: "amy", leader: leaderBuy, follower: same },
      { leaderId: "zed", leader: leaderBuy, follower: same },
    ]);
    expect([...m.keys()]).toEqual(["amy", "zed"]);
    expect(m.get("amy")!.meanBps).toBeCloseTo(0, 9);
    expect(m.get("zed")!.count).toBe(2);
    expect(m.get("zed")!.meanBps).toBeCloseTo(15, 9); // (30 + 0) / 2
    expect(m.get("zed")!.meanDelayMs).toBe(6000); // (10,000 + 2,000) / 2
  });
});
