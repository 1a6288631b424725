"use client";
import { useQueries } from "@tanstack/react-query";
import { ToggleGroup } from "radix-ui";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Change } from "@/components/market/change";
import { formatDay, formatUsd } from "@/components/market/format";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";

const SYMBOLS = ["BTC", "ETH"] as const;
const WINDOWS = [
  { days: 30, label: "30D" },
  { days: 90, label: "90D" },
  { days: 365, label: "1Y" },
] as const;

export function AssetStats() {
  const trpc = useTRPC();
  const [windowDays, setWindowDays] = useState<number>(30);
  const stats = useQueries({ queries: SYMBOLS.map((symbol) => trpc.insights.assetStats.queryOptions({ symbol, windowDays })) });

  return (
    <section className="grid gap-3" aria-labelledby="asset-stats-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="asset-stats-heading" className="text-base font-semibold tracking-tight">
          Asset statistics
        </h2>
        <ToggleGroup.Root
          type="single"
          aria-label="Statistics window"
          value={String(windowDays)}
          onValueChange={(v) => v && setWindowDays(Number(v))}
          className="inline-flex rounded-lg border bg-card p-0.5"
        >
          {WINDOWS.map((w) => (
            <ToggleGroup.Item
              key={w.days}
              value={String(w.days)}
              aria-label={`${w.days} days`}
              className={cn(
                "rounded-md px-3 py-1 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
                "data-[state=on]:bg-secondary data-[state=on]:text-foreground data-[state=on]:shadow-sm",
              )}
            >
              {w.label}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup.Root>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {stats.map((q, i) => {
          const symbol = SYMBOLS[i];
          const d = q.data;
          return (
            <Card key={symbol} data-testid={`asset-stats-${symbol}`}>
              <CardHeader className="flex-row items-center gap-3">
                <span className="flex size-9 items-center justify-center rounded-full bg-secondary font-mono text-xs font-semibold">{symbol}</span>
                <div className="grid gap-0.5">
                  <CardTitle>{symbol}</CardTitle>
                  <CardDescription>{d?.asOf ? `Daily close on ${formatDay(d.asOf)}` : "Daily closes"}</CardDescription>
                </div>
                <div className="tabular ml-auto font-mono text-lg font-semibold">{d ? formatUsd(d.lastClose) : <Skeleton className="h-6 w-28" />}</div>
              </CardHeader>
              <div className="px-5 pb-5">
                {q.isError ? (
                  <p className="text-sm text-negative">{errorMessage(q.error)}</p>
                ) : (
                  <dl className="grid grid-cols-3 gap-3">
                    <Metric label={`Change (${windowDays}d)`} loading={!d}>
                      {d ? <Change value={d.changePct} /> : null}
                    </Metric>
                    <Metric label="Volatility (ann.)" loading={!d}>
                      {d?.annualisedVolatilityPct != null ? `${d.annualisedVolatilityPct.toFixed(1)}%` : "–"}
                    </Metric>
                    <Metric label="Max drawdown" loading={!d}>
                      {d?.maxDrawdownPct != null ? <span className="text-negative">−{d.maxDrawdownPct.toFixed(1)}%</span> : "–"}
                    </Metric>
                  </dl>
                )}
                {d ? <p className="mt-4 text-xs text-muted-foreground">From {d.observations} daily log returns. Market data: Binance spot klines.</p> : null}
              </div>
            </Card>
          );
        })}
      </div>
    </section>
  );
}

function Metric({ label, loading, children }: { label: string; loading: boolean; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 rounded-lg border bg-background/40 p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="tabular text-sm font-semibold">{loading ? <Skeleton className="h-5 w-16" /> : children}</dd>
    </div>
  );
}
