"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { RefreshCwIcon, WalletIcon } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { ChainDot } from "@/components/wallet/chain-dot";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { checksum, formatNativeWei, shortAddress } from "@/lib/web3/format";

// Native (ETH) balance of every linked wallet on each local chain, read by the server at
// one block per chain. Amounts are bigint wei until formatted here.
export function BalancesCard({ className }: { className?: string }) {
  const trpc = useTRPC();
  const wallets = useQuery(trpc.user.wallets.queryOptions());
  const hasWallets = (wallets.data?.length ?? 0) > 0;
  const perChain = useQueries({
    queries: LOCAL_CHAIN_IDS.map((chainId) => trpc.defi.nativeBalances.queryOptions({ chainId }, { enabled: hasWallets })),
  });
  const refreshing = perChain.some((q) => q.isFetching);

  return (
    <Card className={cn("flex flex-col", className)} data-testid="balances-card">
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1">
          <CardTitle>Native balances</CardTitle>
          <CardDescription>ETH held by your linked wallets on the local networks.</CardDescription>
        </div>
        {hasWallets ? (
          <CardAction>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label="Refresh balances"
              disabled={refreshing}
              onClick={() => perChain.forEach((q) => void q.refetch())}
            >
              <RefreshCwIcon className={cn(refreshing && "animate-spin")} />
            </Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <div className="flex-1 px-2 pb-3">
        {wallets.isPending ? (
          <div className="grid gap-2 px-3 py-2">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : wallets.isError ? (
          <p className="px-3 py-4 text-sm text-negative">{errorMessage(wallets.error)}</p>
        ) : !hasWallets ? (
          <EmptyState
            className="mx-3 mb-2"
            icon={<WalletIcon />}
            title="No wallets linked yet — link one in Settings"
            description="Linking proves you own an address with a free signature. Its balances then show up here."
            action={
              <Button asChild size="sm" variant="outline">
                <Link href="/settings#linked-wallets">Go to Settings</Link>
              </Button>
            }
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Wallet</TableHead>
                {LOCAL_CHAIN_IDS.map((id) => (
                  <TableHead key={id} className="text-right">
                    <span className="inline-flex items-center gap-1.5">
                      <ChainDot chainId={id} className="ring-0" />
                      {chainName(id).replace("Lodestar ", "")}
                    </span>
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {wallets.data.map((w) => (
                <TableRow key={w.id} data-address={w.address.toLowerCase()}>
                  <TableCell>
                    <span className="font-mono text-sm" title={checksum(w.address)}>
                      {shortAddress(w.address)}
                    </span>
                    {w.label ? <span className="ml-2 text-xs text-muted-foreground">{w.label}</span> : null}
                  </TableCell>
                  {perChain.map((q, i) => {
                    const chainId = LOCAL_CHAIN_IDS[i];
                    const row = q.data?.balances.find((b) => b.walletId === w.id);
                    return (
                      <TableCell key={chainId} className="tabular text-right font-mono text-sm" data-chain-id={chainId}>
                        {q.isPending ? (
                          <Skeleton className="ml-auto h-4 w-20" />
                        ) : q.isError ? (
                          <Tooltip>
                            <TooltipTrigger className="text-xs text-negative">Unavailable</TooltipTrigger>
                            <TooltipContent>{errorMessage(q.error)}</TooltipContent>
                          </Tooltip>
                        ) : row ? (
                          <span title={`${row.balanceWei.toString()} wei`}>{formatNativeWei(row.balanceWei)} ETH</span>
                        ) : (
                          "–"
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
              {wallets.data.length > 1 ? (
                <TableRow className="border-t bg-muted/30 hover:bg-muted/30">
                  <TableCell className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Total</TableCell>
                  {perChain.map((q, i) => (
                    <TableCell key={LOCAL_CHAIN_IDS[i]} className="tabular text-right font-mono text-sm font-semibold">
                      {q.data ? `${formatNativeWei(q.data.balances.reduce((sum, b) => sum + b.balanceWei, 0n))} ETH` : "–"}
                    </TableCell>
                  ))}
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        )}
      </div>
      {hasWallets ? (
        <div className="flex flex-wrap gap-x-4 gap-y-1 border-t px-5 py-3 text-xs text-muted-foreground">
          {perChain.map((q, i) => (
            <span key={LOCAL_CHAIN_IDS[i]} className="tabular">
              {chainName(LOCAL_CHAIN_IDS[i] ?? 0)}: {q.data ? `block #${q.data.block.toLocaleString("en-US")}` : q.isError ? "unreachable" : "reading…"}
            </span>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
