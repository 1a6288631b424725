// Technical indicators over daily candles. Pure; floats. Standard definitions (the npm package
// `trading-signals` is not installed here, so tests check hand-worked values instead):
//   SMA(n)_t   = mean of the last n values.
//   EMA(n)     seeded with SMA(n) of the first n values (at index n − 1), then
//              EMA_t = EMA_{t−1} + k (x_t − EMA_{t−1}), k = 2 / (n + 1).
//   RSI(n)     Wilder: changes c_t = x_t − x_{t−1}; the first average gain/loss is the simple mean
//              of the first n gains/losses (at index n), then avg_t = (avg_{t−1}(n − 1) + g_t) / n.
//              RSI = 100 − 100 / (1 + avgGain / avgLoss); avgLoss = 0 → 100 (50 if avgGain = 0 too).
//   MACD(f,s,g) line = EMA(f) − EMA(s) (from index s − 1); signal = EMA(g) of the line, seeded
//              with the SMA of its first g values (index s + g − 2); histogram = line − signal.
//   Bollinger(n, m)  middle = SMA(n); upper/lower = middle ± m σ, σ the POPULATION standard
//              deviation of the same n closes (Bollinger's definition).
//   ATR(n)     true range TR_0 = h − l, TR_t = max(h − l, |h − c_{t−1}|, |l − c_{t−1}|); the first
//              ATR is the mean of TR_0..TR_{n−1} (index n − 1), then Wilder: (ATR(n − 1) + TR) / n.
// Every function returns an array aligned with its input, null where the indicator is not defined yet.

export type Candle = {
  /** Open time of the UTC day (ms). */
  timestampMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
};

export type Series = (number | null)[];

export function sma(values: readonly number[], period: number): Series {
  const out: Series = values.map(() => null);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= period) sum -= values[i - period]!;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/** EMA over a series that may start with nulls: seeded at the first n non-null values. */
export function ema(values: readonly (number | null)[], period: number): Series {
  const out: Series = values.map(() => null);
  const k = 2 / (period + 1);
  let seen = 0;
  let seed = 0;
  let prev: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === null || x === undefined) continue;
    if (prev === null) {
      seed += x;
      if (++seen === period) prev = seed / period;
      else continue;
    } else prev = prev + k * (x - prev);
    out[i] = prev;
  }
  return out;
}

export function rsi(closes: readonly number[], period = 14): Series {
  const out: Series = closes.map(() => null);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < closes.length; i++) {
    const c = closes[i]! - closes[i - 1]!;
    const g = c > 0 ? c : 0;
    const l = c < 0 ? -c : 0;
    if (i <= period) {
      gain += g / period;
      loss += l / period;
      if (i < period) continue;
    } else {
      gain = (gain * (period - 1) + g) / period;
      loss = (loss * (period - 1) + l) / period;
    }
    out[i] = loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

export type Macd = { macd: Series; signal: Series; histogram: Series };

export function macd(closes: readonly number[], fast = 12, slow = 26, signalPeriod = 9): Macd {
  const f = ema(closes, fast);
  const s = ema(closes, slow);
  const line: Series = closes.map((_, i) => (f[i] !== null && s[i] !== null ? f[i]! - s[i]! : null));
  const signal = ema(line, signalPeriod);
  const histogram: Series = line.map((m, i) => (m !== null && signal[i] !== null ? m - signal[i]! : null));
  return { macd: line, signal, histogram };
}

export type Bollinger = { middle: Series; upper: Series; lower: Series };

export function bollinger(closes: readonly number[], period = 20, mult = 2): Bollinger {
  const middle = sma(closes, period);
  const upper: Series = closes.map(() => null);
  const lower: Series = closes.map(() => null);
  for (let i = period - 1; i < closes.length; i++) {
    const m = middle[i]!;
    let v = 0;
    for (let j = i - period + 1; j <= i; j++) v += (closes[j]! - m) ** 2;
    const sd = Math.sqrt(v / period);
    upper[i] = m + mult * sd;
    lower[i] = m - mult * sd;
  }
  return { middle, upper, lower };
}

export function atr(candles: readonly Candle[], period = 14): Series {
  const out: Series = candles.map(() => null);
  let prev: number | null = null;
  let sum = 0;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i]!;
    const pc = i > 0 ? candles[i - 1]!.close : null;
    const tr = pc === null ? c.high - c.low : Math.max(c.high - c.low, Math.abs(c.high - pc), Math.abs(c.low - pc));
    if (prev === null) {
      sum += tr;
      if (i < period - 1) continue;
      prev = sum / period;
    } else prev = (prev * (period - 1) + tr) / period;
    out[i] = prev;
  }
  return out;
}
