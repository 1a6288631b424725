"use client";
import { useQuery } from "@tanstack/react-query";
import { BotIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";

const KIND_LABELS: Record<string, string> = {
  rebalance: "Rebalance",
  dca: "Dollar-cost averaging",
  stop_loss: "Stop-loss",
  trailing_stop: "Trailing stop",
  take_profit: "Take-profit",
};

const STATUS_VARIANT = { active: "positive", paused: "warning", stopped: "outline" } as const;

export function AutomationList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.automation.list.queryOptions());
  return (
    <Card data-testid="automation-list">
      <CardHeader>
        <CardTitle>Your automations</CardTitle>
        <CardDescription>Every automation you have set up, and whether it is running.</CardDescription>
      </CardHeader>
      <div className="px-2 pb-3">
        {list.isPending ? (
          <div className="grid gap-2 px-3">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : list.isError ? (
          <p className="px-3 text-sm text-negative">{errorMessage(list.error)}</p>
        ) : list.data.length === 0 ? (
          <EmptyState
            className="mx-3"
            icon={<BotIcon />}
            title="No automations yet"
            description="Rebalancing, DCA and stop orders will be created here once the automation builder ships."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Name</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className="font-medium">{a.name}</TableCell>
                  <TableCell className="text-muted-foreground">{KIND_LABELS[a.kind] ?? a.kind}</TableCell>
                  <TableCell>
                    <Badge variant={STATUS_VARIANT[a.status]} className="capitalize">
                      {a.status}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-right text-xs text-muted-foreground">
                    <Time date={a.createdAt} dateOnly />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </Card>
  );
}
