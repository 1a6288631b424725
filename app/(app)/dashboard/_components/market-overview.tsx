"use client";
import { useQuery } from "@tanstack/react-query";
import { CandlestickChartIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Change } from "@/components/market/change";
import { formatDay, formatUsd, spanYears } from "@/components/market/format";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";

export function MarketOverview() {
  const trpc = useTRPC();
  const assets = useQuery(trpc.market.assets.queryOptions());
  const lastDate = assets.data?.map((a) => a.lastDate).filter((d): d is string => Boolean(d)).sort().at(-1);

  return (
    <Card data-testid="market-overview">
      <CardHeader>
        <CardTitle>Market overview</CardTitle>
        <CardDescription>
          Last daily close and 1-day change from the shipped price history
          {lastDate ? (
            <>
              {" "}
              — the history ends on <span className="font-medium text-foreground">{formatDay(lastDate)}</span>, so these are not live
              prices.
            </>
          ) : (
            "."
          )}
        </CardDescription>
      </CardHeader>
      <div className="px-2">
        {assets.isPending ? (
          <div className="grid gap-2 px-3 pb-4">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-9 w-full" />
            ))}
          </div>
        ) : assets.isError ? (
          <p className="px-3 pb-4 text-sm text-negative">{errorMessage(assets.error)}</p>
        ) : assets.data.length === 0 ? (
          <EmptyState className="mx-3 mb-4" icon={<CandlestickChartIcon />} title="No market data installed" />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Asset</TableHead>
                <TableHead className="text-right">Last close</TableHead>
                <TableHead className="text-right">1-day change</TableHead>
                <TableHead className="hidden text-right md:table-cell">History</TableHead>
                <TableHead className="hidden text-right lg:table-cell">Daily candles</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {assets.data.map((a) => (
                <TableRow key={a.symbol} data-symbol={a.symbol}>
                  <TableCell>
                    <span className="flex items-center gap-2.5">
                      <span className="flex size-7 items-center justify-center rounded-full bg-secondary font-mono text-[10px] font-semibold">
                        {a.symbol.slice(0, 4)}
                      </span>
                      <span className="font-medium">{a.symbol}</span>
                    </span>
                  </TableCell>
                  <TableCell className="tabular text-right font-mono">{a.lastClose !== null ? formatUsd(a.lastClose) : "–"}</TableCell>
                  <TableCell className="text-right">
                    <Change value={a.change1dPct} className="justify-end" />
                  </TableCell>
                  <TableCell className="hidden text-right text-xs text-muted-foreground md:table-cell">
                    {a.firstDate && a.lastDate ? (
                      <span title={`${spanYears(a.firstDate, a.lastDate).toFixed(1)} years`}>
                        {formatDay(a.firstDate)} – {formatDay(a.lastDate)}
                      </span>
                    ) : (
                      "–"
                    )}
                  </TableCell>
                  <TableCell className="tabular hidden text-right text-xs text-muted-foreground lg:table-cell">
                    {a.candles.toLocaleString("en-US")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
      <p className="border-t px-5 py-3 text-xs text-muted-foreground">
        Market data: Binance spot klines. Prices are daily closes of the USDT pairs, shown in USD.
      </p>
    </Card>
  );
}
