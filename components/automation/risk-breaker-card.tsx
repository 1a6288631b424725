"use client";
// The circuit breaker in force: level and action, the drawdown of the flow-neutral index
// against its peak drawn against the levels, and a deliberate reset (re-arms at the current
// value as the new peak; paused automations stay paused).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { RotateCcwIcon, ShieldCheckIcon, ShieldAlertIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { formatBps, formatUsd } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";
import type { AppRouter } from "@/server/api/root";

export type RiskState = inferRouterOutputs<AppRouter>["automation"]["breakers"]["get"];
export type BreakerActionName = RiskState["levels"][number]["action"];

export const ACTION_LABEL: Record<BreakerActionName | "resume", string> = {
  halve_size: "Halve position sizes",
  conservative_only: "Risk-reducing trades only",
  stop_all: "Stop all automations",
  resume: "Automations resume",
};

const LEVEL_TONE = ["bg-positive", "bg-warning", "bg-orange-500", "bg-negative", "bg-negative", "bg-negative"];

export function useRiskState() {
  const trpc = useTRPC();
  return useQuery(trpc.automation.breakers.get.queryOptions(undefined, { refetchInterval: 30_000 }));
}

export function useInvalidateRisk() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trpc.automation.breakers.pathKey() });
}

/** Drawdown against the levels: a bar filled to the drawdown with a tick at each threshold. */
export function DrawdownGauge({ drawdownBps, levels, level }: { drawdownBps: number; levels: RiskState["levels"]; level: number }) {
  const last = levels.at(-1)?.drawdownBps ?? 1500;
  const max = Math.max(Math.ceil((last * 4) / 3 / 100) * 100, drawdownBps + 100);
  const pos = (bps: number) => `${Math.min(100, (bps / max) * 100)}%`;
  return (
    <div className="grid gap-2" data-testid="breaker-gauge" data-drawdown-bps={drawdownBps} role="img" aria-label={`Drawdown ${formatBps(drawdownBps)} against levels ${levels.map((l) => formatBps(l.drawdownBps)).join(", ")}`}>
      <div className="relative h-3 rounded-full bg-muted">
        <div className={cn("absolute inset-y-0 left-0 rounded-full transition-[width]", LEVEL_TONE[level] ?? "bg-negative")} style={{ width: pos(drawdownBps) }} />
        {levels.map((l, i) => (
          <div key={i} className="absolute -top-1 -bottom-1 w-0.5 rounded bg-foreground/70" style={{ left: pos(l.drawdownBps) }} />
        ))}
      </div>
      <div className="relative h-8 text-[11px] text-muted-foreground">
        <span className="absolute left-0">0 %</span>
        {levels.map((l, i) => (
          <span key={i} className="absolute -translate-x-1/2 text-center leading-tight" style={{ left: pos(l.drawdownBps) }}>
            <span className="block font-medium text-foreground">L{i + 1}</span>
            {formatBps(l.drawdownBps, 0)}
          </span>
        ))}
      </div>
    </div>
  );
}

function Stat({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5 rounded-lg border bg-muted/20 px-3 py-2" data-testid={testId}>
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="tabular text-lg font-semibold">{children}</span>
    </div>
  );
}

export function RiskBreakerCard() {
  const trpc = useTRPC();
  const q = useRiskState();
  const invalidate = useInvalidateRisk();
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation(
    trpc.automation.breakers.reset.mutationOptions({
      onSuccess: async () => {
        toast.success("Circuit breaker reset", { description: "Re-armed at the current value as the new peak." });
        setConfirming(false);
        await invalidate();
      },
      onError: (err) => toastError(err, "Could not reset the breaker"),
    }),
  );

  if (q.isPending) {
    return (
      <Card className="grid gap-4 p-5" aria-busy="true" aria-label="Loading the circuit breaker">
        <Skeleton className="h-5 w-48" />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-16 rounded-lg" />
          ))}
        </div>
        <Skeleton className="h-10 w-full" />
      </Card>
    );
  }
  if (q.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Could not load the circuit breaker</AlertTitle>
        <AlertDescription>{errorMessage(q.error)}</AlertDescription>
      </Alert>
    );
  }
  const s = q.data;
  const tripped = s.level > 0;
  return (
    <Card data-testid="breaker-card" data-level={s.level} data-action={s.action ?? "none"}>
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            Circuit breaker
            <Badge variant={tripped ? (s.action === "stop_all" ? "negative" : "warning") : "positive"} data-testid="breaker-level">
              {tripped ? <ShieldAlertIcon /> : <ShieldCheckIcon />}
              {tripped ? `Level ${s.level}` : "Normal"}
            </Badge>
          </CardTitle>
          <CardDescription>
            {tripped && s.action ? `${ACTION_LABEL[s.action]} since ` : "All automations run normally. Measured on the capital your automations trade, without deposits and withdrawals."}
            {tripped ? <Time date={s.trippedAt} /> : null}
          </CardDescription>
        </div>
        <CardAction className="flex gap-2">
          {confirming ? (
            <>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={reset.isPending}>
                Cancel
              </Button>
              <Button size="sm" variant="destructive" onClick={() => reset.mutate({ confirm: true })} disabled={reset.isPending} data-testid="breaker-reset-confirm">
                {reset.isPending ? <Spinner /> : null}
                Confirm reset
              </Button>
            </>
          ) : (
            <Button size="sm" variant="outline" onClick={() => setConfirming(true)} data-testid="breaker-reset">
              <RotateCcwIcon />
              Reset
            </Button>
          )}
        </CardAction>
      </CardHeader>
      <div className="grid gap-4 px-5 pb-5">
        {confirming ? (
          <p className="text-xs text-muted-foreground">Resetting re-arms the breaker at today&apos;s value (it becomes the new peak). Automations it paused stay paused until you resume them.</p>
        ) : null}
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Drawdown" testId="breaker-drawdown">
            <span className={cn(s.drawdownBps > 0 && "text-negative")}>{formatBps(s.drawdownBps)}</span>
          </Stat>
          <Stat label="Performance index" testId="breaker-index">
            {formatUsd(s.indexUsd.toFixed(2))}
          </Stat>
          <Stat label="Peak" testId="breaker-peak">
            {s.peakUsd !== null ? formatUsd(s.peakUsd.toFixed(2)) : "–"}
          </Stat>
          <Stat label="Automated capital now" testId="breaker-equity">
            {formatUsd(s.equityUsd.toFixed(2))}
          </Stat>
        </div>
        <DrawdownGauge drawdownBps={s.drawdownBps} levels={s.levels} level={s.level} />
        <p className="text-xs text-muted-foreground">
          The index revalues the previous positions at new prices, so deposits, withdrawals and paper resets do not count as losses. Hysteresis {formatBps(s.hysteresisBps)}: a level
          releases only once the drawdown is that far back under its threshold.
          {s.equityParts.length ? ` Capital: ${s.equityParts.map((p) => `${p.rail} on chain ${p.chainId} ${formatUsd(p.usd.toFixed(2))}`).join(", ")}.` : " No active automation uses a rail right now, so nothing is measured."}
        </p>
      </div>
    </Card>
  );
}
