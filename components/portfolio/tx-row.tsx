import { Badge } from "@/components/ui/badge";
import { formatQuantity, formatUsd, TX_TYPE_LABELS } from "@/lib/portfolio/format";
import type { TransactionRow } from "@/lib/portfolio/types";

const VARIANT: Record<string, "positive" | "negative" | "secondary" | "info" | "warning"> = {
  buy: "positive",
  transfer_in: "positive",
  income: "info",
  sell: "negative",
  transfer_out: "negative",
  fee: "warning",
  swap: "secondary",
};

export function TxTypeBadge({ type }: { type: string }) {
  return <Badge variant={VARIANT[type] ?? "secondary"}>{TX_TYPE_LABELS[type] ?? type}</Badge>;
}

/** "0.5 BTC" or "1 ETH → 3,000 USDC" for swaps. */
export function TxAmount({ tx }: { tx: TransactionRow }) {
  return (
    <span className="tabular font-mono">
      {formatQuantity(tx.quantity)} {tx.asset}
      {tx.toAsset ? (
        <>
          {" "}
          → {formatQuantity(tx.toQuantity)} {tx.toAsset}
        </>
      ) : null}
    </span>
  );
}

export function txValue(tx: TransactionRow): string {
  return tx.valueUsd === null ? "–" : formatUsd(tx.valueUsd);
}

/** Newest first. */
export function sortTxs(rows: TransactionRow[]): TransactionRow[] {
  return [...rows].sort((a, b) => new Date(b.occurredAt).getTime() - new Date(a.occurredAt).getTime());
}
