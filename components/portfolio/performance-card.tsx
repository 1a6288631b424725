"use client";
import { useQuery } from "@tanstack/react-query";
import { LineChartIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatReturn } from "@/lib/portfolio/format";
import { RANGES, type Range } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { BENCHMARK_COLORS, EquityChart, type ChartMode } from "./equity-chart";
import { ExplainButton } from "./explain-dialog";
import { PnlPct } from "./pnl";

export function RangeTabs({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  return (
    <div role="tablist" aria-label="Range" className="inline-flex rounded-lg border bg-background/40 p-0.5">
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          role="tab"
          aria-selected={value === r}
          data-testid={`range-tab-${r}`}
          onClick={() => onChange(r)}
          className={cn(
            "rounded-md px-2.5 py-1 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
            value === r && "bg-secondary text-foreground shadow-xs",
          )}
        >
          {r}
        </button>
      ))}
    </div>
  );
}

function Toggle({ pressed, onClick, children, testId, color }: { pressed: boolean; onClick: () => void; children: React.ReactNode; testId?: string; color?: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      data-testid={testId}
      onClick={onClick}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
        pressed && "border-primary/40 bg-primary/10 text-foreground",
      )}
    >
      {color ? <span aria-hidden="true" className="size-2 rounded-full" style={{ background: color }} /> : null}
      {children}
    </button>
  );
}

export function PerformanceCard({
  portfolioId,
  range,
  onRange,
  mode,
  onMode,
  benchmarks,
  onBenchmarks,
}: {
  portfolioId: string;
  range: Range;
  onRange: (r: Range) => void;
  mode: ChartMode;
  onMode: (m: ChartMode) => void;
  benchmarks: ("BTC" | "ETH")[];
  onBenchmarks: (b: ("BTC" | "ETH")[]) => void;
}) {
  const trpc = useTRPC();
  const perf = useQuery({ ...trpc.portfolio.performance.queryOptions({ portfolioId, range }), placeholderData: (prev) => prev });
  const row = perf.data?.returns.find((r) => r.range === range);

  function toggleBenchmark(s: "BTC" | "ETH") {
    const next = benchmarks.includes(s) ? benchmarks.filter((b) => b !== s) : [...benchmarks, s];
    onBenchmarks(next);
    // Benchmarks are rebased to the return index: show that scale when one is switched on.
    if (next.length && mode !== "return") onMode("return");
  }

  return (
    <Card data-testid="performance-card">
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1">
          <CardTitle>Performance</CardTitle>
          <p className="flex flex-wrap items-baseline gap-2 text-sm text-muted-foreground">
            Time-weighted return, {range}:
            {row ? (
              <ExplainButton portfolioId={portfolioId} target={{ kind: "return", range, measure: "twr" }} label={`Explain the ${range} time-weighted return`}>
                <PnlPct value={row.twr} className="text-base font-semibold" />
              </ExplainButton>
            ) : perf.isPending ? (
              <Skeleton className="inline-block h-4 w-14" />
            ) : (
              "–"
            )}
          </p>
        </div>
        <RangeTabs value={range} onChange={onRange} />
      </CardHeader>
      <div className="flex flex-wrap items-center gap-2 px-5 pb-2">
        <div role="group" aria-label="Chart scale" className="flex gap-1.5">
          <Toggle pressed={mode === "value"} onClick={() => onMode("value")} testId="chart-mode-value">
            Value
          </Toggle>
          <Toggle pressed={mode === "return"} onClick={() => onMode("return")} testId="chart-mode-return">
            Return index
          </Toggle>
        </div>
        <span className="mx-1 h-4 w-px bg-border" aria-hidden="true" />
        <div role="group" aria-label="Benchmarks" className="flex gap-1.5">
          {(["BTC", "ETH"] as const).map((s) => (
            <Toggle key={s} pressed={benchmarks.includes(s)} onClick={() => toggleBenchmark(s)} testId={`benchmark-toggle-${s}`} color={BENCHMARK_COLORS[s]}>
              vs {s}
              {mode === "return" && benchmarks.includes(s) && perf.data ? (
                <span className="tabular text-muted-foreground">{formatReturn(benchmarkReturn(perf.data.benchmarks.find((b) => b.symbol === s)?.points))}</span>
              ) : null}
            </Toggle>
          ))}
        </div>
      </div>
      <div className={cn("px-3 pb-4 transition-opacity", perf.isFetching && perf.isPlaceholderData && "opacity-60")}>
        {perf.isPending ? (
          <Skeleton className="mx-2 h-64 sm:h-72" />
        ) : perf.isError ? (
          <p role="alert" className="px-2 py-10 text-center text-sm text-negative">
            {errorMessage(perf.error)}
          </p>
        ) : perf.data.points.length < 2 ? (
          <EmptyState
            className="mx-2 h-64 sm:h-72"
            icon={<LineChartIcon />}
            title="Not enough history for a curve yet"
            description="Add a wallet or import transactions: the curve starts at your first activity."
          />
        ) : (
          <EquityChart data={perf.data} mode={mode} benchmarks={benchmarks} />
        )}
      </div>
    </Card>
  );
}

function benchmarkReturn(points: { index: number }[] | undefined): number | null {
  const first = points?.[0]?.index;
  const last = points?.at(-1)?.index;
  if (!first || last === undefined) return null;
  return last / first - 1;
}
