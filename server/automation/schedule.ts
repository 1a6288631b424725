// Interval arithmetic for schedules (DCA slots, periodic rebalances). Pure; all calendar maths in UTC.
//
// An interval is `{ every, unit }`. Minutes, hours, days and weeks are fixed lengths in
// milliseconds (a "day" is 24 h: UTC has no daylight saving). Months are calendar months:
// slot n is the anchor plus n × every months, clamped to the last day of the target month, with
// the anchor's time of day kept. Slot n is always computed from the anchor, never from slot
// n − 1, so a schedule anchored on Jan 31 runs Feb 28 (29), Mar 31, Apr 30 … and does not
// drift to the 28th for ever after February.
import { DomainError, ErrorKind } from "@/server/errors";

export const INTERVAL_UNITS = ["minute", "hour", "day", "week", "month"] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];
export type Interval = { every: number; unit: IntervalUnit };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
const FIXED_UNIT_MS: Record<Exclude<IntervalUnit, "month">, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS, week: WEEK_MS };

/** Shortest and longest schedule interval: one minute … one year (365 days, or 12 months). */
export const MIN_INTERVAL_MS = MINUTE_MS;
export const MAX_INTERVAL_MS = 365 * DAY_MS;
export const MAX_INTERVAL_MONTHS = 12;

function assertInterval(i: Interval): void {
  if (!Number.isSafeInteger(i.every) || i.every < 1) {
    throw new DomainError("automation.INVALID_INTERVAL", ErrorKind.invalid, "The interval must be a whole number of at least 1.");
  }
}

/** The fixed length of an interval in ms, or null for calendar months (their length varies). */
export function fixedIntervalMs(i: Interval): number | null {
  assertInterval(i);
  return i.unit === "month" ? null : i.every * FIXED_UNIT_MS[i.unit];
}

/** Whether an interval lies within one minute … one year. */
export function isIntervalInRange(i: Interval): boolean {
  if (!Number.isSafeInteger(i.every) || i.every < 1) return false;
  if (i.unit === "month") return i.every <= MAX_INTERVAL_MONTHS;
  const ms = i.every * FIXED_UNIT_MS[i.unit];
  return ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS;
}

const daysInMonthUtc = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** `t` plus `months` calendar months in UTC, the day clamped to the target month's last day. */
export function addMonthsUtc(t: Date, months: number): Date {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + months;
  const year = y + Math.floor(m / 12);
  const month0 = ((m % 12) + 12) % 12;
  const day = Math.min(t.getUTCDate(), daysInMonthUtc(year, month0));
  return new Date(Date.UTC(year, month0, day, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds()));
}

/** Time of slot `n` (n ≥ 0) of a schedule anchored at `anchor`: anchor + n × interval. */
export function slotTimeFrom(anchor: Date, i: Interval, n: number): Date {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError("automation.INVALID_SLOT", ErrorKind.invalid, "A slot index is a whole number ≥ 0.");
  const ms = fixedIntervalMs(i);
  return ms === null ? addMonthsUtc(anchor, n * i.every) : new Date(anchor.getTime() + n * ms);
}

/** The latest slot index n with slotTime(n) ≤ now, or null when now is before the anchor. */
export function slotIndexAt(anchor: Date, i: Interval, now: Date): number | null {
  const elapsed = now.getTime() - anchor.getTime();
  if (elapsed < 0) return null;
  const ms = fixedIntervalMs(i);
  if (ms !== null) return Math.floor(elapsed / ms);
  // Calendar months: estimate from the month difference, then correct (clamping and the time of
  // day can put the estimate one slot too high).
  const months = (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
  let n = Math.max(0, Math.floor(months / i.every));
  while (n > 0 && slotTimeFrom(anchor, i, n).getTime() > now.getTime()) n--;
  while (slotTimeFrom(anchor, i, n + 1).getTime() <= now.getTime()) n++;
  return n;
}

/** "every 2 weeks", "every month" (for rationales and UI). */
export function describeInterval(i: Interval): string {
  return i.every === 1 ? `every ${i.unit}` : `every ${i.every} ${i.unit}s`;
}
