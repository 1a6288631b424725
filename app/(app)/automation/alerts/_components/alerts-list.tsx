"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellIcon, PauseIcon, PlayIcon, Trash2Icon } from "lucide-react";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";
import { formatBps, formatPrice, KIND_LABEL } from "./format";

const STATUS = {
  active: { variant: "positive", label: "Watching" },
  triggered: { variant: "warning", label: "Triggered" },
  paused: { variant: "outline", label: "Paused" },
} as const;

export function AlertsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.automation.alerts.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries(trpc.automation.alerts.pathFilter());
  const setPaused = useMutation(trpc.automation.alerts.setPaused.mutationOptions({ onSuccess: invalidate, onError: (e) => toastError(e, "Could not update the alert") }));
  const remove = useMutation(trpc.automation.alerts.delete.mutationOptions({ onSuccess: invalidate, onError: (e) => toastError(e, "Could not delete the alert") }));

  return (
    <Card data-testid="alerts-list">
      <CardHeader>
        <CardTitle>Your alerts</CardTitle>
        <CardDescription>What each alert watches, its last reading and when it last fired.</CardDescription>
      </CardHeader>
      <div className="px-2 pb-3">
        {list.isPending ? (
          <div className="grid gap-2 px-3">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : list.isError ? (
          <p className="px-3 text-sm text-negative">{errorMessage(list.error)}</p>
        ) : list.data.length === 0 ? (
          <EmptyState className="mx-3" icon={<BellIcon />} title="No alerts yet" description="Create one on the left: a price level, a fast move, a drawdown or a concentration limit." />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Alert</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Last reading</TableHead>
                <TableHead className="text-right">Last fired</TableHead>
                <TableHead className="sr-only">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((a) => {
                const s = STATUS[a.status];
                const price = a.kind === "price_above" || a.kind === "price_below" || a.kind === "price_change";
                return (
                  <TableRow key={a.id} data-testid="alert-row">
                    <TableCell>
                      <div className="grid gap-0.5">
                        <span className="font-medium">{a.description}</span>
                        <span className="text-xs text-muted-foreground">
                          {KIND_LABEL[a.kind]}
                          {a.repeat ? "" : " · once"}
                        </span>
                      </div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={s.variant}>{s.label}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{price ? formatPrice(a.lastValue) : formatBps(a.lastValue)}</TableCell>
                    <TableCell className="text-right text-xs text-muted-foreground">{a.lastTriggeredAt ? <Time date={a.lastTriggeredAt} /> : "Never"}</TableCell>
                    <TableCell>
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={a.status === "paused" ? `Resume alert: ${a.description}` : `Pause alert: ${a.description}`}
                          disabled={setPaused.isPending}
                          onClick={() => setPaused.mutate({ id: a.id, paused: a.status !== "paused" })}
                        >
                          {a.status === "paused" ? <PlayIcon aria-hidden="true" /> : <PauseIcon aria-hidden="true" />}
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Delete alert: ${a.description}`}
                          disabled={remove.isPending}
                          onClick={() => remove.mutate({ id: a.id })}
                        >
                          <Trash2Icon aria-hidden="true" />
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </div>
    </Card>
  );
}
