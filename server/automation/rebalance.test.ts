import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDrift, applyRebalanceDecision, assertTargets, decideRebalance, planRebalance, sharesToBps, summarizePlanCosts, type RebalancePlan } from "./rebalance";
import { usdToRawDown } from "./sizing";
import type { Addr, Holding, RebalanceConfig } from "./types";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Addr;
const WETH = addr(1);
const USDC = addr(2);
const WBTC = addr(3);
const LINK = addr(4);
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
const h = (token: Addr, symbol: string, decimals: number, amountRaw: bigint, priceUsd: number): Holding => ({ token, symbol, decimals, amountRaw, priceUsd });
const base = { thresholdBps: 500, minTradeUsd: 0 };

describe("targets", () => {
  it("must be whole bps summing to 10,000, one per token", () => {
    expect(() => assertTargets([{ token: WETH, weightBps: 6000 }, { token: USDC, weightBps: 3999 }])).toThrow(/sum to 9999/);
    expect(() => assertTargets([{ token: WETH, weightBps: 5000 }, { token: WETH, weightBps: 5000 }])).toThrow(/two targets/);
    expect(() => assertTargets([{ token: WETH, weightBps: 10_000.5 }])).toThrow(/whole/);
    expect(() => assertTargets([{ token: WETH, weightBps: 10_000 }])).not.toThrow();
  });
  it("largest remainder rounding sums to exactly 10,000", () => {
    expect(sharesToBps([1 / 3, 1 / 3, 1 / 3])).toEqual([3334, 3333, 3333]);
    expect(sharesToBps([0.66666, 0.33334])).toEqual([6667, 3333]);
  });
});

describe("scenario eth-usdc-60-40: 75/25 drifts 1,500 bps, one sell of 0.6 WETH", () => {
  // 3 WETH × $2,000 = $6,000 and 2,000 USDC = $2,000: total $8,000, weights 75 % / 25 %.
  // Target 60/40 → WETH target $4,800: sell $1,200 = 0.6 WETH for 1,200 USDC.
  const holdings = [h(WETH, "WETH", 18, 3n * E18, 2000), h(USDC, "USDC", 6, 2000n * E6, 1)];
  const targets = [{ token: WETH, weightBps: 6000 }, { token: USDC, weightBps: 4000 }];
  it("drift analysis", () => {
    const a = analyzeDrift(holdings, targets, 500);
    expect(a.totalUsd).toBeCloseTo(8000, 9);
    expect(a.assets.map((x) => [x.symbol, x.weightBps, x.targetBps, x.driftBps])).toEqual([
      ["WETH", 7500, 6000, 1500],
      ["USDC", 2500, 4000, -1500],
    ]);
    expect(a.assets[0]!.deltaUsd).toBeCloseTo(-1200, 9);
    expect(a.maxDriftBps).toBeCloseTo(1500, 9);
    expect(a.needsRebalance).toBe(true);
    expect(analyzeDrift(holdings, targets, 1500).needsRebalance).toBe(false); // drift must exceed the threshold
  });
  it("plan", () => {
    const p = planRebalance(holdings, { targets, ...base });
    expect(p.orders).toEqual([
      { tokenIn: WETH, tokenOut: USDC, symbolIn: "WETH", symbolOut: "USDC", amountInRaw: 600_000_000_000_000_000n, estUsd: 1200, expectedOutRaw: 1200n * E6 },
    ]);
    expect(p.skipped).toEqual([]);
    expect(p.turnoverUsd).toBe(1200);
  });
  it("costs from quotes: 1,194 USDC out + $2 gas = $8 = 10 bps of $8,000", () => {
    const p = planRebalance(holdings, { targets, ...base });
    const c = summarizePlanCosts(p, [{ estimatedOutRaw: 1194n * E6, priceImpactBps: 30, gasUsd: 2 }], 25);
    expect(c.tradingCostUsd).toBeCloseTo(6, 9); // 1,200 × (1 − 1194/1200)
    expect(c.totalCostUsd).toBeCloseTo(8, 9);
    expect(c.costBpsOfPortfolio).toBeCloseTo(10, 9);
    expect(c.maxPriceImpactBps).toBe(30);
    expect(c.avgPriceImpactBps).toBe(30);
    expect(c.overImpact).toEqual([0]);
    expect(summarizePlanCosts(p, []).unquoted).toEqual([0]);
  });
});

describe("scenario four-assets-greedy: largest sell pairs with largest buy", () => {
  // Targets 40/30/20/10 of $10,000; held WETH $6,000, WBTC $1,000, USDC $2,500, LINK $500.
  // Deltas: WETH −2,000, WBTC +2,000, USDC −500, LINK +500 → WETH→WBTC $2,000, USDC→LINK $500.
  const holdings = [
    h(WETH, "WETH", 18, 3n * E18, 2000),
    h(WBTC, "WBTC", 8, 2_000_000n, 50_000), // 0.02 BTC
    h(USDC, "USDC", 6, 2500n * E6, 1),
    h(LINK, "LINK", 18, 25n * E18, 20),
  ];
  const targets = [
    { token: WETH, weightBps: 4000 },
    { token: WBTC, weightBps: 3000 },
    { token: USDC, weightBps: 2000 },
    { token: LINK, weightBps: 1000 },
  ];
  it("two orders", () => {
    const p = planRebalance(holdings, { targets, ...base });
    expect(p.orders.map((o) => [o.symbolIn, o.symbolOut, o.amountInRaw, o.expectedOutRaw])).toEqual([
      ["WETH", "WBTC", 1n * E18, 4_000_000n], // 1 WETH = $2,000 = 0.04 WBTC
      ["USDC", "LINK", 500n * E6, 25n * E18], // $500 = 25 LINK
    ]);
  });
});

describe("scenario sell-all-no-dust and not-held targets", () => {
  it("a token with target 0 is sold to the last base unit; a target not held is bought", () => {
    // 1.000000000000000001 WETH @ $3,000; USDC (not held, price $1) targets 100 %.
    const holdings = [h(WETH, "WETH", 18, E18 + 1n, 3000), h(USDC, "USDC", 6, 0n, 1)];
    const p = planRebalance(holdings, { targets: [{ token: USDC, weightBps: 10_000 }], ...base });
    expect(p.orders).toHaveLength(1);
    expect(p.orders[0]!.amountInRaw).toBe(E18 + 1n);
    expect(p.orders[0]!.expectedOutRaw).toBe(3000n * E6);
  });
  it("minimum trade size: a $50 trade under a $100 minimum is skipped, with the reason", () => {
    // $5,050 / $4,950 against 50/50: drift 50 bps > threshold 10 → trade $50, below $100.
    const holdings = [h(WETH, "WETH", 18, 2_525_000_000_000_000_000n, 2000), h(USDC, "USDC", 6, 4950n * E6, 1)];
    const p = planRebalance(holdings, { targets: [{ token: WETH, weightBps: 5000 }, { token: USDC, weightBps: 5000 }], thresholdBps: 10, minTradeUsd: 100 });
    expect(p.analysis.needsRebalance).toBe(true);
    expect(p.orders).toEqual([]);
    expect(p.skipped).toHaveLength(1);
    expect(p.skipped[0]!.reason).toBe("$50.00 is below the minimum trade of $100.00");
  });
  it("a skipped fragment of a target-0 seller is not swept into its last order", () => {
    // $10,000: X $1,000 (target 0), Y $5,200 (target 40 %), B $1,790 (30 %), A $2,010 (30 %); all $1, 6 dec.
    // Sellers Y −1,200, X −1,000; buyers B +1,210, A +990. Greedy: Y→B 1,200; X→B 10 (skipped, < $100);
    // X→A 990 sells $990 of X (not the whole $1,000 balance), leaving X's $10 where it is.
    const [X, Y, A, B] = [addr(11), addr(12), addr(13), addr(14)];
    const usd = (n: number) => BigInt(n) * E6;
    const holdings = [h(X, "X", 6, usd(1000), 1), h(Y, "Y", 6, usd(5200), 1), h(B, "B", 6, usd(1790), 1), h(A, "A", 6, usd(2010), 1)];
    const targets = [{ token: Y, weightBps: 4000 }, { token: B, weightBps: 3000 }, { token: A, weightBps: 3000 }];
    const p = planRebalance(holdings, { targets, thresholdBps: 100, minTradeUsd: 100 });
    expect(p.orders.map((o) => [o.symbolIn, o.symbolOut, o.amountInRaw])).toEqual([
      ["Y", "B", usd(1200)],
      ["X", "A", usd(990)],
    ]);
    expect(p.skipped.map((k) => [k.tokenIn, k.tokenOut, k.reason])).toEqual([[X, B, "$10.00 is below the minimum trade of $100.00"]]);
  });
  it("an order worth less than one base unit is skipped", () => {
    // A 0-decimal token at $10,000 a unit: selling $600 of it rounds to 0 units.
    const holdings = [h(WBTC, "BIG", 0, 1n, 10_000), h(USDC, "USDC", 6, 8800n * E6, 1)];
    const p = planRebalance(holdings, { targets: [{ token: WBTC, weightBps: 4000 }, { token: USDC, weightBps: 6000 }], ...base });
    expect(p.orders).toEqual([]);
    expect(p.skipped).toEqual([{ tokenIn: WBTC, tokenOut: USDC, estUsd: expect.closeTo(2480, 6), reason: "rounds to 0 base units" }]);
  });
  it("a target without a price blocks the plan; unpriced held tokens are reported", () => {
    const holdings = [h(WETH, "WETH", 18, E18, 2000), h(LINK, "LINK", 18, E18, 0)];
    const a = analyzeDrift(holdings, [{ token: WETH, weightBps: 5000 }, { token: USDC, weightBps: 5000 }], 100);
    expect(a.blocked).toMatch(/No price for target token/);
    expect(a.needsRebalance).toBe(false);
    expect(a.unpriced).toEqual([LINK]);
    expect(planRebalance(holdings, { targets: [{ token: WETH, weightBps: 5000 }, { token: USDC, weightBps: 5000 }], ...base }).orders).toEqual([]);
    expect(analyzeDrift([h(WETH, "WETH", 18, 0n, 2000)], [{ token: WETH, weightBps: 10_000 }], 100).blocked).toMatch(/no priced value/);
    expect(() => analyzeDrift([h(WETH, "WETH", 18, E18, 2000), h(WETH, "WETH", 18, E18, 2000)], [{ token: WETH, weightBps: 10_000 }], 100)).toThrow(/appear once/);
  });
});

describe("decideRebalance", () => {
  const holdings = [h(WETH, "WETH", 18, 3n * E18, 2000), h(USDC, "USDC", 6, 2000n * E6, 1)];
  const targets = [{ token: WETH, weightBps: 6000 }, { token: USDC, weightBps: 4000 }];
  const t0 = new Date("2026-01-01T00:00:00Z");
  it("threshold mode trades when drift exceeds the threshold and waits within the band", () => {
    const cfg: RebalanceConfig = { targets, mode: "threshold", thresholdBps: 500, minTradeUsd: 10, slippageBps: 50 };
    const d = decideRebalance(cfg, { lastSlot: null, lastRunAt: null }, holdings, t0);
    expect(d.action).toBe("trade");
    expect(d.reason).toMatch(/largest drift 1500 bps vs threshold 500 bps/);
    const w = decideRebalance({ ...cfg, thresholdBps: 2000 }, { lastSlot: null, lastRunAt: null }, holdings, t0);
    expect(w).toMatchObject({ action: "wait", nextAt: null });
    expect(applyRebalanceDecision({ lastSlot: null, lastRunAt: null }, d, t0)).toEqual({ lastSlot: null, lastRunAt: t0 });
  });
  it("periodic mode runs once per slot and skips a slot within the band", () => {
    const cfg: RebalanceConfig = { targets, mode: "periodic", thresholdBps: 0, interval: { every: 1, unit: "week" }, startAt: t0, minTradeUsd: 10, slippageBps: 50 };
    const at = new Date("2026-01-15T12:00:00Z"); // slot 2
    const d = decideRebalance(cfg, { lastSlot: 1, lastRunAt: null }, holdings, at);
    expect(d).toMatchObject({ action: "trade", slot: 2 });
    const s = applyRebalanceDecision({ lastSlot: 1, lastRunAt: null }, d, at);
    expect(s).toEqual({ lastSlot: 2, lastRunAt: at });
    expect(decideRebalance(cfg, s, holdings, at)).toMatchObject({ action: "wait", nextAt: new Date("2026-01-22T00:00:00Z") });
    const calm = decideRebalance({ ...cfg, thresholdBps: 2000 }, { lastSlot: 1, lastRunAt: null }, holdings, at);
    expect(calm).toMatchObject({ action: "skip", slot: 2 });
    expect(decideRebalance(cfg, { lastSlot: null, lastRunAt: null }, holdings, new Date("2025-12-31T00:00:00Z"))).toMatchObject({ action: "wait", nextAt: t0 });
    const blocked = [h(WETH, "WETH", 18, E18, 2000), h(USDC, "USDC", 6, 0n, 0)];
    expect(decideRebalance(cfg, { lastSlot: 1, lastRunAt: null }, blocked, at)).toMatchObject({ action: "skip", slot: 2, reason: expect.stringMatching(/No price/) });
    expect(decideRebalance({ ...cfg, mode: "threshold" }, { lastSlot: 1, lastRunAt: null }, blocked, at)).toMatchObject({ action: "wait", reason: expect.stringMatching(/No price/) });
    expect(() => decideRebalance({ ...cfg, interval: undefined }, { lastSlot: null, lastRunAt: null }, holdings, at)).toThrow(/interval/);
  });
  it("a breach whose every order is too small waits (threshold) and skips (periodic)", () => {
    const small = [h(WETH, "WETH", 18, 2_525_000_000_000_000_000n, 2000), h(USDC, "USDC", 6, 4950n * E6, 1)];
    const t = [{ token: WETH, weightBps: 5000 }, { token: USDC, weightBps: 5000 }];
    const cfg: RebalanceConfig = { targets: t, mode: "threshold", thresholdBps: 10, minTradeUsd: 100, slippageBps: 50 };
    expect(decideRebalance(cfg, { lastSlot: null, lastRunAt: null }, small, t0)).toMatchObject({ action: "wait" });
    const per = { ...cfg, mode: "periodic" as const, interval: { every: 1, unit: "day" as const }, startAt: t0 };
    expect(decideRebalance(per, { lastSlot: null, lastRunAt: null }, small, t0)).toMatchObject({ action: "skip", slot: 0 });
  });
});

// ---------------------------------------------------------------- properties

/** Apply a plan at the analysis prices without fees: tokenIn −amountIn, tokenOut +expectedOut. */
function execute(holdings: Holding[], plan: RebalancePlan): Holding[] {
  const m = new Map(holdings.map((x) => [x.token, { ...x }]));
  for (const o of plan.orders) {
    m.get(o.tokenIn)!.amountRaw -= o.amountInRaw;
    m.get(o.tokenOut)!.amountRaw += o.expectedOutRaw;
  }
  return [...m.values()];
}

const portfolio = fc
  .array(
    fc.record({
      decimals: fc.integer({ min: 6, max: 18 }),
      priceUsd: fc.double({ min: 0.01, max: 100_000, noNaN: true }),
      valueUsd: fc.oneof(fc.constant(0), fc.double({ min: 100, max: 1_000_000, noNaN: true })),
      weight: fc.integer({ min: 0, max: 100 }),
    }),
    { minLength: 2, maxLength: 6 },
  )
  .map((xs) => {
    const holdings = xs.map((x, i) => h(addr(i + 1), `T${i}`, x.decimals, usdToRawDown(x.valueUsd, x.priceUsd, x.decimals), x.priceUsd));
    const wsum = xs.reduce((a, x) => a + x.weight, 0) || 1;
    const bps = sharesToBps(xs.map((x) => (xs.every((y) => y.weight === 0) ? 1 / xs.length : x.weight / wsum)));
    return { holdings, targets: holdings.map((x, i) => ({ token: x.token, weightBps: bps[i]! })) };
  });

describe("properties", () => {
  it("weights sum to 10,000; executing the plan brings every drift within the threshold; no order oversells", () => {
    fc.assert(
      fc.property(portfolio, fc.integer({ min: 1, max: 1000 }), ({ holdings, targets }, thresholdBps) => {
        const a0 = analyzeDrift(holdings, targets, thresholdBps);
        fc.pre(a0.totalUsd >= 10_000);
        expect(a0.assets.reduce((s, x) => s + x.weightBps, 0)).toBe(10_000);
        const plan = planRebalance(holdings, { targets, thresholdBps, minTradeUsd: 0 });
        // With no minimum trade, only a fragment worth less than one base unit can be skipped.
        for (const k of plan.skipped) expect(k.reason).toBe("rounds to 0 base units");
        const sold = new Map<string, bigint>();
        for (const o of plan.orders) {
          expect(o.amountInRaw > 0n).toBe(true);
          sold.set(o.tokenIn, (sold.get(o.tokenIn) ?? 0n) + o.amountInRaw);
        }
        for (const x of holdings) expect((sold.get(x.token) ?? 0n) <= x.amountRaw).toBe(true);
        const after = analyzeDrift(execute(holdings, plan), targets, thresholdBps);
        expect(after.maxDriftBps).toBeLessThanOrEqual(thresholdBps);
        expect(after.needsRebalance).toBe(false);
        expect(after.assets.reduce((s, x) => s + x.weightBps, 0)).toBe(10_000);
      }),
      { numRuns: 300 },
    );
  });
  it("the plan has at most sellers + buyers − 1 orders and never trades a token against itself", () => {
    fc.assert(
      fc.property(portfolio, ({ holdings, targets }) => {
        const plan = planRebalance(holdings, { targets, thresholdBps: 1, minTradeUsd: 0 });
        const sellers = plan.analysis.assets.filter((x) => x.deltaUsd < 0).length;
        const buyers = plan.analysis.assets.filter((x) => x.deltaUsd > 0).length;
        expect(plan.orders.length).toBeLessThanOrEqual(Math.max(0, sellers + buyers - 1));
        for (const o of plan.orders) expect(o.tokenIn).not.toBe(o.tokenOut);
      }),
    );
  });
});
