// Amount input and display for the swap UI. Amounts stay bigint base units; these are the
// only conversions to and from the decimal strings people type and read.
import { formatUnits, parseUnits } from "viem";

export type ParsedAmount = { ok: true; raw: bigint } | { ok: false; reason: "empty" | "invalid" | "precision" };

const DECIMAL = /^(\d+)?(?:\.(\d*))?$/;

/** "1.5" → base units; never throws (bad input is a result, not a crash). */
export function parseAmountInput(input: string, decimals: number): ParsedAmount {
  const s = input.trim().replace(/,/g, "");
  if (!s || s === ".") return { ok: false, reason: "empty" };
  const m = DECIMAL.exec(s);
  if (!m) return { ok: false, reason: "invalid" };
  if ((m[2] ?? "").length > decimals) return { ok: false, reason: "precision" };
  try {
    return { ok: true, raw: parseUnits(s.startsWith(".") ? `0${s}` : s, decimals) };
  } catch {
    return { ok: false, reason: "invalid" };
  }
}

/** Keeps what a user may type into an amount field: digits and one dot (commas become dots). */
export function sanitiseAmountTyping(input: string): string {
  const s = input.replace(/,/g, ".").replace(/[^\d.]/g, "");
  const dot = s.indexOf(".");
  return dot === -1 ? s : s.slice(0, dot + 1) + s.slice(dot + 1).replace(/\./g, "");
}

/** Base units → exact decimal string (for putting an amount back into an input). */
export function toDecimalString(raw: bigint, decimals: number): string {
  return formatUnits(raw, decimals);
}

/**
 * Base units → readable string with about `sig` significant digits, truncated toward zero
 * (a displayed amount never overstates what you get).
 */
export function formatTokenAmount(raw: bigint, decimals: number, sig = 6): string {
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const full = formatUnits(abs, decimals);
  const [whole = "0", frac = ""] = full.split(".");
  let out: string;
  if (whole !== "0") {
    const keep = Math.max(0, sig - whole.length);
    const f = frac.slice(0, Math.max(keep, 2)).replace(/0+$/, "");
    out = `${BigInt(whole).toLocaleString("en-US")}${f ? `.${f}` : ""}`;
  } else if (abs === 0n) {
    out = "0";
  } else {
    const lead = frac.match(/^0*/)?.[0].length ?? 0;
    if (lead >= 10) out = "<0.000000001";
    else out = `0.${frac.slice(0, lead + sig).replace(/0+$/, "")}`;
  }
  return negative ? `-${out}` : out;
}

/** Basis points → "0.5 %" style string. */
export function formatBps(bps: number, digits = 2): string {
  const pct = bps / 100;
  return `${pct.toFixed(digits).replace(/\.?0+$/, "") || "0"} %`;
}

/** A decimal price string (e.g. "3012.123456789") shortened for display. */
export function formatPrice(price: string, sig = 6): string {
  const n = Number(price);
  if (!Number.isFinite(n)) return price;
  if (n === 0) return "0";
  if (n >= 1) return n.toLocaleString("en-US", { maximumFractionDigits: Math.max(2, sig - Math.floor(Math.log10(n)) - 1) });
  return n.toPrecision(sig).replace(/0+$/, "");
}
