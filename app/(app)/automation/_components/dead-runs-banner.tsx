"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { RotateCcwIcon, SkullIcon } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { useInvalidateAutomation } from "@/components/automation/automation-actions";
import { RelativeTime } from "@/components/automation/automation-meta";
import { toastError } from "@/components/feedback/errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";

// Runs that exhausted their retries (dead jobs): shown until retried, with the last error.
export function DeadRunsBanner() {
  const trpc = useTRPC();
  const invalidate = useInvalidateAutomation();
  const dead = useQuery(trpc.automation.runs.dead.queryOptions(undefined, { refetchInterval: 15_000 }));
  const retry = useMutation(
    trpc.automation.runs.retry.mutationOptions({
      onSuccess: async () => {
        toast.success("Run queued again");
        await invalidate();
      },
      onError: (err) => toastError(err, "Could not retry"),
    }),
  );
  const items = dead.data ?? [];
  if (items.length === 0) return null;
  return (
    <Alert variant="destructive" data-testid="dead-runs" data-count={items.length}>
      <SkullIcon />
      <AlertTitle>
        {items.length} run{items.length === 1 ? "" : "s"} gave up after every retry
      </AlertTitle>
      <AlertDescription>
        <ul className="mt-2 grid gap-2">
          {items.slice(0, 5).map((j) => (
            <li key={j.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-destructive/20 bg-background/40 px-3 py-2" data-testid="dead-run">
              <span className="min-w-0 flex-1">
                <span className="font-mono text-xs text-foreground">{j.key}</span>
                <span className="block truncate text-xs" title={j.lastError ?? undefined}>
                  {j.lastError ?? "No error recorded."} · {j.attempts} attempt{j.attempts === 1 ? "" : "s"} · <RelativeTime date={j.finishedAt ?? j.createdAt} />
                </span>
              </span>
              {j.automationId ? (
                <Link href={`/automation/${j.automationId}`} className="text-xs font-medium text-primary hover:underline">
                  Open
                </Link>
              ) : null}
              <Button size="sm" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate({ id: j.id })} data-testid="dead-run-retry">
                {retry.isPending && retry.variables?.id === j.id ? <Spinner /> : <RotateCcwIcon />}
                Retry
              </Button>
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
