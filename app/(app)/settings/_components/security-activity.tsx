"use client";
import { useQuery } from "@tanstack/react-query";
import { ShieldIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";
import { activityLabel } from "./activity-labels";

export function SecurityActivity() {
  const trpc = useTRPC();
  const activity = useQuery(trpc.user.activity.queryOptions({ limit: 20 }));

  return (
    <Card data-testid="security-activity">
      <CardHeader>
        <CardTitle>Security activity</CardTitle>
        <CardDescription>The last 20 sign-ins and account changes. If you do not recognise one, change your password.</CardDescription>
      </CardHeader>
      <div className="px-2 pb-3">
        {activity.isPending ? (
          <div className="grid gap-2 px-3">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-9 w-full" />
            ))}
          </div>
        ) : activity.isError ? (
          <p className="px-3 py-2 text-sm text-negative">{errorMessage(activity.error)}</p>
        ) : activity.data.length === 0 ? (
          <EmptyState className="mx-3" icon={<ShieldIcon />} title="No activity yet" description="Sign-ins and account changes will be listed here." />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Action</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead className="hidden sm:table-cell">IP address</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Time</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {activity.data.map((a) => (
                <TableRow key={a.id} data-action={a.action}>
                  <TableCell>
                    <span className="block max-w-[13rem] truncate sm:max-w-none" title={a.action}>
                      {activityLabel(a.action)}
                    </span>
                    <Time date={a.createdAt} className="block text-xs text-muted-foreground sm:hidden" />
                  </TableCell>
                  <TableCell>
                    {a.outcome === "success" ? <Badge variant="positive">Success</Badge> : <Badge variant="negative">Failed</Badge>}
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs text-muted-foreground sm:table-cell">{a.ip ?? "–"}</TableCell>
                  <TableCell className="hidden text-right text-xs text-muted-foreground sm:table-cell">
                    <Time date={a.createdAt} />
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
