// "just now", "5 min ago", "3 h ago", "2 d ago", then the date: short relative times for the
// notification list.
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function timeAgo(date: Date, nowMs: number): string {
  const ms = nowMs - date.getTime();
  if (ms < 45_000) return "just now";
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MIN))} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 7 * DAY) return `${Math.floor(ms / DAY)} d ago`;
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** "9+" above nine: the badge stays one glyph wide-ish. */
export const badgeCount = (n: number) => (n > 9 ? "9+" : String(n));
