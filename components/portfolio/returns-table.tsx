"use client";
import { useQuery } from "@tanstack/react-query";
import { InfoIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { Range, RangeReturnRow } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { ExplainButton } from "./explain-dialog";
import { PnlPct } from "./pnl";

const HELP = {
  twr: "Time-weighted return: the growth of $1 left invested for the whole range. Deposits and withdrawals are removed, so it measures the assets, not your timing. Compare it with benchmarks.",
  mwr: "Money-weighted return (IRR): the rate that makes your deposits, withdrawals and today's value balance. It rewards good timing of your own flows. Annualised for ranges of a year or more.",
  roi: "Return on investment: (value now − net money put in) ÷ money put in, for the range. Simple, not time-adjusted.",
} as const;

function HeadWithHelp({ label, help }: { label: string; help: string }) {
  return (
    <TableHead className="text-right">
      <Tooltip>
        <TooltipTrigger className="inline-flex items-center gap-1 uppercase" aria-label={`${label}: what is this?`}>
          {label}
          <InfoIcon aria-hidden="true" className="size-3" />
        </TooltipTrigger>
        <TooltipContent>{help}</TooltipContent>
      </Tooltip>
    </TableHead>
  );
}

const ANNUALISED: Range[] = ["1Y", "ALL"];

export function ReturnsTable({ portfolioId, range }: { portfolioId: string; range: Range }) {
  const trpc = useTRPC();
  const perf = useQuery({ ...trpc.portfolio.performance.queryOptions({ portfolioId, range }), placeholderData: (prev) => prev });
  return (
    <Card data-testid="returns-table">
      <CardHeader>
        <CardTitle>Returns</CardTitle>
        <CardDescription>Three ways to measure the same history. Click a figure to see how it was computed.</CardDescription>
      </CardHeader>
      <div className="px-2 pb-3">
        {perf.isPending ? (
          <div className="grid gap-2 px-3 pb-2">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-8 w-full" />
            ))}
          </div>
        ) : perf.isError ? (
          <p role="alert" className="px-3 pb-3 text-sm text-negative">
            {errorMessage(perf.error)}
          </p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Range</TableHead>
                <HeadWithHelp label="TWR" help={HELP.twr} />
                <HeadWithHelp label="MWR" help={HELP.mwr} />
                <HeadWithHelp label="ROI" help={HELP.roi} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {perf.data.returns.map((r) => (
                <ReturnRow key={r.range} row={r} portfolioId={portfolioId} current={r.range === range} />
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </Card>
  );
}

function ReturnRow({ row, portfolioId, current }: { row: RangeReturnRow; portfolioId: string; current: boolean }) {
  const annualised = ANNUALISED.includes(row.range) && row.mwrAnnualised !== null;
  const mwr = annualised ? row.mwrAnnualised : row.mwr;
  return (
    <TableRow data-testid="returns-row" data-range={row.range} className={current ? "bg-muted/30" : undefined}>
      <TableCell className="font-medium">
        {row.range}
        {row.incomplete ? (
          <span className="ml-1.5 text-xs text-muted-foreground" title="The portfolio is younger than this range: the figure covers its whole life.">
            (partial)
          </span>
        ) : null}
      </TableCell>
      <TableCell className="text-right">
        {row.twr === null ? (
          <span className="text-muted-foreground">–</span>
        ) : (
          <ExplainButton portfolioId={portfolioId} target={{ kind: "return", range: row.range, measure: "twr" }} label={`Explain the ${row.range} TWR`}>
            <PnlPct value={row.twr} />
          </ExplainButton>
        )}
      </TableCell>
      <TableCell className="text-right">
        {mwr === null ? (
          <span className="text-muted-foreground">–</span>
        ) : (
          <ExplainButton portfolioId={portfolioId} target={{ kind: "return", range: row.range, measure: "mwr" }} label={`Explain the ${row.range} MWR`}>
            <PnlPct value={mwr} />
            {annualised ? <span className="ml-1 text-[10px] text-muted-foreground">p.a.</span> : null}
          </ExplainButton>
        )}
      </TableCell>
      <TableCell className="text-right">
        <PnlPct value={row.roi} />
      </TableCell>
    </TableRow>
  );
}
