"use client";
// One automation: what it is (config in words), where it stands (DCA progress, a stop's high-water
// mark and level), what it did (run history) — refreshed every 3 s so the worker's runs appear live.
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { automationConfigSchemas, dcaStateSchema, stopStateSchema } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import { formatBps } from "@/lib/web3/swap/amount";
import { DeleteAutomationButton, PauseResumeButton, RenameAutomationButton } from "./automation-actions";
import { describeConfig, fmtRaw, fmtUsd, HealthBadge, KIND_META, KindIcon, RailBadge, RelativeTime, StatusBadge, useTokenIndex, type AutomationItem, type AutomationRun, type TokenLookup } from "./automation-meta";
import { DcaCostChart } from "./automation-dca-chart";
import { fillsOf, RunsTable } from "./automation-runs-table";

const LIVE_MS = 3_000;

export function AutomationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const a = useQuery(trpc.automation.get.queryOptions({ id }, { refetchInterval: LIVE_MS }));
  const runs = useQuery(trpc.automation.runs.list.queryOptions({ automationId: id, limit: 100 }, { refetchInterval: LIVE_MS }));
  const { lookup } = useTokenIndex();

  if (a.isPending) return <DetailSkeleton />;
  if (a.isError) return <p className="text-sm text-negative">{errorMessage(a.error)}</p>;
  const au = a.data;
  return (
    <div className="grid gap-6" data-testid="automation-detail" data-automation-id={au.id} data-status={au.status} data-kind={au.kind}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-start gap-3">
          <KindIcon kind={au.kind} className="size-11" />
          <div className="grid min-w-0 gap-1.5">
            <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="automation-title">
              {au.name}
            </h1>
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="text-sm text-muted-foreground">{KIND_META[au.kind].long}</span>
              <RailBadge rail={au.rail} chainId={au.chainId} />
              <StatusBadge status={au.status} />
              {au.status === "active" ? <HealthBadge health={au.health} /> : null}
            </div>
            <p className="text-sm text-muted-foreground" data-testid="automation-health-detail">
              {au.status === "active" ? au.health.detail : (au.statusReason ?? au.health.detail)}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button asChild variant="ghost" size="sm">
            <Link href="/automation">
              <ArrowLeftIcon />
              All
            </Link>
          </Button>
          <PauseResumeButton automation={au} />
          <RenameAutomationButton automation={au} />
          <DeleteAutomationButton automation={au} onDeleted={() => router.push("/automation")} />
        </div>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Rules</CardTitle>
            <CardDescription>
              Created <Time date={au.createdAt} />
            </CardDescription>
          </CardHeader>
          <ul className="grid gap-2 px-5 pb-5 text-sm" data-testid="automation-config">
            {describeConfig(au.kind, au.config, au.chainId, lookup).map((l) => (
              <li key={l} className="flex gap-2">
                <span aria-hidden="true" className="mt-2 size-1 shrink-0 rounded-full bg-muted-foreground" />
                {l}
              </li>
            ))}
          </ul>
        </Card>
        <StateCard a={au} runs={runs.data ?? []} lookup={lookup} />
      </div>
      {au.kind === "dca" ? <DcaChartCard a={au} runs={runs.data ?? []} lookup={lookup} /> : null}

      <Card>
        <CardHeader className="flex-row items-center justify-between">
          <div className="grid gap-1">
            <CardTitle>Run history</CardTitle>
            <CardDescription>Every run with its inputs, decision and reason. Live.</CardDescription>
          </div>
          <span className="flex items-center gap-1.5 text-xs text-muted-foreground" aria-hidden="true">
            <span className="size-1.5 animate-pulse rounded-full bg-positive" /> live
          </span>
        </CardHeader>
        <div className="border-t">
          {runs.isPending ? (
            <div className="grid gap-2 p-5">
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : runs.isError ? (
            <p className="p-5 text-sm text-negative">{errorMessage(runs.error)}</p>
          ) : (
            <RunsTable runs={runs.data} chainId={au.chainId} lookup={lookup} />
          )}
        </div>
      </Card>
    </div>
  );
}

function Stat({ label, children, testId, data }: { label: string; children: React.ReactNode; testId?: string; data?: Record<string, string | number> }) {
  const attrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <div className="grid gap-1 rounded-lg border bg-muted/20 p-3" data-testid={testId} {...attrs}>
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="tabular text-lg font-semibold">{children}</span>
    </div>
  );
}

function StateCard({ a, runs, lookup }: { a: AutomationItem; runs: AutomationRun[]; lookup: TokenLookup }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>State</CardTitle>
        <CardDescription>
          {a.lastRunAt ? (
            <>
              Last run <RelativeTime date={a.lastRunAt} />
            </>
          ) : (
            "No run yet"
          )}
          {a.status === "active" && a.nextRunAt ? (
            <>
              {" "}
              · next <RelativeTime date={a.nextRunAt} futureOnly />
            </>
          ) : null}
        </CardDescription>
      </CardHeader>
      <div className="grid grid-cols-2 gap-3 px-5 pb-5" data-testid="automation-state">
        {a.kind === "dca" ? <DcaState a={a} runs={runs} lookup={lookup} /> : a.kind === "rebalance" ? <RebalanceState a={a} /> : <StopState a={a} />}
      </div>
    </Card>
  );
}

function DcaState({ a, runs, lookup }: { a: AutomationItem; runs: AutomationRun[]; lookup: TokenLookup }) {
  const cfg = automationConfigSchemas.dca.safeParse(a.config);
  const st = dcaStateSchema.safeParse(a.state);
  if (!cfg.success || !st.success) return <p className="col-span-2 text-sm text-negative">The stored state no longer validates.</p>;
  const c = cfg.data;
  const s = st.data;
  const tIn = lookup(a.chainId, c.tokenIn);
  const tOut = lookup(a.chainId, c.tokenOut);
  // Average cost: everything spent over everything bought, from the fills.
  let spent = 0n;
  let bought = 0n;
  for (const f of runs.flatMap(fillsOf)) {
    if (f.tokenIn.toLowerCase() !== c.tokenIn || f.tokenOut.toLowerCase() !== c.tokenOut) continue;
    spent += BigInt(f.amountIn);
    bought += BigInt(f.amountOut);
  }
  const avg = tIn && tOut && bought > 0n ? Number(spent) / 10 ** tIn.decimals / (Number(bought) / 10 ** tOut.decimals) : null;
  return (
    <>
      <Stat label="Buys" testId="dca-progress" data={{ runs: s.runs }}>
        {s.runs}
        {c.maxRuns !== undefined ? <span className="text-sm font-normal text-muted-foreground"> of {c.maxRuns}</span> : null}
      </Stat>
      <Stat label="Spent" testId="dca-spent">
        {fmtRaw(s.spentRaw, tIn)}
      </Stat>
      <Stat label={`Bought (${tOut?.symbol ?? "token"})`}>{fmtRaw(bought, tOut)}</Stat>
      <Stat label="Average cost">{avg === null ? "–" : `${avg.toLocaleString("en-US", { maximumFractionDigits: avg >= 100 ? 2 : 6 })} ${tIn?.symbol ?? ""}`}</Stat>
      <Stat label="Skipped (price band)">{s.skipped}</Stat>
      <Stat label="Missed slots">{s.missed}</Stat>
    </>
  );
}

function DcaChartCard({ a, runs, lookup }: { a: AutomationItem; runs: AutomationRun[]; lookup: TokenLookup }) {
  const cfg = automationConfigSchemas.dca.safeParse(a.config);
  if (!cfg.success) return null;
  const tIn = lookup(a.chainId, cfg.data.tokenIn);
  const tOut = lookup(a.chainId, cfg.data.tokenOut);
  const points = runs.flatMap((r) => fillsOf(r).filter((f) => f.tokenIn.toLowerCase() === cfg.data.tokenIn).map((fill) => ({ at: r.createdAt, fill })));
  if (!tIn || !tOut || points.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Buy price vs average cost</CardTitle>
        <CardDescription>
          {tIn.symbol} paid per {tOut.symbol} at each buy (fees and price impact included), and what the whole position cost on average.
        </CardDescription>
      </CardHeader>
      <div className="px-5 pb-5">
        <DcaCostChart points={points} decimalsIn={tIn.decimals} decimalsOut={tOut.decimals} symbolIn={tIn.symbol} />
      </div>
    </Card>
  );
}

function RebalanceState({ a }: { a: AutomationItem }) {
  const lastSlot = (a.state as { lastSlot?: number | null }).lastSlot ?? null;
  return (
    <>
      <Stat label="Runs recorded">{lastSlot === null ? 0 : "see history"}</Stat>
      <Stat label="Last rebalance">{a.lastRunAt ? <RelativeTime date={a.lastRunAt} /> : "–"}</Stat>
    </>
  );
}

function StopState({ a }: { a: AutomationItem }) {
  const st = stopStateSchema.safeParse(a.state);
  const trail = a.kind === "trailing_stop" ? automationConfigSchemas.trailing_stop.safeParse(a.config) : null;
  const trigger = a.kind !== "trailing_stop" ? (a.config as { triggerPrice?: number | string }).triggerPrice : undefined;
  if (!st.success) return <p className="col-span-2 text-sm text-negative">The stored state no longer validates.</p>;
  const s = st.data;
  const level = trail?.success ? (s.highWater !== null ? s.highWater * (1 - trail.data.trailBps / 10_000) : null) : trigger !== undefined ? Number(trigger) : null;
  return (
    <>
      <Stat label="Trigger level" testId="stop-level">
        {fmtUsd(level)}
      </Stat>
      {a.kind === "trailing_stop" ? (
        <Stat label="High-water mark" testId="stop-high-water">
          {fmtUsd(s.highWater)}
        </Stat>
      ) : null}
      {trail?.success ? <Stat label="Trailing distance">{formatBps(trail.data.trailBps)}</Stat> : null}
      <Stat label="Triggered">{s.triggered ? `at block #${s.triggeredBlock?.toString() ?? "?"}` : "Not yet"}</Stat>
      <Stat label="Last block checked">{s.lastBlock !== null ? `#${s.lastBlock.toString()}` : "–"}</Stat>
    </>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <div className="flex items-center gap-3">
        <Skeleton className="size-11 rounded-lg" />
        <div className="grid gap-2">
          <Skeleton className="h-7 w-56" />
          <Skeleton className="h-4 w-72" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-48 rounded-xl" />
        <Skeleton className="h-48 rounded-xl" />
      </div>
      <Skeleton className="h-64 rounded-xl" />
    </div>
  );
}
