// Small pure helpers of the verified record around the metrics core (metrics.ts): the TWR index
// series (sparklines, the profile's equity curve), the snapshot's flow rule, the minimum-record
// shortfalls in words, and a trade's side. No I/O.
import { MS_PER_DAY, type DayNumber } from "@/server/portfolio/types";
import type { EquityPoint } from "./metrics";

/**
 * The TWR index (1 at the base day) of every point in (startDay, endDay], with the same linking
 * as metrics.ts: r_i = (V_i − F_i) / V_{i−1} − 1 (0 when the previous value is ≤ 0). The first
 * element is the base day itself (index 1).
 */
export function twrIndexSeries(equity: readonly EquityPoint[], startDay: DayNumber, endDay: DayNumber): { day: DayNumber; index: number }[] {
  const out: { day: DayNumber; index: number }[] = [{ day: startDay, index: 1 }];
  let prev: EquityPoint | null = null;
  let level = 1;
  for (const p of equity) {
    if (p.day > endDay) break;
    if (p.day > startDay) {
      const r = prev && prev.valueUsd > 0 ? (p.valueUsd - p.flowUsd) / prev.valueUsd - 1 : 0;
      level *= 1 + r;
      out.push({ day: p.day, index: level });
    }
    prev = p;
  }
  return out;
}

/** At most `max` values, evenly spaced, always keeping the first and the last. */
export function downsample<T>(values: readonly T[], max: number): T[] {
  if (values.length <= max) return values.slice();
  if (max < 2) return values.slice(0, Math.max(0, max));
  const out: T[] = [];
  const step = (values.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(values[Math.round(i * step)]!);
  return out;
}

/**
 * The flow of a snapshot interval (the time since the trader's previous snapshot).
 *   first point ever          flow = value (the initial deposit, not a return);
 *   a book changed outside    (a paper account reset or created, or the profile's counted sources
 *   trading since then        changed) flow = value now − previous snapshot value: the interval's
 *                             return is taken as 0 (snapshots are ~1 min apart, so this loses at
 *                             most a minute of price moves) and the reset is flow-neutral;
 *   otherwise                 flow = 0 (trades and price moves are returns).
 */
export function snapshotFlow(input: { valueUsd: number; previousValueUsd: number | null; booksChanged: boolean }): number {
  if (input.previousValueUsd === null) return input.valueUsd;
  return input.booksChanged ? input.valueUsd - input.previousValueUsd : 0;
}

/** The minimum record's shortfalls in words ("12 more days", "3 more verified trades"). */
export function missingForRanking(record: { recordDays: number; trades: number }, req: { minDays: number; minTrades: number }): string[] {
  const out: string[] = [];
  const days = req.minDays - record.recordDays;
  if (days > 0) out.push(`${days} more ${days === 1 ? "day" : "days"}`);
  const trades = req.minTrades - record.trades;
  if (trades > 0) out.push(`${trades} more verified ${trades === 1 ? "trade" : "trades"}`);
  return out;
}

/** buy: gives up a stablecoin for a non-stable asset; sell: the reverse; anything else: swap. */
export function tradeSide(stableIn: boolean, stableOut: boolean): "buy" | "sell" | "swap" {
  if (stableIn && !stableOut) return "buy";
  if (!stableIn && stableOut) return "sell";
  return "swap";
}

/** The last instant (epoch ms) of a UTC day: the "now" of a record that ended that day. */
export function endOfDayMs(day: DayNumber): number {
  return (day + 1) * MS_PER_DAY - 1;
}
