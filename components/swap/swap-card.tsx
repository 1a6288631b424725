"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDownIcon, ChevronDownIcon, RouteIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useBlockNumber, useChains, useConnection, useSwitchChain } from "wagmi";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ChainDot } from "@/components/wallet/chain-dot";
import { useWalletModal } from "@/components/wallet/wallet-modal";
import { useTRPC } from "@/lib/trpc/client";
import { chainName } from "@/lib/web3/chains";
import { normaliseWalletError } from "@/lib/web3/errors";
import { formatTokenAmount, parseAmountInput, sanitiseAmountTyping, toDecimalString } from "@/lib/web3/swap/amount";
import { DEFAULT_DEADLINE_MINUTES, GAS_RESERVE_WEI, impactTier } from "@/lib/web3/swap/rules";
import { ImpactConfirm, impactConfirmed } from "./impact-confirm";
import { QuoteDetails } from "./quote-details";
import { RoutePaths, VenueComparison } from "./quote-route";
import { SwapReview, type ReviewRequest } from "./swap-review";
import { resolveSettings, SwapSettings, type SwapSettingsValue } from "./swap-settings";
import { TokenSelectButton, TokenSelectDialog } from "./token-select";
import { sameAddress, useSwapBalances, useSwapTokens, type SwapToken } from "./use-swap-data";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Read the clock outside render (the quote's expiry is checked when the user acts). */
function isExpired(expiresAt: number): boolean {
  return expiresAt <= Date.now();
}

const AMOUNT_ERRORS = { invalid: "Enter a valid amount.", precision: "Too many decimal places for this token." } as const;

export function SwapCard() {
  const trpc = useTRPC();
  const connection = useConnection();
  const chains = useChains();
  const { openConnect } = useWalletModal();
  const switchChain = useSwitchChain();
  const connected = connection.status === "connected" && !!connection.address;
  const onSupported = connected && chains.some((c) => c.id === connection.chainId);
  const chainId = onSupported ? connection.chainId! : (chains[0]?.id ?? 31337);
  const account = connected ? connection.address : undefined;

  const { tokens, query: tokensQuery, bySymbol, byAddress } = useSwapTokens(chainId);
  const { data: block } = useBlockNumber({ chainId, watch: true });
  const { balanceOf, query: balancesQuery } = useSwapBalances(chainId, account, block);

  // Tokens are kept by symbol so a chain switch keeps the pair (addresses differ per chain).
  const [inSymbol, setInSymbol] = useState("ETH");
  const [outSymbol, setOutSymbol] = useState<string | null>(null);
  const [amountInput, setAmountInput] = useState("");
  const [picker, setPicker] = useState<"in" | "out" | null>(null);
  const [settings, setSettings] = useState<SwapSettingsValue>({ slippageMode: "auto", slippageInput: "", deadlineInput: String(DEFAULT_DEADLINE_MINUTES) });
  // The high-impact acknowledgement belongs to one pair and tier: changing either voids it.
  const [impactAck, setImpactAck] = useState({ key: "", checked: false, typed: "" });
  const [review, setReview] = useState<ReviewRequest | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [showRoute, setShowRoute] = useState(true);

  const tokenIn = bySymbol(inSymbol);
  const tokenOut = outSymbol ? bySymbol(outSymbol) : undefined;
  const parsed = tokenIn ? parseAmountInput(amountInput, tokenIn.decimals) : null;
  const amountRaw = parsed?.ok ? parsed.raw : null;
  const debouncedAmount = useDebounced(amountRaw, 300);
  const resolved = resolveSettings(settings);

  const quoteEnabled = !!tokenIn && !!tokenOut && !sameAddress(tokenIn.address, tokenOut.address) && !!debouncedAmount && debouncedAmount > 0n && resolved.valid;
  const quote = useQuery(
    trpc.defi.quote.queryOptions(
      {
        chainId,
        tokenIn: tokenIn?.address ?? "0x0000000000000000000000000000000000000000",
        tokenOut: tokenOut?.address ?? "0x0000000000000000000000000000000000000001",
        // A string, not a bigint: the query key is hashed with JSON.stringify.
        amountIn: (debouncedAmount ?? 1n).toString(),
        slippageBps: resolved.slippageBps,
      },
      { enabled: quoteEnabled, placeholderData: keepPreviousData, retry: 1, staleTime: 2_000 },
    ),
  );
  // Live quote: ask again on every new block, and when the quote passes its expiry.
  const { refetch: refetchQuote } = quote;
  useEffect(() => {
    if (quoteEnabled && block !== undefined) void refetchQuote();
  }, [block, quoteEnabled, refetchQuote]);
  const expiresAt = quote.data?.expiresAt;
  useEffect(() => {
    if (!expiresAt || !quoteEnabled) return;
    const t = setTimeout(() => void refetchQuote(), Math.max(0, expiresAt - Date.now()) + 50);
    return () => clearTimeout(t);
  }, [expiresAt, quoteEnabled, refetchQuote]);

  // A quote is current only for what is typed now (placeholder data is the previous input's).
  const typingAhead = amountRaw !== debouncedAmount;
  const q = quoteEnabled && quote.data && !quote.isPlaceholderData && !typingAhead ? quote.data : undefined;
  const quoteLoading = quoteEnabled && (!q || typingAhead) && !quote.isError;
  const tier = q ? impactTier(q.priceImpactBps) : "low";
  const impactKey = `${tier}:${inSymbol}:${outSymbol}`;
  const impactChecked = impactAck.key === impactKey && impactAck.checked;
  const impactTyped = impactAck.key === impactKey ? impactAck.typed : "";
  const setImpactChecked = (checked: boolean) => setImpactAck({ key: impactKey, checked, typed: impactTyped });
  const setImpactTyped = (typed: string) => setImpactAck({ key: impactKey, checked: impactChecked, typed });

  const balIn = tokenIn ? balanceOf(tokenIn.address) : undefined;
  const balOut = tokenOut ? balanceOf(tokenOut.address) : undefined;
  const insufficient = amountRaw !== null && balIn !== undefined && amountRaw > balIn;

  const pick = (side: "in" | "out", t: SwapToken) => {
    const other = side === "in" ? outSymbol : inSymbol;
    if (other === t.symbol) {
      flip();
      return;
    }
    if (side === "in") setInSymbol(t.symbol);
    else setOutSymbol(t.symbol);
  };
  const flip = () => {
    if (!outSymbol) return;
    const nextIn = outSymbol;
    setOutSymbol(inSymbol);
    setInSymbol(nextIn);
    // Exact-in: carry the quoted output over as the new input, like Uniswap.
    if (q && tokenOut) setAmountInput(toDecimalString(q.amountOut, tokenOut.decimals));
  };
  const setMax = () => {
    if (!tokenIn || balIn === undefined) return;
    const max = tokenIn.native ? (balIn > GAS_RESERVE_WEI ? balIn - GAS_RESERVE_WEI : 0n) : balIn;
    setAmountInput(toDecimalString(max, tokenIn.decimals));
  };

  const openReview = async () => {
    if (!tokenIn || !tokenOut || !amountRaw || !account) return;
    // An expired quote is refreshed before the review shows any number.
    if (!q || isExpired(q.expiresAt)) await refetchQuote();
    setReview({ chainId, tokenIn, tokenOut, amountIn: amountRaw, slippageBps: resolved.slippageBps, deadlineMinutes: resolved.deadlineMinutes, account });
    setReviewOpen(true);
  };

  const amountError = parsed && !parsed.ok && parsed.reason !== "empty" ? AMOUNT_ERRORS[parsed.reason] : null;
  const action = (() => {
    if (!connected) return { label: "Connect wallet", onClick: openConnect, disabled: false };
    if (!onSupported) return { label: `Switch to ${chainName(chainId)}`, onClick: () => switchChain.mutate({ chainId }, { onError: (e) => setSwitchErr(normaliseWalletError(e).message) }), disabled: switchChain.isPending };
    if (!tokenIn || !tokenOut) return { label: "Select a token", disabled: true };
    if (amountRaw === null || amountRaw === 0n) return { label: amountError ? "Enter a valid amount" : "Enter an amount", disabled: true };
    if (insufficient) return { label: `Insufficient ${tokenIn.symbol} balance`, disabled: true };
    if (!resolved.valid) return { label: "Fix the swap settings", disabled: true };
    if (quote.isError && !q) return { label: "No quote available", disabled: true };
    if (quoteLoading || !q) return { label: "Finding the best price…", disabled: true, loading: true };
    if (!impactConfirmed(tier, impactChecked, impactTyped)) return { label: "Confirm the price impact first", disabled: true };
    return { label: q.kind === "wrap" ? "Review wrap" : q.kind === "unwrap" ? "Review unwrap" : "Review swap", onClick: () => void openReview(), disabled: false };
  })();
  const [switchErr, setSwitchErr] = useState<string | null>(null);

  const tokenOf = useMemo(() => (addr: string) => byAddress(addr), [byAddress]);

  return (
    <div className="grid min-w-0 grid-cols-1 gap-4">
      <Card className="grid min-w-0 grid-cols-1 gap-1 p-3 sm:p-4" data-testid="swap-card" data-chain-id={chainId}>
        <div className="flex items-center justify-between px-1 pb-2">
          <span className="inline-flex items-center gap-2 text-sm text-muted-foreground" data-testid="swap-chain">
            <ChainDot chainId={chainId} className="ring-0" />
            {chainName(chainId)}
            {block !== undefined ? <span className="tabular text-xs">#{block.toLocaleString("en-US")}</span> : null}
          </span>
          <SwapSettings value={settings} onChange={setSettings} autoBps={q?.autoSlippage ? q.slippageBps : null} />
        </div>

        {/* You pay */}
        <div className={cn("grid grid-cols-1 gap-2 rounded-xl border bg-muted/30 p-4 focus-within:border-ring/60", (amountError || insufficient) && "border-negative/60")}>
          <label htmlFor="swap-amount-in" className="text-sm text-muted-foreground">
            You pay
          </label>
          <div className="flex items-center gap-3">
            <input
              id="swap-amount-in"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              placeholder="0"
              value={amountInput}
              onChange={(e) => setAmountInput(sanitiseAmountTyping(e.target.value))}
              aria-invalid={amountError || insufficient ? true : undefined}
              aria-describedby={amountError ? "swap-amount-error" : undefined}
              className="tabular w-0 min-w-0 flex-1 bg-transparent font-mono text-2xl font-semibold sm:text-3xl outline-none placeholder:text-muted-foreground/50"
              data-testid="amount-in"
            />
            {tokensQuery.isPending ? <Skeleton className="h-10 w-28 rounded-full" /> : <TokenSelectButton token={tokenIn} onClick={() => setPicker("in")} testId="token-in-select" label="Token to pay" />}
          </div>
          <div className="flex min-h-5 items-center justify-between gap-2 text-xs text-muted-foreground">
            <span id="swap-amount-error" className={cn(amountError || insufficient ? "text-negative" : "")}>
              {amountError ?? (insufficient ? `More than your balance.` : "")}
            </span>
            {account && tokenIn ? (
              <span className="inline-flex items-center gap-2">
                <span className="tabular" data-testid="balance-in">
                  Balance: {balancesQuery.isPending ? "…" : balIn !== undefined ? formatTokenAmount(balIn, tokenIn.decimals) : "0"}
                </span>
                {balIn !== undefined && balIn > 0n ? (
                  <button type="button" className="rounded-md bg-primary/15 px-1.5 py-0.5 font-semibold text-primary hover:bg-primary/25" onClick={setMax} data-testid="max-button" title={tokenIn.native ? "Your balance minus 0.01 ETH kept for gas" : undefined}>
                    Max
                  </button>
                ) : null}
              </span>
            ) : null}
          </div>
        </div>

        <div className="relative z-10 -my-4 flex justify-center">
          <Button variant="secondary" size="icon" className="rounded-xl border-4 border-card" onClick={flip} disabled={!outSymbol} aria-label="Switch tokens" data-testid="flip-button">
            <ArrowDownIcon />
          </Button>
        </div>

        {/* You receive */}
        <div className="grid grid-cols-1 gap-2 rounded-xl border bg-muted/30 p-4">
          <span className="text-sm text-muted-foreground">You receive</span>
          <div className="flex items-center gap-3">
            <output
              aria-live="polite"
              aria-label="Amount you receive"
              className={cn("tabular w-0 min-w-0 flex-1 truncate font-mono text-2xl font-semibold sm:text-3xl", !q && "text-muted-foreground/50")}
              data-testid="amount-out"
              data-raw={q?.amountOut.toString()}
              data-loading={quoteLoading || undefined}
            >
              {quoteLoading ? <Skeleton className="h-9 w-40" /> : q && tokenOut ? formatTokenAmount(q.amountOut, tokenOut.decimals, 8) : "0"}
            </output>
            {tokensQuery.isPending ? <Skeleton className="h-10 w-28 rounded-full" /> : <TokenSelectButton token={tokenOut} onClick={() => setPicker("out")} testId="token-out-select" label="Token to receive" />}
          </div>
          <div className="min-h-5 text-right text-xs text-muted-foreground">
            {account && tokenOut ? <span className="tabular">Balance: {balOut !== undefined ? formatTokenAmount(balOut, tokenOut.decimals) : "0"}</span> : null}
          </div>
        </div>

        {quote.isError && quoteEnabled && !typingAhead ? (
          <p role="alert" className="mt-2 flex items-start gap-2 rounded-lg border border-negative/40 bg-negative/10 px-3 py-2 text-sm" data-testid="quote-error">
            <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-negative" />
            {errorMessage(quote.error)}
          </p>
        ) : null}
        {tokensQuery.isError ? (
          <p role="alert" className="mt-2 text-sm text-negative">
            {errorMessage(tokensQuery.error)}
          </p>
        ) : null}

        {q && tokenIn && tokenOut ? (
          <div className="mt-2 grid grid-cols-1 gap-3">
            <ImpactConfirm tier={tier} bps={q.priceImpactBps} checked={impactChecked} onChecked={setImpactChecked} typed={impactTyped} onTyped={setImpactTyped} />
            <div className="rounded-xl border px-4 py-2">
              <QuoteDetails quote={q} tokenIn={tokenIn} tokenOut={tokenOut} />
            </div>
          </div>
        ) : quoteLoading ? (
          <div className="mt-2 grid gap-2 rounded-xl border p-4" aria-label="Loading quote">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-4 w-3/5" />
          </div>
        ) : null}

        <Button size="lg" className="mt-2 h-12 w-full text-base" onClick={action.onClick} disabled={action.disabled} data-testid="review-swap">
          {"loading" in action && action.loading ? <Spinner /> : null}
          {action.label}
        </Button>
        {switchErr ? (
          <p role="alert" className="text-sm text-negative">
            {switchErr}
          </p>
        ) : null}
      </Card>

      {q && tokenIn && tokenOut ? (
        <Card className="grid min-w-0 grid-cols-1 gap-4 p-4" data-testid="route-card">
          <button type="button" className="flex items-center justify-between text-left" onClick={() => setShowRoute((v) => !v)} aria-expanded={showRoute}>
            <span className="inline-flex items-center gap-2 font-semibold">
              <RouteIcon aria-hidden="true" className="size-4 text-primary" />
              Route
              {q.kind === "swap" ? (
                <span className="text-sm font-normal text-muted-foreground">
                  {q.paths.length} {q.paths.length === 1 ? "path" : "split paths"}
                </span>
              ) : null}
            </span>
            <ChevronDownIcon aria-hidden="true" className={cn("size-4 transition-transform", showRoute && "rotate-180")} />
          </button>
          {showRoute ? (
            <>
              <RoutePaths quote={q} tokenOf={tokenOf} />
              <VenueComparison quote={q} out={tokenOut} />
            </>
          ) : null}
        </Card>
      ) : null}

      <TokenSelectDialog
        open={picker !== null}
        onOpenChange={(o) => !o && setPicker(null)}
        tokens={tokens}
        balanceOf={(t) => balanceOf(t)}
        selected={picker === "in" ? tokenIn : tokenOut}
        onSelect={(t) => picker && pick(picker, t)}
        title={picker === "in" ? "Select a token to pay" : "Select a token to receive"}
      />
      <SwapReview
        open={reviewOpen}
        onOpenChange={(o) => {
          setReviewOpen(o);
          if (!o) void refetchQuote();
        }}
        request={review}
        tokenOf={tokenOf}
      />
    </div>
  );
}
