"use client";
import { useQuery } from "@tanstack/react-query";
import { FlaskConicalIcon, RotateCcwIcon } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { PnlUsd } from "@/components/portfolio/pnl";
import { TokenLogo } from "@/components/swap/token-logo";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatReturn, formatUsd } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";
import { chainName } from "@/lib/web3/chains";
import { formatPrice, formatTokenAmount } from "@/lib/web3/swap/amount";
import { PaperResetDialog } from "./paper-reset-dialog";

function Stat({ label, children, hint, testId }: { label: string; children: React.ReactNode; hint?: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-1 rounded-lg border bg-muted/20 p-3" data-testid={testId}>
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <div className="tabular text-xl font-semibold tracking-tight">{children}</div>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

function LoadingCard() {
  return (
    <Card aria-busy="true" aria-label="Loading paper account">
      <CardHeader>
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-64" />
      </CardHeader>
      <div className="grid gap-4 px-5 pb-5">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-20 rounded-lg" />
          ))}
        </div>
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </Card>
  );
}

// The paper account of one chain: value, P&L against the starting balances, and each balance.
export function PaperAccountCard({ chainId }: { chainId: number }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.automation.paper.account.queryOptions({ chainId }, { refetchInterval: 15_000 }));
  const [resetOpen, setResetOpen] = useState(false);

  if (q.isPending) return <LoadingCard />;
  if (q.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Could not load the paper account</AlertTitle>
        <AlertDescription>{errorMessage(q.error)}</AlertDescription>
      </Alert>
    );
  }
  const a = q.data;
  const dialog = <PaperResetDialog open={resetOpen} onOpenChange={setResetOpen} chainId={chainId} account={a} />;

  if (!a.exists) {
    return (
      <Card data-testid="paper-account" data-exists="false">
        <CardHeader>
          <CardTitle>Paper account</CardTitle>
          <CardDescription>Trade against the real pools of {chainName(chainId)} with simulated balances.</CardDescription>
        </CardHeader>
        <div className="px-5 pb-5">
          <EmptyState
            icon={<FlaskConicalIcon />}
            title="No paper account on this chain yet"
            description="Choose starting balances (for example 10,000 USDC and 1 ETH). Orders then fill at the exact output the pools would pay, fees and price impact included, without a transaction."
            action={
              <Button size="sm" onClick={() => setResetOpen(true)} data-testid="paper-start">
                Set starting balances
              </Button>
            }
          />
        </div>
        {dialog}
      </Card>
    );
  }

  const pnlPct = a.pnlBps === null ? null : a.pnlBps / 10_000;
  return (
    <Card data-testid="paper-account" data-exists="true">
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            Paper account <Badge variant="info">Simulated</Badge>
          </CardTitle>
          <CardDescription>
            {chainName(chainId)} · started <Time date={a.resetAt} />
            {a.resetBlock !== null ? ` at block #${a.resetBlock.toLocaleString("en-US")}` : ""}
          </CardDescription>
        </div>
        <CardAction>
          <Button variant="outline" size="sm" onClick={() => setResetOpen(true)} data-testid="paper-reset-open">
            <RotateCcwIcon />
            Reset
          </Button>
        </CardAction>
      </CardHeader>
      <div className="grid gap-4 px-5 pb-5">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Stat label="Value" testId="paper-total" hint={a.startingValueUsd !== null ? `Started with ${formatUsd(a.startingValueUsd)}` : undefined}>
            {a.totalValueUsd !== null ? formatUsd(a.totalValueUsd) : <span className="text-muted-foreground">–</span>}
          </Stat>
          <Stat label="P&L since start" testId="paper-pnl" hint={pnlPct !== null ? formatReturn(pnlPct) : "Needs prices for every balance"}>
            {a.pnlUsd !== null ? <PnlUsd value={a.pnlUsd} className="font-sans" /> : <span className="text-muted-foreground">–</span>}
          </Stat>
          <Stat label="vs. holding the start" testId="paper-vs-hold" hint="Trading result at today's prices: fees, impact and timing">
            {a.vsHoldUsd !== null ? <PnlUsd value={a.vsHoldUsd} className="font-sans" /> : <span className="text-muted-foreground">–</span>}
          </Stat>
        </div>
        {a.pricesBlock === null ? (
          <Alert variant="warning">
            <AlertTitle>Prices unavailable</AlertTitle>
            <AlertDescription>The chain can&apos;t be read right now, so balances are shown without USD values.</AlertDescription>
          </Alert>
        ) : null}
        {a.balances.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">This account holds nothing. Reset it with new starting balances.</p>
        ) : (
          <div className="overflow-hidden rounded-lg border">
            <Table data-testid="paper-balances">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Token</TableHead>
                  <TableHead className="text-right">Balance</TableHead>
                  <TableHead className="text-right">Price</TableHead>
                  <TableHead className="text-right">Value</TableHead>
                  <TableHead className="text-right">Start</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {a.balances.map((b) => {
                  const change = b.amountRaw - b.startingRaw;
                  return (
                    <TableRow key={b.address} data-testid="paper-balance-row" data-symbol={b.symbol} data-amount={b.amountRaw.toString()}>
                      <TableCell>
                        <span className="inline-flex items-center gap-2.5">
                          <TokenLogo logo={b.logo} symbol={b.symbol} size={24} />
                          <span className="grid leading-tight">
                            <span className="font-medium">{b.symbol}</span>
                            <span className="text-xs text-muted-foreground">{b.name}</span>
                          </span>
                        </span>
                      </TableCell>
                      <TableCell className="tabular text-right font-mono">{formatTokenAmount(b.amountRaw, b.decimals, 8)}</TableCell>
                      <TableCell className="tabular text-right text-muted-foreground">{b.priceUsd !== null ? `$${formatPrice(String(b.priceUsd))}` : "–"}</TableCell>
                      <TableCell className="tabular text-right font-medium">{b.valueUsd !== null ? formatUsd(b.valueUsd) : "–"}</TableCell>
                      <TableCell className="tabular text-right text-xs">
                        <span className="text-muted-foreground">{formatTokenAmount(b.startingRaw, b.decimals, 6)}</span>
                        {change !== 0n ? (
                          <span className={cn("block", change > 0n ? "text-positive" : "text-negative")}>
                            {change > 0n ? "+" : ""}
                            {formatTokenAmount(change, b.decimals, 6)}
                          </span>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        <p className="text-xs text-muted-foreground">
          Orders fill at the quote engine&apos;s exact output against the pools at the current block, pool fees and price impact included. Paper fills move no pool and
          charge no gas; each fill records what gas would have cost.
        </p>
      </div>
      {dialog}
    </Card>
  );
}
