"use client";
// The breaker's event log: every trip, recovery and reset with the drawdown and the reason in
// words (the server writes the numbers into the reason).
import { HistoryIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatBps } from "@/lib/portfolio/format";
import { ACTION_LABEL, useRiskState, type BreakerActionName } from "./risk-breaker-card";

const levelName = (l: number) => (l === 0 ? "Normal" : `L${l}`);

export function RiskEvents() {
  const q = useRiskState();
  return (
    <Card data-testid="breaker-events">
      <CardHeader>
        <CardTitle>Breaker events</CardTitle>
        <CardDescription>The last 20 level changes and resets.</CardDescription>
      </CardHeader>
      <div className="px-5 pb-5">
        {q.isPending ? (
          <div className="grid gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-9 w-full" />
            ))}
          </div>
        ) : q.isError ? null : q.data.events.length === 0 ? (
          <EmptyState icon={<HistoryIcon />} title="No breaker events" description="The breaker has not tripped. Trips, recoveries and resets are logged here with the numbers behind them." />
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Time</TableHead>
                  <TableHead>Level</TableHead>
                  <TableHead className="text-right">Drawdown</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {q.data.events.map((e) => (
                  <TableRow key={e.id} data-testid="breaker-event" data-from={e.fromLevel} data-to={e.toLevel}>
                    <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                      <Time date={e.createdAt} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <span className="inline-flex items-center gap-1.5 text-sm">
                        {levelName(e.fromLevel)} → {levelName(e.toLevel)}
                        <Badge variant={e.toLevel > e.fromLevel ? "negative" : "positive"}>{ACTION_LABEL[e.action as BreakerActionName | "resume"] ?? e.action}</Badge>
                      </span>
                    </TableCell>
                    <TableCell className="tabular text-right text-sm">{formatBps(e.drawdownBps)}</TableCell>
                    <TableCell className="max-w-md text-xs text-muted-foreground">{e.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
    </Card>
  );
}
