"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, CoinsIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Change } from "@/components/market/change";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBps, formatQuantity, formatUsd } from "@/lib/portfolio/format";
import type { HoldingRow } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { ExplainButton } from "./explain-dialog";
import { PnlPct, PnlUsd } from "./pnl";

type SortKey = "symbol" | "price" | "change" | "value" | "cost" | "pnl" | "weight";
const num = (s: string | null) => (s === null ? Number.NEGATIVE_INFINITY : Number(s));
const SORTERS: Record<SortKey, (h: HoldingRow) => number | string> = {
  symbol: (h) => h.symbol,
  price: (h) => num(h.priceUsd),
  change: (h) => h.change24hPct ?? Number.NEGATIVE_INFINITY,
  value: (h) => num(h.valueUsd),
  cost: (h) => Number(h.costBasisUsd),
  pnl: (h) => num(h.unrealizedPnlUsd),
  weight: (h) => h.weightBps,
};

function SortHead({ k, sort, onSort, children, className }: { k: SortKey; sort: { key: SortKey; desc: boolean }; onSort: (k: SortKey) => void; children: React.ReactNode; className?: string }) {
  const active = sort.key === k;
  return (
    <TableHead className={className} aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" onClick={() => onSort(k)} data-testid={`sort-${k}`} className={cn("inline-flex items-center gap-1 uppercase hover:text-foreground", active && "text-foreground")}>
        {children}
        {active ? sort.desc ? <ArrowDownIcon aria-hidden="true" className="size-3" /> : <ArrowUpIcon aria-hidden="true" className="size-3" /> : null}
      </button>
    </TableHead>
  );
}

export function HoldingsTable({ portfolioId, emptyAction }: { portfolioId: string; emptyAction?: React.ReactNode }) {
  const trpc = useTRPC();
  const holdings = useQuery(trpc.portfolio.holdings.queryOptions({ portfolioId }));
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "value", desc: true });
  const rows = useMemo(() => {
    const list = [...(holdings.data ?? [])];
    const f = SORTERS[sort.key];
    list.sort((a, b) => {
      const x = f(a);
      const y = f(b);
      const c = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : (x as number) - (y as number);
      return sort.desc ? -c : c;
    });
    return list;
  }, [holdings.data, sort]);
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== "symbol" }));

  return (
    <Card data-testid="holdings-table">
      <CardHeader>
        <CardTitle>Holdings</CardTitle>
        <CardDescription>Across every wallet and account of the portfolio. Click a P&amp;L to see the lots behind it.</CardDescription>
      </CardHeader>
      <div className="px-2 pb-3">
        {holdings.isPending ? (
          <div className="grid gap-2 px-3 pb-2">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : holdings.isError ? (
          <p role="alert" className="px-3 pb-3 text-sm text-negative">
            {errorMessage(holdings.error)}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState
            className="mx-3 mb-2"
            icon={<CoinsIcon />}
            title="No holdings yet"
            description="Add a wallet address to track its balances, or import your exchange history."
            action={emptyAction}
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <SortHead k="symbol" sort={sort} onSort={onSort}>
                  Asset
                </SortHead>
                <SortHead k="price" sort={sort} onSort={onSort} className="hidden text-right md:table-cell">
                  Price
                </SortHead>
                <SortHead k="change" sort={sort} onSort={onSort} className="hidden text-right lg:table-cell">
                  24h
                </SortHead>
                <SortHead k="value" sort={sort} onSort={onSort} className="text-right">
                  Value
                </SortHead>
                <SortHead k="cost" sort={sort} onSort={onSort} className="hidden text-right lg:table-cell">
                  Cost basis
                </SortHead>
                <SortHead k="pnl" sort={sort} onSort={onSort} className="text-right">
                  P&amp;L
                </SortHead>
                <SortHead k="weight" sort={sort} onSort={onSort} className="hidden text-right sm:table-cell">
                  Weight
                </SortHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((h) => (
                <TableRow key={h.assetId} data-testid="holding-row" data-symbol={h.symbol} data-asset-id={h.assetId} data-value={h.valueUsd ?? ""}>
                  <TableCell>
                    <div className="flex items-center gap-2.5">
                      <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-secondary font-mono text-[10px] font-semibold">{h.symbol.slice(0, 4)}</span>
                      <div className="grid min-w-0">
                        <span className="font-medium">{h.symbol}</span>
                        <span className="truncate text-xs text-muted-foreground">
                          {formatQuantity(h.quantity)}
                          {h.chain !== "Off-chain" ? ` · ${h.chain}` : ""}
                        </span>
                      </div>
                    </div>
                  </TableCell>
                  <TableCell className="tabular hidden text-right font-mono md:table-cell">
                    {h.priceUsd === null ? <Badge variant="warning">no price</Badge> : formatUsd(h.priceUsd)}
                  </TableCell>
                  <TableCell className="hidden text-right lg:table-cell">
                    <Change value={h.change24hPct} className="justify-end" />
                  </TableCell>
                  <TableCell className="tabular text-right font-mono" data-testid="holding-value">
                    {h.valueUsd === null ? (
                      <Badge variant="warning" title="No market price for this asset: it is not counted in the total.">
                        no price
                      </Badge>
                    ) : (
                      formatUsd(h.valueUsd)
                    )}
                  </TableCell>
                  <TableCell className="tabular hidden text-right font-mono text-muted-foreground lg:table-cell">{formatUsd(h.costBasisUsd)}</TableCell>
                  <TableCell className="text-right">
                    {h.unrealizedPnlUsd === null ? (
                      <span className="text-muted-foreground">–</span>
                    ) : (
                      <ExplainButton portfolioId={portfolioId} target={{ kind: "holding", assetId: h.assetId }} label={`Explain ${h.symbol} P&L`} className="inline-grid justify-items-end">
                        <PnlUsd value={h.unrealizedPnlUsd} />
                        <PnlPct value={h.pnlPct} className="text-xs" />
                      </ExplainButton>
                    )}
                  </TableCell>
                  <TableCell className="tabular hidden text-right font-mono sm:table-cell">{formatBps(h.weightBps, 1)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </Card>
  );
}
