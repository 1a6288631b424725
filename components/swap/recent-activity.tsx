"use client";
import { useQuery } from "@tanstack/react-query";
import { HistoryIcon } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";
import { AmountsCell, kindLabel, PairCell, StatusBadge, useTokenDirectory } from "./swap-records";

// The last five tracked transactions of the signed-in user (server-scoped), with a link to the history.
export function RecentActivity({ className }: { className?: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.defi.history.queryOptions({ limit: 5 }, { refetchInterval: (s) => (s.state.data?.items.some((r) => r.status === "pending") ? 2_000 : false) }));
  const items = q.data?.items ?? [];
  const dir = useTokenDirectory(items.map((r) => r.chainId));

  return (
    <Card className={className} data-testid="recent-activity">
      <CardHeader className="flex-row items-center">
        <CardTitle>Recent activity</CardTitle>
        <CardAction>
          <Button asChild variant="ghost" size="sm">
            <Link href="/swap/history">View all</Link>
          </Button>
        </CardAction>
      </CardHeader>
      <div className="px-5 pb-5">
        {q.isPending ? (
          <div className="grid gap-3">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : q.isError ? (
          <p className="text-sm text-negative">{errorMessage(q.error)}</p>
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
            <HistoryIcon aria-hidden="true" className="size-5" />
            Your swaps will show up here once they are on chain.
          </div>
        ) : (
          <ul className="grid divide-y">
            {items.map((r) => (
              <li key={r.id} className="grid gap-1 py-2.5 first:pt-0 last:pb-0" data-testid="recent-row" data-hash={r.hash} data-status={r.status}>
                <div className="flex items-center justify-between gap-2 text-sm">
                  <span className="inline-flex items-center gap-2">
                    <span className="text-xs text-muted-foreground">{kindLabel(r.kind)}</span>
                    <PairCell record={r} dir={dir} />
                  </span>
                  <StatusBadge status={r.status} />
                </div>
                <div className="flex items-center justify-between gap-2 text-xs text-muted-foreground">
                  <AmountsCell record={r} dir={dir} />
                  <Time date={r.submittedAt} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
