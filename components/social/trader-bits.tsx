"use client";
// Small pieces shared by the leaderboard, the trader page and the copying page.
// Test ids: `bot-badge` (a bot's label), `risk-score` (data-score) on the risk pill,
// `trader-name` on a trader's name.
import { BotIcon, InfoIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { RiskDto, TraderKind } from "@/lib/schemas/social";
import { METRIC_HELP, monogram, riskColor, strategyLabel } from "./social-format";

/** The trader's picture, or a monogram (bots get a robot glyph, never a face). */
export function TraderAvatar({ name, avatar, kind, size = "md" }: { name: string; avatar: string | null; kind: TraderKind; size?: "sm" | "md" | "lg" }) {
  const dim = size === "lg" ? "size-16 text-lg" : size === "sm" ? "size-7 text-[10px]" : "size-9 text-xs";
  if (avatar)
    // eslint-disable-next-line @next/next/no-img-element -- a data: URL from the profile; next/image adds nothing here
    return <img src={avatar} alt="" className={cn("shrink-0 rounded-full object-cover ring-1 ring-border", dim)} />;
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex shrink-0 items-center justify-center rounded-full font-semibold ring-1 ring-border",
        kind === "bot" ? "bg-info/15 text-info" : "bg-primary/15 text-primary",
        dim,
      )}
    >
      {kind === "bot" ? <BotIcon className={size === "lg" ? "size-7" : "size-4"} /> : monogram(name)}
    </span>
  );
}

export function BotBadge({ strategy, className }: { strategy?: string | null; className?: string }) {
  return (
    <Badge variant="info" className={className} data-testid="bot-badge" title={strategy ? `Strategy bot: ${strategyLabel(strategy)}` : "Strategy bot (not a person)"}>
      <BotIcon />
      Bot
    </Badge>
  );
}

/** Name with the Bot badge and, for bots, the strategy underneath. */
export function TraderName({ name, kind, botStrategy, className, wrap = false }: { name: string; kind: TraderKind; botStrategy?: string | null; className?: string; wrap?: boolean }) {
  return (
    <span className={cn("grid min-w-0 gap-0.5", className)}>
      <span className={cn("flex min-w-0 items-center gap-1.5", wrap && "flex-wrap")}>
        <span className={cn("font-medium", wrap ? "break-words" : "truncate")} data-testid="trader-name">
          {name}
        </span>
        {kind === "bot" ? <BotBadge strategy={botStrategy} /> : null}
      </span>
      {kind === "bot" && botStrategy ? <span className={cn("text-xs text-muted-foreground", !wrap && "truncate")}>{strategyLabel(botStrategy)}</span> : null}
    </span>
  );
}

/** The risk score 1–10 coloured green → red, with its three parts in a tooltip. */
export function RiskScorePill({ risk, className }: { risk: RiskDto; className?: string }) {
  const color = riskColor(risk.score);
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span
          tabIndex={0}
          className={cn("inline-flex h-6 min-w-8 items-center justify-center rounded-full px-2 text-xs font-semibold tabular-nums", className)}
          style={{ color, backgroundColor: `color-mix(in oklab, ${color} 16%, transparent)`, boxShadow: `inset 0 0 0 1px color-mix(in oklab, ${color} 35%, transparent)` }}
          data-testid="risk-score"
          data-score={risk.score}
          aria-label={`Risk score ${risk.score} of 10`}
        >
          {risk.score}
        </span>
      </TooltipTrigger>
      <TooltipContent>
        <p className="mb-1 font-medium">Risk score {risk.score}/10</p>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-0.5 tabular-nums">
          <dt className="text-muted-foreground">Volatility (50 %)</dt>
          <dd>{risk.volatilitySub}/10</dd>
          <dt className="text-muted-foreground">Max drawdown (30 %)</dt>
          <dd>{risk.drawdownSub}/10</dd>
          <dt className="text-muted-foreground">Concentration (20 %)</dt>
          <dd>{risk.concentrationSub}/10</dd>
        </dl>
      </TooltipContent>
    </Tooltip>
  );
}

/** A label with an (i) that explains the metric. */
export function MetricLabel({ label, help, className }: { label: React.ReactNode; help: string; className?: string }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className={cn("inline-flex cursor-help items-center gap-1", className)}>
          {label}
          <InfoIcon aria-hidden="true" className="size-3 opacity-60" />
        </span>
      </TooltipTrigger>
      <TooltipContent>{help}</TooltipContent>
    </Tooltip>
  );
}
export { METRIC_HELP };

/** A tiny SVG line of the TWR index (green when it ends above its start). */
export function Sparkline({ points, className }: { points: number[]; className?: string }) {
  const w = 96;
  const h = 28;
  if (points.length < 2) return <span className={cn("inline-block h-7 w-24 text-center text-xs leading-7 text-muted-foreground", className)}>—</span>;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const d = points.map((v, i) => `${i === 0 ? "M" : "L"}${((i / (points.length - 1)) * w).toFixed(1)},${(h - 2 - ((v - min) / span) * (h - 4)).toFixed(1)}`).join(" ");
  const up = points.at(-1)! >= points[0]!;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className={cn("h-7 w-24", up ? "text-positive" : "text-negative", className)} aria-hidden="true" data-testid="sparkline">
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

/** Tabs of one row of choices (windows, kinds) as a segmented control. */
export function SegmentTabs<T extends string>({ value, options, onChange, label, testId }: { value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; label: string; testId?: string }) {
  return (
    <div role="tablist" aria-label={label} className="inline-flex rounded-lg border bg-muted/30 p-0.5" data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="tab"
          aria-selected={value === o.value}
          onClick={() => onChange(o.value)}
          data-testid={testId ? `${testId}-${o.value}` : undefined}
          className={cn(
            "inline-flex h-7 items-center rounded-md px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
            value === o.value && "bg-background text-foreground shadow-sm",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
