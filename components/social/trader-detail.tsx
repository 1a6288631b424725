"use client";
// A trader's public page (/social/traders/[id]). Test ids: `trader-detail` (data-trader-id,
// data-kind), `trader-name`, `bot-badge`, `risk-score`, `trader-followers`, `trader-copiers`,
// `follow-button` (data-following), `copy-button`, `own-profile-banner`, `viewer-copy`
// (data-status), `trader-not-found`; plus those of trader-stats.tsx, trader-trades.tsx and
// copy-dialog.tsx.
import { CompassIcon, CopyIcon, PencilIcon, UserCheckIcon, UserPlusIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, httpStatusOf, toastError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import type { TraderDetailDto } from "@/lib/schemas/social";
import { chainName } from "@/lib/web3/chains";
import { CopyDialog } from "./copy-dialog";
import { CopyStatusBadge } from "./copy-status";
import { formatUsdNumber } from "./social-format";
import { RiskScorePill, TraderAvatar, TraderName } from "./trader-bits";
import { EquityCard, FidelityPanel, SignalsHitRate, TraderMetrics } from "./trader-stats";
import { TraderTrades } from "./trader-trades";
import { useFollow, useTrader } from "./use-social";

export function TraderDetail({ id }: { id: string }) {
  const q = useTrader(id);
  if (q.isPending) return <TraderDetailSkeleton />;
  if (q.isError) {
    if (httpStatusOf(q.error) === 404) return <TraderNotFound />;
    return (
      <p className="text-sm text-negative" role="alert">
        {errorMessage(q.error)}
      </p>
    );
  }
  const d = q.data;
  return (
    <div className="grid gap-6" data-testid="trader-detail" data-trader-id={d.trader.id} data-kind={d.trader.kind}>
      {d.isSelf ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-info/40 bg-info/10 px-4 py-3 text-sm" data-testid="own-profile-banner">
          <span>This is your public profile — what other Lodestar users see (without the trade delay).</span>
          <Button asChild size="sm" variant="outline">
            <Link href="/social/profile">
              <PencilIcon />
              Edit profile
            </Link>
          </Button>
        </div>
      ) : null}
      <TraderHeader d={d} />
      {d.copy ? <ViewerCopy d={d} /> : null}
      <TraderMetrics detail={d} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <EquityCard detail={d} />
        <div className="grid content-start gap-6">
          <FidelityPanel fidelity={d.trader.fidelity} name={d.trader.name} />
          <SignalsHitRate signals={d.signals} />
        </div>
      </div>
      <TraderTrades traderId={d.trader.id} initial={d.recentTrades} delayMinutes={d.delayMinutes} />
    </div>
  );
}

function TraderHeader({ d }: { d: TraderDetailDto }) {
  const t = d.trader;
  const [open, setOpen] = useState(false);
  const { follow, unfollow } = useFollow();
  const busy = follow.isPending || unfollow.isPending;
  return (
    <Card>
      <CardContent className="flex flex-col gap-5 pt-5 md:flex-row md:items-start md:justify-between">
        <div className="flex min-w-0 flex-col gap-4 sm:flex-row">
          <TraderAvatar name={t.name} avatar={t.avatar} kind={t.kind} size="lg" />
          <div className="grid min-w-0 content-start gap-2">
            <TraderName wrap name={t.name} kind={t.kind} botStrategy={t.botStrategy} className="text-xl [&_[data-testid=trader-name]]:text-xl [&_[data-testid=trader-name]]:font-semibold" />
            {t.bio ? <p className="max-w-2xl text-sm text-muted-foreground">{t.bio}</p> : null}
            {t.kind === "bot" ? (
              <p className="max-w-2xl text-xs text-muted-foreground">
                A strategy bot, not a person: its record comes from running the strategy on the paper rail over the shipped market history
                {t.asOf ? (
                  <>
                    {" "}
                    (as of <Time date={new Date(t.asOf)} dateOnly />)
                  </>
                ) : null}
                .
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <span data-testid="trader-followers">
                <span className="font-semibold tabular-nums">{t.followers}</span> <span className="text-muted-foreground">followers</span>
              </span>
              <span data-testid="trader-copiers">
                <span className="font-semibold tabular-nums">{t.copiers}</span> <span className="text-muted-foreground">copiers</span>
              </span>
              <span className="inline-flex items-center gap-1.5">
                <span className="text-muted-foreground">Risk</span>
                <RiskScorePill risk={t.risk} />
              </span>
              <span className="text-muted-foreground">
                {t.recordDays} days · {t.totalTrades} verified trades
              </span>
              {!t.eligible ? <span className="text-xs text-warning">Unranked: needs {t.missing.join(" and ") || "a longer record"}</span> : null}
            </div>
          </div>
        </div>
        {d.isSelf ? null : (
          <div className="flex shrink-0 gap-2">
            <Button
              variant={d.following ? "outline" : "secondary"}
              disabled={busy}
              onClick={() => (d.following ? unfollow : follow).mutate({ leaderId: t.id }, { onError: (e) => toastError(e, d.following ? "Could not unfollow" : "Could not follow") })}
              data-testid="follow-button"
              data-following={d.following}
            >
              {busy ? <Spinner /> : d.following ? <UserCheckIcon /> : <UserPlusIcon />}
              {d.following ? "Following" : "Follow"}
            </Button>
            <Button onClick={() => setOpen(true)} data-testid="copy-button">
              <CopyIcon />
              {d.copy && d.copy.status !== "stopped" ? "Edit copy" : "Copy"}
            </Button>
            <CopyDialog leader={{ id: t.id, name: t.name, kind: t.kind }} copy={d.copy && d.copy.status !== "stopped" ? d.copy : null} open={open} onOpenChange={setOpen} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ViewerCopy({ d }: { d: TraderDetailDto }) {
  const c = d.copy!;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-card px-4 py-3 text-sm" data-testid="viewer-copy" data-status={c.status}>
      <span className="flex flex-wrap items-center gap-2">
        You copy {d.trader.name} on {chainName(c.chainId)} ({c.rail}) <CopyStatusBadge copy={c} />
        <span className="text-muted-foreground">
          {formatUsdNumber(c.usedAllocationUsd)} of {formatUsdNumber(c.settings.allocatedUsd)} in use · equity {formatUsdNumber(c.equityUsd)}
        </span>
      </span>
      <Button asChild size="sm" variant="outline">
        <Link href="/social/copying">Manage copies</Link>
      </Button>
    </div>
  );
}

export function TraderNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="trader-not-found">
      <span className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <CompassIcon aria-hidden="true" className="size-5" />
      </span>
      <div className="grid gap-1.5">
        <h2 className="text-xl font-semibold tracking-tight">Trader not found</h2>
        <p className="text-sm text-muted-foreground">This trader does not exist or their profile is not public.</p>
      </div>
      <Button asChild>
        <Link href="/social">Back to the leaderboard</Link>
      </Button>
    </div>
  );
}

function TraderDetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading trader">
      <Skeleton className="h-36 w-full rounded-xl" />
      <Skeleton className="h-48 w-full rounded-xl" />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <Skeleton className="h-80 rounded-xl" />
        <Skeleton className="h-80 rounded-xl" />
      </div>
    </div>
  );
}
