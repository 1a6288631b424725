"use client";
// Shared pieces for showing SwapRecords: status badge, pair with logos, amounts, and a token
// directory that knows every chain the records touch.
import { useQueries } from "@tanstack/react-query";
import { ArrowRightIcon, CheckIcon, CopyIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { useTRPC } from "@/lib/trpc/client";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { shortAddress } from "@/lib/web3/format";
import { formatTokenAmount } from "@/lib/web3/swap/amount";
import type { SwapRecord, SwapStatus } from "@/lib/web3/swap/types";
import { TokenLogo } from "./token-logo";
import type { SwapToken } from "./use-swap-data";

export type TokenDirectory = (chainId: number, address: string | null) => SwapToken | undefined;

export function useTokenDirectory(chainIds: number[]): TokenDirectory {
  const trpc = useTRPC();
  const unique = [...new Set(chainIds)].sort();
  const lists = useQueries({ queries: unique.map((chainId) => trpc.defi.tokens.queryOptions({ chainId }, { staleTime: 5 * 60_000 })) });
  const key = lists.map((l) => l.dataUpdatedAt).join(",");
  const chainsKey = unique.join(",");
  return useMemo(() => {
    const map = new Map<string, SwapToken>();
    unique.forEach((chainId, i) => {
      const d = lists[i]?.data;
      if (!d) return;
      map.set(`${chainId}:${NATIVE_TOKEN.toLowerCase()}`, { address: NATIVE_TOKEN, ...d.native, logo: d.native.symbol.toLowerCase(), native: true });
      for (const t of d.tokens) map.set(`${chainId}:${t.address.toLowerCase()}`, { address: t.address as `0x${string}`, symbol: t.symbol, name: t.name, decimals: t.decimals, logo: t.logo });
    });
    return (chainId, address) => (address ? map.get(`${chainId}:${address.toLowerCase()}`) : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when any list updates
  }, [chainsKey, key]);
}

const STATUS_VARIANT: Record<SwapStatus, "positive" | "negative" | "warning" | "info" | "outline"> = {
  confirmed: "positive",
  failed: "negative",
  pending: "info",
  dropped: "warning",
  replaced: "outline",
};

export function StatusBadge({ status }: { status: SwapStatus }) {
  return (
    <Badge variant={STATUS_VARIANT[status]} className="capitalize" data-testid="status-badge" data-status={status}>
      {status}
    </Badge>
  );
}

export function PairCell({ record, dir }: { record: SwapRecord; dir: TokenDirectory }) {
  const a = dir(record.chainId, record.tokenIn);
  const b = dir(record.chainId, record.tokenOut);
  if (record.kind === "approve") {
    return (
      <span className="inline-flex items-center gap-1.5">
        <TokenLogo logo={a?.logo} symbol={a?.symbol ?? "?"} size={20} />
        {a?.symbol ?? (record.tokenIn ? shortAddress(record.tokenIn) : "Token")}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5 font-medium">
      <TokenLogo logo={a?.logo} symbol={a?.symbol ?? "?"} size={20} />
      {a?.symbol ?? "?"}
      <ArrowRightIcon aria-hidden="true" className="size-3.5 text-muted-foreground" />
      <TokenLogo logo={b?.logo} symbol={b?.symbol ?? "?"} size={20} />
      {b?.symbol ?? "?"}
      <span className="sr-only">
        {a?.symbol} to {b?.symbol}
      </span>
    </span>
  );
}

/** "0.5 ETH → 1,502.1 USDC" from the chain (receipt); quoted amounts while pending. */
export function AmountsCell({ record, dir }: { record: SwapRecord; dir: TokenDirectory }) {
  const a = dir(record.chainId, record.tokenIn);
  const b = dir(record.chainId, record.tokenOut);
  if (record.kind === "approve") return <span className="text-muted-foreground">Approval</span>;
  const inRaw = record.amountIn ?? record.quotedAmountIn;
  const outRaw = record.amountOut;
  const fromChain = record.status === "confirmed";
  return (
    <span className="tabular font-mono text-sm" data-amount-in={record.amountIn?.toString()} data-amount-out={record.amountOut?.toString()}>
      {inRaw !== null && a ? `${formatTokenAmount(inRaw, a.decimals)} ${a.symbol}` : "–"}
      <span className="px-1 text-muted-foreground">→</span>
      {fromChain && outRaw !== null && b ? (
        `${formatTokenAmount(outRaw, b.decimals)} ${b.symbol}`
      ) : record.status === "pending" && record.quotedAmountOut !== null && b ? (
        <span className="text-muted-foreground">~{formatTokenAmount(record.quotedAmountOut, b.decimals)} {b.symbol}</span>
      ) : (
        <span className="text-muted-foreground">nothing filled</span>
      )}
    </span>
  );
}

export function CopyHash({ hash }: { hash: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-1">
      <span className="font-mono text-xs" title={hash}>
        {shortAddress(hash, 6)}
      </span>
      <button
        type="button"
        aria-label={copied ? "Copied" : "Copy transaction hash"}
        className="rounded p-1 text-muted-foreground hover:bg-accent hover:text-foreground"
        onClick={(e) => {
          e.stopPropagation();
          void navigator.clipboard?.writeText(hash).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1_500);
          });
        }}
      >
        {copied ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
      </button>
    </span>
  );
}

export function kindLabel(kind: SwapRecord["kind"]): string {
  return { swap: "Swap", approve: "Approve", wrap: "Wrap", unwrap: "Unwrap" }[kind];
}
