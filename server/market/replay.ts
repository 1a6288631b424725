// The market replay's reference price path. Pure and deterministic.
//
// The local pools start at the latest daily closes (2025-06-30). The path replays history's
// *returns* from there: factor(symbol, h) = price h hours after `from` ÷ price at `from`, and
// the keeper's target is (the pool's USD price when the replay started) × factor. So the pools
// move like the market did, starting from wherever they are.
//   - Symbols with hourly candles (BTC, ETH): their hourly closes.
//   - Symbols with daily candles only (LINK, UNI, AAVE, SOL, …): the daily closes interpolated
//     geometrically hour by hour, plus the intraday wiggle of a reference symbol (ETH): ETH's
//     hourly log price minus ETH's own interpolated daily log price. The day-to-day path is the
//     asset's own history; within a day it moves with ETH (beta 1), so hours are not straight
//     lines and the assets stay correlated as DeFi tokens are with ETH.
//   - No history covering the window: the reference symbol's factor.
// Past the end of the window the path repeats, compounding (factor(h + n) = factor(n) × factor(h)),
// so a replay can run forever.

export type ClosePoint = { readonly time: string; readonly close: number };
export type ReplaySeries = { readonly hourly?: readonly ClosePoint[]; readonly daily?: readonly ClosePoint[] };
export type ReplayMethod = "hourly" | "daily+intraday" | "reference";

export type ReplayPath = {
  /** Open time of the first hourly candle (ISO). */
  readonly from: string;
  /** Points per symbol (factor[0] = 1); the path spans hours − 1 hours before it repeats. */
  readonly hours: number;
  readonly factors: ReadonlyMap<string, Float64Array>;
  readonly methods: ReadonlyMap<string, ReplayMethod>;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ms = (t: string) => Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t);

export function buildReplayPath(input: {
  readonly series: Readonly<Record<string, ReplaySeries>>;
  readonly symbols: readonly string[];
  /** Reference symbol with hourly history; default ETH. */
  readonly reference?: string;
  /** Start (an hourly open time); default: the reference's first hour. */
  readonly from?: string;
  /** Length in hours; default: to the end of the reference's hourly history. */
  readonly hours?: number;
}): ReplayPath {
  const refSymbol = input.reference ?? "ETH";
  const ref = input.series[refSymbol]?.hourly;
  if (!ref || ref.length < 2) throw new Error(`replay: no hourly history for the reference ${refSymbol}`);
  const fromMs = input.from ? ms(input.from) : ms(ref[0]!.time);
  const startIdx = ref.findIndex((c) => ms(c.time) === fromMs);
  if (startIdx < 0) throw new Error(`replay: ${input.from} is not an hour of ${refSymbol}'s hourly history`);
  const hours = Math.min(input.hours ?? Infinity, ref.length - startIdx);
  if (!(hours >= 2)) throw new Error("replay: the window needs at least 2 hours");
  // Hourly candle k closes at its open + 1 h: the path's points are those closes.
  const times = Array.from({ length: hours }, (_, k) => fromMs + k * HOUR + HOUR);
  const refHourly = hourlyLogs(ref, times);
  const refDaily = input.series[refSymbol]?.daily;
  const wiggle = refHourly && refDaily ? subtract(refHourly, dailyLogs(refDaily, times)) : null;

  const factors = new Map<string, Float64Array>();
  const methods = new Map<string, ReplayMethod>();
  const refFactors = toFactors(refHourly!);
  for (const symbol of input.symbols) {
    const s = input.series[symbol];
    const hourly = s?.hourly ? hourlyLogs(s.hourly, times) : null;
    const daily = !hourly && s?.daily && wiggle ? dailyLogs(s.daily, times) : null;
    if (hourly) {
      factors.set(symbol, toFactors(hourly));
      methods.set(symbol, "hourly");
    } else if (daily && wiggle) {
      factors.set(symbol, toFactors(add(daily, wiggle)));
      methods.set(symbol, "daily+intraday");
    } else {
      factors.set(symbol, refFactors);
      methods.set(symbol, "reference");
    }
  }
  return { from: new Date(fromMs).toISOString(), hours, factors, methods };
}

/** Price factor of `symbol` after `hoursElapsed` (fractional: geometric interpolation); 1 for unknown symbols. */
export function replayFactorAt(path: ReplayPath, symbol: string, hoursElapsed: number): number {
  const f = path.factors.get(symbol);
  if (!f || !(hoursElapsed > 0)) return 1;
  const span = path.hours - 1;
  const cycles = Math.floor(hoursElapsed / span);
  const rem = hoursElapsed - cycles * span;
  const i = Math.floor(rem);
  const frac = rem - i;
  const a = f[i]!;
  const b = f[Math.min(i + 1, span)]!;
  const within = a * (b / a) ** frac;
  return f[span]! ** cycles * within;
}

/** Target USD prices: start prices × factor, for the symbols the path knows. */
export function replayTargets(path: ReplayPath, startUsd: ReadonlyMap<string, number>, hoursElapsed: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [symbol, p] of startUsd) if (path.factors.has(symbol)) out.set(symbol, p * replayFactorAt(path, symbol, hoursElapsed));
  return out;
}

/** History hours advanced after `elapsedMs` of wall time at `speed` (60 = one history hour per minute). */
export function replayHoursAfter(elapsedMs: number, speed: number): number {
  return (elapsedMs * speed) / HOUR;
}

// Log closes at the given close times, or null when the series does not cover them all.
function hourlyLogs(series: readonly ClosePoint[], closeTimes: readonly number[]): Float64Array | null {
  const byClose = new Map(series.map((c) => [ms(c.time) + HOUR, c.close]));
  const out = new Float64Array(closeTimes.length);
  for (let k = 0; k < closeTimes.length; k++) {
    const v = byClose.get(closeTimes[k]!);
    if (v === undefined || !(v > 0)) return null;
    out[k] = Math.log(v);
  }
  return out;
}

// Daily closes (day D closes at D + 24 h) interpolated geometrically at each time.
function dailyLogs(series: readonly ClosePoint[], times: readonly number[]): Float64Array | null {
  const byClose = new Map(series.map((c) => [ms(c.time) + DAY, c.close]));
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    const prevClose = Math.floor((t - 1) / DAY) * DAY; // the last day boundary strictly before t
    const a = byClose.get(prevClose);
    const b = byClose.get(prevClose + DAY);
    if (!a || !b) return null;
    const frac = (t - prevClose) / DAY;
    out[k] = (1 - frac) * Math.log(a) + frac * Math.log(b);
  }
  return out;
}

const subtract = (a: Float64Array, b: Float64Array | null) => (b ? a.map((v, i) => v - b[i]!) : null);
const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]!);
const toFactors = (logs: Float64Array) => logs.map((v) => Math.exp(v - logs[0]!));
