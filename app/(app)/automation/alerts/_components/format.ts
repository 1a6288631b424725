// Display helpers for the alerts page.
export const KIND_LABEL = {
  price_above: "Price above",
  price_below: "Price below",
  price_change: "Price move",
  drawdown: "Drawdown",
  concentration: "Concentration",
} as const;

export type AlertKind = keyof typeof KIND_LABEL;

/** A float USD price for display: "$3,012.45", small prices with more decimals. */
export function formatPrice(value: string | null): string {
  if (value === null) return "–";
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const digits = n >= 1 ? 2 : n > 0 ? Math.min(8, 2 - Math.floor(Math.log10(n)) + 2) : 2;
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

/** Basis points as "15.00 %". */
export const formatBps = (value: string | number | null) => (value === null ? "–" : `${(Number(value) / 100).toFixed(2)} %`);

/** "5" (percent, as typed) → 500 bps; NaN stays NaN so the server's zod message shows. */
export function percentToBps(text: string): number {
  const t = text.trim();
  if (t === "") return Number.NaN;
  return Math.round(Number(t) * 100);
}
