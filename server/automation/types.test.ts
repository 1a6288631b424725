// The zod schemas' outputs (lib/schemas/automation.ts) are the core's config types: checked at
// compile time (tsc) and by feeding parsed configs to the cores.
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  breakerLevelsSchema,
  dcaConfigSchema,
  dcaStateSchema,
  intervalSchema,
  parseAutomationConfig,
  type rebalanceConfigSchema,
  rebalanceStateSchema,
  riskSettingsSchema,
  type stopLossConfigSchema,
  stopStateSchema,
  type takeProfitConfigSchema,
  toJsonValue,
  type trailingStopConfigSchema,
} from "@/lib/schemas/automation";
import { evaluateBreaker } from "./breakers";
import { applyDca, decideDca } from "./dca";
import { decideRebalance } from "./rebalance";
import { INTERVAL_UNITS, isIntervalInRange } from "./schedule";
import { evaluateStop } from "./stops";
import {
  DEFAULT_BREAKER_LEVELS,
  DEFAULT_RISK_SETTINGS,
  INITIAL_BREAKER_STATE,
  INITIAL_DCA_STATE,
  INITIAL_STOP_STATE,
  type BreakerLevel,
  type DcaConfig,
  type DcaState,
  type RebalanceConfig,
  type RebalanceState,
  type RiskSettings,
  type StopLossConfig,
  type StopState,
  type TakeProfitConfig,
  type TrailingStopConfig,
} from "./types";

const WETH = "0x00000000000000000000000000000000000000Aa";
const USDC = "0x00000000000000000000000000000000000000bB";

describe("schema outputs are the core types", () => {
  it("at compile time", () => {
    expectTypeOf<z.output<typeof rebalanceConfigSchema>>().toExtend<RebalanceConfig>();
    expectTypeOf<z.output<typeof dcaConfigSchema>>().toExtend<DcaConfig>();
    expectTypeOf<z.output<typeof stopLossConfigSchema>>().toExtend<StopLossConfig>();
    expectTypeOf<z.output<typeof takeProfitConfigSchema>>().toExtend<TakeProfitConfig>();
    expectTypeOf<z.output<typeof trailingStopConfigSchema>>().toExtend<TrailingStopConfig>();
    expectTypeOf<z.output<typeof riskSettingsSchema>>().toExtend<RiskSettings>();
    expectTypeOf<z.output<typeof breakerLevelsSchema>>().toExtend<BreakerLevel[]>();
    expectTypeOf<z.output<typeof dcaStateSchema>>().toExtend<DcaState>();
    expectTypeOf<z.output<typeof stopStateSchema>>().toExtend<StopState>();
    expectTypeOf<z.output<typeof rebalanceStateSchema>>().toExtend<RebalanceState>();
  });

  it("defaults agree with the core's", () => {
    expect(riskSettingsSchema.parse({})).toEqual(DEFAULT_RISK_SETTINGS);
    expect(breakerLevelsSchema.parse(DEFAULT_BREAKER_LEVELS)).toEqual(DEFAULT_BREAKER_LEVELS);
    expect(dcaStateSchema.parse({})).toEqual(INITIAL_DCA_STATE);
    expect(stopStateSchema.parse({})).toEqual(INITIAL_STOP_STATE);
  });

  it("a config and state stored as JSON re-parse and drive the cores", () => {
    const cfg = dcaConfigSchema.parse({ tokenIn: USDC, tokenOut: WETH, amountInRaw: "100000000", interval: { every: 1, unit: "day" }, startAt: "2026-01-01T00:00:00Z", maxRuns: 2 });
    const stored = JSON.parse(JSON.stringify(toJsonValue(cfg)));
    const again = parseAutomationConfig("dca", stored);
    expect(again).toEqual(cfg);
    const d = decideDca(again, INITIAL_DCA_STATE, { now: new Date("2026-01-01T00:00:01Z"), priceUsd: null });
    expect(d).toMatchObject({ action: "buy", slot: 0, amountInRaw: 100_000_000n });
    const state = dcaStateSchema.parse(JSON.parse(JSON.stringify(toJsonValue(applyDca(INITIAL_DCA_STATE, d)))));
    expect(state).toEqual({ lastSlot: 0, runs: 1, spentRaw: 100_000_000n, skipped: 0, missed: 0 });

    const stop = parseAutomationConfig("trailing_stop", { token: WETH, quoteToken: USDC, trailBps: 500 });
    const r = evaluateStop(stop, INITIAL_STOP_STATE, { price: 2000, block: 5n });
    const stopState = stopStateSchema.parse(JSON.parse(JSON.stringify(toJsonValue(r.state))));
    expect(stopState).toEqual({ highWater: 2000, triggered: false, triggeredBlock: null, lastBlock: 5n });

    const reb = parseAutomationConfig("rebalance", { targets: [{ token: WETH, weightBps: 5000 }, { token: USDC, weightBps: 5000 }] });
    const holdings = [
      { token: reb.targets[0]!.token, symbol: "WETH", decimals: 18, amountRaw: 10n ** 18n, priceUsd: 2000 },
      { token: reb.targets[1]!.token, symbol: "USDC", decimals: 6, amountRaw: 0n, priceUsd: 1 },
    ];
    expect(decideRebalance(reb, rebalanceStateSchema.parse({}), holdings, new Date("2026-01-01T00:00:00Z"))).toMatchObject({ action: "trade" });
    expect(evaluateBreaker(breakerLevelsSchema.parse(DEFAULT_BREAKER_LEVELS), INITIAL_BREAKER_STATE, 100, new Date("2026-01-01T00:00:00Z")).state.peakUsd).toBe(100);
  });

  it("the schema's interval range (1 minute … 1 year) is the core's", () => {
    fc.assert(
      fc.property(
        // around every unit's bound: 12 months, 52 weeks, 365 days, 8,760 hours, 525,600 minutes
        fc.oneof(fc.integer({ min: -2, max: 600_000 }), fc.constantFrom(0, 1, 12, 13, 52, 53, 365, 366, 8760, 8761, 525_600, 525_601)),
        fc.constantFrom(...INTERVAL_UNITS),
        (every, unit) => {
          expect(intervalSchema.safeParse({ every, unit }).success).toBe(isIntervalInRange({ every, unit }));
        },
      ),
    );
    expect(intervalSchema.safeParse({ every: 525_600, unit: "minute" }).success).toBe(true);
    expect(isIntervalInRange({ every: 525_601, unit: "minute" })).toBe(false);
  });
});
