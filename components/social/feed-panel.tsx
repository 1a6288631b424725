"use client";
// The feed: trades and signals of the traders the viewer follows, newest first, polled every
// 3 s so new ones appear live. Test ids: feed-item (data-type trade|signal).
import { ArrowRightIcon, RssIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import type { FeedItemDto } from "@/lib/schemas/social";
import { useFeed } from "./signals-hooks";
import { DirectionBadge, formatPrice, ProviderName, STATUS_META } from "./signals-row";
import { formatAmount, formatUsdNumber, SOURCE_LABEL } from "./social-format";
import { BotBadge } from "./trader-bits";

const PAGE = 40;

function TradeItem({ item }: { item: Extract<FeedItemDto, { type: "trade" }> }) {
  const t = item.trade;
  return (
    <>
      <div className="flex min-w-0 items-center gap-1.5 text-sm">
        <Link href={`/social/traders/${item.trader.id}`} className="truncate font-medium hover:underline">
          {item.trader.name}
        </Link>
        {item.trader.kind === "bot" ? <BotBadge /> : null}
        <span className="shrink-0 text-muted-foreground">traded</span>
      </div>
      <p className="tabular text-sm">
        {formatAmount(t.amountIn, t.decimalsIn)} {t.symbolIn} <ArrowRightIcon className="inline size-3.5 text-muted-foreground" aria-label="for" /> {formatAmount(t.amountOut, t.decimalsOut)} {t.symbolOut}
        <span className="text-muted-foreground"> · {formatUsdNumber(t.valueUsd)}</span>
      </p>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Badge variant="outline">{SOURCE_LABEL[t.source]}</Badge>
        <Time date={new Date(t.executedAt)} />
      </div>
    </>
  );
}

function SignalItem({ item }: { item: Extract<FeedItemDto, { type: "signal" }> }) {
  const s = item.signal;
  const meta = STATUS_META[s.status];
  return (
    <>
      <div className="flex min-w-0 items-center gap-1.5 text-sm">
        <ProviderName provider={s.provider} />
        <span className="shrink-0 text-muted-foreground">signalled</span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold">{s.asset}</span>
        <DirectionBadge direction={s.direction} />
        <span className="tabular text-muted-foreground">
          entry {formatPrice(s.entry)} · target {formatPrice(s.targets[0])} · stop {formatPrice(s.stop)} · {s.horizonDays} d
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Badge variant={meta.variant}>{meta.label}</Badge>
        <Time date={new Date(item.at)} />
      </div>
    </>
  );
}

export function FeedPanel() {
  const [limit, setLimit] = useState(PAGE);
  const q = useFeed(limit);
  return (
    <Card className="gap-0 p-0" data-testid="feed">
      <div className="flex items-start justify-between gap-2 border-b px-4 py-3">
        <div className="grid gap-0.5">
          <h2 className="font-semibold">Feed</h2>
          <p className="text-xs text-muted-foreground">
            {q.data && q.data.following > 0 ? `Trades and signals of the ${q.data.following} trader${q.data.following === 1 ? "" : "s"} you follow, live.` : "Trades and signals of traders you follow, live."}
          </p>
        </div>
        <span className="mt-1 inline-flex items-center gap-1.5 text-xs text-muted-foreground" title="Updates every 3 seconds">
          <span className="size-2 animate-pulse rounded-full bg-positive" aria-hidden="true" />
          Live
        </span>
      </div>
      <div className="p-3">
        {q.isPending ? (
          <div className="grid gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        ) : q.isError ? (
          <p className="p-2 text-sm text-negative">{errorMessage(q.error)}</p>
        ) : q.data.items.length === 0 ? (
          <EmptyState
            icon={<RssIcon />}
            title={q.data.following > 0 ? "Nothing yet from the traders you follow" : "Your feed is empty"}
            description="Follow traders on the leaderboard to see their trades here"
            action={
              <Button asChild variant="outline" size="sm">
                <Link href="/social">Open the leaderboard</Link>
              </Button>
            }
            className="border-0 py-6"
          />
        ) : (
          <>
            <ul className="grid max-h-[26rem] divide-y overflow-y-auto" aria-label="Feed" aria-live="polite">
              {q.data.items.map((item) => (
                <li key={item.type === "trade" ? `t:${item.trade.id}` : `s:${item.signal.id}`} className="grid gap-1 px-1 py-3" data-testid="feed-item" data-type={item.type}>
                  {item.type === "trade" ? <TradeItem item={item} /> : <SignalItem item={item} />}
                </li>
              ))}
            </ul>
            {q.data.nextCursor && limit < 100 ? (
              <Button type="button" variant="ghost" size="sm" className="w-full" onClick={() => setLimit((l) => Math.min(100, l + PAGE))} disabled={q.isFetching}>
                Show older
              </Button>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
