"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, ReceiptTextIcon } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc/client";
import { sortTxs, TxAmount, TxTypeBadge, txValue } from "./tx-row";

export function RecentTransactions({ portfolioId, limit = 8 }: { portfolioId: string; limit?: number }) {
  const trpc = useTRPC();
  const txs = useQuery(trpc.portfolio.transactions.list.queryOptions({ portfolioId }));
  const rows = txs.data ? sortTxs(txs.data).slice(0, limit) : [];
  const href = `/portfolio/${portfolioId}?tab=transactions`;
  return (
    <Card data-testid="recent-transactions">
      <CardHeader className="flex-row items-center">
        <CardTitle>Recent transactions</CardTitle>
        <CardAction>
          <Button asChild variant="ghost" size="sm">
            <Link href={href}>
              All transactions <ArrowRightIcon aria-hidden="true" />
            </Link>
          </Button>
        </CardAction>
      </CardHeader>
      <div className="px-5 pb-4">
        {txs.isPending ? (
          <div className="grid gap-2">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : txs.isError ? (
          <p role="alert" className="text-sm text-negative">
            {errorMessage(txs.error)}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<ReceiptTextIcon />}
            title="No transactions yet"
            description="Import a CSV from your exchange or add one by hand."
            action={
              <Button asChild size="sm" variant="outline">
                <Link href={`/portfolio/${portfolioId}?tab=import`}>Import transactions</Link>
              </Button>
            }
          />
        ) : (
          <ul className="grid divide-y">
            {rows.map((t) => (
              <li key={t.id} className="flex items-center gap-3 py-2.5 text-sm" data-testid="recent-tx" data-type={t.type} data-asset={t.asset}>
                <TxTypeBadge type={t.type} />
                <div className="grid min-w-0 flex-1">
                  <TxAmount tx={t} />
                  <span className="truncate text-xs text-muted-foreground">
                    <Time date={new Date(t.occurredAt)} dateOnly /> · {t.account}
                  </span>
                </div>
                <span className="tabular shrink-0 font-mono text-xs text-muted-foreground">{txValue(t)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
