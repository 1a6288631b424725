"use client";
// A trader's recent verified trades (traders.trades, paged; the detail's first page until it
// answers). Test ids: `trader-trades`, `trade-row` (table rows, md and up; data-source, data-side),
// `trade-card` (the same on phones), `trade-source`, `trades-delay-note`, `trades-more`.
import { ArrowRightIcon, ReceiptTextIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TradeDto } from "@/lib/schemas/social";
import { formatAmount, formatDelayMinutes, formatUsdNumber, SOURCE_LABEL } from "./social-format";
import { useTraderTrades } from "./use-social";

const SIDE_VARIANT = { buy: "positive", sell: "negative", swap: "secondary" } as const;

export function SourceBadge({ source }: { source: TradeDto["source"] }) {
  return (
    <Badge variant={source === "paper" ? "outline" : source === "vault" ? "info" : "default"} data-testid="trade-source">
      {SOURCE_LABEL[source]}
    </Badge>
  );
}

export function TradePair({ t }: { t: Pick<TradeDto, "symbolIn" | "symbolOut"> }) {
  return (
    <span className="inline-flex items-center gap-1 font-medium">
      {t.symbolIn}
      <ArrowRightIcon className="size-3 text-muted-foreground" aria-hidden="true" />
      {t.symbolOut}
    </span>
  );
}

export function TraderTrades({ traderId, initial, delayMinutes }: { traderId: string; initial: TradeDto[]; delayMinutes: number }) {
  const q = useTraderTrades(traderId);
  const items = q.data ? q.data.pages.flatMap((p) => p.items) : initial;
  return (
    <Card className="overflow-hidden" data-testid="trader-trades">
      <CardHeader>
        <CardTitle>Recent trades</CardTitle>
        <CardDescription>
          Verified trades only.{" "}
          {delayMinutes > 0 ? (
            <span className="text-warning" data-testid="trades-delay-note">
              Trades are shown {formatDelayMinutes(delayMinutes)} late.
            </span>
          ) : null}
        </CardDescription>
      </CardHeader>
      {items.length === 0 ? (
        <div className="px-5 pb-5">
          {q.isError ? (
            <p className="text-sm text-negative" role="alert">
              {errorMessage(q.error)}
            </p>
          ) : (
            <EmptyState icon={<ReceiptTextIcon />} title="No trades to show" description="Verified trades appear here once they are made (and their delay has passed)." />
          )}
        </div>
      ) : (
        <>
          <ul className="divide-y border-t md:hidden">
            {items.map((t) => (
              <li key={t.id} className="grid gap-1 px-5 py-3 text-sm" data-testid="trade-card" data-source={t.source} data-side={t.side}>
                <div className="flex items-center gap-2">
                  <Badge variant={SIDE_VARIANT[t.side]} className="capitalize">
                    {t.side}
                  </Badge>
                  <TradePair t={t} />
                  <span className="ml-auto tabular-nums">{formatUsdNumber(t.valueUsd)}</span>
                </div>
                <div className="tabular-nums">
                  {formatAmount(t.amountIn, t.decimalsIn)} <span className="text-muted-foreground">{t.symbolIn}</span> → {formatAmount(t.amountOut, t.decimalsOut)}{" "}
                  <span className="text-muted-foreground">{t.symbolOut}</span>
                </div>
                <div className="flex items-center justify-between text-xs text-muted-foreground">
                  <Time date={new Date(t.executedAt)} />
                  <SourceBadge source={t.source} />
                </div>
              </li>
            ))}
          </ul>
          <Table className="max-md:hidden">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-5">Time</TableHead>
                <TableHead>Side</TableHead>
                <TableHead>Pair</TableHead>
                <TableHead className="text-right">Paid</TableHead>
                <TableHead className="text-right">Received</TableHead>
                <TableHead className="text-right">Value</TableHead>
                <TableHead className="pr-5">Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((t) => (
                <TableRow key={t.id} data-testid="trade-row" data-source={t.source} data-side={t.side}>
                  <TableCell className="pl-5 text-xs text-muted-foreground">
                    <Time date={new Date(t.executedAt)} />
                  </TableCell>
                  <TableCell>
                    <Badge variant={SIDE_VARIANT[t.side]} className="capitalize">
                      {t.side}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    <TradePair t={t} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatAmount(t.amountIn, t.decimalsIn)} <span className="text-muted-foreground">{t.symbolIn}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatAmount(t.amountOut, t.decimalsOut)} <span className="text-muted-foreground">{t.symbolOut}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsdNumber(t.valueUsd)}</TableCell>
                  <TableCell className="pr-5">
                    <SourceBadge source={t.source} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {q.hasNextPage ? (
            <div className="flex justify-center border-t p-3">
              <Button variant="ghost" size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="trades-more">
                {q.isFetchingNextPage ? <Spinner /> : null}
                Show more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
