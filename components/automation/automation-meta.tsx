"use client";
// Shared vocabulary of the automation UI: what each kind is called and drawn as, the status and
// health badges, token lookup across the local chains, and the human summary of a stored config.
// Configs arrive as jsonb (Record<string, unknown>) and are re-parsed with the same zod schemas
// the router uses, so the UI reads typed values (bigint amounts, Date instants).
import { useQueries } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ActivityIcon, RepeatIcon, ScaleIcon, ShieldAlertIcon, TargetIcon, type LucideIcon } from "lucide-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { automationConfigSchemas, type AutomationKindInput } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { formatBps, formatTokenAmount } from "@/lib/web3/swap/amount";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
export type AutomationItem = Out["automation"]["list"][number];
export type AutomationRun = Out["automation"]["runs"]["list"][number];
export type AutomationKind = AutomationKindInput;
export const AUTOMATION_KINDS = ["dca", "rebalance", "stop_loss", "trailing_stop", "take_profit"] as const satisfies readonly AutomationKind[];

export const KIND_META: Record<AutomationKind, { label: string; long: string; icon: LucideIcon; blurb: string; tone: string }> = {
  dca: { label: "DCA", long: "Dollar-cost averaging", icon: RepeatIcon, blurb: "Buy a fixed amount on a schedule, whatever the price.", tone: "text-info bg-info/15" },
  rebalance: { label: "Rebalance", long: "Rebalance", icon: ScaleIcon, blurb: "Trade back to target weights when the portfolio drifts.", tone: "text-primary bg-primary/15" },
  stop_loss: { label: "Stop-loss", long: "Stop-loss", icon: ShieldAlertIcon, blurb: "Sell when the price falls to a level you set.", tone: "text-negative bg-negative/15" },
  trailing_stop: { label: "Trailing stop", long: "Trailing stop", icon: ActivityIcon, blurb: "Sell when the price falls a set % below its high.", tone: "text-warning bg-warning/15" },
  take_profit: { label: "Take-profit", long: "Take-profit", icon: TargetIcon, blurb: "Sell when the price reaches your target.", tone: "text-positive bg-positive/15" },
};

export function isAutomationKind(k: unknown): k is AutomationKind {
  return typeof k === "string" && (AUTOMATION_KINDS as readonly string[]).includes(k);
}

export function KindIcon({ kind, className }: { kind: AutomationKind; className?: string }) {
  const m = KIND_META[kind];
  const Icon = m.icon;
  return (
    <span aria-hidden="true" className={cn("inline-flex size-9 shrink-0 items-center justify-center rounded-lg [&_svg]:size-4", m.tone, className)}>
      <Icon />
    </span>
  );
}

const STATUS = {
  active: { label: "Active", variant: "positive" },
  paused: { label: "Paused", variant: "warning" },
  stopped: { label: "Finished", variant: "outline" },
} as const;

export function StatusBadge({ status }: { status: AutomationItem["status"] }) {
  const s = STATUS[status];
  return (
    <Badge variant={s.variant} data-testid="automation-status" data-status={status}>
      {s.label}
    </Badge>
  );
}

const HEALTH_VARIANT = { ok: "positive", waiting: "info", stale: "warning", failing: "negative", warning: "warning", paused: "secondary", stopped: "outline" } as const;

export function HealthBadge({ health }: { health: AutomationItem["health"] }) {
  return (
    <Badge variant={HEALTH_VARIANT[health.status]} title={health.detail} data-testid="automation-health" data-health={health.status}>
      <span aria-hidden="true" className={cn("size-1.5 rounded-full bg-current", health.status === "ok" && "animate-pulse")} />
      {health.label}
    </Badge>
  );
}

export function RailBadge({ rail, chainId }: { rail: "paper" | "vault"; chainId: number }) {
  return (
    <Badge variant={rail === "paper" ? "info" : "default"} data-testid="automation-rail" data-rail={rail}>
      {rail === "paper" ? "Paper" : "Vault"} · {chainName(chainId)}
    </Badge>
  );
}

// ---------------------------------------------------------------- tokens

export type TokenInfo = { address: string; symbol: string; decimals: number; logo: string; name: string };

/** Registry tokens of every local chain (defi.tokens), looked up by chain and address. */
export function useTokenIndex(chainIds: readonly number[] = LOCAL_CHAIN_IDS) {
  const trpc = useTRPC();
  const results = useQueries({ queries: chainIds.map((chainId) => trpc.defi.tokens.queryOptions({ chainId }, { staleTime: 5 * 60_000 })) });
  // About ten tokens per chain: rebuilt on each render, cheaper than memoising the query results.
  const index = new Map<string, TokenInfo>();
  results.forEach((r, i) => {
    for (const t of r.data?.tokens ?? []) index.set(`${chainIds[i]}:${t.address.toLowerCase()}`, { address: t.address.toLowerCase(), symbol: t.symbol, decimals: t.decimals, logo: t.logo, name: t.name });
  });
  const lookup: TokenLookup = (chainId, address) => (typeof address === "string" ? index.get(`${chainId}:${address.toLowerCase()}`) : undefined);
  return { lookup, ready: results.every((r) => !r.isPending) };
}

export type TokenLookup = (chainId: number, address: unknown) => TokenInfo | undefined;

export function fmtRaw(raw: string | bigint | null | undefined, token: TokenInfo | undefined, sig = 6): string {
  if (raw === null || raw === undefined) return "–";
  const v = typeof raw === "bigint" ? raw : /^\d+$/.test(raw) ? BigInt(raw) : null;
  if (v === null) return "–";
  return token ? `${formatTokenAmount(v, token.decimals, sig)} ${token.symbol}` : `${v.toString()} units`;
}

export function fmtUsd(n: number | string | null | undefined, digits = 2): string {
  const v = typeof n === "string" ? Number(n) : n;
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const d = Math.abs(v) < 1 && v !== 0 ? Math.max(digits, 4) : digits;
  return `$${v.toLocaleString("en-US", { minimumFractionDigits: Math.min(2, d), maximumFractionDigits: d })}`;
}

export function describeEvery(i: { every: number; unit: string }): string {
  return i.every === 1 ? `every ${i.unit}` : `every ${i.every} ${i.unit}s`;
}

const fmtDate = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The stored config in plain words, e.g. "Buy WETH with 100 USDC every minute, 3 buys". */
export function describeConfig(kind: AutomationKind, config: unknown, chainId: number, lookup: TokenLookup): string[] {
  const sym = (a: string) => lookup(chainId, a)?.symbol ?? `${a.slice(0, 6)}…`;
  if (kind === "dca") {
    const p = automationConfigSchemas.dca.safeParse(config);
    if (!p.success) return ["The stored configuration no longer validates."];
    const c = p.data;
    const lines = [`Buy ${sym(c.tokenOut)} with ${fmtRaw(c.amountInRaw, lookup(chainId, c.tokenIn))} ${describeEvery(c.interval)}, starting ${fmtDate(c.startAt)}.`];
    const stops: string[] = [];
    if (c.maxRuns !== undefined) stops.push(`after ${c.maxRuns} buy${c.maxRuns === 1 ? "" : "s"} (budget ${fmtRaw(c.amountInRaw * BigInt(c.maxRuns), lookup(chainId, c.tokenIn))})`);
    if (c.endAt) stops.push(`at ${fmtDate(c.endAt)}`);
    lines.push(stops.length ? `Stops ${stops.join(" or ")}.` : "Runs until you stop it.");
    if (c.pauseAbovePriceUsd !== undefined || c.pauseBelowPriceUsd !== undefined) {
      const band = [c.pauseAbovePriceUsd !== undefined ? `above ${fmtUsd(c.pauseAbovePriceUsd)}` : null, c.pauseBelowPriceUsd !== undefined ? `below ${fmtUsd(c.pauseBelowPriceUsd)}` : null].filter(Boolean);
      lines.push(`Skips a buy while ${sym(c.tokenOut)} trades ${band.join(" or ")}.`);
    }
    lines.push(`Slippage tolerance ${formatBps(c.slippageBps)}.`);
    return lines;
  }
  if (kind === "rebalance") {
    const p = automationConfigSchemas.rebalance.safeParse(config);
    if (!p.success) return ["The stored configuration no longer validates."];
    const c = p.data;
    const lines = [`Keep ${c.targets.map((t) => `${formatBps(t.weightBps)} ${sym(t.token)}`).join(" · ")}.`];
    lines.push(
      c.mode === "threshold"
        ? `Rebalances when any weight drifts more than ${formatBps(c.thresholdBps)} from its target (checked every 30 s).`
        : `Rebalances ${c.interval ? describeEvery(c.interval) : "periodically"}${c.thresholdBps > 0 ? ` if drift exceeds ${formatBps(c.thresholdBps)}` : ""}.`,
    );
    lines.push(`Skips trades under ${fmtUsd(c.minTradeUsd)}; slippage tolerance ${formatBps(c.slippageBps)}${c.maxPriceImpactBps ? `; max price impact ${formatBps(c.maxPriceImpactBps)}` : ""}.`);
    return lines;
  }
  const p = automationConfigSchemas[kind].safeParse(config);
  if (!p.success) return ["The stored configuration no longer validates."];
  const c = p.data;
  const what = c.amount.type === "all" ? `all ${sym(c.token)}` : fmtRaw(c.amount.amountRaw, lookup(chainId, c.token));
  const unit = (v: number) => (c.basis === "usd" ? fmtUsd(v) : `${v} ${sym(c.quoteToken)}`);
  const lines: string[] = [];
  if (c.kind === "stop_loss") lines.push(`Sells ${what} for ${sym(c.quoteToken)} if the price falls to ${unit(c.triggerPrice)}.`);
  else if (c.kind === "take_profit") lines.push(`Sells ${what} for ${sym(c.quoteToken)} when the price reaches ${unit(c.triggerPrice)}.`);
  else {
    lines.push(`Sells ${what} for ${sym(c.quoteToken)} if the price falls ${formatBps(c.trailBps)} below its highest since it was armed.`);
    if (c.activationPrice !== undefined) lines.push(`Starts trailing once the price reaches ${unit(c.activationPrice)}.`);
  }
  lines.push(`Checked every block; slippage tolerance ${formatBps(c.slippageBps)}.`);
  return lines;
}

// ---------------------------------------------------------------- time

const subscribe = () => () => {};
/** False on the server and during hydration, true after: relative times render only on the client. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** The current time, refreshed every `ms` (client only). */
export function useNow(ms = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The server's rationales carry ISO instants; show them as "2026-11-21 10:58 UTC". */
export function readableRationale(text: string): string {
  return text.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z/g, "$1 $2 UTC");
}

export function relativeTime(date: Date, now: number): string {
  const s = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(s);
  const [v, u] = abs < 45 ? [abs, "s"] : abs < 90 * 60 ? [Math.round(abs / 60), "min"] : abs < 36 * 3600 ? [Math.round(abs / 3600), "h"] : [Math.round(abs / 86400), "d"];
  if (abs < 3) return "now";
  return s > 0 ? `in ${v} ${u}` : `${v} ${u} ago`;
}

/** "in 2 min" / "5 s ago"; `futureOnly` shows past instants as "now" (a slot due at once). */
export function RelativeTime({ date, className, futureOnly = false }: { date: Date | string | null | undefined; className?: string; futureOnly?: boolean }) {
  const hydrated = useHydrated();
  const now = useNow();
  const d = typeof date === "string" ? new Date(date) : date;
  if (!d || Number.isNaN(d.getTime())) return <span className={className}>–</span>;
  return (
    <time dateTime={d.toISOString()} title={fmtDate(d)} className={className} suppressHydrationWarning>
      {hydrated ? (futureOnly && d.getTime() <= now ? "now" : relativeTime(d, now)) : fmtDate(d)}
    </time>
  );
}
