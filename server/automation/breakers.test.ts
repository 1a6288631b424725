import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionLabel, adjustBreakerForFlow, allowedBy, breakerAction, drawdownBps, evaluateBreaker, resetBreaker, sizeMultiplierBps, validBreakerLevels, type TradeIntent } from "./breakers";
import { DEFAULT_BREAKER_LEVELS as L, INITIAL_BREAKER_STATE, type BreakerLevel, type BreakerState } from "./types";

const t = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));

describe("scenario default-levels-crash-and-recovery (hysteresis 100 bps)", () => {
  it("trips, jumps levels, holds in the hysteresis band, steps down and resumes", () => {
    let s: BreakerState = INITIAL_BREAKER_STATE;
    const step = (v: number, i: number) => {
      const r = evaluateBreaker(L, s, v, t(i));
      s = r.state;
      return r.event;
    };
    expect(step(100_000, 0)).toBeUndefined(); // peak $100,000
    expect(s).toEqual({ level: 0, peakUsd: 100_000, changedAt: null });
    expect(step(96_000, 1)).toBeUndefined(); // 400 bps: below level 1 (500)
    const e1 = step(95_000, 2); // (100,000 − 95,000) / 100,000 = 500 bps → level 1
    expect(e1).toEqual({
      from: 0,
      to: 1,
      drawdownBps: 500,
      action: "halve_size",
      reason: "Level 1 tripped: value $95000.00 is 5.00 % below the peak $100000.00, at or beyond the 5.00 % threshold; action halve_size.",
      at: t(2),
    });
    expect(step(84_000, 3)).toMatchObject({ from: 1, to: 3, drawdownBps: 1600, action: "stop_all" }); // straight through level 2
    expect(step(86_000, 4)).toBeUndefined(); // 1,400 bps ≥ 1,500 − 100: level 3 holds
    expect(s.level).toBe(3);
    const down = step(86_100, 5); // 1,390 bps < 1,400 → highest level still held: 2 (1,390 ≥ 1,000 − 100)
    expect(down).toMatchObject({ from: 3, to: 2, drawdownBps: 1390, action: "conservative_only" });
    expect(down!.reason).toMatch(/^Recovered to level 2: .*threshold 15.00 % − 1.00 % hysteresis/);
    const up = step(99_500, 6); // 50 bps: nothing held → normal
    expect(up).toMatchObject({ from: 2, to: 0, action: "resume" });
    expect(up!.reason).toMatch(/automations resume/);
    expect(step(101_000, 7)).toBeUndefined();
    expect(s.peakUsd).toBe(101_000); // high-water mark
  });
  it("reset re-arms at the current value; flows move the peak, not the drawdown", () => {
    const r = resetBreaker({ level: 3, peakUsd: 100_000 }, 80_000, t(9));
    expect(r.state).toEqual({ level: 0, peakUsd: 80_000, changedAt: t(9) });
    expect(r.event).toMatchObject({ from: 3, to: 0, action: "resume" });
    // Peak $100,000, value $90,000 (10 %); withdraw $45,000 → peak $50,000, value $45,000: still 10 %.
    const a = adjustBreakerForFlow({ level: 2, peakUsd: 100_000 }, 90_000, -45_000);
    expect(a.peakUsd).toBe(50_000);
    expect(drawdownBps(a.peakUsd, 45_000)).toBe(1000);
    expect(adjustBreakerForFlow(INITIAL_BREAKER_STATE, 90_000, 10)).toBe(INITIAL_BREAKER_STATE);
  });
  it("drawdown edge cases; a negative or NaN value changes nothing", () => {
    expect(drawdownBps(null, 5)).toBe(0);
    expect(drawdownBps(100, 120)).toBe(0);
    expect(drawdownBps(100, 0)).toBe(10_000);
    expect(evaluateBreaker(L, { level: 1, peakUsd: 10 }, Number.NaN, t(0))).toEqual({ state: { level: 1, peakUsd: 10 } });
  });
});

describe("what each level allows", () => {
  const volatileDca: TradeIntent = { kind: "dca", tokenInStable: true, tokenOutStable: false };
  const dcaIntoStable: TradeIntent = { kind: "dca", tokenInStable: false, tokenOutStable: true };
  const rebalanceToStable: TradeIntent = { kind: "rebalance", tokenInStable: false, tokenOutStable: true };
  const copyBuy: TradeIntent = { kind: "copy", tokenInStable: true, tokenOutStable: false };
  const intents: [string, TradeIntent][] = [
    ["manual", { kind: "manual" }],
    ["stop_loss", { kind: "stop_loss" }],
    ["trailing_stop", { kind: "trailing_stop" }],
    ["take_profit", { kind: "take_profit" }],
    ["dca into a volatile asset", volatileDca],
    ["dca into a stablecoin", dcaIntoStable],
    ["rebalance order into a stablecoin", rebalanceToStable],
    ["copy buy", copyBuy],
  ];
  // level:            0     1     2      3
  const expected: Record<string, boolean[]> = {
    manual: [true, true, true, true],
    stop_loss: [true, true, true, false],
    trailing_stop: [true, true, true, false],
    take_profit: [true, true, true, false],
    "dca into a volatile asset": [true, true, false, false],
    "dca into a stablecoin": [true, true, true, false],
    "rebalance order into a stablecoin": [true, true, true, false],
    "copy buy": [true, true, false, false],
  };
  it.each(intents)("%s", (name, intent) => {
    expect([0, 1, 2, 3].map((lvl) => allowedBy(L, lvl, intent).allowed)).toEqual(expected[name]);
  });
  it("size multipliers and labels", () => {
    expect([0, 1, 2, 3].map((lvl) => sizeMultiplierBps(L, lvl))).toEqual([10_000, 5000, 5000, 0]);
    expect(sizeMultiplierBps([{ drawdownBps: 300, action: "halve_size" }, { drawdownBps: 600, action: "halve_size" }], 2)).toBe(2500);
    expect(allowedBy(L, 1, volatileDca)).toMatchObject({ allowed: true, action: "halve_size", sizeMultiplierBps: 5000 });
    expect(allowedBy(L, 2, volatileDca)).toMatchObject({ allowed: false, sizeMultiplierBps: 0 });
    expect(allowedBy(L, 2, volatileDca).reason).toMatch(/blocks new risk/);
    expect(allowedBy(L, 3, { kind: "manual" }).sizeMultiplierBps).toBe(10_000);
    expect(breakerAction(L, 0)).toBeNull();
    expect(breakerAction(L, 2)).toBe("conservative_only");
    expect(actionLabel("stop_all")).toBe("all automations stopped");
  });
  it("level validation: 1..9,000 bps, strictly increasing, never milder", () => {
    expect(validBreakerLevels(L)).toBe(true);
    expect(validBreakerLevels([{ drawdownBps: 500, action: "halve_size" }, { drawdownBps: 500, action: "stop_all" }])).toBe(false);
    expect(validBreakerLevels([{ drawdownBps: 500, action: "stop_all" }, { drawdownBps: 900, action: "halve_size" }])).toBe(false);
    expect(validBreakerLevels([{ drawdownBps: 9001, action: "stop_all" }])).toBe(false);
  });
});

describe("properties", () => {
  const levelsArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 4 })
    .map((xs): BreakerLevel[] => {
      const acts = ["halve_size", "conservative_only", "stop_all"] as const;
      return [...xs].sort((a, b) => a - b).map((d, i, all) => ({ drawdownBps: d, action: acts[Math.min(2, Math.floor((i * 3) / all.length))]! }));
    });
  it("peak is a high-water mark; the level lies between the levels crossed and the levels held; events iff the level changes", () => {
    fc.assert(
      fc.property(levelsArb, fc.integer({ min: 0, max: 500 }), fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { maxLength: 40 }), (levels, h, values) => {
        expect(validBreakerLevels(levels)).toBe(true);
        let s: BreakerState = INITIAL_BREAKER_STATE;
        values.forEach((v, i) => {
          const r = evaluateBreaker(levels, s, v, t(i), { hysteresisBps: h });
          expect(r.state.peakUsd).toBeGreaterThanOrEqual(s.peakUsd ?? 0);
          const dd = drawdownBps(r.state.peakUsd, v);
          const crossed = levels.filter((l) => dd >= l.drawdownBps).length;
          const holdable = levels.filter((l) => dd >= l.drawdownBps - h).length;
          expect(r.state.level).toBeGreaterThanOrEqual(crossed);
          expect(r.state.level).toBeLessThanOrEqual(Math.max(crossed, Math.min(holdable, s.level)));
          expect(r.event !== undefined).toBe(r.state.level !== s.level);
          if (r.event) expect(r.event).toMatchObject({ from: s.level, to: r.state.level, drawdownBps: dd });
          s = r.state;
        });
      }),
    );
  });
});
