"use client";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/feedback/errors";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatFraction, formatUsd } from "@/lib/portfolio/format";
import type { Change } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { PnlPct, PnlUsd } from "./pnl";

function ChangeLine({ label, change, testId }: { label: string; change: Change; testId?: string }) {
  return (
    <span className="inline-flex items-baseline gap-1.5 text-xs" data-testid={testId}>
      <span className="text-muted-foreground">{label}</span>
      <PnlPct value={change.pct} className="font-medium" />
      {change.absUsd !== null ? <PnlUsd value={change.absUsd} className="text-[11px] opacity-80" /> : null}
    </span>
  );
}

function Stat({ label, children, loading, className }: { label: string; children: React.ReactNode; loading: boolean; className?: string }) {
  return (
    <Card className={className ?? "p-4"}>
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      {loading ? (
        <>
          <Skeleton className="mt-3 h-7 w-28" />
          <Skeleton className="mt-2 h-3.5 w-36" />
        </>
      ) : (
        children
      )}
    </Card>
  );
}

// Headline figures: total value with 24 h / 7 d / 30 d change, today's P&L and the win rate.
export function SummaryCards({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const s = useQuery(trpc.portfolio.summary.queryOptions({ portfolioId }));
  const loading = s.isPending;
  if (s.isError) {
    return (
      <Card className="p-4 text-sm text-negative" role="alert">
        {errorMessage(s.error)}
      </Card>
    );
  }
  const d = s.data;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 lg:gap-4">
      <Stat label="Total value" loading={loading} className="col-span-2 p-4">
        {d ? (
          <>
            <p className="tabular mt-1.5 text-3xl font-semibold tracking-tight" data-testid="total-value" data-value={d.valueUsd}>
              {formatUsd(d.valueUsd)}
            </p>
            <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
              <ChangeLine label="24h" change={d.change.d1} testId="change-24h" />
              <ChangeLine label="7d" change={d.change.d7} testId="change-7d" />
              <ChangeLine label="30d" change={d.change.d30} testId="change-30d" />
            </div>
            {d.unpriced.length ? (
              <p className="mt-1.5 text-xs text-warning">
                {d.unpriced.length} holding{d.unpriced.length === 1 ? "" : "s"} without a price: not included in the total.
              </p>
            ) : null}
          </>
        ) : null}
      </Stat>
      <Stat label="Today's P&L" loading={loading}>
        {d ? (
          <>
            <p className="mt-1.5 text-2xl font-semibold tracking-tight" data-testid="daily-pnl">
              {d.dailyPnlUsd === null ? <span className="text-muted-foreground">–</span> : <PnlUsd value={d.dailyPnlUsd} className="font-sans" />}
            </p>
            <p className="mt-1 text-xs text-muted-foreground">Net of deposits and withdrawals</p>
          </>
        ) : null}
      </Stat>
      <Stat label="Win rate" loading={loading}>
        {d ? (
          <>
            <p className="tabular mt-1.5 text-2xl font-semibold tracking-tight" data-testid="win-rate">
              {d.winRate === null ? <span className="text-muted-foreground">–</span> : formatFraction(d.winRate, 1)}
            </p>
            <p className="mt-1 text-xs text-muted-foreground">
              {d.winRate === null ? "No closed sells yet" : "Sells with a realised gain"} · Realised <PnlUsd value={d.realizedPnlUsd} />
            </p>
          </>
        ) : null}
      </Stat>
    </div>
  );
}
