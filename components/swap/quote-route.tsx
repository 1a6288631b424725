"use client";
import { ChevronRightIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatBps, formatTokenAmount } from "@/lib/web3/swap/amount";
import type { QuotePath, Quote } from "@/lib/web3/swap/types";
import { TokenLogo, VenueLogo } from "./token-logo";
import type { SwapToken } from "./use-swap-data";

type TokenOf = (address: string) => SwapToken | undefined;

/** V3 fee in hundredths of a bp → "0.3 %"; V2 venues charge a fixed 0.3 %. */
export function feeLabel(fee: number): string {
  return `${(fee / 10_000).toString()} %`;
}

function PathRow({ path, tokenOf, index }: { path: QuotePath; tokenOf: TokenOf; index: number }) {
  const first = path.legs[0];
  const hops = first ? [first.tokenIn, ...path.legs.map((l) => l.tokenOut)] : [];
  return (
    <li className="grid gap-2 rounded-lg border bg-background/40 p-3" data-testid="route-path" data-share-bps={path.shareBps} data-hops={path.legs.length}>
      <div className="flex items-center gap-2">
        <span className="tabular w-14 shrink-0 text-sm font-semibold">{formatBps(path.shareBps, 1)}</span>
        <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden="true">
          <div className="h-full rounded-full bg-primary" style={{ width: `${path.shareBps / 100}%` }} />
        </div>
        <span className="sr-only">Path {index + 1}</span>
      </div>
      <ol className="flex flex-wrap items-center gap-1.5 text-xs">
        {hops.map((addr, i) => {
          const t = tokenOf(addr);
          const leg = path.legs[i];
          return (
            <li key={`${addr}-${i}`} className="flex items-center gap-1.5">
              <span className="inline-flex items-center gap-1 font-medium">
                <TokenLogo logo={t?.logo} symbol={t?.symbol ?? "?"} size={18} />
                {t?.symbol ?? addr.slice(0, 6)}
              </span>
              {leg ? (
                <>
                  <ChevronRightIcon aria-hidden="true" className="size-3.5 text-muted-foreground" />
                  <Badge variant="outline" className="gap-1 text-[11px] text-foreground" title={`Pool ${leg.pool}`} data-testid="route-leg" data-venue={leg.venue}>
                    <VenueLogo venue={leg.venue} size={12} />
                    {leg.venueName}
                    <span className="text-muted-foreground">{feeLabel(leg.fee)}</span>
                  </Badge>
                  <ChevronRightIcon aria-hidden="true" className="size-3.5 text-muted-foreground" />
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </li>
  );
}

export function RoutePaths({ quote, tokenOf }: { quote: Quote; tokenOf: TokenOf }) {
  if (quote.kind !== "swap") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="quote-route" data-paths="0">
        {quote.kind === "wrap" ? "Wraps ETH into WETH 1:1 through the WETH contract: no pool, no price impact." : "Unwraps WETH into ETH 1:1 through the WETH contract: no pool, no price impact."}
      </p>
    );
  }
  return (
    <ul className="grid gap-2" data-testid="quote-route" data-paths={quote.paths.length} aria-label="Route">
      {quote.paths.map((p, i) => (
        <PathRow key={i} path={p} tokenOf={tokenOf} index={i} />
      ))}
    </ul>
  );
}

export function VenueComparison({ quote, out }: { quote: Quote; out: SwapToken }) {
  if (quote.kind !== "swap" || quote.venues.length === 0) return null;
  const best = quote.venues.reduce<bigint | null>((m, v) => {
    const x = v.netAmountOut ?? v.amountOut;
    return x !== null && (m === null || x > m) ? x : m;
  }, null);
  return (
    <div className="overflow-x-auto" data-testid="venue-comparison">
      <table className="w-full text-sm">
        <caption className="sr-only">Best single route per venue</caption>
        <thead>
          <tr className="text-xs text-muted-foreground">
            <th className="py-1.5 pr-2 text-left font-medium">Venue</th>
            <th className="px-2 py-1.5 text-right font-medium">Output</th>
            <th className="py-1.5 pl-2 text-right font-medium">Net of gas</th>
          </tr>
        </thead>
        <tbody>
          {quote.venues.map((v) => {
            const x = v.netAmountOut ?? v.amountOut;
            const isBest = x !== null && x === best;
            return (
              <tr key={v.venue} className="border-t" data-venue={v.venue} data-best={isBest || undefined}>
                <td className="py-2 pr-2">
                  <span className="inline-flex items-center gap-1.5">
                    <VenueLogo venue={v.venue} size={16} />
                    <span className="font-medium">{v.venueName}</span>
                    {v.hops !== null && v.hops > 1 ? <span className="text-xs text-muted-foreground">{v.hops} hops</span> : null}
                    {isBest ? (
                      <Badge variant="positive" className="ml-1">
                        best
                      </Badge>
                    ) : null}
                  </span>
                </td>
                <td className="tabular px-2 py-2 text-right font-mono">{v.amountOut !== null ? formatTokenAmount(v.amountOut, out.decimals) : <span className="text-muted-foreground">no route</span>}</td>
                <td className="tabular py-2 pl-2 text-right font-mono">{v.netAmountOut !== null ? formatTokenAmount(v.netAmountOut, out.decimals) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-1.5 text-xs text-muted-foreground">
        Best single route per venue. The Lodestar route above can split across venues and beat each of them.
      </p>
    </div>
  );
}

export function impactClass(bps: number): string {
  return bps > 500 ? "text-negative" : bps > 100 ? "text-warning" : "text-foreground";
}

export function Row({ label, children, className, testId }: { label: React.ReactNode; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <div className={cn("flex items-start justify-between gap-3 py-1", className)} data-testid={testId}>
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="tabular min-w-0 text-right font-medium break-words">{children}</dd>
    </div>
  );
}
