"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightIcon, ReceiptTextIcon } from "lucide-react";
import { errorMessage } from "@/components/feedback/errors";
import { impactClass } from "@/components/swap/quote-route";
import { TokenLogo } from "@/components/swap/token-logo";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { PAPER_FILLS_PAGE_SIZE } from "@/lib/schemas/paper";
import { useTRPC } from "@/lib/trpc/client";
import { formatBps, formatPrice, formatTokenAmount } from "@/lib/web3/swap/amount";

const SOURCE_LABEL: Record<string, string> = { manual: "Manual", automation: "Automation", copy: "Copy" };

/** out/in as "x OUT/IN", flipped to "y IN/OUT" when below 1 (2,483 USDC/WETH reads better than 0.0004). */
function ExecutionPrice({ price, base, quote }: { price: string; base: string; quote: string }) {
  const p = Number(price);
  const flip = p > 0 && p < 1;
  return (
    <span title={`1 ${base} = ${price} ${quote}`}>
      {flip ? formatPrice(String(1 / p)) : formatPrice(price)} <span className="text-muted-foreground">{flip ? `${base}/${quote}` : `${quote}/${base}`}</span>
    </span>
  );
}

// Every fill of the paper account on one chain, newest first; fills made before the last
// reset are kept and dimmed.
export function PaperFillsTable({ chainId }: { chainId: number }) {
  const trpc = useTRPC();
  const q = useInfiniteQuery(trpc.automation.paper.fills.infiniteQueryOptions({ chainId, limit: PAPER_FILLS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card className="overflow-hidden" data-testid="paper-fills">
      <CardHeader>
        <CardTitle>Fills</CardTitle>
        <CardDescription>What each paper order received, at which price and block.</CardDescription>
      </CardHeader>
      {q.isPending ? (
        <div className="grid gap-3 px-5 pb-5" aria-label="Loading fills">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <p className="px-5 pb-5 text-sm text-negative" role="alert">
          {errorMessage(q.error)}
        </p>
      ) : items.length === 0 ? (
        <div className="px-5 pb-5">
          <EmptyState icon={<ReceiptTextIcon />} title="No fills yet" description="Paper orders you place here, and those your paper automations make, show up in this table." />
        </div>
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-5">Time</TableHead>
                <TableHead>Pair</TableHead>
                <TableHead className="text-right">In</TableHead>
                <TableHead className="text-right">Out</TableHead>
                <TableHead className="text-right">Execution price</TableHead>
                <TableHead className="text-right">Impact</TableHead>
                <TableHead className="text-right">Block</TableHead>
                <TableHead className="pr-5">Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((f) => (
                <TableRow key={f.id} className={cn(f.beforeReset && "opacity-55")} data-testid="paper-fill-row" data-key={f.key} data-amount-out={f.amountOut.toString()}>
                  <TableCell className="pl-5 text-xs text-muted-foreground">
                    <Time date={f.createdAt} />
                  </TableCell>
                  <TableCell>
                    <span className="inline-flex items-center gap-1.5 font-medium">
                      <TokenLogo logo={f.tokenIn.logo} symbol={f.tokenIn.symbol} size={18} />
                      {f.tokenIn.symbol}
                      <ArrowRightIcon aria-label="to" className="size-3.5 text-muted-foreground" />
                      <TokenLogo logo={f.tokenOut.logo} symbol={f.tokenOut.symbol} size={18} />
                      {f.tokenOut.symbol}
                    </span>
                  </TableCell>
                  <TableCell className="tabular text-right font-mono">{formatTokenAmount(f.amountIn, f.tokenIn.decimals)}</TableCell>
                  <TableCell className="tabular text-right font-mono">{formatTokenAmount(f.amountOut, f.tokenOut.decimals, 8)}</TableCell>
                  <TableCell className="tabular text-right text-xs">
                    <ExecutionPrice price={f.executionPrice} base={f.tokenIn.symbol} quote={f.tokenOut.symbol} />
                  </TableCell>
                  <TableCell className={cn("tabular text-right", impactClass(f.priceImpactBps))}>{f.priceImpactBps < 1 ? "<0.01 %" : formatBps(f.priceImpactBps)}</TableCell>
                  <TableCell className="tabular text-right text-muted-foreground">#{f.block.toLocaleString("en-US")}</TableCell>
                  <TableCell className="pr-5">
                    <span className="inline-flex items-center gap-1.5">
                      <Badge variant="outline">{SOURCE_LABEL[f.source] ?? f.source}</Badge>
                      {f.beforeReset ? <Badge variant="secondary">Before reset</Badge> : null}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {q.hasNextPage ? (
            <div className="flex justify-center border-t p-3">
              <Button variant="ghost" size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
                {q.isFetchingNextPage ? <Spinner /> : null} Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
