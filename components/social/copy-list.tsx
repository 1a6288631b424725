"use client";
// The caller's copies (/social/copying), polled every 3 s. Test ids: `copy-list`, `copies-empty`,
// `copy-card` (data-copy-id, data-leader-id, data-status), inside it `copy-status`,
// `copy-allocation-bar`, `copy-drawdown`, `copy-positions`, `copy-fidelity-summary`,
// `copy-pause`, `copy-resume`, `copy-stop`, `copy-edit`; the stop confirmation `copy-stop-confirm`.
import { CopyIcon, PauseIcon, PencilIcon, PlayIcon, SquareIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import type { CopyDto } from "@/lib/schemas/social";
import { chainName } from "@/lib/web3/chains";
import { CopyDialog } from "./copy-dialog";
import { CopyStatusBadge } from "./copy-status";
import { formatAmount, formatDelayMs, formatDiffBps, formatUsdNumber } from "./social-format";
import { BotBadge } from "./trader-bits";
import { useCopies, useCopyControls } from "./use-social";

export function CopyList() {
  const q = useCopies({ poll: true });
  if (q.isPending)
    return (
      <div className="grid gap-4 lg:grid-cols-2" aria-label="Loading copies">
        <Skeleton className="h-64 rounded-xl" />
        <Skeleton className="h-64 rounded-xl" />
      </div>
    );
  if (q.isError)
    return (
      <p className="text-sm text-negative" role="alert">
        {errorMessage(q.error)}
      </p>
    );
  if (q.data.length === 0)
    return (
      <div data-testid="copies-empty">
        <EmptyState
          icon={<CopyIcon />}
          title="You are not copying anyone yet"
          description="Pick a trader on the leaderboard, open their profile and choose Copy. Their new trades are mirrored on your paper account within limits you set."
          action={
            <Button asChild size="sm">
              <Link href="/social">Browse the leaderboard</Link>
            </Button>
          }
        />
      </div>
    );
  // Live copies first, stopped ones after.
  const sorted = [...q.data].sort((a, b) => Number(a.status === "stopped") - Number(b.status === "stopped"));
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="copy-list">
      {sorted.map((c) => (
        <CopyCard key={c.id} copy={c} />
      ))}
    </div>
  );
}

function Bar({ value, max, className, testId }: { value: number; max: number; className?: string; testId?: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div className="h-2 w-full overflow-hidden rounded-full bg-muted" data-testid={testId} data-value={value} data-max={max}>
      <div className={cn("h-full rounded-full bg-primary transition-[width]", className)} style={{ width: `${pct}%` }} />
    </div>
  );
}

function CopyCard({ copy: c }: { copy: CopyDto }) {
  const [edit, setEdit] = useState(false);
  const [confirmStop, setConfirmStop] = useState(false);
  const { pause, resume, stop } = useCopyControls();
  const s = c.settings;
  const live = c.status !== "stopped";
  const stopLoss = s.copyStopLossBps;
  const pnl = c.equityUsd - s.allocatedUsd;
  const f = c.fidelity && c.fidelity.count > 0 ? c.fidelity : null;

  return (
    <Card className={cn("flex flex-col", !live && "opacity-75")} data-testid="copy-card" data-copy-id={c.id} data-leader-id={c.leader.id} data-status={c.status}>
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1">
          <CardTitle className="flex flex-wrap items-center gap-2">
            <Link href={`/social/traders/${c.leader.id}`} className="truncate hover:underline" data-testid="copy-leader">
              {c.leader.name}
            </Link>
            {c.leader.kind === "bot" ? <BotBadge /> : null}
          </CardTitle>
          <p className="text-xs text-muted-foreground">
            {c.rail === "paper" ? "Paper account" : "Vault"} on {chainName(c.chainId)} · {s.mode === "proportional" ? "proportional" : `fixed ${formatUsdNumber(s.fixedTradeUsd)} per trade`} · since <Time date={new Date(c.startedAt)} dateOnly />
          </p>
        </div>
        <CopyStatusBadge copy={c} />
      </CardHeader>
      <CardContent className="grid flex-1 content-start gap-4 text-sm">
        {c.statusReason && c.status !== "active" ? (
          <p className={cn("rounded-md px-3 py-2 text-xs", c.status === "paused" ? "bg-warning/10 text-warning" : "bg-muted text-muted-foreground")} data-testid="copy-status-reason">
            {c.statusReason}
          </p>
        ) : null}
        <div className="grid gap-1.5">
          <div className="flex justify-between text-xs">
            <span className="text-muted-foreground">Allocation in use</span>
            <span className="tabular-nums">
              {formatUsdNumber(c.usedAllocationUsd)} / {formatUsdNumber(s.allocatedUsd)}
            </span>
          </div>
          <Bar value={c.usedAllocationUsd} max={s.allocatedUsd} testId="copy-allocation-bar" />
        </div>
        <div className="grid gap-1.5" data-testid="copy-drawdown" data-bps={c.drawdownBps}>
          <div className="flex justify-between text-xs">
            <span className="text-muted-foreground">
              Equity <span className={cn("tabular-nums text-foreground", pnl > 0 && "text-positive", pnl < 0 && "text-negative")}>{formatUsdNumber(c.equityUsd)}</span>
            </span>
            <span className="tabular-nums">
              Drawdown {(c.drawdownBps / 100).toFixed(2)}%{stopLoss !== null ? <span className="text-muted-foreground"> / stop at {(stopLoss / 100).toFixed(0)}%</span> : <span className="text-muted-foreground"> · no stop-loss</span>}
            </span>
          </div>
          {stopLoss !== null ? <Bar value={c.drawdownBps} max={stopLoss} className={c.drawdownBps >= stopLoss * 0.75 ? "bg-negative" : "bg-warning"} /> : null}
        </div>
        <div className="grid gap-1" data-testid="copy-positions">
          <span className="text-xs text-muted-foreground">Positions</span>
          {c.positions.length === 0 ? (
            <span className="text-xs text-muted-foreground">None open.</span>
          ) : (
            <ul className="grid gap-1">
              {c.positions.map((p) => (
                <li key={p.token} className="flex justify-between text-xs tabular-nums">
                  <span>
                    {formatAmount(p.amountRaw, p.decimals)} <span className="text-muted-foreground">{p.symbol}</span>
                  </span>
                  <span>{formatUsdNumber(p.valueUsd)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" data-testid="copy-fidelity-summary">
          <span>
            <span className="text-foreground tabular-nums">{c.counts.filled}</span> copied
          </span>
          <span>
            <span className="text-foreground tabular-nums">{c.counts.skipped}</span> skipped
          </span>
          {c.counts.failed ? (
            <span>
              <span className="text-negative tabular-nums">{c.counts.failed}</span> failed
            </span>
          ) : null}
          {c.counts.pending ? <span>{c.counts.pending} pending</span> : null}
          <span>
            fidelity <span className="text-foreground tabular-nums">{f ? formatDiffBps(f.meanBps) : "—"}</span>
          </span>
          {f ? <span>delay {formatDelayMs(f.meanDelayMs)}</span> : null}
        </div>
      </CardContent>
      {live ? (
        <CardFooter className="flex-wrap justify-end">
          <Button size="sm" variant="ghost" onClick={() => setEdit(true)} data-testid="copy-edit">
            <PencilIcon />
            Edit
          </Button>
          {c.status === "active" ? (
            <Button size="sm" variant="outline" disabled={pause.isPending} onClick={() => pause.mutate({ copyId: c.id }, { onSuccess: () => toast.success(`Paused copying ${c.leader.name}`), onError: (e) => toastError(e, "Could not pause") })} data-testid="copy-pause">
              {pause.isPending ? <Spinner /> : <PauseIcon />}
              Pause
            </Button>
          ) : (
            <Button size="sm" variant="outline" disabled={resume.isPending} onClick={() => resume.mutate({ copyId: c.id }, { onSuccess: () => toast.success(`Resumed copying ${c.leader.name}`), onError: (e) => toastError(e, "Could not resume") })} data-testid="copy-resume">
              {resume.isPending ? <Spinner /> : <PlayIcon />}
              Resume
            </Button>
          )}
          <Button size="sm" variant="destructive" onClick={() => setConfirmStop(true)} data-testid="copy-stop">
            <SquareIcon />
            Stop
          </Button>
        </CardFooter>
      ) : null}
      <CopyDialog leader={c.leader} copy={c} open={edit} onOpenChange={setEdit} />
      <Dialog open={confirmStop} onOpenChange={setConfirmStop}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Stop copying {c.leader.name}?</DialogTitle>
            <DialogDescription>
              Stopping sells the copied positions ({c.positions.length ? c.positions.map((p) => p.symbol).join(", ") : "none open"}) on your paper account and ends this copy. It cannot be resumed; you can start a new copy later.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirmStop(false)}>
              Keep copying
            </Button>
            <Button
              variant="destructive"
              disabled={stop.isPending}
              onClick={() =>
                stop.mutate(
                  { copyId: c.id },
                  {
                    onSuccess: () => {
                      toast.success(`Stopped copying ${c.leader.name}`, { description: "Copied positions are being closed." });
                      setConfirmStop(false);
                    },
                    onError: (e) => toastError(e, "Could not stop the copy"),
                  },
                )
              }
              data-testid="copy-stop-confirm"
            >
              {stop.isPending ? <Spinner /> : null}
              Stop and close positions
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
