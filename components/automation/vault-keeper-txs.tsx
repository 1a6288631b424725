"use client";
// What the keeper did with the user's vaults on this chain: each transaction with the
// automation behind it, status, amounts, and the block its trigger was seen at → the block it
// was mined in (the latency in blocks).
import { useQuery } from "@tanstack/react-query";
import { ActivityIcon } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/feedback/errors";
import { useSwapTokens } from "@/components/swap/use-swap-data";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";
import { formatTokenAmount } from "@/lib/web3/swap/amount";
import { HashLink, type KeeperTx } from "./vault-shared";

const STATUS_VARIANT: Record<string, "positive" | "negative" | "warning" | "outline"> = { confirmed: "positive", failed: "negative", pending: "warning", dropped: "negative" };

export function VaultKeeperTxs({ chainId }: { chainId: number }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.automation.vault.keeperTxs.queryOptions({ chainId, limit: 50 }, { refetchInterval: 8_000 }));
  const automations = useQuery(trpc.automation.list.queryOptions(undefined, { staleTime: 30_000 }));
  const { byAddress } = useSwapTokens(chainId);
  const nameOf = (id: string | null) => (id ? (automations.data?.find((a) => a.id === id)?.name ?? "Automation") : "Manual");

  const amount = (raw: bigint | null, token: string) => {
    const t = byAddress(token);
    if (raw === null) return "–";
    return t ? `${formatTokenAmount(raw, t.decimals, 6)} ${t.symbol}` : raw.toString();
  };

  return (
    <Card data-testid="vault-keeper-txs">
      <CardHeader>
        <CardTitle>Keeper transactions</CardTitle>
        <CardDescription>Every trade the keeper sent from your vaults, recorded before it was signed and settled from its receipt.</CardDescription>
      </CardHeader>
      <div className="px-5 pb-5">
        {q.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading keeper transactions">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-9 w-full" />
            ))}
          </div>
        ) : q.isError ? (
          <p className="text-sm text-destructive">{errorMessage(q.error)}</p>
        ) : q.data.length === 0 ? (
          <EmptyState icon={<ActivityIcon />} title="No keeper transactions yet" description="When a stop, DCA or rebalance on the vault rail runs, its transaction appears here." />
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Time</TableHead>
                  <TableHead>Automation</TableHead>
                  <TableHead>Trade</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Transaction</TableHead>
                  <TableHead className="text-right">Trigger → mined</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {q.data.map((tx: KeeperTx) => {
                  const latency = tx.triggerBlock !== null && tx.blockNumber !== null ? Number(tx.blockNumber - tx.triggerBlock) : null;
                  return (
                    <TableRow key={tx.id} data-testid="keeper-tx-row" data-hash={tx.hash ?? ""} data-status={tx.status} data-latency={latency ?? ""} data-automation-id={tx.automationId ?? ""}>
                      <TableCell className="text-xs text-muted-foreground">
                        <Time date={tx.confirmedAt ?? tx.createdAt} />
                      </TableCell>
                      <TableCell className="text-sm">
                        {tx.automationId ? (
                          <Link className="hover:underline" href={`/automation/${tx.automationId}`}>
                            {nameOf(tx.automationId)}
                          </Link>
                        ) : (
                          nameOf(null)
                        )}
                      </TableCell>
                      <TableCell className="tabular text-xs">
                        <span className="font-mono">{amount(tx.amountIn, tx.tokenIn)}</span>
                        <span className="text-muted-foreground"> → </span>
                        <span className="font-mono">{tx.amountOut !== null ? amount(tx.amountOut, tx.tokenOut) : `≥ ${amount(tx.minAmountOut, tx.tokenOut)}`}</span>
                      </TableCell>
                      <TableCell>
                        <Badge variant={STATUS_VARIANT[tx.status] ?? "outline"} title={tx.error ?? undefined}>
                          {tx.status}
                        </Badge>
                        {tx.error ? <p className="mt-1 max-w-xs text-xs text-destructive">{tx.error}</p> : null}
                      </TableCell>
                      <TableCell>
                        <HashLink hash={tx.hash} />
                      </TableCell>
                      <TableCell className="tabular text-right text-xs">
                        {tx.triggerBlock !== null ? `#${tx.triggerBlock.toLocaleString("en-US")}` : "–"} → {tx.blockNumber !== null ? `#${tx.blockNumber.toLocaleString("en-US")}` : "…"}
                        {latency !== null ? <span className="block text-muted-foreground">{latency} block{latency === 1 ? "" : "s"}</span> : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
    </Card>
  );
}
