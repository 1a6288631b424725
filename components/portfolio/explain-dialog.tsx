"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDay } from "@/components/market/format";
import { formatQuantity, formatReturn, formatUsd } from "@/lib/portfolio/format";
import type { Range } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";

export type ExplainTarget = { kind: "holding"; assetId: string } | { kind: "return"; range: Range; measure: "twr" | "mwr" };

// "Explain this number": the trigger is the figure itself (a button styled as text); the dialog
// asks portfolio.explain for the trace only once it is opened.
export function ExplainButton({
  portfolioId,
  target,
  label,
  children,
  className,
}: {
  portfolioId: string;
  target: ExplainTarget;
  /** Accessible name, e.g. "Explain BTC P&L". */
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <button
          type="button"
          aria-label={label}
          title="Explain this number"
          data-testid="explain-trigger"
          className={cn("cursor-help rounded-sm underline decoration-dotted decoration-muted-foreground/50 underline-offset-4 hover:decoration-foreground focus-visible:outline-2 focus-visible:outline-ring", className)}
        >
          {children}
        </button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl" data-testid="explain-dialog">
        {open ? <ExplainBody portfolioId={portfolioId} target={target} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ExplainBody({ portfolioId, target }: { portfolioId: string; target: ExplainTarget }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.portfolio.explain.queryOptions({ portfolioId, target }));
  return (
    <>
      <DialogHeader>
        <DialogTitle>{q.data?.title ?? "How this number is computed"}</DialogTitle>
        <DialogDescription>Every input that went into the figure, from your transactions and the daily closes.</DialogDescription>
      </DialogHeader>
      {q.isPending ? (
        <div className="grid gap-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <p role="alert" className="text-sm text-negative">
          {errorMessage(q.error)}
        </p>
      ) : (
        <div className="grid gap-4 text-sm">
          <dl className="grid gap-1.5 rounded-lg border bg-background/40 p-3">
            {q.data.lines.map((l, i) => (
              <div key={i} className="flex items-baseline justify-between gap-4">
                <dt className="text-muted-foreground">{l.label}</dt>
                <dd className="tabular text-right font-mono">{l.value}</dd>
              </div>
            ))}
            <div className="mt-1 flex items-baseline justify-between gap-4 border-t pt-2 font-semibold">
              <dt>Result</dt>
              <dd className="tabular font-mono" data-testid="explain-result">
                {q.data.kind === "holding" ? formatUsd(q.data.result, { signed: true }) : formatReturn(q.data.result)}
              </dd>
            </div>
          </dl>
          {q.data.kind === "holding" ? (
            q.data.lots.length ? (
              <div className="grid gap-2">
                <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Lots</h4>
                <div className="max-h-64 overflow-y-auto rounded-lg border">
                  <Table>
                    <TableHeader>
                      <TableRow className="hover:bg-transparent">
                        <TableHead>Acquired</TableHead>
                        <TableHead className="text-right">Quantity</TableHead>
                        <TableHead className="text-right">Cost</TableHead>
                        <TableHead className="text-right">State</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {q.data.lots.map((lot, i) => (
                        <TableRow key={i} data-testid="explain-lot">
                          <TableCell>{formatDay(lot.acquired)}</TableCell>
                          <TableCell className="tabular text-right font-mono">{formatQuantity(lot.quantity)}</TableCell>
                          <TableCell className="tabular text-right font-mono">{formatUsd(lot.costUsd)}</TableCell>
                          <TableCell className="text-right">
                            {lot.consumed ? <Badge variant="outline">Sold</Badge> : <Badge variant="secondary">Open</Badge>}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              </div>
            ) : null
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <TraceList
                title="External flows"
                empty="No deposits or withdrawals in the range."
                rows={q.data.flows.map((f) => ({ day: f.day, value: `${f.amountUsd >= 0 ? "+" : "−"}$${Math.abs(f.amountUsd).toLocaleString("en-US", { maximumFractionDigits: 2 })}` }))}
              />
              <TraceList
                title="Sub-period returns"
                empty="No sub-periods."
                rows={q.data.subPeriods.map((s) => ({ day: s.day, value: formatReturn(s.r, 3) }))}
              />
            </div>
          )}
        </div>
      )}
    </>
  );
}

function TraceList({ title, rows, empty }: { title: string; rows: { day: string; value: string }[]; empty: string }) {
  return (
    <div className="grid content-start gap-2">
      <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h4>
      {rows.length === 0 ? (
        <p className="text-xs text-muted-foreground">{empty}</p>
      ) : (
        <ul className="max-h-56 overflow-y-auto rounded-lg border text-xs">
          {rows.map((r, i) => (
            <li key={i} className="flex justify-between gap-3 border-b px-3 py-1.5 last:border-0">
              <span className="text-muted-foreground">{formatDay(r.day)}</span>
              <span className="tabular font-mono">{r.value}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
