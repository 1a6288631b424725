// Providers' hit rates: share of resolved signals that reached a target, with the counts behind
// it (targets / stops / expired, open). Test id: hit-rate-row.
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ProviderHitRateDto } from "@/lib/schemas/social";
import { pct } from "./social-format";
import { ProviderName } from "./signals-row";

export function HitRateTable({ rows, loading }: { rows: ProviderHitRateDto[]; loading: boolean }) {
  const sorted = [...rows].sort((a, b) => (b.hitRate ?? -1) - (a.hitRate ?? -1) || b.resolved - a.resolved || a.name.localeCompare(b.name));
  return (
    <Card className="gap-0 overflow-hidden p-0" data-testid="hit-rates">
      <div className="grid gap-0.5 border-b px-4 py-3">
        <h3 className="font-semibold">Hit rate by provider</h3>
        <p className="text-xs text-muted-foreground">Resolved signals that reached a target. Every signal counts, not a chosen few.</p>
      </div>
      {loading ? (
        <div className="grid gap-2 p-4">
          <Skeleton className="h-6 w-full" />
          <Skeleton className="h-6 w-full" />
        </div>
      ) : sorted.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted-foreground">No providers yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Provider</TableHead>
                <TableHead className="text-right">Hit rate</TableHead>
                <TableHead className="text-right">Resolved</TableHead>
                <TableHead className="text-right" title="Targets hit / stops hit / expired">
                  T / S / E
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sorted.map((r) => (
                <TableRow key={`${r.kind}:${r.providerId ?? r.name}`} data-testid="hit-rate-row" data-provider-id={r.providerId ?? undefined}>
                  <TableCell className="text-sm whitespace-normal">
                    <ProviderName provider={{ id: r.providerId, name: r.name, kind: r.kind }} stacked />
                  </TableCell>
                  <TableCell className="tabular text-right font-medium">{pct(r.hitRate, 0)}</TableCell>
                  <TableCell className="tabular text-right" title={`${r.total} published, ${r.open} open`}>
                    {r.resolved}
                  </TableCell>
                  <TableCell className="tabular text-right text-muted-foreground">
                    <span className="text-positive">{r.targetHits}</span> / <span className="text-negative">{r.stopHits}</span> / {r.expired}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
