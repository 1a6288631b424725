"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReceiptTextIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatUsd } from "@/lib/portfolio/format";
import type { TransactionRow } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { AddTransactionForm } from "./add-transaction-form";
import { sortTxs, TxAmount, TxTypeBadge, txValue } from "./tx-row";

export function TransactionsPanel({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const txs = useQuery(trpc.portfolio.transactions.list.queryOptions({ portfolioId }));
  const rows = txs.data ? sortTxs(txs.data) : [];
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem] xl:items-start">
      <Card data-testid="transactions-table" className="min-w-0">
        <CardHeader>
          <CardTitle>Transactions</CardTitle>
          <CardDescription>{txs.data ? `${txs.data.length} in total, newest first.` : "Manual, imported and on-chain activity."}</CardDescription>
        </CardHeader>
        <div className="px-2 pb-3">
          {txs.isPending ? (
            <div className="grid gap-2 px-3">
              {Array.from({ length: 6 }, (_, i) => (
                <Skeleton key={i} className="h-10 w-full" />
              ))}
            </div>
          ) : txs.isError ? (
            <p role="alert" className="px-3 pb-3 text-sm text-negative">
              {errorMessage(txs.error)}
            </p>
          ) : rows.length === 0 ? (
            <EmptyState className="mx-3" icon={<ReceiptTextIcon />} title="No transactions yet" description="Add one with the form, import a CSV, or track a wallet." />
          ) : (
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Date</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Amount</TableHead>
                  <TableHead className="hidden text-right md:table-cell">Price</TableHead>
                  <TableHead className="text-right">Value</TableHead>
                  <TableHead className="hidden lg:table-cell">Account</TableHead>
                  <TableHead className="w-10">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((t) => (
                  <TxRow key={t.id} t={t} portfolioId={portfolioId} />
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      </Card>
      <AddTransactionForm portfolioId={portfolioId} />
    </div>
  );
}

function TxRow({ t, portfolioId }: { t: TransactionRow; portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const del = useMutation(
    trpc.portfolio.transactions.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Transaction deleted");
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => toastError(err, "Could not delete the transaction"),
    }),
  );
  return (
    <TableRow data-testid="tx-row" data-type={t.type} data-asset={t.asset} data-source={t.source}>
      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
        <Time date={new Date(t.occurredAt)} />
      </TableCell>
      <TableCell>
        <TxTypeBadge type={t.type} />
        {t.source !== "manual" ? (
          <Badge variant="outline" className="ml-1.5 hidden sm:inline-flex">
            {t.source}
          </Badge>
        ) : null}
      </TableCell>
      <TableCell className="text-sm">
        <TxAmount tx={t} />
        {t.note ? <span className="block max-w-56 truncate text-xs text-muted-foreground">{t.note}</span> : null}
      </TableCell>
      <TableCell className="tabular hidden text-right font-mono text-sm md:table-cell">{t.priceUsd === null ? "–" : formatUsd(t.priceUsd)}</TableCell>
      <TableCell className="tabular text-right font-mono text-sm">
        {txValue(t)}
        {t.feeUsd !== null && /[1-9]/.test(t.feeUsd) ? <span className="block text-xs text-muted-foreground">fee {formatUsd(t.feeUsd)}</span> : null}
      </TableCell>
      <TableCell className="hidden text-xs text-muted-foreground lg:table-cell">{t.account}</TableCell>
      <TableCell>
        {t.source !== "wallet" ? (
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`Delete ${t.type} of ${t.asset}`}
            data-testid="tx-delete"
            disabled={del.isPending}
            onClick={() => del.mutate({ portfolioId, id: t.id })}
          >
            <Trash2Icon />
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
