// The swap page's safety rules in one place: slippage bounds and warnings, price-impact tiers,
// and the ETH gas reserve kept back by "Max".
import { MAX_SLIPPAGE_BPS } from "@/lib/schemas/defi";

export const MIN_SLIPPAGE_BPS = 1; // 0.01 %
export { MAX_SLIPPAGE_BPS }; // 50 %
export const HIGH_SLIPPAGE_BPS = 500; // > 5 %: a sandwich can take it all
export const LOW_SLIPPAGE_BPS = 5; // < 0.05 %: likely to revert

export const DEFAULT_DEADLINE_MINUTES = 20;

/** Native ETH "Max" keeps this much back for gas (the local chains' fees are tiny; 0.01 ETH is ample). */
export const GAS_RESERVE_WEI = 10n ** 16n;

export type SlippageCheck =
  | { ok: true; bps: number; warning: "high" | "low" | null }
  | { ok: false; message: string };

/** Parses a slippage percentage typed by the user ("0.5" → 50 bps). */
export function checkSlippagePercent(input: string): SlippageCheck {
  const s = input.trim().replace(",", ".");
  if (!/^\d*(?:\.\d*)?$/.test(s) || s === "" || s === ".") return { ok: false, message: "Enter a percentage, e.g. 0.5." };
  const pct = Number(s);
  const bps = Math.round(pct * 100);
  if (!Number.isFinite(pct) || bps < MIN_SLIPPAGE_BPS) return { ok: false, message: "Slippage must be at least 0.01 %." };
  if (bps > MAX_SLIPPAGE_BPS) return { ok: false, message: "Slippage can be at most 50 %." };
  return { ok: true, bps, warning: bps > HIGH_SLIPPAGE_BPS ? "high" : bps < LOW_SLIPPAGE_BPS ? "low" : null };
}

export type ImpactTier = "low" | "warning" | "confirm" | "type-confirm";

/** > 1 %: warning colour; > 5 %: tick a box; > 15 %: type "confirm". */
export function impactTier(priceImpactBps: number): ImpactTier {
  if (priceImpactBps > 1_500) return "type-confirm";
  if (priceImpactBps > 500) return "confirm";
  if (priceImpactBps > 100) return "warning";
  return "low";
}

export function checkDeadlineMinutes(input: string): { ok: true; minutes: number } | { ok: false; message: string } {
  if (!/^\d+$/.test(input.trim())) return { ok: false, message: "Enter whole minutes." };
  const m = Number(input.trim());
  if (m < 1) return { ok: false, message: "Deadline must be at least 1 minute." };
  if (m > 4_320) return { ok: false, message: "Deadline can be at most 3 days." };
  return { ok: true, minutes: m };
}
