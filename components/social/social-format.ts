// Display helpers for the social pages (leaderboard, trader profile, copying). No "use client":
// the server pages import DEFAULT_TOP_INPUT so their prefetch key matches the client's query.
import type { MetricWindow, TradersTopInput } from "@/lib/schemas/social";
import { formatTokenAmount } from "@/lib/web3/swap/amount";

export const WINDOWS: { value: MetricWindow; label: string }[] = [
  { value: "7d", label: "7D" },
  { value: "30d", label: "30D" },
  { value: "90d", label: "90D" },
  { value: "365d", label: "1Y" },
  { value: "all", label: "All" },
];
export const windowLabel = (w: MetricWindow) => WINDOWS.find((x) => x.value === w)?.label ?? w;

/** The leaderboard's first query (server prefetch and client agree on it exactly). */
export const DEFAULT_TOP_INPUT = { window: "30d", sort: "twr", riskMin: 1, riskMax: 10, kind: "all", limit: 50 } as const satisfies TradersTopInput;

/** Page sizes of the paged lists (shared with the server pages' prefetch, hence here and not in a client module). */
export const COPY_TRADES_PAGE = 25;
export const TRADER_TRADES_PAGE = 25;

/** Metric definitions, shown as tooltips on the leaderboard headers and the profile's cards. */
export const METRIC_HELP = {
  twr: "Time-weighted return: the book's daily returns chained together, so deposits and withdrawals do not count as gains or losses.",
  maxDrawdown: "Largest fall from a running peak of the return index over the window.",
  sharpe: "Mean daily return divided by its standard deviation, annualised (√365). Higher = more return per unit of volatility.",
  sortino: "Like Sharpe, but only losing days count as risk (downside deviation).",
  volatility: "Annualised standard deviation of the daily returns.",
  winRate: "Share of closed round trips (FIFO lots) that made money.",
  trades: "Verified trades in the window: paper rail, confirmed on chain by receipt, or through a vault.",
  avgHolding: "Cost-weighted average time a position was held before it was sold.",
  exposure: "Share of days the book held a non-stablecoin position (at least 0.1 % of its value).",
  turnover: "Traded value divided by the average equity, annualised. 12× = the book was traded about once a month.",
  riskScore: "1 (calm) to 10 (wild): 50 % volatility, 30 % max drawdown, 20 % concentration, each scored 1–10.",
  followers: "People following this trader / people copying them.",
  fidelity: "How much worse (+) or better (−) copiers' fills were than the leader's, in basis points (mean).",
} as const;

/** A USD figure (analytics number) as "$1,234.56"; compact above a million. */
export function formatUsdNumber(v: number | null | undefined, opts: { signed?: boolean } = {}): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const abs = Math.abs(v);
  const body = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    notation: abs >= 1e6 ? "compact" : "standard",
    minimumFractionDigits: abs >= 1e6 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(abs);
  if (v < 0) return `−${body}`;
  return opts.signed && v > 0 ? `+${body}` : body;
}

/** Basis points of a fill difference: "+12.3 bps", "−4 bps", "—". */
export function formatDiffBps(bps: number | null | undefined, digits = 1): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps)) return "—";
  const sign = bps > 0 ? "+" : bps < 0 ? "−" : "";
  return `${sign}${Math.abs(bps).toFixed(digits)} bps`;
}

/** A fraction as "12.3%" (unsigned), "—" when null. */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${(v * 100).toFixed(digits)}%`;
}

/** A signed fraction "+12.3%" / "−4.0%". */
export function signedPct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const p = v * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : ""}${Math.abs(p).toFixed(digits)}%`;
}

export function ratio(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return v.toFixed(digits);
}

export function toneOf(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v) || v === 0) return "";
  return v > 0 ? "text-positive" : "text-negative";
}

/** Base-unit integer string → whole tokens ("1,234.5"); "—" when missing or malformed. */
export function formatAmount(raw: string | null | undefined, decimals: number | null | undefined): string {
  if (raw === null || raw === undefined || decimals === null || decimals === undefined || !/^-?\d+$/.test(raw)) return "—";
  return formatTokenAmount(BigInt(raw), decimals);
}

/** Holding time in days → "3.2 d" / "5 h" / "—". */
export function formatHolding(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return "—";
  if (days < 1) return `${Math.max(1, Math.round(days * 24))} h`;
  return `${days.toFixed(days < 10 ? 1 : 0)} d`;
}

/** Milliseconds → "2.4 s", "3 min", "—". */
export function formatDelayMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** "15 minutes", "1 hour", "24 hours". */
export function formatDelayMinutes(m: number): string {
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = m / 60;
  return `${h} hour${h === 1 ? "" : "s"}`;
}

export const SOURCE_LABEL = { paper: "Paper", chain: "On chain", vault: "Vault" } as const;

/** Risk score 1..10 → a green-to-red colour (text and background classes via inline style). */
export function riskColor(score: number): string {
  const s = Math.min(10, Math.max(1, Math.round(score)));
  // Hue 140 (green) → 0 (red) across 1..10.
  const hue = Math.round(140 - ((s - 1) / 9) * 140);
  return `hsl(${hue} 70% 50%)`;
}

export function monogram(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length >= 2 ? `${parts[0]![0]}${parts[1]![0]}` : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

const ACRONYMS: Record<string, string> = { rsi: "RSI", sma: "SMA", ema: "EMA", dca: "DCA", macd: "MACD" };

/** A bot's strategy for display: a slug ("rsi-mean-reversion") becomes "RSI mean reversion"; prose is kept. */
export function strategyLabel(strategy: string | null | undefined): string | null {
  if (!strategy) return null;
  if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(strategy)) return strategy;
  const words = strategy.split(/[-_]/).map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? "";
  return [first === first.toUpperCase() ? first : first[0]!.toUpperCase() + first.slice(1), ...words.slice(1)].join(" ");
}
