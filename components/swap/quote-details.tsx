"use client";
import { ArrowLeftRightIcon, ClockIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { formatBps, formatPrice, formatTokenAmount } from "@/lib/web3/swap/amount";
import type { Quote } from "@/lib/web3/swap/types";
import { impactClass, Row } from "./quote-route";
import type { SwapToken } from "./use-swap-data";

function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function ExpiryCountdown({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  const left = Math.max(0, Math.ceil((expiresAt - now) / 1_000));
  return (
    <span className={cn("inline-flex items-center gap-1", left === 0 && "text-warning")} data-testid="quote-expiry" data-expired={left === 0 || undefined}>
      <ClockIcon aria-hidden="true" className="size-3.5" />
      {left === 0 ? "expired, refreshing" : `${left}s`}
    </span>
  );
}

/** "1 ETH = 3,012.5 USDC" with a button to flip it. */
export function RateLine({ quote, tokenIn, tokenOut }: { quote: Quote; tokenIn: SwapToken; tokenOut: SwapToken }) {
  const [inverted, setInverted] = useState(false);
  const p = Number(quote.executionPrice);
  const text = inverted
    ? `1 ${tokenOut.symbol} = ${p > 0 ? formatPrice(String(1 / p)) : "–"} ${tokenIn.symbol}`
    : `1 ${tokenIn.symbol} = ${formatPrice(quote.executionPrice)} ${tokenOut.symbol}`;
  return (
    <button type="button" onClick={() => setInverted((v) => !v)} className="tabular inline-flex items-center gap-1.5 text-left hover:text-foreground" aria-label={`Rate: ${text}. Invert`} data-testid="quote-rate">
      {text}
      <ArrowLeftRightIcon aria-hidden="true" className="size-3.5 text-muted-foreground" />
    </button>
  );
}

export function QuoteDetails({ quote, tokenIn, tokenOut }: { quote: Quote; tokenIn: SwapToken; tokenOut: SwapToken }) {
  return (
    <dl className="grid text-sm" data-testid="quote-details">
      <Row label="Rate">
        <RateLine quote={quote} tokenIn={tokenIn} tokenOut={tokenOut} />
      </Row>
      <Row label="Minimum received" testId="min-received">
        {formatTokenAmount(quote.minAmountOut, tokenOut.decimals, 8)} {tokenOut.symbol}
      </Row>
      <Row label={`Max slippage${quote.autoSlippage ? " (auto)" : ""}`}>{formatBps(quote.slippageBps)}</Row>
      <Row label="Price impact" testId="price-impact">
        <span className={impactClass(quote.priceImpactBps)} data-bps={quote.priceImpactBps}>
          {quote.priceImpactBps < 1 && quote.kind === "swap" ? "<0.01 %" : formatBps(quote.priceImpactBps)}
        </span>
      </Row>
      <Row label="Network cost">
        {quote.gasEstimate.toLocaleString("en-US")} gas
        {quote.gasCostOut !== null ? <span className="text-muted-foreground"> ≈ {formatTokenAmount(quote.gasCostOut, tokenOut.decimals, 4)} {tokenOut.symbol}</span> : null}
      </Row>
      <Row label="Quote">
        <span className="text-muted-foreground">
          block #{quote.block.toLocaleString("en-US")} · found in {quote.routeMs} ms · <ExpiryCountdown expiresAt={quote.expiresAt} />
        </span>
      </Row>
    </dl>
  );
}
