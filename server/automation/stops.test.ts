import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateStop, minOutFromLimit, stopPriceBasis, stopSellAmount, trailingLevel } from "./stops";
import { INITIAL_STOP_STATE, type Addr, type StopConfig, type StopState, type TrailingStopConfig } from "./types";

const WETH = "0x0000000000000000000000000000000000000001" as Addr;
const USDC = "0x0000000000000000000000000000000000000002" as Addr;
const base = { token: WETH, quoteToken: USDC, basis: "usd" as const, amount: { type: "all" as const }, slippageBps: 100 };
const obs = (price: number, block: number) => ({ price, block: BigInt(block) });

describe("stop-loss and take-profit", () => {
  const sl: StopConfig = { ...base, kind: "stop_loss", triggerPrice: 1800 };
  const tp: StopConfig = { ...base, kind: "take_profit", triggerPrice: 2500 };
  it("stop-loss fires at or below the trigger, once", () => {
    const a = evaluateStop(sl, INITIAL_STOP_STATE, obs(1850, 10));
    expect(a).toMatchObject({ trigger: false, triggerPrice: 1800 });
    expect(a.state.lastBlock).toBe(10n);
    const b = evaluateStop(sl, a.state, obs(1800, 11));
    expect(b.trigger).toBe(true);
    expect(b.reason).toBe("Price 1800 USD ≤ stop 1800 USD at block 11.");
    expect(b.state).toEqual({ highWater: null, triggered: true, triggeredBlock: 11n, lastBlock: 11n });
    const c = evaluateStop(sl, b.state, obs(1700, 12));
    expect(c.trigger).toBe(false);
    expect(c.reason).toMatch(/Already triggered at block 11/);
  });
  it("take-profit fires at or above the trigger", () => {
    expect(evaluateStop(tp, INITIAL_STOP_STATE, obs(2499.99, 1)).trigger).toBe(false);
    expect(evaluateStop(tp, INITIAL_STOP_STATE, obs(2500, 1)).trigger).toBe(true);
  });
  it("ignores observations older than the last one and unusable prices", () => {
    const s: StopState = { ...INITIAL_STOP_STATE, lastBlock: 20n };
    const r = evaluateStop(sl, s, obs(100, 19));
    expect(r.trigger).toBe(false);
    expect(r.state).toBe(s);
    expect(r.reason).toMatch(/older than block 20/);
    expect(evaluateStop(sl, INITIAL_STOP_STATE, obs(Number.NaN, 21)).reason).toBe("No usable price.");
  });
  it("quote basis is reported in quote units", () => {
    const q: StopConfig = { ...sl, basis: "quote", triggerPrice: 0.05 };
    expect(stopPriceBasis(q)).toBe("quote");
    expect(evaluateStop(q, INITIAL_STOP_STATE, obs(0.049, 5)).reason).toBe("Price 0.049 quote ≤ stop 0.05 quote at block 5.");
  });
});

describe("scenario trailing-5pct-with-activation", () => {
  // Trail 500 bps, activation $2,000. Prices 1900 (inactive) → 2000 (hw 2000, level 1900) →
  // 2200 (hw 2200, level 2090) → 2100 (hw stays 2200, above 2090) → 2090 (≤ 2090: fires).
  const cfg: TrailingStopConfig = { ...base, kind: "trailing_stop", trailBps: 500, activationPrice: 2000 };
  it("walks through the sequence", () => {
    let s = INITIAL_STOP_STATE;
    const steps: [number, boolean, number | null, number | null][] = [
      [1900, false, null, null],
      [2000, false, 2000, 1900],
      [2200, false, 2200, 2090],
      [2100, false, 2200, 2090],
      [2090, true, 2200, 2090],
    ];
    steps.forEach(([price, fires, hw, level], i) => {
      const r = evaluateStop(cfg, s, obs(price, 100 + i));
      expect(r.trigger).toBe(fires);
      expect(r.state.highWater).toBe(hw);
      if (level === null) expect(r.triggerPrice).toBeNull();
      else expect(r.triggerPrice).toBeCloseTo(level, 9);
      s = r.state;
    });
    expect(s.triggeredBlock).toBe(104n);
  });
  it("without an activation price it tracks from the first observation", () => {
    const r = evaluateStop({ ...cfg, activationPrice: undefined }, INITIAL_STOP_STATE, obs(1000, 1));
    expect(r.state.highWater).toBe(1000);
    expect(trailingLevel(1000, 500)).toBe(950);
  });
  it("property: the stop level never decreases, and it fires exactly when price ≤ level", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(fc.double({ min: 1, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 80 }), (trailBps, prices) => {
        const c: TrailingStopConfig = { ...cfg, trailBps, activationPrice: undefined };
        let s = INITIAL_STOP_STATE;
        let prevLevel = -Infinity;
        prices.forEach((p, i) => {
          if (s.triggered) return;
          const r = evaluateStop(c, s, obs(p, i));
          const level = trailingLevel(r.state.highWater!, trailBps);
          expect(level).toBeGreaterThanOrEqual(prevLevel);
          expect(r.state.highWater!).toBeGreaterThanOrEqual(s.highWater ?? -Infinity);
          expect(r.trigger).toBe(p <= level);
          prevLevel = level;
          s = r.state;
        });
      }),
    );
  });
});

describe("amounts and min-out", () => {
  it("sells all, or the configured amount capped by the balance", () => {
    const sl: StopConfig = { ...base, kind: "stop_loss", triggerPrice: 1 };
    expect(stopSellAmount(sl, 5n)).toBe(5n);
    expect(stopSellAmount({ ...sl, amount: { type: "raw", amountRaw: 3n } }, 5n)).toBe(3n);
    expect(stopSellAmount({ ...sl, amount: { type: "raw", amountRaw: 9n } }, 5n)).toBe(5n);
    expect(stopSellAmount(sl, 0n)).toBe(0n);
  });
  it("min out from a limit price and slippage, rounded down", () => {
    // 1.5 WETH at 1,800 USDC/WETH = 2,700 USDC; 1 % slippage → 2,673 USDC
    expect(minOutFromLimit({ amountInRaw: 1_500_000_000_000_000_000n, decimalsIn: 18, decimalsOut: 6, limitPrice: 1800, slippageBps: 100 })).toBe(2_673_000_000n);
    // 1 unit at price 0.5 → 0.5 → floor 0
    expect(minOutFromLimit({ amountInRaw: 1n, decimalsIn: 0, decimalsOut: 0, limitPrice: 0.5, slippageBps: 0 })).toBe(0n);
    // 333 units × 1 × 99.5 % = 331.335 → 331
    expect(minOutFromLimit({ amountInRaw: 333n, decimalsIn: 6, decimalsOut: 6, limitPrice: 1, slippageBps: 50 })).toBe(331n);
  });
});
