// Exact decimal strings for imported amounts (CONVENTIONS §5: never a float for money).
// Cells are normalised textually: sign, leading/trailing zeros and exponents are resolved on
// the digits themselves, so "0.10", "1e-1" and ".1" all become "0.1" without rounding.

import { IMPORT_LIMITS } from "./types";

export type DecimalRead =
  | { ok: true; negative: boolean; value: string }
  | { ok: false; reason: string };

export type DecimalOptions = {
  /** Accept "1,234.5" (comma thousands separators in groups of three), as Binance writes them. */
  thousands?: boolean;
  /** Strip one leading currency symbol ("$42.00", "-$1.00"), as Coinbase writes prices. */
  currencySymbol?: boolean;
};

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Reads a decimal cell exactly. `field` names the column in the message. */
export function readDecimal(raw: string, field: string, opts: DecimalOptions = {}): DecimalRead {
  let s = raw.trim();
  const shown = `${field} '${raw.trim()}'`;
  if (s === "") return { ok: false, reason: `${field} is empty` };
  if (opts.currencySymbol) s = s.replace(/^([+-]?)[$€£]/, "$1");
  if (opts.thousands && THOUSANDS.test(s)) s = s.replace(/,/g, "");
  const m = PLAIN.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    const hint = /^\d+,\d+$/.test(s) ? " (use '.' as the decimal separator)" : "";
    return { ok: false, reason: `${shown} is not a number${hint}` };
  }
  const negative = m[1] === "-";
  const exp = Number(m[4] ?? "0");
  let intPart = m[2] ?? "";
  let frac = m[3] ?? "";
  // Shift the decimal point by the exponent on the digit string itself.
  if (exp > 0) {
    const moved = frac.slice(0, exp).padEnd(exp, "0");
    intPart += moved;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const n = -exp;
    const padded = intPart.padStart(n, "0");
    frac = padded.slice(padded.length - n) + frac;
    intPart = padded.slice(0, padded.length - n);
  }
  intPart = intPart.replace(/^0+/, "") || "0";
  frac = frac.replace(/0+$/, "");
  if (frac.length > IMPORT_LIMITS.maxDecimals) {
    return { ok: false, reason: `${shown} has more than ${IMPORT_LIMITS.maxDecimals} decimals` };
  }
  const value = frac ? `${intPart}.${frac}` : intPart;
  return { ok: true, negative: negative && value !== "0", value };
}

/** A strictly positive amount (quantities). Negative values are refused unless `abs` is set. */
export function readPositive(
  raw: string,
  field: string,
  opts: DecimalOptions & { abs?: boolean } = {},
): DecimalRead {
  const r = readDecimal(raw, field, opts);
  if (!r.ok) return r;
  if (r.negative && !opts.abs) return { ok: false, reason: `${field} must be positive, got '${raw.trim()}'` };
  if (r.value === "0") return { ok: false, reason: `${field} must be greater than zero` };
  return { ok: true, negative: false, value: r.value };
}

/** A non-negative amount (prices, fees: zero is allowed, e.g. a fee-free trade). */
export function readNonNegative(raw: string, field: string, opts: DecimalOptions & { abs?: boolean } = {}): DecimalRead {
  const r = readDecimal(raw, field, opts);
  if (!r.ok) return r;
  if (r.negative && !opts.abs) return { ok: false, reason: `${field} must not be negative, got '${raw.trim()}'` };
  return { ok: true, negative: false, value: r.value };
}

export const isZeroDecimal = (value: string): boolean => value === "0";
