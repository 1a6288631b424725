"use client";
// An automation's run history (runs.list, the audit log): when, outcome, why, what was traded,
// and where it settled (paper fill block, or the keeper transaction with its latency in blocks).
import { CheckIcon, CopyIcon, HistoryIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatBps } from "@/lib/web3/swap/amount";
import { fmtRaw, readableRationale, type AutomationRun, type TokenLookup } from "./automation-meta";

const RUN_VARIANT = { ok: "positive", skipped: "secondary", failed: "negative" } as const;
const RUN_LABEL = { ok: "Filled", skipped: "Skipped", failed: "Failed" } as const;

export type RunFill = { tokenIn: string; tokenOut: string; amountIn: string; amountOut: string; block: string | null; priceImpactBps: number | null; txHash: string | null; venue: string };

/** Every fill of a run: the decision records them all (a rebalance has several); else the joined row. */
export function fillsOf(r: AutomationRun): RunFill[] {
  const fromDecision = (r.decision as { fills?: unknown }).fills;
  if (Array.isArray(fromDecision) && fromDecision.length) {
    return fromDecision.map((f: Record<string, unknown>) => ({
      tokenIn: String(f.tokenIn),
      tokenOut: String(f.tokenOut),
      amountIn: String(f.amountIn),
      amountOut: String(f.amountOut),
      block: f.block == null ? null : String(f.block),
      priceImpactBps: typeof f.priceImpactBps === "number" ? f.priceImpactBps : null,
      txHash: typeof f.txHash === "string" ? f.txHash : null,
      venue: String(f.venue ?? ""),
    }));
  }
  if (r.fill) return [{ tokenIn: r.fill.tokenIn, tokenOut: r.fill.tokenOut, amountIn: r.fill.amountIn, amountOut: r.fill.amountOut, block: r.fill.block, priceImpactBps: r.fill.priceImpactBps, txHash: null, venue: "paper" }];
  if (r.keeperTx) return [{ tokenIn: r.keeperTx.tokenIn, tokenOut: r.keeperTx.tokenOut, amountIn: r.keeperTx.amountIn, amountOut: r.keeperTx.amountOut ?? "0", block: r.keeperTx.blockNumber, priceImpactBps: null, txHash: r.keeperTx.hash, venue: "vault" }];
  return [];
}

function CopyHash({ hash }: { hash: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-1">
      <span className="font-mono" title={hash}>
        {hash.slice(0, 10)}…{hash.slice(-6)}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        className="size-6"
        aria-label="Copy transaction hash"
        onClick={() => {
          void navigator.clipboard?.writeText(hash).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
      </Button>
    </span>
  );
}

export function RunsTable({ runs, chainId, lookup }: { runs: AutomationRun[]; chainId: number; lookup: TokenLookup }) {
  if (runs.length === 0) {
    return <EmptyState className="m-5" icon={<HistoryIcon />} title="No runs yet" description="Runs appear here within seconds of being due, each with the reason it did what it did." />;
  }
  return (
    <Table data-testid="run-history">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="w-40">Time</TableHead>
          <TableHead className="w-24">Result</TableHead>
          <TableHead>Why</TableHead>
          <TableHead className="text-right">Traded</TableHead>
          <TableHead className="text-right">Settlement</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((r) => {
          const fills = fillsOf(r);
          const latency = r.keeperTx?.latencyBlocks ?? null;
          return (
            <TableRow key={r.id} data-testid="run-row" data-run-id={r.id} data-status={r.status} data-fills={fills.length}>
              <TableCell className="align-top text-xs whitespace-nowrap">
                <Time date={r.createdAt} />
                {r.scheduledFor ? (
                  <span className="block text-muted-foreground">
                    slot <Time date={r.scheduledFor} />
                  </span>
                ) : null}
              </TableCell>
              <TableCell className="align-top">
                <Badge variant={RUN_VARIANT[r.status as keyof typeof RUN_VARIANT] ?? "outline"}>{RUN_LABEL[r.status as keyof typeof RUN_LABEL] ?? r.status}</Badge>
              </TableCell>
              <TableCell className="max-w-md align-top text-xs whitespace-normal">
                <span className={r.status === "failed" ? "text-negative" : "text-muted-foreground"} data-testid="run-rationale">
                  {readableRationale(r.rationale)}
                </span>
                {r.error && !r.rationale.includes(r.error) ? <span className="mt-1 block font-mono text-[11px] text-negative/80">{r.error}</span> : null}
              </TableCell>
              <TableCell className="tabular align-top text-right text-xs whitespace-nowrap" data-testid="run-amounts">
                {fills.length === 0 ? (
                  <span className="text-muted-foreground">–</span>
                ) : (
                  fills.map((f, i) => (
                    <span key={i} className="block">
                      {fmtRaw(f.amountIn, lookup(chainId, f.tokenIn))} → <span className="text-foreground">{fmtRaw(f.amountOut, lookup(chainId, f.tokenOut))}</span>
                      {f.priceImpactBps !== null ? <span className="block text-muted-foreground">impact {f.priceImpactBps < 1 ? "<0.01 %" : formatBps(f.priceImpactBps)}</span> : null}
                    </span>
                  ))
                )}
              </TableCell>
              <TableCell className="align-top text-right text-xs whitespace-nowrap" data-testid="run-settlement">
                {fills.map((f, i) => (
                  <span key={i} className="block">
                    {f.txHash ? <CopyHash hash={f.txHash} /> : <Badge variant="info">Paper fill</Badge>}
                    {f.block ? <span className="block text-muted-foreground">block #{Number(f.block).toLocaleString("en-US")}</span> : null}
                  </span>
                ))}
                {latency !== null ? <span className="block text-muted-foreground">{latency} block{latency === 1 ? "" : "s"} after trigger</span> : null}
                {fills.length === 0 && r.keeperTx?.status ? <span className="text-muted-foreground">tx {r.keeperTx.status}</span> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
