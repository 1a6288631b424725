// Generated signals from indicator crossovers on daily candles. Pure and deterministic: the same
// candles give the same signals, `generatedAtMs` is the close of the candle that triggered
// (timestampMs + 1 day), never a clock.
//
// RULES (on candle t against candle t − 1; indicators.ts definitions):
//   rsi        RSI(14) crosses UP through 30: RSI_{t−1} < 30 ≤ RSI_t → long;
//              crosses DOWN through 70: RSI_{t−1} > 70 ≥ RSI_t → short.
//   macd       MACD(12,26,9) line crosses the signal line: (line − signal) goes from ≤ 0 to > 0 →
//              long; from ≥ 0 to < 0 → short.
//   bollinger  Bollinger(20, 2σ): the close comes back inside from below (c_{t−1} < lower_{t−1},
//              c_t ≥ lower_t) → long; from above (c_{t−1} > upper_{t−1}, c_t ≤ upper_t) → short.
// LEVELS: entry = close_t. Targets and stop by ATR(14): long targets entry + k × ATR (k in
//   targetAtrMultiples, default 1 and 2), stop entry − stopAtrMultiple × ATR (default 1.5); short
//   mirrored. When ATR is not defined yet, or `levels.kind` is 'pct', fixed bps of the entry
//   instead (default targets 500 and 1,000 bps, stop 500 bps). Levels ≤ 0 are dropped (a short's
//   target on a tiny price), and a signal with no valid target or stop is not emitted.
import { MS_PER_DAY } from "@/server/portfolio/types";
import { atr, bollinger, macd, rsi, type Candle } from "./indicators";

export const SignalRule = { rsi: "rsi", macd: "macd", bollinger: "bollinger" } as const;
export type SignalRule = (typeof SignalRule)[keyof typeof SignalRule];
export type SignalDirection = "long" | "short";

export type GeneratedSignal = {
  /** Deterministic: `${asset}:${rule}:${candle timestampMs}`. */
  id: string;
  asset: string;
  rule: SignalRule;
  direction: SignalDirection;
  entry: number;
  targets: number[];
  stop: number;
  horizonDays: number;
  rationale: string;
  generatedAtMs: number;
  source: "generated";
};

export type SignalLevels =
  | { kind: "atr"; targetAtrMultiples: readonly number[]; stopAtrMultiple: number; fallbackTargetsBps: readonly number[]; fallbackStopBps: number }
  | { kind: "pct"; targetsBps: readonly number[]; stopBps: number };

export type SignalOptions = { horizonDays?: number; levels?: SignalLevels; rules?: readonly SignalRule[] };

export const DEFAULT_SIGNAL_LEVELS: SignalLevels = { kind: "atr", targetAtrMultiples: [1, 2], stopAtrMultiple: 1.5, fallbackTargetsBps: [500, 1000], fallbackStopBps: 500 };
export const DEFAULT_HORIZON_DAYS = 7;

const f2 = (x: number) => x.toFixed(2);

function levelsFor(direction: SignalDirection, entry: number, atrValue: number | null, levels: SignalLevels): { targets: number[]; stop: number; how: string } {
  const sign = direction === "long" ? 1 : -1;
  let targets: number[];
  let stop: number;
  let how: string;
  if (levels.kind === "atr" && atrValue !== null && atrValue > 0) {
    targets = levels.targetAtrMultiples.map((k) => entry + sign * k * atrValue);
    stop = entry - sign * levels.stopAtrMultiple * atrValue;
    how = `targets at ${levels.targetAtrMultiples.join(", ")} × ATR(14) ${f2(atrValue)}, stop at ${levels.stopAtrMultiple} × ATR`;
  } else {
    const t = levels.kind === "atr" ? levels.fallbackTargetsBps : levels.targetsBps;
    const s = levels.kind === "atr" ? levels.fallbackStopBps : levels.stopBps;
    targets = t.map((b) => entry * (1 + (sign * b) / 10_000));
    stop = entry * (1 - (sign * s) / 10_000);
    how = `targets at ${t.map((b) => `${b / 100} %`).join(", ")}, stop at ${s / 100} %`;
  }
  return { targets: targets.filter((x) => x > 0), stop, how };
}

type Trigger = { rule: SignalRule; direction: SignalDirection; text: string };

function triggersAt(i: number, closes: readonly number[], ind: ReturnType<typeof indicatorsOf>, rules: ReadonlySet<SignalRule>): Trigger[] {
  const out: Trigger[] = [];
  const [r0, r1] = [ind.rsi[i - 1], ind.rsi[i]];
  if (rules.has("rsi") && r0 != null && r1 != null) {
    if (r0 < 30 && r1 >= 30) out.push({ rule: "rsi", direction: "long", text: `RSI(14) crossed up through 30 (${f2(r0)} → ${f2(r1)})` });
    if (r0 > 70 && r1 <= 70) out.push({ rule: "rsi", direction: "short", text: `RSI(14) crossed down through 70 (${f2(r0)} → ${f2(r1)})` });
  }
  const [m0, m1, s0, s1] = [ind.macd.macd[i - 1], ind.macd.macd[i], ind.macd.signal[i - 1], ind.macd.signal[i]];
  if (rules.has("macd") && m0 != null && m1 != null && s0 != null && s1 != null) {
    const vals = `MACD ${f2(m0)} → ${f2(m1)}, signal ${f2(s0)} → ${f2(s1)}`;
    if (m0 - s0 <= 0 && m1 - s1 > 0) out.push({ rule: "macd", direction: "long", text: `MACD(12,26,9) crossed above its signal line (${vals})` });
    if (m0 - s0 >= 0 && m1 - s1 < 0) out.push({ rule: "macd", direction: "short", text: `MACD(12,26,9) crossed below its signal line (${vals})` });
  }
  const { lower, upper } = ind.bb;
  const [l0, l1, u0, u1] = [lower[i - 1], lower[i], upper[i - 1], upper[i]];
  const [c0, c1] = [closes[i - 1]!, closes[i]!];
  if (rules.has("bollinger") && l0 != null && l1 != null && u0 != null && u1 != null) {
    if (c0 < l0 && c1 >= l1) out.push({ rule: "bollinger", direction: "long", text: `Close came back inside the lower Bollinger band (20, 2σ): ${f2(c0)} < ${f2(l0)}, then ${f2(c1)} ≥ ${f2(l1)}` });
    if (c0 > u0 && c1 <= u1) out.push({ rule: "bollinger", direction: "short", text: `Close came back inside the upper Bollinger band (20, 2σ): ${f2(c0)} > ${f2(u0)}, then ${f2(c1)} ≤ ${f2(u1)}` });
  }
  return out;
}

function indicatorsOf(candles: readonly Candle[]) {
  const closes = candles.map((c) => c.close);
  return { closes, rsi: rsi(closes, 14), macd: macd(closes, 12, 26, 9), bb: bollinger(closes, 20, 2), atr: atr(candles, 14) };
}

/**
 * Every signal over the candles (ascending UTC days), in candle order, rule order rsi, macd,
 * bollinger. `fromIndex` limits the scan to candles ≥ that index (e.g. only the latest candle:
 * candles.length − 1), with indicators still computed over the whole history.
 */
export function generateSignals(asset: string, candles: readonly Candle[], opts: SignalOptions & { fromIndex?: number } = {}): GeneratedSignal[] {
  const ind = indicatorsOf(candles);
  const rules = new Set(opts.rules ?? (Object.values(SignalRule) as SignalRule[]));
  const levels = opts.levels ?? DEFAULT_SIGNAL_LEVELS;
  const horizonDays = opts.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const out: GeneratedSignal[] = [];
  for (let i = Math.max(1, opts.fromIndex ?? 1); i < candles.length; i++) {
    const c = candles[i]!;
    for (const t of triggersAt(i, ind.closes, ind, rules)) {
      const lv = levelsFor(t.direction, c.close, ind.atr[i] ?? null, levels);
      if (lv.targets.length === 0 || !(lv.stop > 0)) continue;
      out.push({
        id: `${asset}:${t.rule}:${c.timestampMs}`,
        asset,
        rule: t.rule,
        direction: t.direction,
        entry: c.close,
        targets: lv.targets,
        stop: lv.stop,
        horizonDays,
        rationale: `${t.text}; ${t.direction} at the close ${f2(c.close)}, ${lv.how}; horizon ${horizonDays} days. Generated by Lodestar from indicators, not advice.`,
        generatedAtMs: c.timestampMs + MS_PER_DAY,
        source: "generated",
      });
    }
  }
  return out;
}
