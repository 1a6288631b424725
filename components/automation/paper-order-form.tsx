"use client";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { ArrowDownIcon, FlaskConicalIcon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/components/feedback/errors";
import { ExpiryCountdown, RateLine } from "@/components/swap/quote-details";
import { impactClass, Row } from "@/components/swap/quote-route";
import { TokenSelectButton, TokenSelectDialog } from "@/components/swap/token-select";
import { sameAddress, type SwapToken } from "@/components/swap/use-swap-data";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { PAPER_DEFAULT_SLIPPAGE_BPS } from "@/lib/schemas/paper";
import { useTRPC } from "@/lib/trpc/client";
import { formatBps, formatTokenAmount, parseAmountInput, sanitiseAmountTyping, toDecimalString } from "@/lib/web3/swap/amount";
import { usePaperTokens, useInvalidatePaper } from "./paper-shared";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const QUOTE_REFRESH_MS = 10_000;

// A manual paper swap: the live quote comes from the swap page's quote (defi.quote); placing
// the order fills at a fresh quote on the server (it can differ if the pools moved meanwhile).
export function PaperOrderForm({ chainId }: { chainId: number }) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePaper();
  const { tokens, bySymbol, query: tokensQuery } = usePaperTokens(chainId);
  const account = useQuery(trpc.automation.paper.account.queryOptions({ chainId }, { refetchInterval: 15_000 }));
  const [inSymbol, setInSymbol] = useState("USDC");
  const [outSymbol, setOutSymbol] = useState("WETH");
  const [amountInput, setAmountInput] = useState("");
  const [picker, setPicker] = useState<"in" | "out" | null>(null);
  // One id per intended order: a double click or a retried request fills once (key manual:<id>).
  const [clientOrderId, setClientOrderId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);

  const tokenIn = bySymbol(inSymbol);
  const tokenOut = bySymbol(outSymbol);
  const balanceOf = useCallback(
    (token: string) => account.data?.balances.find((b) => sameAddress(b.address, token))?.amountRaw ?? (account.data ? 0n : undefined),
    [account.data],
  );
  const parsed = tokenIn ? parseAmountInput(amountInput, tokenIn.decimals) : null;
  const amountRaw = parsed?.ok ? parsed.raw : null;
  const debounced = useDebounced(amountRaw, 300);
  const balIn = tokenIn ? balanceOf(tokenIn.address) : undefined;
  const insufficient = amountRaw !== null && balIn !== undefined && amountRaw > balIn;

  const quoteEnabled = !!tokenIn && !!tokenOut && !sameAddress(tokenIn.address, tokenOut.address) && !!debounced && debounced > 0n;
  const quote = useQuery(
    trpc.defi.quote.queryOptions(
      {
        chainId,
        tokenIn: tokenIn?.address ?? "0x0000000000000000000000000000000000000000",
        tokenOut: tokenOut?.address ?? "0x0000000000000000000000000000000000000001",
        amountIn: (debounced ?? 1n).toString(),
        slippageBps: PAPER_DEFAULT_SLIPPAGE_BPS,
      },
      { enabled: quoteEnabled, placeholderData: keepPreviousData, retry: 1, refetchInterval: QUOTE_REFRESH_MS },
    ),
  );
  const current = quoteEnabled && quote.data && !quote.isPlaceholderData && amountRaw === debounced ? quote.data : undefined;

  const order = useMutation(
    trpc.automation.paper.order.mutationOptions({
      onSuccess: async (fill) => {
        toast.success(fill.duplicate ? "Order already filled" : "Paper order filled", {
          description: `${formatTokenAmount(fill.amountIn, fill.tokenIn.decimals)} ${fill.tokenIn.symbol} → ${formatTokenAmount(fill.amountOut, fill.tokenOut.decimals)} ${fill.tokenOut.symbol} at block #${fill.block.toLocaleString("en-US")}`,
        });
        setAmountInput("");
        setClientOrderId(crypto.randomUUID());
        await invalidate();
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );

  const pick = (side: "in" | "out", t: SwapToken) => {
    setError(null);
    const other = side === "in" ? outSymbol : inSymbol;
    if (other === t.symbol) return flip();
    if (side === "in") setInSymbol(t.symbol);
    else setOutSymbol(t.symbol);
  };
  const flip = () => {
    setInSymbol(outSymbol);
    setOutSymbol(inSymbol);
    if (current && tokenOut) setAmountInput(toDecimalString(current.amountOut, tokenOut.decimals));
  };

  const noAccount = account.data && !account.data.exists;
  const amountError = parsed && !parsed.ok && parsed.reason !== "empty" ? (parsed.reason === "precision" ? "Too many decimal places for this token." : "Enter a valid amount.") : null;
  const action = ((): { label: string; disabled: boolean; loading?: boolean } => {
    if (account.isPending || tokensQuery.isPending) return { label: "Loading…", disabled: true };
    if (noAccount) return { label: "Set starting balances first", disabled: true };
    if (!tokenIn || !tokenOut) return { label: "Select tokens", disabled: true };
    if (amountRaw === null || amountRaw === 0n) return { label: "Enter an amount", disabled: true };
    if (insufficient) return { label: `Insufficient paper ${tokenIn.symbol}`, disabled: true };
    if (quote.isError && !current) return { label: "No quote available", disabled: true };
    if (!current) return { label: "Finding the best price…", disabled: true, loading: true };
    return { label: "Place paper order", disabled: order.isPending };
  })();

  const submit = () => {
    if (!tokenIn || !tokenOut || !amountRaw) return;
    setError(null);
    order.mutate({ chainId, tokenIn: tokenIn.address, tokenOut: tokenOut.address, amountIn: amountRaw.toString(), slippageBps: PAPER_DEFAULT_SLIPPAGE_BPS, clientOrderId });
  };

  return (
    <Card className="h-fit" data-testid="paper-order">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <FlaskConicalIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          Paper order
        </CardTitle>
        <CardDescription>Swap paper balances at the pools&apos; exact output. No wallet, no transaction.</CardDescription>
      </CardHeader>
      <div className="grid gap-1 px-4 pb-4">
        <div className={cn("grid gap-2 rounded-xl border bg-muted/30 p-4 focus-within:border-ring/60", (amountError || insufficient) && "border-negative/60")}>
          <label htmlFor="paper-amount-in" className="text-sm text-muted-foreground">
            You pay
          </label>
          <div className="flex items-center gap-3">
            <input
              id="paper-amount-in"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              placeholder="0"
              value={amountInput}
              onChange={(e) => {
                setError(null);
                setAmountInput(sanitiseAmountTyping(e.target.value));
              }}
              aria-invalid={amountError || insufficient ? true : undefined}
              className="tabular w-0 min-w-0 flex-1 bg-transparent font-mono text-2xl font-semibold outline-none placeholder:text-muted-foreground/50"
              data-testid="paper-amount-in"
            />
            {tokensQuery.isPending ? <Skeleton className="h-10 w-28 rounded-full" /> : <TokenSelectButton token={tokenIn} onClick={() => setPicker("in")} testId="paper-token-in" label="Token to pay" />}
          </div>
          <div className="flex min-h-5 items-center justify-between gap-2 text-xs text-muted-foreground">
            <span className={cn((amountError || insufficient) && "text-negative")}>{amountError ?? (insufficient ? "More than the paper balance" : "")}</span>
            {tokenIn && balIn !== undefined ? (
              <span className="inline-flex items-center gap-1.5">
                Paper balance <span className="tabular">{formatTokenAmount(balIn, tokenIn.decimals)}</span>
                {balIn > 0n ? (
                  <button type="button" className="font-medium text-primary hover:underline" onClick={() => setAmountInput(toDecimalString(balIn, tokenIn.decimals))}>
                    Max
                  </button>
                ) : null}
              </span>
            ) : null}
          </div>
        </div>

        <div className="relative z-10 -my-3 flex justify-center">
          <Button variant="secondary" size="icon-sm" className="rounded-full border-4 border-card" onClick={flip} aria-label="Switch tokens">
            <ArrowDownIcon />
          </Button>
        </div>

        <div className="grid gap-2 rounded-xl border bg-muted/30 p-4">
          <span className="text-sm text-muted-foreground">You receive</span>
          <div className="flex items-center gap-3">
            <output className="tabular w-0 min-w-0 flex-1 truncate font-mono text-2xl font-semibold" data-testid="paper-amount-out" aria-live="polite">
              {current && tokenOut ? formatTokenAmount(current.amountOut, tokenOut.decimals, 8) : quoteEnabled && !quote.isError ? <Skeleton className="h-8 w-32" /> : <span className="text-muted-foreground/50">0</span>}
            </output>
            {tokensQuery.isPending ? <Skeleton className="h-10 w-28 rounded-full" /> : <TokenSelectButton token={tokenOut} onClick={() => setPicker("out")} testId="paper-token-out" label="Token to receive" />}
          </div>
        </div>

        {current && tokenIn && tokenOut ? (
          <dl className="mt-2 grid px-1 text-sm" data-testid="paper-quote">
            <Row label="Rate">
              <RateLine quote={current} tokenIn={tokenIn} tokenOut={tokenOut} />
            </Row>
            <Row label="Price impact">
              <span className={impactClass(current.priceImpactBps)}>{current.priceImpactBps < 1 ? "<0.01 %" : formatBps(current.priceImpactBps)}</span>
            </Row>
            <Row label="Route">
              {current.paths.length} path{current.paths.length === 1 ? "" : "s"} · {[...new Set(current.paths.flatMap((p) => p.legs.map((l) => l.venueName)))].join(", ")}
            </Row>
            <Row label="Gas (not charged)">
              {current.gasCostOut !== null ? `≈ ${formatTokenAmount(current.gasCostOut, tokenOut.decimals, 4)} ${tokenOut.symbol}` : `${current.gasEstimate.toLocaleString("en-US")} gas`}
            </Row>
            <Row label="Quote">
              <span className="text-muted-foreground">
                block #{current.block.toLocaleString("en-US")} · <ExpiryCountdown expiresAt={current.expiresAt} />
              </span>
            </Row>
          </dl>
        ) : quote.isError && quoteEnabled ? (
          <p className="mt-2 px-1 text-sm text-negative" role="alert">
            {errorMessage(quote.error)}
          </p>
        ) : null}

        {error ? (
          <p className="mt-2 px-1 text-sm font-medium text-destructive" role="alert" data-testid="paper-order-error">
            {error}
          </p>
        ) : null}
        <Button size="lg" className="mt-3 w-full" disabled={action.disabled} onClick={submit} data-testid="paper-order-submit">
          {action.loading || order.isPending ? <Spinner /> : null}
          {order.isPending ? "Filling…" : action.label}
        </Button>
      </div>

      <TokenSelectDialog
        open={picker !== null}
        onOpenChange={(o) => !o && setPicker(null)}
        tokens={tokens}
        balanceOf={(t) => balanceOf(t)}
        selected={picker === "in" ? tokenIn : tokenOut}
        onSelect={(t) => picker && pick(picker, t)}
        title={picker === "in" ? "Pay with (paper)" : "Receive (paper)"}
      />
    </Card>
  );
}
