// Strict UTC timestamps. We accept only unambiguous layouts and never guess day/month order:
// "03/04/2024" could be March or April, so it is refused rather than misread.

export type DateRead = { ok: true; iso: string } | { ok: false; reason: string };

// YYYY-MM-DD, then optionally T or space + HH:MM[:SS[.fraction]], then optionally Z, " UTC"
// or a ±HH:MM / ±HHMM offset. A missing zone means UTC (exports in this project are UTC).
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

export function readUtcDate(raw: string, field = "date"): DateRead {
  const s = raw.trim();
  const bad = (why = "is not a valid date"): DateRead => ({ ok: false, reason: `${field} '${s}' ${why}` });
  if (s === "") return { ok: false, reason: `${field} is empty` };
  const m = ISO_LIKE.exec(s);
  if (!m) {
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(s)) {
      return bad("is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)");
    }
    return bad("is not a valid date (expected ISO 8601 or YYYY-MM-DD HH:MM:SS in UTC)");
  }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? "0")) as [
    number, number, number, number, number, number,
  ];
  // Fractions beyond milliseconds are truncated: the stored precision is milliseconds.
  const ms = Number((m[7] ?? "").slice(0, 3).padEnd(3, "0"));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return bad();
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches impossible calendar dates.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return bad();
  if (year < 2009) return bad("is before 2009 (no crypto activity can be that old)");
  const offset = offsetMinutes(m[8]);
  if (offset === null) return bad("has an invalid UTC offset");
  return { ok: true, iso: new Date(t - offset * 60_000).toISOString() };
}

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone || /^(z|utc)$/i.test(zone)) return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}
