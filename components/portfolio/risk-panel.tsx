"use client";
import { useQuery } from "@tanstack/react-query";
import { InfoIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { formatDay } from "@/components/market/format";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatBps, formatFraction, formatRatio } from "@/lib/portfolio/format";
import type { Range, RiskView } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";

function Metric({ label, value, help, testId }: { label: string; value: string; help: string; testId?: string }) {
  return (
    <div className="grid gap-0.5 rounded-lg border bg-background/40 px-3 py-2">
      <Tooltip>
        <TooltipTrigger className="inline-flex w-fit items-center gap-1 text-xs text-muted-foreground">
          {label}
          <InfoIcon aria-hidden="true" className="size-3" />
        </TooltipTrigger>
        <TooltipContent>{help}</TooltipContent>
      </Tooltip>
      <span className="tabular font-mono text-sm font-medium" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

export function DrawdownBar({ currentPct, maxPct, limitBps }: { currentPct: number; maxPct: number; limitBps: number }) {
  // Drawdowns are fractions ≥ 0 (0.12 = 12 % below the peak); the bar's full width is 1.5 × the limit.
  const limit = limitBps / 10_000;
  const scale = Math.max(limit * 1.5, maxPct, currentPct, 0.01);
  const breached = currentPct > limit;
  return (
    <div className="grid gap-1.5" data-testid="drawdown-bar" data-current={currentPct} data-limit-bps={limitBps} data-breached={breached}>
      <div className="flex items-baseline justify-between text-xs">
        <span className="text-muted-foreground">Current drawdown</span>
        <span className={cn("tabular font-mono font-medium", breached ? "text-negative" : "text-foreground")}>
          {formatFraction(currentPct)} <span className="text-muted-foreground">/ limit {formatBps(limitBps, 0)}</span>
        </span>
      </div>
      <div
        className="relative h-2.5 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label="Current drawdown against the limit"
        aria-valuemin={0}
        aria-valuemax={Math.round(scale * 10_000) / 100}
        aria-valuenow={Math.round(currentPct * 10_000) / 100}
      >
        <div className={cn("absolute inset-y-0 left-0 rounded-full", breached ? "bg-negative" : currentPct > limit * 0.7 ? "bg-warning" : "bg-positive")} style={{ width: `${Math.min(100, (currentPct / scale) * 100)}%` }} />
        <div className="absolute inset-y-0 w-0.5 bg-foreground/70" style={{ left: `${Math.min(100, (limit / scale) * 100)}%` }} title="Your limit" />
      </div>
    </div>
  );
}

export function RiskPanel({ portfolioId, range }: { portfolioId: string; range: Range }) {
  const trpc = useTRPC();
  const risk = useQuery({ ...trpc.portfolio.risk.queryOptions({ portfolioId, range }), placeholderData: (prev) => prev });
  return (
    <Card data-testid="risk-panel">
      <CardHeader>
        <CardTitle>Risk</CardTitle>
        <CardDescription>{risk.data ? `From ${risk.data.days} daily returns (${risk.data.range}).` : "From the daily returns of the range."}</CardDescription>
      </CardHeader>
      <div className="grid gap-4 px-5 pb-5">
        {risk.isPending ? (
          <>
            <Skeleton className="h-8 w-full" />
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {Array.from({ length: 6 }, (_, i) => (
                <Skeleton key={i} className="h-12" />
              ))}
            </div>
          </>
        ) : risk.isError ? (
          <p role="alert" className="text-sm text-negative">
            {errorMessage(risk.error)}
          </p>
        ) : (
          <RiskBody r={risk.data} />
        )}
      </div>
    </Card>
  );
}

function RiskBody({ r }: { r: RiskView }) {
  return (
    <>
      <DrawdownBar currentPct={r.currentDrawdownPct} maxPct={r.maxDrawdown.pct} limitBps={r.drawdownLimitBps} />
      <p className="-mt-2 text-xs text-muted-foreground">
        Max drawdown <span className="tabular font-mono text-foreground">{formatFraction(r.maxDrawdown.pct)}</span>
        {r.maxDrawdown.peakDay && r.maxDrawdown.troughDay ? ` (${formatDay(r.maxDrawdown.peakDay)} → ${formatDay(r.maxDrawdown.troughDay)}${r.maxDrawdown.recoveryDay ? `, recovered ${formatDay(r.maxDrawdown.recoveryDay)}` : ", not recovered"})` : ""}
      </p>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-2">
        <Metric label="Volatility" value={formatFraction(r.volatility)} help="Annualised standard deviation of daily returns." testId="risk-volatility" />
        <Metric label="Sharpe" value={formatRatio(r.sharpe)} help="Annualised excess return per unit of volatility (risk-free rate 0)." testId="risk-sharpe" />
        <Metric label="Sortino" value={formatRatio(r.sortino)} help="Like Sharpe, but only downside volatility counts." testId="risk-sortino" />
        <Metric label="Beta vs BTC" value={formatRatio(r.beta)} help="How much the portfolio moves per 1 % move of BTC (daily returns)." testId="risk-beta" />
        <Metric label="Correlation vs BTC" value={formatRatio(r.correlation)} help="Pearson correlation of daily returns with BTC: 1 moves together, 0 unrelated." testId="risk-correlation" />
        <Metric label="Days" value={String(r.days)} help="Daily returns the figures are computed from; fewer than 30 make them noisy." />
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-xs" data-testid="risk-var">
          <caption className="sr-only">One-day value at risk and conditional value at risk (expected loss beyond it)</caption>
          <thead>
            <tr className="border-b text-muted-foreground">
              <th className="px-3 py-2 text-left font-medium">1-day VaR</th>
              <th className="px-3 py-2 text-right font-medium">
                Historical <span className="font-normal">(CVaR)</span>
              </th>
              <th className="px-3 py-2 text-right font-medium">
                Parametric <span className="font-normal">(CVaR)</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.var.map((v) => (
              <tr key={v.confidence} className="border-b last:border-0">
                <td className="px-3 py-1.5 font-medium">{Math.round(v.confidence * 100)}%</td>
                <td className="tabular px-3 py-1.5 text-right font-mono whitespace-nowrap">
                  {formatFraction(v.historical)} <span className="text-muted-foreground">({formatFraction(v.historicalCvar)})</span>
                </td>
                <td className="tabular px-3 py-1.5 text-right font-mono whitespace-nowrap">
                  {formatFraction(v.parametric)} <span className="text-muted-foreground">({formatFraction(v.parametricCvar)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
