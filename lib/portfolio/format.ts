// Display formatting for the portfolio wire shapes. Fiat arrives as decimal strings (USD, up to
// 18 decimals): they are rounded and grouped here as strings (BigInt), so "1234.565" never turns
// into 1234.56 through a binary float. Dimensionless figures (returns, ratios) are numbers.

import type { RangeReturnRow } from "./types";

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Rounds a decimal string half away from zero to `digits` decimals, exactly. */
export function roundDecimal(text: string, digits: number): string {
  const m = DECIMAL.exec(text.trim());
  if (!m) return text;
  const [, neg, whole = "0", frac = ""] = m;
  const padded = (frac + "0".repeat(digits + 1)).slice(0, digits + 1);
  const scaled = BigInt(whole + padded); // value × 10^(digits+1)
  let rounded = (scaled + 5n) / 10n; // half up on the magnitude
  // Anything beyond the first dropped digit only matters for exact halves, which "+5" already covers.
  if (rounded < 0n) rounded = -rounded;
  const s = rounded.toString().padStart(digits + 1, "0");
  const intPart = s.slice(0, s.length - digits) || "0";
  const fracPart = digits > 0 ? s.slice(s.length - digits) : "";
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${neg && !isZero ? "-" : ""}${intPart}${digits > 0 ? `.${fracPart}` : ""}`;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Decimals to show for a USD amount: cents from $1 up, more for sub-dollar prices. */
function usdDigits(text: string): number {
  const m = DECIMAL.exec(text.trim());
  if (!m) return 2;
  const [, , whole = "0", frac = ""] = m;
  if (BigInt(whole) > 0n) return 2;
  const lead = /^0*/.exec(frac)?.[0].length ?? 0;
  if (lead >= frac.length) return 2; // zero
  return Math.min(8, Math.max(2, lead + 4));
}

/** "1234.5" → "$1,234.50"; "-0.004" → "−$0.004000"; `signed` adds "+" for gains. */
export function formatUsd(text: string | null | undefined, opts: { signed?: boolean; digits?: number } = {}): string {
  if (text === null || text === undefined || text === "") return "–";
  if (!DECIMAL.test(text.trim())) return text;
  const digits = opts.digits ?? usdDigits(text.replace("-", ""));
  const r = roundDecimal(text, digits);
  const neg = r.startsWith("-");
  const [i = "0", rawF] = (neg ? r.slice(1) : r).split(".");
  // Sub-cent precision is for small prices: keep cents, drop trailing zeros beyond them.
  const f = rawF !== undefined && rawF.length > 2 ? rawF.replace(/0+$/, "").padEnd(2, "0") : rawF;
  const body = `$${group(i)}${f !== undefined ? `.${f}` : ""}`;
  if (neg) return `−${body}`;
  return opts.signed && /[1-9]/.test(r) ? `+${body}` : body;
}

/** Sign of a decimal string: -1, 0 or 1 (for P&L colours). */
export function signOf(text: string | null | undefined): -1 | 0 | 1 {
  if (!text) return 0;
  const t = text.trim();
  if (!/[1-9]/.test(t)) return 0;
  return t.startsWith("-") ? -1 : 1;
}

/** Token quantity (whole tokens as a decimal string): up to 8 significant decimals, grouped. */
export function formatQuantity(text: string | null | undefined): string {
  if (!text) return "–";
  const m = DECIMAL.exec(text.trim());
  if (!m) return text;
  const [, neg, whole = "0", frac = ""] = m;
  const big = BigInt(whole) >= 1000n;
  const digits = big ? 2 : BigInt(whole) > 0n ? 6 : Math.min(18, (/^0*/.exec(frac)?.[0].length ?? 0) + 6);
  const r = roundDecimal(`${neg ?? ""}${whole}.${frac || "0"}`, digits);
  const [i = "0", f = ""] = r.replace("-", "").split(".");
  const trimmed = f.replace(/0+$/, "");
  return `${r.startsWith("-") ? "−" : ""}${group(i)}${trimmed ? `.${trimmed}` : ""}`;
}

/** A fraction (0.0123) as a signed percentage "+1.23%". */
export function formatReturn(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const pct = value * 100;
  const sign = pct > 0 ? "+" : pct < 0 ? "−" : "";
  return `${sign}${Math.abs(pct).toFixed(digits)}%`;
}

/** A fraction as an unsigned percentage "12.30%". */
export function formatFraction(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** Basis points (2,500) as "25.00%". */
export function formatBps(bps: number | null | undefined, digits = 2): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps)) return "–";
  return `${(bps / 100).toFixed(digits)}%`;
}

/** A plain ratio (Sharpe 1.234 → "1.23"). */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value.toFixed(digits);
}

/** Axis / tooltip label for chart values (a float is fine: it is only drawn). */
export function formatUsdCompact(value: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 2 }).format(value);
}

export const PRIVACY_LABELS = {
  values: "Values",
  percentages: "Percentages only",
  delayed: "Percentages, delayed 24 h",
} as const;

export const COST_BASIS_LABELS = {
  fifo: "FIFO — first in, first out",
  lifo: "LIFO — last in, first out",
  hifo: "HIFO — highest cost first",
  average: "Average cost",
} as const;

export const TX_TYPE_LABELS: Record<string, string> = {
  buy: "Buy",
  sell: "Sell",
  transfer_in: "Transfer in",
  transfer_out: "Transfer out",
  fee: "Fee",
  income: "Income",
  swap: "Swap",
};

export const CATEGORY_LABELS: Record<string, string> = {
  stablecoin: "Stablecoins",
  l1: "Layer 1",
  l2: "Layer 2",
  defi: "DeFi",
  meme: "Meme",
  lp: "LP tokens",
  other: "Other",
};

/** The headline return of a shared portfolio: the longest range with a figure. */
export function headlineReturn(p: { returns: RangeReturnRow[] }): { range: RangeReturnRow["range"]; twr: number } | null {
  for (const r of ["ALL", "1Y", "YTD", "30D", "7D", "1D"] as const) {
    const row = p.returns.find((x) => x.range === r);
    if (row && row.twr !== null) return { range: r, twr: row.twr };
  }
  return null;
}
