// Cell readers shared by the format mappers.

import type { RowCells } from "./types";

/**
 * Quote assets whose trade price is taken as a USD price 1:1. This is a convention for the
 * *trade price* only (a BTC bought at 42,000 USDT is recorded at $42,000); the stablecoins
 * themselves are still priced from market data wherever they are held as assets.
 */
export const USD_QUOTES: ReadonlySet<string> = new Set(["USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "USDP"]);

/** Fiat currencies: their deposits and withdrawals are cash movements, not crypto holdings. */
export const FIAT: ReadonlySet<string> = new Set(["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "SGD"]);

const SYMBOL = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;

export type AssetRead = { ok: true; value: string } | { ok: false; reason: string };

export function readAsset(raw: string, field = "asset"): AssetRead {
  const value = raw.trim().toUpperCase();
  if (value === "") return { ok: false, reason: `${field} is empty` };
  if (!SYMBOL.test(value)) return { ok: false, reason: `${field} '${raw.trim()}' is not a valid asset symbol` };
  return { ok: true, value };
}

/** First non-empty value among aliased columns (exports rename columns between versions). */
export function pick(row: RowCells, ...columns: string[]): string {
  for (const c of columns) {
    const v = row.get(c);
    if (v.trim() !== "") return v;
  }
  return "";
}

export type AmountWithAsset = { ok: true; amount: string; asset: string } | { ok: false; reason: string };

/** Splits Binance-style "0.00100000BTC" / "1,234.5 USDT" into number and symbol (no validation of the number). */
export function splitAmountAsset(raw: string, field: string): AmountWithAsset {
  const m = /^([+-]?[\d.,]+(?:[eE][+-]?\d+)?)\s*([A-Za-z][A-Za-z0-9]*)$/.exec(raw.trim());
  if (!m) return { ok: false, reason: `${field} '${raw.trim()}' is not an amount followed by an asset (e.g. 0.5BTC)` };
  return { ok: true, amount: m[1] ?? "", asset: (m[2] ?? "").toUpperCase() };
}

/** Text cells are kept verbatim (trimmed); empty becomes undefined so optional fields stay absent. */
export const text = (raw: string): string | undefined => (raw.trim() === "" ? undefined : raw.trim());
