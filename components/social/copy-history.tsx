"use client";
// Copy history (copy.trades, polled every 3 s): each leader trade and what the copy did with it —
// the follower's fill with its fidelity and delay, or why it was skipped or failed.
// Test ids: `copy-history`, `copy-history-empty`, `copy-trade-row` (data-status, data-kind,
// data-copy-id, data-leader-trade-id), inside it `copy-fidelity` (data-bps), `copy-reason`,
// `copy-trade-status`; `copy-history-more`.
import { ArrowRightIcon, HistoryIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import type { CopyTradeDto } from "@/lib/schemas/social";
import { formatAmount, formatDelayMs, formatDiffBps, formatUsdNumber } from "./social-format";
import { useCopyTrades } from "./use-social";

const STATUS = {
  filled: { label: "Copied", variant: "positive" },
  skipped: { label: "Skipped", variant: "secondary" },
  failed: { label: "Failed", variant: "negative" },
  pending: { label: "Pending", variant: "warning" },
} as const;

export function CopyHistory({ copyId }: { copyId?: string }) {
  const q = useCopyTrades(copyId);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card className="overflow-hidden" data-testid="copy-history">
      <CardHeader>
        <CardTitle>Copy history</CardTitle>
        <CardDescription>Every trade of the traders you copy and what your copy did. Fidelity: + means your fill got less than the leader&apos;s.</CardDescription>
      </CardHeader>
      {q.isPending ? (
        <div className="grid gap-2 px-5 pb-5" aria-label="Loading copy history">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <p className="px-5 pb-5 text-sm text-negative" role="alert">
          {errorMessage(q.error)}
        </p>
      ) : items.length === 0 ? (
        <div className="px-5 pb-5" data-testid="copy-history-empty">
          <EmptyState icon={<HistoryIcon />} title="No copied trades yet" description="When a trader you copy makes a trade, it shows up here with your fill within seconds." />
        </div>
      ) : (
        <>
          <div className="hidden grid-cols-[9rem_minmax(0,1fr)_1.5rem_minmax(0,1fr)_8rem] gap-3 border-y bg-muted/20 px-5 py-2 text-xs font-medium tracking-wide text-muted-foreground uppercase lg:grid">
            <span>Time</span>
            <span>Leader trade</span>
            <span />
            <span>Your copy</span>
            <span className="text-right">Fidelity · delay</span>
          </div>
          <ul className="divide-y">
            {items.map((t) => (
              <CopyTradeRow key={t.id} t={t} />
            ))}
          </ul>
          {q.hasNextPage ? (
            <div className="flex justify-center border-t p-3">
              <Button variant="ghost" size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="copy-history-more">
                {q.isFetchingNextPage ? <Spinner /> : null}
                Show more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

function Amounts({ amountIn, decimalsIn, symbolIn, amountOut, decimalsOut, symbolOut }: { amountIn: string | null; decimalsIn: number | null; symbolIn: string | null; amountOut: string | null; decimalsOut: number | null; symbolOut: string | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1 tabular-nums">
      {formatAmount(amountIn, decimalsIn)} <span className="text-muted-foreground">{symbolIn ?? ""}</span>
      <ArrowRightIcon className="size-3 text-muted-foreground" aria-hidden="true" />
      {formatAmount(amountOut, decimalsOut)} <span className="text-muted-foreground">{symbolOut ?? ""}</span>
    </span>
  );
}

function CopyTradeRow({ t }: { t: CopyTradeDto }) {
  const lt = t.leaderTrade;
  const st = STATUS[t.status];
  return (
    <li
      className="grid gap-2 px-5 py-3 text-sm lg:grid-cols-[9rem_minmax(0,1fr)_1.5rem_minmax(0,1fr)_8rem] lg:items-center lg:gap-3"
      data-testid="copy-trade-row"
      data-status={t.status}
      data-kind={t.kind}
      data-copy-id={t.copyId}
      data-leader-trade-id={lt?.id ?? ""}
    >
      <span className="text-xs text-muted-foreground">
        <Time date={new Date(t.filledAt ?? t.createdAt)} />
      </span>
      <span className="grid min-w-0 gap-0.5">
        <span className="text-xs text-muted-foreground">
          {t.leader.name}
          {t.kind === "close" ? " · closing your copy" : lt ? ` · ${lt.side}` : ""}
          {lt ? (
            <>
              {" "}
              at <Time date={new Date(lt.executedAt)} />
            </>
          ) : null}
        </span>
        {lt ? <Amounts {...lt} /> : <span className="text-muted-foreground">—</span>}
      </span>
      <ArrowRightIcon className="hidden size-4 text-muted-foreground lg:block" aria-hidden="true" />
      <span className="grid min-w-0 gap-0.5">
        <span className="flex items-center gap-2">
          <Badge variant={st.variant} data-testid="copy-trade-status">
            {st.label}
          </Badge>
          {t.status === "filled" && t.valueUsd !== null ? <span className="text-xs text-muted-foreground">{formatUsdNumber(t.valueUsd)}</span> : null}
        </span>
        {t.status === "filled" ? (
          <Amounts {...t} />
        ) : (
          <span className={cn("text-xs", t.status === "failed" ? "text-negative" : "text-muted-foreground")} data-testid="copy-reason" data-code={t.code ?? ""}>
            {t.reason}
          </span>
        )}
      </span>
      <span className={cn("flex gap-3 text-xs lg:grid lg:justify-items-end lg:gap-0.5", t.diffBps === null && t.delayMs === null && "max-lg:hidden")}>
        <span className={cn("tabular-nums", t.diffBps !== null && t.diffBps > 0 && "text-warning", t.diffBps !== null && t.diffBps <= 0 && "text-positive")} data-testid="copy-fidelity" data-bps={t.diffBps ?? ""}>
          {formatDiffBps(t.diffBps)}
        </span>
        <span className="text-muted-foreground tabular-nums">
          {formatDelayMs(t.delayMs)}
          {t.delayBlocks !== null ? ` · ${t.delayBlocks} block${t.delayBlocks === 1 ? "" : "s"}` : ""}
        </span>
      </span>
    </li>
  );
}
