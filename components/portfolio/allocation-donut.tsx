"use client";
import { useQuery } from "@tanstack/react-query";
import { PieChartIcon } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatBps, formatUsd } from "@/lib/portfolio/format";
import type { AllocationSlice } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";

const PALETTE = ["#f0b44c", "#7b8cff", "#34d399", "#f472b6", "#38bdf8", "#a78bfa", "#fb923c", "#facc15", "#94a3b8"];
const TABS = [
  { key: "byAsset", label: "Asset" },
  { key: "byChain", label: "Chain" },
  { key: "byCategory", label: "Category" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

/** At most 8 slices; the rest is folded into "Other". */
function topSlices(slices: AllocationSlice[]): { key: string; label: string; weightBps: number; valueUsd: string | null }[] {
  const sorted = [...slices].sort((a, b) => b.weightBps - a.weightBps);
  if (sorted.length <= 8) return sorted;
  const head = sorted.slice(0, 7);
  const rest = sorted.slice(7).reduce((s, x) => s + x.weightBps, 0);
  return [...head, { key: "other", label: "Other", weightBps: rest, valueUsd: null }];
}

// An SVG donut: one stroke-dasharray arc per slice on a circle of circumference 100.
export function Donut({ slices, size = 168, label }: { slices: { key: string; label: string; weightBps: number }[]; size?: number; label: string }) {
  const r = 15.915494; // 2πr = 100
  // Each arc starts where the previous ones end, beginning at 12 o'clock (offset 25).
  const offsets = slices.map((_, i) => 25 - slices.slice(0, i).reduce((sum, s) => sum + s.weightBps / 100, 0));
  return (
    <svg viewBox="0 0 42 42" width={size} height={size} role="img" aria-label={label} className="shrink-0">
      <circle cx="21" cy="21" r={r} fill="none" strokeWidth="5" className="stroke-muted" />
      {slices.map((s, i) => {
        const len = s.weightBps / 100;
        return (
          <circle
            key={s.key}
            cx="21"
            cy="21"
            r={r}
            fill="none"
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth="5"
            strokeDasharray={`${Math.max(0, len - 0.4)} ${100 - Math.max(0, len - 0.4)}`}
            strokeDashoffset={offsets[i]}
          >
            <title>{`${s.label}: ${formatBps(s.weightBps)}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}

export function AllocationLegend({ slices, showValues }: { slices: { key: string; label: string; weightBps: number; valueUsd: string | null }[]; showValues: boolean }) {
  return (
    <ul className="grid w-full min-w-0 gap-1.5 text-sm">
      {slices.map((s, i) => (
        <li key={s.key} className="flex items-center gap-2" data-testid="allocation-slice" data-key={s.key} data-weight-bps={s.weightBps}>
          <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: PALETTE[i % PALETTE.length] }} />
          <span className="min-w-0 flex-1 truncate">{s.label}</span>
          {showValues && s.valueUsd !== null ? <span className="tabular hidden font-mono text-xs text-muted-foreground sm:inline">{formatUsd(s.valueUsd)}</span> : null}
          <span className="tabular w-16 text-right font-mono text-xs">{formatBps(s.weightBps, 1)}</span>
        </li>
      ))}
    </ul>
  );
}

export function AllocationCard({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const alloc = useQuery(trpc.portfolio.allocation.queryOptions({ portfolioId }));
  const [tab, setTab] = useState<TabKey>("byAsset");
  const slices = alloc.data ? topSlices(alloc.data[tab]) : [];
  return (
    <Card data-testid="allocation-donut" className="flex flex-col">
      <CardHeader className="flex-row items-center justify-between gap-3">
        <CardTitle>Allocation</CardTitle>
        <div role="tablist" aria-label="Allocation by" className="inline-flex rounded-lg border bg-background/40 p-0.5">
          {TABS.map((t) => (
            <button
              key={t.key}
              type="button"
              role="tab"
              aria-selected={tab === t.key}
              data-testid={`allocation-tab-${t.label.toLowerCase()}`}
              onClick={() => setTab(t.key)}
              className={cn("rounded-md px-2 py-1 text-xs font-medium text-muted-foreground hover:text-foreground", tab === t.key && "bg-secondary text-foreground")}
            >
              {t.label}
            </button>
          ))}
        </div>
      </CardHeader>
      <div className="flex-1 px-5 pb-5">
        {alloc.isPending ? (
          <div className="flex items-center gap-5">
            <Skeleton className="size-40 rounded-full" />
            <div className="grid flex-1 gap-2">
              {Array.from({ length: 4 }, (_, i) => (
                <Skeleton key={i} className="h-4 w-full" />
              ))}
            </div>
          </div>
        ) : alloc.isError ? (
          <p role="alert" className="text-sm text-negative">
            {errorMessage(alloc.error)}
          </p>
        ) : slices.length === 0 ? (
          <EmptyState icon={<PieChartIcon />} title="Nothing priced to allocate yet" description="Holdings with a market price appear here." />
        ) : (
          <div className="flex flex-col items-center gap-5 sm:flex-row xl:flex-col">
            <Donut slices={slices} label={`Allocation by ${TABS.find((t) => t.key === tab)?.label.toLowerCase()}`} />
            <AllocationLegend slices={slices} showValues />
          </div>
        )}
      </div>
    </Card>
  );
}
