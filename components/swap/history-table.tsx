"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowLeftRightIcon, ChevronRightIcon } from "lucide-react";
import Link from "next/link";
import { Fragment, useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ChainDot } from "@/components/wallet/chain-dot";
import { useTRPC } from "@/lib/trpc/client";
import { chainName } from "@/lib/web3/chains";
import { formatNativeWei } from "@/lib/web3/format";
import { formatTokenAmount } from "@/lib/web3/swap/amount";
import type { SwapRecord } from "@/lib/web3/swap/types";
import { feeLabel } from "./quote-route";
import { AmountsCell, CopyHash, kindLabel, PairCell, StatusBadge, useTokenDirectory, type TokenDirectory } from "./swap-records";
import { TokenLogo, VenueLogo } from "./token-logo";

const PAGE = 20;

function Detail({ r, dir }: { r: SwapRecord; dir: TokenDirectory }) {
  const out = dir(r.chainId, r.tokenOut);
  const fee = r.gasUsed !== null && r.effectiveGasPrice !== null ? r.gasUsed * r.effectiveGasPrice : null;
  return (
    <div className="grid gap-4 p-4 text-sm md:grid-cols-[minmax(0,24rem)_minmax(0,1fr)] md:gap-8" data-testid="history-detail">
      <dl className="grid content-start gap-1.5">
        <div className="flex justify-between gap-3">
          <dt className="text-muted-foreground">Network</dt>
          <dd className="inline-flex items-center gap-1.5">
            <ChainDot chainId={r.chainId} className="ring-0" />
            {chainName(r.chainId)}
          </dd>
        </div>
        {r.minAmountOut !== null && out ? (
          <div className="flex justify-between gap-3">
            <dt className="text-muted-foreground">Minimum received</dt>
            <dd className="tabular font-mono">
              {formatTokenAmount(r.minAmountOut, out.decimals, 8)} {out.symbol}
            </dd>
          </div>
        ) : null}
        {r.quotedAmountOut !== null && out ? (
          <div className="flex justify-between gap-3">
            <dt className="text-muted-foreground">Quoted</dt>
            <dd className="tabular font-mono">
              {formatTokenAmount(r.quotedAmountOut, out.decimals, 8)} {out.symbol}
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-3">
          <dt className="text-muted-foreground">Network fee</dt>
          <dd className="tabular font-mono">{fee !== null ? `${formatNativeWei(fee, 6)} ETH` : "–"}</dd>
        </div>
        <div className="flex justify-between gap-3">
          <dt className="text-muted-foreground">Confirmed</dt>
          <dd>
            <Time date={r.confirmedAt} />
          </dd>
        </div>
        {r.replacedBy ? (
          <div className="flex justify-between gap-3">
            <dt className="text-muted-foreground">Replaced by</dt>
            <dd>
              <CopyHash hash={r.replacedBy} />
            </dd>
          </div>
        ) : null}
        {r.error ? (
          <div className="mt-1 rounded-md border border-negative/40 bg-negative/10 p-2 text-sm" data-testid="history-error">
            {r.error}
          </div>
        ) : null}
      </dl>
      <div className="grid content-start gap-2">
        <span className="text-muted-foreground">Route</span>
        {r.route && r.route.length > 0 ? (
          <ul className="grid gap-1.5">
            {r.route.map((p, i) => (
              <li key={i} className="flex flex-wrap items-center gap-1.5 text-xs">
                <span className="tabular w-12 font-semibold">{(p.shareBps / 100).toFixed(1)} %</span>
                {p.legs.map((l, j) => {
                  const t = dir(r.chainId, l.tokenIn);
                  return (
                    <Fragment key={j}>
                      <span className="inline-flex items-center gap-1">
                        <TokenLogo logo={t?.logo} symbol={t?.symbol ?? "?"} size={16} />
                        {t?.symbol}
                      </span>
                      <span className="inline-flex items-center gap-1 rounded-full border px-1.5 py-0.5 text-[11px]">
                        <VenueLogo venue={l.venue} size={11} />
                        {l.venueName} {feeLabel(l.fee)}
                      </span>
                    </Fragment>
                  );
                })}
                {(() => {
                  const last = p.legs[p.legs.length - 1];
                  const t = last ? dir(r.chainId, last.tokenOut) : undefined;
                  return t ? (
                    <span className="inline-flex items-center gap-1">
                      <TokenLogo logo={t.logo} symbol={t.symbol} size={16} />
                      {t.symbol}
                    </span>
                  ) : null;
                })()}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-xs text-muted-foreground">{r.kind === "approve" ? "Token approval — no route." : r.kind === "swap" ? "No route recorded." : "WETH contract, 1:1."}</span>
        )}
      </div>
    </div>
  );
}

export function HistoryTable() {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.defi.history.infiniteQueryOptions(
      { limit: PAGE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (s) => (s.state.data?.pages.some((p) => p.items.some((r) => r.status === "pending")) ? 2_000 : false),
      },
    ),
  );
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const dir = useTokenDirectory(items.map((r) => r.chainId));
  const [open, setOpen] = useState<string | null>(null);

  if (q.isPending) {
    return (
      <Card className="grid gap-3 p-5" aria-label="Loading history">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </Card>
    );
  }
  if (q.isError) return <Card className="p-5 text-sm text-negative">{errorMessage(q.error)}</Card>;
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<ArrowLeftRightIcon />}
        title="No swaps yet"
        description="Swaps, wraps and approvals you sign on the swap page appear here once the server has checked them on chain."
        action={
          <Button asChild size="sm">
            <Link href="/swap">Make a swap</Link>
          </Button>
        }
      />
    );
  }

  return (
    <Card className="overflow-hidden" data-testid="history-table">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-8">
              <span className="sr-only">Details</span>
            </TableHead>
            <TableHead>Time</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Pair</TableHead>
            <TableHead>Amounts</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Block</TableHead>
            <TableHead className="text-right">Gas</TableHead>
            <TableHead>Transaction</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((r) => {
            const expanded = open === r.id;
            return (
              <Fragment key={r.id}>
                <TableRow
                  className="cursor-pointer"
                  onClick={() => setOpen(expanded ? null : r.id)}
                  data-testid="history-row"
                  data-hash={r.hash}
                  data-status={r.status}
                  data-kind={r.kind}
                  data-amount-out={r.amountOut?.toString()}
                  data-amount-in={r.amountIn?.toString()}
                >
                  <TableCell>
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-label={expanded ? "Hide details" : "Show details"}
                      className="rounded p-0.5 text-muted-foreground hover:text-foreground"
                      onClick={(e) => {
                        e.stopPropagation();
                        setOpen(expanded ? null : r.id);
                      }}
                    >
                      <ChevronRightIcon className={cn("size-4 transition-transform", expanded && "rotate-90")} />
                    </button>
                  </TableCell>
                  <TableCell className="text-xs text-muted-foreground">
                    <Time date={r.submittedAt} />
                  </TableCell>
                  <TableCell>{kindLabel(r.kind)}</TableCell>
                  <TableCell>
                    <PairCell record={r} dir={dir} />
                  </TableCell>
                  <TableCell>
                    <AmountsCell record={r} dir={dir} />
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={r.status} />
                  </TableCell>
                  <TableCell className="tabular text-right font-mono text-xs">{r.blockNumber !== null ? `#${r.blockNumber.toLocaleString("en-US")}` : "–"}</TableCell>
                  <TableCell className="tabular text-right font-mono text-xs">{r.gasUsed !== null ? r.gasUsed.toLocaleString("en-US") : "–"}</TableCell>
                  <TableCell>
                    <CopyHash hash={r.hash} />
                  </TableCell>
                </TableRow>
                {expanded ? (
                  <TableRow className="bg-muted/20 hover:bg-muted/20">
                    <TableCell colSpan={9} className="p-0 whitespace-normal">
                      <Detail r={r} dir={dir} />
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
      {q.hasNextPage ? (
        <div className="flex justify-center border-t p-3">
          <Button variant="outline" size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="history-load-more">
            {q.isFetchingNextPage ? <Spinner /> : null}
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
