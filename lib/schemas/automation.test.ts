import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  addressSchema,
  baseUnitAmountSchema,
  breakerLevelsSchema,
  createAutomationInput,
  dcaConfigSchema,
  intervalSchema,
  positionSizeInput,
  rebalanceConfigSchema,
  riskAssessInput,
  stopLossConfigSchema,
  toJsonValue,
  trailingStopConfigSchema,
  updateAutomationInput,
  updateRiskSettingsInput,
  usdSchema,
} from "./automation";

const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
/** Field errors as forms show them. */
const fieldErrors = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  if (r.success) throw new Error("expected a validation error");
  return z.flattenError(r.error).fieldErrors as Record<string, string[]>;
};
const formErrors = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  if (r.success) throw new Error("expected a validation error");
  return z.flattenError(r.error).formErrors;
};

describe("primitives", () => {
  it("addresses are 0x + 40 hex, lowercased", () => {
    expect(addressSchema.parse(` ${WETH} `)).toBe(WETH.toLowerCase());
    expect(addressSchema.safeParse("0x123").error?.issues[0]?.message).toBe("Enter a token address (0x followed by 40 hex characters).");
  });
  it("amounts are base-unit integer strings (or bigint), > 0", () => {
    const s = baseUnitAmountSchema("the amount");
    expect(s.parse("1000000")).toBe(1_000_000n);
    expect(s.parse(5n)).toBe(5n);
    expect(s.safeParse("1.5").error?.issues[0]?.message).toBe("The amount must be a whole number of base units (e.g. 1000000 for 1 USDC), without decimals.");
    expect(s.safeParse("0").error?.issues[0]?.message).toBe("The amount must be greater than zero.");
    expect(s.safeParse(-1n).success).toBe(false);
    expect(s.safeParse(12).error?.issues[0]?.message).toBe("Enter the amount in base units (a whole number).");
  });
  it("USD values are decimal strings or numbers", () => {
    const s = usdSchema("the price");
    expect(s.parse("2450.5")).toBe(2450.5);
    expect(s.parse(3)).toBe(3);
    expect(s.safeParse("1e3").error?.issues[0]?.message).toBe("The price must be a positive decimal number (e.g. 2450.5).");
    expect(s.safeParse("0").success).toBe(false);
    expect(usdSchema("x", { allowZero: true }).parse("0")).toBe(0);
    expect(usdSchema("x", { max: 10 }).safeParse(11).success).toBe(false);
  });
  it("intervals: 1 minute … 1 year, calendar months up to 12", () => {
    expect(intervalSchema.parse({ every: 1, unit: "month" })).toEqual({ every: 1, unit: "month" });
    expect(intervalSchema.parse({ every: 52, unit: "week" })).toEqual({ every: 52, unit: "week" });
    expect(fieldErrors(intervalSchema, { every: 13, unit: "month" }).every).toEqual(["The interval must be between 1 minute and 1 year."]);
    expect(fieldErrors(intervalSchema, { every: 9000, unit: "hour" }).every).toEqual(["The interval must be between 1 minute and 1 year."]);
    expect(fieldErrors(intervalSchema, { every: 0, unit: "day" }).every).toEqual(["Use at least 1."]);
    expect(fieldErrors(intervalSchema, { every: 1, unit: "year" }).unit).toEqual(["Choose minutes, hours, days, weeks or months."]);
  });
});

describe("rebalance", () => {
  const targets = [{ token: WETH, weightBps: 6000 }, { token: USDC, weightBps: 4000 }];
  it("defaults: threshold mode, 500 bps, $10 minimum, 50 bps slippage", () => {
    expect(rebalanceConfigSchema.parse({ targets })).toEqual({
      targets: [{ token: WETH.toLowerCase(), weightBps: 6000 }, { token: USDC, weightBps: 4000 }],
      mode: "threshold",
      thresholdBps: 500,
      minTradeUsd: 10,
      slippageBps: 50,
    });
  });
  it("targets must sum to 10,000 bps with a clear message, one per token", () => {
    expect(fieldErrors(rebalanceConfigSchema, { targets: [{ token: WETH, weightBps: 6000 }, { token: USDC, weightBps: 3000 }] }).targets).toEqual([
      "Target weights must add up to 100 % (10,000 bps); they add up to 90 % (9000 bps).",
    ]);
    expect(fieldErrors(rebalanceConfigSchema, { targets: [{ token: WETH, weightBps: 5000 }, { token: WETH.toLowerCase(), weightBps: 5000 }] }).targets).toEqual([
      "Each token can have only one target.",
    ]);
    expect(fieldErrors(rebalanceConfigSchema, { targets: [] }).targets).toContain("Add at least one target.");
  });
  it("periodic mode needs an interval and may use threshold 0; threshold mode needs ≥ 1", () => {
    expect(fieldErrors(rebalanceConfigSchema, { targets, mode: "periodic" }).interval).toEqual(["Choose how often to rebalance."]);
    expect(rebalanceConfigSchema.parse({ targets, mode: "periodic", thresholdBps: 0, interval: { every: 1, unit: "month" } }).thresholdBps).toBe(0);
    expect(fieldErrors(rebalanceConfigSchema, { targets, thresholdBps: 0 }).thresholdBps).toEqual(["Set a drift threshold of at least 1 bps."]);
    expect(fieldErrors(rebalanceConfigSchema, { targets, thresholdBps: 12.5 }).thresholdBps).toEqual(["The drift threshold must be a whole number of basis points (100 bps = 1 %)."]);
  });
});

describe("DCA", () => {
  const ok = { tokenIn: USDC, tokenOut: WETH, amountInRaw: "100000000", interval: { every: 1, unit: "week" }, startAt: "2026-01-01T00:00:00Z" };
  it("parses to the core config", () => {
    expect(dcaConfigSchema.parse({ ...ok, maxRuns: 10, pauseAbovePriceUsd: "4000" })).toEqual({
      tokenIn: USDC,
      tokenOut: WETH.toLowerCase(),
      amountInRaw: 100_000_000n,
      interval: { every: 1, unit: "week" },
      startAt: new Date("2026-01-01T00:00:00Z"),
      maxRuns: 10,
      pauseAbovePriceUsd: 4000,
      slippageBps: 50,
    });
  });
  it("field errors", () => {
    expect(fieldErrors(dcaConfigSchema, { ...ok, tokenOut: USDC }).tokenOut).toEqual(["Buy a different token than the one you spend."]);
    expect(fieldErrors(dcaConfigSchema, { ...ok, endAt: "2025-12-01T00:00:00Z" }).endAt).toEqual(["The end must be after the start."]);
    expect(fieldErrors(dcaConfigSchema, { ...ok, pauseAbovePriceUsd: 1000, pauseBelowPriceUsd: 2000 }).pauseBelowPriceUsd).toEqual([
      "The pause-below price must be lower than the pause-above price.",
    ]);
    expect(fieldErrors(dcaConfigSchema, { ...ok, startAt: "soon" }).startAt).toEqual(["Enter a valid start time."]);
    expect(fieldErrors(dcaConfigSchema, { ...ok, maxRuns: 0 }).maxRuns).toEqual(["At least 1 buy."]);
  });
});

describe("stops", () => {
  it("stop-loss defaults: usd basis, sell all, 100 bps slippage; kind filled in", () => {
    expect(stopLossConfigSchema.parse({ token: WETH, quoteToken: USDC, triggerPrice: "1800" })).toEqual({
      kind: "stop_loss",
      token: WETH.toLowerCase(),
      quoteToken: USDC,
      basis: "usd",
      amount: { type: "all" },
      slippageBps: 100,
      triggerPrice: 1800,
    });
    expect(stopLossConfigSchema.parse({ token: WETH, quoteToken: USDC, triggerPrice: 1, amount: { type: "raw", amountRaw: "5" } }).amount).toEqual({ type: "raw", amountRaw: 5n });
    expect(fieldErrors(stopLossConfigSchema, { token: USDC, quoteToken: USDC, triggerPrice: 1 }).quoteToken).toEqual(["Sell the token for a different token."]);
  });
  it("trailing distance 10 … 5,000 bps", () => {
    expect(fieldErrors(trailingStopConfigSchema, { token: WETH, quoteToken: USDC, trailBps: 5 }).trailBps).toEqual(["The trailing distance must be at least 10 bps (0.1 %)."]);
    expect(trailingStopConfigSchema.parse({ token: WETH, quoteToken: USDC, trailBps: 500, activationPrice: "2500" }).activationPrice).toBe(2500);
  });
});

describe("create / update", () => {
  it("dispatches on kind with common fields", () => {
    const c = createAutomationInput.parse({ kind: "take_profit", name: " Take profit ", chainId: 31337, config: { token: WETH, quoteToken: USDC, triggerPrice: 5000 } });
    expect(c).toMatchObject({ kind: "take_profit", name: "Take profit", rail: "paper", chainId: 31337, config: { kind: "take_profit", triggerPrice: 5000 } });
    const r = createAutomationInput.safeParse({ kind: "dca", name: "", rail: "cex", chainId: 1, config: {} });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "rail", "config.tokenIn", "config.amountInRaw"]));
    expect(updateAutomationInput.parse({ id: "6f1c1f3e-8a4b-4c61-9f3a-1e2d3c4b5a69", kind: "dca", name: "Weekly" })).toEqual({
      id: "6f1c1f3e-8a4b-4c61-9f3a-1e2d3c4b5a69",
      kind: "dca",
      name: "Weekly",
    });
  });
  it("toJsonValue makes bigint and Date JSON-safe and drops undefined", () => {
    expect(toJsonValue({ a: 1n, b: new Date("2026-01-01T00:00:00Z"), c: undefined, d: [2n], e: null })).toEqual({ a: "1", b: "2026-01-01T00:00:00.000Z", d: ["2"], e: null });
  });
});

describe("risk settings, breakers, sizing and assessment requests", () => {
  it("breaker levels: 1..9,000 bps, strictly increasing, never milder", () => {
    expect(breakerLevelsSchema.safeParse([{ drawdownBps: 500, action: "halve_size" }]).success).toBe(true);
    const r = breakerLevelsSchema.safeParse([
      { drawdownBps: 1000, action: "stop_all" },
      { drawdownBps: 800, action: "halve_size" },
    ]);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["1.drawdownBps", "Each level's drawdown must be larger than the one before."],
      ["1.action", "A deeper level cannot have a milder action than the one before."],
    ]);
    expect(breakerLevelsSchema.safeParse([{ drawdownBps: 9500, action: "stop_all" }]).error!.issues[0]!.message).toBe("The drawdown must be at most 9000 bps (90 %).");
    expect(updateRiskSettingsInput.parse({ breakers: { levels: [] } })).toEqual({ breakers: { levels: [], hysteresisBps: 100 } });
  });
  it("position size requests per method", () => {
    const base = { chainId: 31337, token: WETH };
    expect(positionSizeInput.parse({ method: "kelly", ...base, winRateBps: 5500, payoffRatio: "1.5" })).toMatchObject({ method: "kelly", rail: "paper", winRateBps: 5500, payoffRatio: 1.5 });
    expect(fieldErrors(positionSizeInput, { method: "fixed_fraction", ...base, entryPriceUsd: 100, stopPriceUsd: 120 }).stopPriceUsd).toEqual(["The stop must be below the entry price."]);
    expect(positionSizeInput.parse({ method: "volatility_scaled", ...base })).toMatchObject({ lookbackDays: 90 });
  });
  it("risk.assess defaults", () => {
    expect(riskAssessInput.parse({ chainId: 31337 })).toEqual({ rail: "paper", chainId: 31337, lookbackDays: 180, paths: 10_000, seed: 1 });
    expect(formErrors(riskAssessInput, "x")).toHaveLength(1);
  });
});
