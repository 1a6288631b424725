// Display formatting for market prices (floats from the shipped candle files are fine
// here: they are shown, never turned into order sizes).

// More decimals for cheaper assets so SHIB does not read as $0.00.
export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : abs >= 0.0001 ? 6 : 8;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatPct(value: number, digits = 2): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${Math.abs(value).toFixed(digits)}%`;
}

// "2024-05-01" -> "May 1, 2024" (dates are UTC calendar days).
export function formatDay(isoDay: string): string {
  const d = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  return d.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

// Whole years between two ISO days, for "7 years of history".
export function spanYears(fromIsoDay: string, toIsoDay: string): number {
  const ms = new Date(`${toIsoDay.slice(0, 10)}T00:00:00Z`).getTime() - new Date(`${fromIsoDay.slice(0, 10)}T00:00:00Z`).getTime();
  return Math.max(0, ms / (365.25 * 24 * 3600 * 1000));
}
