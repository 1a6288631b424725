import { describe, expect, it } from "vitest";
import {
  addSample,
  describeAlert,
  evaluateAlert,
  formatBps,
  formatHours,
  formatUsdPrice,
  MAX_SAMPLES,
  type AlertConfig,
  type AlertEvaluation,
  type EvaluableAlert,
  type Observation,
} from "./alerts";

const H = 3_600_000;
const T0 = new Date("2026-03-01T00:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * H);

function alertOf(config: AlertConfig, over: Partial<EvaluableAlert> = {}): EvaluableAlert {
  return { id: "a1", config, status: "active", repeat: true, state: {}, lastTriggeredAt: null, ...over };
}

/** Feeds observations one after the other, carrying state/status/lastTriggeredAt like the service does. */
function run(alert: EvaluableAlert, steps: [Date, Observation][]): AlertEvaluation[] {
  let cur = alert;
  return steps.map(([now, obs]) => {
    const r = evaluateAlert(cur, obs, now);
    cur = { ...cur, status: r.status, state: r.state, lastTriggeredAt: r.trigger ? now : cur.lastTriggeredAt };
    return r;
  });
}

const price = (p: number): Observation => ({ kind: "price", priceUsd: p });
const ETH_ABOVE: AlertConfig = { kind: "price_above", chainId: 31337, token: "0xeth", symbol: "ETH", priceUsd: "3000", hysteresisBps: 100 };
const ETH_BELOW: AlertConfig = { ...ETH_ABOVE, kind: "price_below", priceUsd: "2500" };

describe("formatting", () => {
  it("prints prices, basis points and hours", () => {
    expect(formatUsdPrice(3000)).toBe("$3,000.00");
    expect(formatUsdPrice(2512.345)).toBe("$2,512.35");
    expect(formatUsdPrice(0.000123)).toBe("$0.000123");
    expect(formatUsdPrice(0.5)).toBe("$0.50");
    expect(formatBps(1500)).toBe("15.00 %");
    expect(formatHours(24 * H)).toBe("24 h");
    expect(formatHours(1.5 * H)).toBe("1.5 h");
  });

  it("describes each kind of alert", () => {
    expect(describeAlert(ETH_ABOVE)).toBe("ETH at or above $3,000.00");
    expect(describeAlert(ETH_BELOW)).toBe("ETH at or below $2,500.00");
    expect(describeAlert({ kind: "price_change", chainId: 1, token: "0x", symbol: "ETH", changeBps: 500, windowMs: 24 * H, direction: "both", cooldownMs: 0 })).toBe("ETH moves ±5.00 % within 24 h");
    expect(describeAlert({ kind: "drawdown", portfolioId: "p", portfolioName: "Main", limitBps: 1500, hysteresisBps: 100 })).toBe("“Main” 15.00 % or more below its peak");
    expect(describeAlert({ kind: "concentration", portfolioId: "p", portfolioName: "Main", limitBps: 5000, hysteresisBps: 100 })).toBe("A holding of “Main” at 50.00 % or more of its value");
  });
});

describe("price above / below", () => {
  it("fires once on crossing, not while the price stays above, and re-arms below level − hysteresis", () => {
    // Level 3000, hysteresis 1 % → re-arm at or below 2970.
    const r = run(alertOf(ETH_ABOVE), [
      [at(0), price(2900)], // armed, below
      [at(1), price(3010)], // crosses: fires
      [at(2), price(3050)], // still above: nothing
      [at(3), price(2980)], // back below the level but not past 2970: still disarmed
      [at(4), price(3005)], // above again: nothing (never re-armed)
      [at(5), price(2970)], // 2970 ≤ 3000 × 0.99: re-armed
      [at(6), price(3001)], // crosses again: fires (second episode)
    ]);
    expect(r.map((x) => (x.trigger ? "fire" : x.status))).toEqual(["active", "fire", "triggered", "triggered", "triggered", "active", "fire"]);
    const first = r[1]!.trigger!;
    expect(first.title).toBe("ETH rose above $3,000.00");
    expect(first.body).toBe("ETH is at $3,010.00, above your alert level of $3,000.00. The alert re-arms once the price is back below $2,970.00.");
    expect(first.dedupeKey).toBe("alert:a1:1");
    expect(r[6]!.trigger!.dedupeKey).toBe("alert:a1:2");
    expect(first.notificationKind).toBe("alert.price");
    expect(first.data).toMatchObject({ priceUsd: 3010, levelUsd: 3000, chainId: 31337 });
    expect(r[1]!.lastValue).toBe("3010");
  });

  it("below: fires at the level exactly and re-arms at level × (1 + hysteresis)", () => {
    // Level 2500, hysteresis 1 % → re-arm at or above 2525.
    const r = run(alertOf(ETH_BELOW), [
      [at(0), price(2600)],
      [at(1), price(2500)], // ≤ 2500: fires
      [at(2), price(2524)], // not yet 2525
      [at(3), price(2400)],
      [at(4), price(2525)], // re-armed
      [at(5), price(2499)], // fires
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, true, false, false, false, true]);
    expect(r[1]!.trigger!.title).toBe("ETH fell below $2,500.00");
    expect(r[4]!.status).toBe("active");
  });

  it("a new alert whose condition already holds fires on its first evaluation", () => {
    const [r] = run(alertOf(ETH_ABOVE), [[at(0), price(3200)]]);
    expect(r!.trigger?.dedupeKey).toBe("alert:a1:1");
  });

  it("one-shot (repeat off) never re-arms and stays triggered", () => {
    const r = run(alertOf(ETH_ABOVE, { repeat: false }), [
      [at(0), price(3100)],
      [at(1), price(2000)],
      [at(2), price(3100)],
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([true, false, false]);
    expect(r.map((x) => x.status)).toEqual(["triggered", "triggered", "triggered"]);
    expect(r[0]!.trigger!.body).not.toContain("re-arms");
  });

  it("paused alerts are left alone", () => {
    const r = evaluateAlert(alertOf(ETH_ABOVE, { status: "paused" }), price(5000), at(0));
    expect(r).toMatchObject({ status: "paused", trigger: null, state: {} });
  });

  it("rejects an observation of the wrong kind", () => {
    expect(() => evaluateAlert(alertOf(ETH_ABOVE), { kind: "drawdown", drawdownBps: 10 }, at(0))).toThrow(/price observation/);
  });
});

describe("percent move", () => {
  const CHANGE: AlertConfig = { kind: "price_change", chainId: 31337, token: "0xeth", symbol: "ETH", changeBps: 500, windowMs: 24 * H, direction: "both", cooldownMs: 6 * H };

  it("fires on ±5 % against the price about a window ago, then needs a fresh move", () => {
    const r = run(alertOf(CHANGE), [
      [at(0), price(2000)], // reference
      [at(12), price(2080)], // +4 %: no
      [at(20), price(2100)], // +5 % exactly (2100 / 2000 − 1 = 0.05): fires
      [at(21), price(2150)], // samples restarted at 2100: +2.38 %, and cooling down
      [at(30), price(2210)], // vs 2100: +5.24 % and 10 h since the trigger: fires
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, false, true, false, true]);
    const t = r[2]!.trigger!;
    expect(t.title).toBe("ETH up 5.00 % in 20 h");
    expect(t.body).toBe("ETH moved from $2,000.00 to $2,100.00 (+5.00 %) in the last 20 h; your alert is set at ±5.00 % within 24 h.");
    expect(t.data).toMatchObject({ referenceUsd: 2000, changeBps: 500 });
    expect(t.severity).toBe("warning");
    expect(r[4]!.trigger!.title).toBe("ETH up 5.24 % in 10 h");
  });

  it("uses the oldest sample inside the window: an old low outside it does not count", () => {
    const r = run(alertOf(CHANGE), [
      [at(0), price(1000)],
      [at(10), price(1900)], // +90 % vs 1000: fires (and restarts samples at 1900)
      [at(40), price(1950)], // 1900 sample is 30 h old: dropped; reference is the current price
      [at(50), price(2000)], // vs 1950 (10 h ago): +2.56 %: no
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, true, false, false]);
    expect(r[1]!.trigger!.severity).toBe("critical"); // ≥ 2 × threshold
  });

  it("direction down ignores rises; the cooldown holds a second move back", () => {
    const down: AlertConfig = { ...CHANGE, direction: "down", cooldownMs: 12 * H };
    const r = run(alertOf(down), [
      [at(0), price(2000)],
      [at(1), price(2200)], // +10 %: ignored (down only)
      [at(2), price(1800)], // −10 % vs 2000: fires
      [at(3), price(1700)], // −5.56 % vs 1800, but 1 h into a 12 h cooldown
      [at(15), price(1600)], // vs 1800 (13 h ago, in window): −11.1 %, cooldown over: fires
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, false, true, false, true]);
    expect(r[2]!.trigger!.title).toBe("ETH down 10.00 % in 2 h");
    expect(r[2]!.trigger!.body).toContain("(−10.00 %)");
    expect(r[2]!.trigger!.body).toContain("−5.00 % within 24 h");
  });

  it("keeps at most MAX_SAMPLES samples spaced by window / MAX_SAMPLES", () => {
    let s: { t: number; p: number }[] = [];
    // One sample a minute for 48 h with a 24 h window: spacing 30 min → at most 48 kept.
    for (let m = 0; m < 48 * 60; m++) s = addSample(s, { t: m * 60_000, p: 1 }, 24 * H);
    expect(s.length).toBeLessThanOrEqual(MAX_SAMPLES);
    expect(s.at(-1)!.t - s[0]!.t).toBeLessThanOrEqual(24 * H);
    for (let i = 1; i < s.length; i++) expect(s[i]!.t - s[i - 1]!.t).toBeGreaterThanOrEqual(30 * 60_000);
  });
});

describe("portfolio alerts", () => {
  const DD: AlertConfig = { kind: "drawdown", portfolioId: "p1", portfolioName: "Main", limitBps: 1500, hysteresisBps: 100 };
  const CONC: AlertConfig = { kind: "concentration", portfolioId: "p1", portfolioName: "Main", limitBps: 5000, hysteresisBps: 100 };

  it("drawdown fires at ≥ limit, re-arms below limit − hysteresis", () => {
    const dd = (bps: number): Observation => ({ kind: "drawdown", drawdownBps: bps });
    const r = run(alertOf(DD), [
      [at(0), dd(800)],
      [at(1), dd(1620)], // 16.20 % ≥ 15 %: fires
      [at(2), dd(1450)], // 14.5 % > 14 %: still disarmed
      [at(3), dd(1400)], // ≤ 14 %: re-armed
      [at(4), dd(3100)], // fires, ≥ 2 × limit → critical
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, true, false, false, true]);
    expect(r[1]!.trigger!.title).toBe("“Main” is 16.20 % below its peak");
    expect(r[1]!.trigger!.body).toBe("The portfolio's drawdown from its peak is 16.20 %, beyond your limit of 15.00 %.");
    expect(r[1]!.trigger!.severity).toBe("warning");
    expect(r[4]!.trigger!.severity).toBe("critical");
    expect(r[1]!.trigger!.notificationKind).toBe("alert.drawdown");
  });

  it("concentration names the largest holding", () => {
    const w = (bps: number): Observation => ({ kind: "concentration", weightBps: bps, symbol: "ETH" });
    const r = run(alertOf(CONC), [
      [at(0), w(6250)],
      [at(1), w(6300)],
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([true, false]);
    expect(r[0]!.trigger!.title).toBe("ETH is 62.50 % of “Main”");
    expect(r[0]!.trigger!.body).toBe("The largest holding, ETH, is 62.50 % of the portfolio's value, above your concentration limit of 50.00 %.");
    expect(r[0]!.trigger!.data).toMatchObject({ symbol: "ETH", valueBps: 6250, limitBps: 5000 });
  });
});

describe("edges", () => {
  const CHANGE: AlertConfig = { kind: "price_change", chainId: 1, token: "0xeth", symbol: "ETH", changeBps: 1000, windowMs: 24 * H, direction: "up", cooldownMs: 0 };
  const DD: AlertConfig = { kind: "drawdown", portfolioId: "p1", portfolioName: "Main", limitBps: 1500, hysteresisBps: 100 };
  const CONC: AlertConfig = { kind: "concentration", portfolioId: "p1", portfolioName: "Main", limitBps: 5000, hysteresisBps: 100 };

  it.each([
    [CHANGE, { kind: "drawdown", drawdownBps: 1 }, /price_change needs a price/],
    [DD, price(1), /drawdown needs a drawdown/],
    [CONC, price(1), /concentration needs a weight/],
  ] as [AlertConfig, Observation, RegExp][])("rejects a mismatched observation (%#)", (config, obs, msg) => {
    expect(() => evaluateAlert(alertOf(config), obs, at(0))).toThrow(msg);
  });

  it("a paused alert records nothing, whatever it observes", () => {
    expect(evaluateAlert(alertOf(DD, { status: "paused" }), { kind: "drawdown", drawdownBps: 9000 }, at(0))).toMatchObject({ trigger: null, lastValue: "9000" });
    expect(evaluateAlert(alertOf(CONC, { status: "paused" }), { kind: "concentration", weightBps: 9000, symbol: "ETH" }, at(0)).lastValue).toBe("9000");
  });

  it("percent move up only; a one-shot move alert is spent after firing; a zero reference never fires", () => {
    const r = run(alertOf(CHANGE, { repeat: false }), [
      [at(0), price(100)],
      [at(1), price(85)], // −15 %: direction up ignores it
      [at(2), price(110)], // vs 100: +10 %: fires, spent
      [at(3), price(200)],
    ]);
    expect(r.map((x) => Boolean(x.trigger))).toEqual([false, false, true, false]);
    expect(r.map((x) => x.status)).toEqual(["active", "active", "triggered", "triggered"]);
    expect(r[2]!.trigger!.body).toContain("your alert is set at +10.00 % within 24 h");
    const zero = run(alertOf(CHANGE), [
      [at(0), price(0)],
      [at(1), price(50)],
    ]);
    expect(zero.every((x) => x.trigger === null)).toBe(true);
  });

  it("formats zero, negative and tiny prices, and describes directional moves", () => {
    expect(formatUsdPrice(0)).toBe("$0.00");
    expect(formatUsdPrice(-12.5)).toBe("-$12.50");
    expect(formatUsdPrice(0.00000001234)).toBe("$0.00000001");
    expect(describeAlert(CHANGE)).toBe("ETH moves +10.00 % within 24 h");
    expect(describeAlert({ ...CHANGE, direction: "down" })).toBe("ETH moves −10.00 % within 24 h");
  });
});
