"use client";
import { useQuery } from "@tanstack/react-query";
import { ChevronRightIcon } from "lucide-react";
import Link from "next/link";
import { DeleteAutomationButton, PauseResumeButton } from "@/components/automation/automation-actions";
import { AutomationKindCards } from "@/components/automation/automation-kind-cards";
import { HealthBadge, KIND_META, KindIcon, RailBadge, readableRationale, RelativeTime, StatusBadge, type AutomationItem } from "@/components/automation/automation-meta";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";

const RUN_VARIANT = { ok: "positive", skipped: "secondary", failed: "negative" } as const;
const RUN_LABEL = { ok: "Filled", skipped: "Skipped", failed: "Failed" } as const;

// Every automation of the user: what it is, where it runs, whether it is healthy, when it runs
// next and what its last run did. Refreshed every 5 s so runs the worker makes show up.
export function AutomationList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.automation.list.queryOptions(undefined, { refetchInterval: 5_000 }));

  if (list.isPending) return <ListSkeleton />;
  if (list.isError)
    return (
      <Card className="p-5" role="alert">
        <p className="text-sm text-negative">{errorMessage(list.error)}</p>
      </Card>
    );
  if (list.data.length === 0) {
    return (
      <section className="grid gap-4" data-testid="automation-empty" aria-labelledby="automation-empty-title">
        <div className="grid gap-1">
          <h2 id="automation-empty-title" className="text-lg font-semibold tracking-tight">
            Create your first automation
          </h2>
          <p className="text-sm text-muted-foreground">Try it on paper first: simulated balances that fill at exactly what the pools pay. Move it to your vault when you trust it.</p>
        </div>
        <AutomationKindCards />
      </section>
    );
  }

  const active = list.data.filter((a) => a.status === "active").length;
  return (
    <Card data-testid="automation-list">
      <CardHeader>
        <CardTitle>Your automations</CardTitle>
        <CardDescription>
          {list.data.length} automation{list.data.length === 1 ? "" : "s"} · {active} active
        </CardDescription>
      </CardHeader>
      <ul className="divide-y border-t" aria-label="Automations">
        {list.data.map((a) => (
          <AutomationRow key={a.id} a={a} />
        ))}
      </ul>
    </Card>
  );
}

function AutomationRow({ a }: { a: AutomationItem }) {
  const href = `/automation/${a.id}`;
  return (
    <li
      className="group relative grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 px-5 py-3 transition-colors hover:bg-accent/30 md:grid-cols-[auto_minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1.4fr)_auto]"
      data-testid="automation-row"
      data-automation-id={a.id}
      data-kind={a.kind}
      data-status={a.status}
    >
      <KindIcon kind={a.kind} />
      <div className="grid min-w-0 gap-1">
        <Link href={href} className="truncate font-medium after:absolute after:inset-0 focus-visible:outline-none" data-testid="automation-link">
          {a.name}
        </Link>
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs text-muted-foreground">{KIND_META[a.kind].label}</span>
          <RailBadge rail={a.rail} chainId={a.chainId} />
        </div>
      </div>
      <div className="col-span-3 col-start-2 flex flex-wrap items-center gap-1.5 md:col-span-1 md:col-start-auto md:grid md:justify-items-start">
        <div className="flex flex-wrap gap-1.5">
          <StatusBadge status={a.status} />
          {a.status === "active" ? <HealthBadge health={a.health} /> : null}
        </div>
        <span className="text-xs text-muted-foreground" data-testid="automation-next-run">
          {a.status !== "active" ? (
            (a.statusReason ?? "")
          ) : a.nextRunAt ? (
            <>
              Next run <RelativeTime date={a.nextRunAt} futureOnly className="tabular text-foreground" />
            </>
          ) : a.kind === "dca" || a.kind === "rebalance" ? (
            "No run scheduled"
          ) : (
            "Watching every block"
          )}
        </span>
      </div>
      <div className="col-span-3 col-start-2 min-w-0 md:col-span-1 md:col-start-auto" data-testid="automation-last-run">
        {a.lastRun ? (
          <div className="grid gap-0.5">
            <span className="flex items-center gap-1.5 text-xs">
              <Badge variant={RUN_VARIANT[a.lastRun.status as keyof typeof RUN_VARIANT] ?? "outline"}>{RUN_LABEL[a.lastRun.status as keyof typeof RUN_LABEL] ?? a.lastRun.status}</Badge>
              <RelativeTime date={a.lastRun.at} className="text-muted-foreground" />
            </span>
            <span className={cn("line-clamp-2 text-xs", a.lastRun.status === "failed" ? "text-negative" : "text-muted-foreground")} title={a.lastRun.rationale}>
              {readableRationale(a.lastRun.rationale)}
            </span>
          </div>
        ) : (
          <span className="text-xs text-muted-foreground">No runs yet</span>
        )}
      </div>
      {/* Above the row's stretched link so the buttons stay clickable. */}
      <div className="relative z-10 col-start-3 row-start-1 flex items-center justify-end gap-1.5 md:col-start-auto md:row-start-auto">
        <PauseResumeButton automation={a} compact />
        <DeleteAutomationButton automation={a} compact />
        <ChevronRightIcon aria-hidden="true" className="hidden size-4 text-muted-foreground md:block" />
      </div>
    </li>
  );
}

function ListSkeleton() {
  return (
    <Card aria-busy="true" aria-label="Loading automations">
      <div className="grid gap-3 p-5">
        <Skeleton className="h-5 w-40" />
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="flex items-center gap-3">
            <Skeleton className="size-9 rounded-lg" />
            <Skeleton className="h-9 flex-1" />
          </div>
        ))}
      </div>
    </Card>
  );
}
