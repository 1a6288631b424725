"use client";
import { useMutation } from "@tanstack/react-query";
import { ArrowDownIcon, CheckCircle2Icon, CircleIcon, ExternalLinkIcon, TriangleAlertIcon, XCircleIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useConnection, useSwitchChain } from "wagmi";
import { errorMessage } from "@/components/feedback/errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { useTRPC } from "@/lib/trpc/client";
import { chainName } from "@/lib/web3/chains";
import { normaliseWalletError } from "@/lib/web3/errors";
import { shortAddress } from "@/lib/web3/format";
import { formatBps, formatTokenAmount } from "@/lib/web3/swap/amount";
import type { Address, BuiltSwap } from "@/lib/web3/swap/types";
import { Row } from "./quote-route";
import { TokenLogo } from "./token-logo";
import { useSwapExecution, type ExecStep } from "./use-swap-execution";
import type { SwapToken } from "./use-swap-data";

export type ReviewRequest = {
  chainId: number;
  tokenIn: SwapToken;
  tokenOut: SwapToken;
  amountIn: bigint;
  slippageBps: number | undefined;
  deadlineMinutes: number;
  account: Address;
};

function StepIcon({ status }: { status: ExecStep["status"] }) {
  if (status === "done") return <CheckCircle2Icon aria-hidden="true" className="size-5 text-positive" />;
  if (status === "failed") return <XCircleIcon aria-hidden="true" className="size-5 text-negative" />;
  if (status === "wallet" || status === "pending") return <Spinner className="size-5" />;
  return <CircleIcon aria-hidden="true" className="size-5 text-muted-foreground" />;
}

const STEP_HINT: Record<ExecStep["status"], string> = {
  idle: "Waiting",
  wallet: "Confirm in your wallet",
  pending: "Waiting for the chain",
  done: "Done",
  failed: "Failed",
};

function Amount({ token, raw, sign }: { token: SwapToken; raw: bigint; sign?: "+" | "-" }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <span className="tabular truncate font-mono text-2xl font-semibold" title={raw.toString()}>
        {sign ?? ""}
        {formatTokenAmount(raw, token.decimals, 8)}
      </span>
      <span className="inline-flex shrink-0 items-center gap-2 font-semibold">
        <TokenLogo logo={token.logo} symbol={token.symbol} size={28} />
        {token.symbol}
      </span>
    </div>
  );
}

export function SwapReview({
  open,
  onOpenChange,
  request,
  tokenOf,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  request: ReviewRequest | null;
  tokenOf: (address: string) => SwapToken | undefined;
}) {
  const trpc = useTRPC();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const build = useMutation(trpc.defi.buildSwap.mutationOptions());
  const [unlimited, setUnlimited] = useState(false);
  const [requoted, setRequoted] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const exec = useSwapExecution(request?.chainId ?? 0);
  const built: BuiltSwap | undefined = build.data;
  const { mutate: doBuild, reset: resetBuild } = build;
  const lastReq = useRef<ReviewRequest | null>(null);

  const buildNow = (req: ReviewRequest, unlimitedApproval: boolean) =>
    doBuild({
      chainId: req.chainId,
      tokenIn: req.tokenIn.address,
      tokenOut: req.tokenOut.address,
      amountIn: req.amountIn,
      slippageBps: req.slippageBps,
      deadlineMinutes: req.deadlineMinutes,
      account: req.account,
      unlimitedApproval,
    });

  // A new review: build the transactions (the server quotes again and simulates them).
  useEffect(() => {
    if (!open || !request || lastReq.current === request) return;
    lastReq.current = request;
    setUnlimited(false);
    setRequoted(false);
    setSwitchError(null);
    exec.reset();
    resetBuild();
    buildNow(request, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per request
  }, [open, request]);

  if (!request) return null;
  const { tokenIn, tokenOut } = request;
  const wrongChain = connection.status === "connected" && connection.chainId !== request.chainId;
  const started = exec.steps.length > 0;
  const finished = !!exec.record || (!!exec.error && !exec.running);
  const canSign = !!built && built.simulation.ok && !wrongChain && !exec.running && !started;

  const confirm = () => {
    if (!built) return;
    // A quote past its expiry is rebuilt (fresh price and simulation) and shown again first.
    if (built.quote.expiresAt <= Date.now()) {
      setRequoted(true);
      buildNow(request, unlimited);
      return;
    }
    setRequoted(false);
    void exec.run(built, {
      approve: (token) => `Approve ${tokenOf(token)?.symbol ?? shortAddress(token)}${unlimited ? " (unlimited)" : ""}`,
      swap: built.quote.kind === "wrap" ? `Wrap ${tokenIn.symbol}` : built.quote.kind === "unwrap" ? `Unwrap ${tokenIn.symbol}` : `Swap ${tokenIn.symbol} for ${tokenOut.symbol}`,
    });
  };

  const doSwitch = () => {
    setSwitchError(null);
    switchChain.mutate({ chainId: request.chainId }, { onError: (err) => setSwitchError(normaliseWalletError(err).message) });
  };

  const record = exec.record;
  const q = built?.quote;

  return (
    <Dialog open={open} onOpenChange={(o) => (exec.running && !o ? undefined : onOpenChange(o))}>
      <DialogContent className="max-w-lg" data-testid="swap-review" aria-busy={build.isPending || exec.running}>
        <DialogHeader>
          <DialogTitle>{started ? (record?.status === "confirmed" ? "Swap complete" : record ? "Swap failed" : "Swapping") : "Review swap"}</DialogTitle>
          <DialogDescription>
            On {chainName(request.chainId)} from <span className="font-mono">{shortAddress(request.account)}</span>. Signed in your wallet; Lodestar never holds your tokens.
          </DialogDescription>
        </DialogHeader>

        <div className="grid gap-2 rounded-xl border bg-muted/30 p-4">
          <span className="text-xs text-muted-foreground">You pay</span>
          <Amount token={tokenIn} raw={request.amountIn} />
          <ArrowDownIcon aria-hidden="true" className="mx-auto size-4 text-muted-foreground" />
          <span className="text-xs text-muted-foreground">You receive (quoted)</span>
          {q ? <Amount token={tokenOut} raw={q.amountOut} /> : <Skeleton className="h-8 w-full" />}
        </div>

        {build.isPending ? (
          <div className="grid gap-2" aria-label="Preparing the transactions">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : build.isError ? (
          <Alert variant="destructive" data-testid="swap-error">
            <TriangleAlertIcon />
            <AlertTitle>Could not prepare the swap</AlertTitle>
            <AlertDescription>{errorMessage(build.error)}</AlertDescription>
          </Alert>
        ) : built && q ? (
          <>
            {requoted ? (
              <Alert variant="info" data-testid="requoted">
                <AlertTitle>The quote expired and was refreshed</AlertTitle>
                <AlertDescription>Check the new amounts, then confirm again.</AlertDescription>
              </Alert>
            ) : null}
            <dl className="grid text-sm">
              <Row label="Minimum received">
                {formatTokenAmount(q.minAmountOut, tokenOut.decimals, 8)} {tokenOut.symbol}
              </Row>
              <Row label={`Max slippage${q.autoSlippage ? " (auto)" : ""}`}>{formatBps(q.slippageBps)}</Row>
              <Row label="Price impact">{formatBps(q.priceImpactBps)}</Row>
              <Row label="Quote block">#{q.block.toLocaleString("en-US")}</Row>
            </dl>

            <section className="grid gap-2" aria-label="Simulated balance changes">
              <h4 className="text-sm font-medium">Simulation</h4>
              {built.simulation.ok ? (
                <ul className="grid gap-1.5 rounded-lg border p-3 text-sm" data-testid="simulation-changes">
                  {built.simulation.changes.length === 0 ? <li className="text-muted-foreground">No balance changes.</li> : null}
                  {built.simulation.changes.map((c) => {
                    const t = tokenOf(c.token);
                    return (
                      <li key={c.token} className="flex items-center justify-between gap-2" data-token={c.symbol} data-diff={c.diff.toString()}>
                        <span className="inline-flex items-center gap-2">
                          <TokenLogo logo={t?.logo} symbol={c.symbol} size={20} />
                          {c.symbol}
                        </span>
                        <span className={cn("tabular font-mono", c.diff > 0n ? "text-positive" : c.diff < 0n ? "text-negative" : "")}>
                          {c.diff > 0n ? "+" : ""}
                          {formatTokenAmount(c.diff, c.decimals, 8)}
                        </span>
                      </li>
                    );
                  })}
                  <li className="mt-1 text-xs text-muted-foreground">Simulated at block #{q.block.toLocaleString("en-US")}; gas used {built.simulation.gasUsed.toLocaleString("en-US")}.</li>
                </ul>
              ) : (
                <Alert variant="destructive" data-testid="simulation-failed">
                  <TriangleAlertIcon />
                  <AlertTitle>This swap would fail</AlertTitle>
                  <AlertDescription>{built.simulation.reason}</AlertDescription>
                </Alert>
              )}
            </section>

            {!tokenIn.native && (built.approvals.length > 0 || unlimited) && !started ? (
              <label className="flex items-start justify-between gap-3 rounded-lg border p-3 text-sm">
                <span className="grid gap-0.5">
                  <span className="font-medium">Unlimited approval</span>
                  <span className="text-xs text-muted-foreground">
                    {unlimited
                      ? `Lets the Lodestar executor spend any amount of your ${tokenIn.symbol} from now on.`
                      : `Approves exactly ${formatTokenAmount(request.amountIn, tokenIn.decimals, 8)} ${tokenIn.symbol} for this swap only.`}
                  </span>
                </span>
                <Switch
                  checked={unlimited}
                  aria-label="Unlimited approval"
                  data-testid="unlimited-approval"
                  onCheckedChange={(v) => {
                    setUnlimited(v);
                    buildNow(request, v);
                  }}
                />
              </label>
            ) : null}
          </>
        ) : null}

        {started ? (
          <ol className="grid gap-2" aria-label="Progress">
            {exec.steps.map((s) => (
              <li key={s.id} className="flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm" data-testid={s.kind === "approve" ? "approve-step" : "swap-step"} data-status={s.status}>
                <StepIcon status={s.status} />
                <span className="grid flex-1">
                  <span className="font-medium">{s.label}</span>
                  <span className="text-xs text-muted-foreground">
                    {STEP_HINT[s.status]}
                    {s.hash ? <> · <span className="font-mono">{shortAddress(s.hash, 6)}</span></> : null}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        ) : built && built.approvals.length > 0 ? (
          <ol className="grid gap-2" aria-label="Steps">
            {built.approvals.map((a, i) => (
              <li key={i} className="flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm" data-testid="approve-step" data-status="idle">
                <StepIcon status="idle" />
                Approve {tokenOf(a.token)?.symbol ?? shortAddress(a.token)}
              </li>
            ))}
            <li className="flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm" data-testid="swap-step" data-status="idle">
              <StepIcon status="idle" />
              Swap
            </li>
          </ol>
        ) : null}

        {record?.status === "confirmed" ? (
          <Alert variant="success" data-testid="swap-result" data-amount-in={record.amountIn?.toString()} data-amount-out={record.amountOut?.toString()} data-hash={record.hash}>
            <CheckCircle2Icon />
            <AlertTitle>
              Swapped {record.amountIn !== null ? formatTokenAmount(record.amountIn, tokenIn.decimals, 8) : "?"} {tokenIn.symbol} for{" "}
              {record.amountOut !== null ? formatTokenAmount(record.amountOut, tokenOut.decimals, 8) : "?"} {tokenOut.symbol}
            </AlertTitle>
            <AlertDescription>
              Verified on chain in block #{record.blockNumber?.toLocaleString("en-US")}.{" "}
              <Link href="/swap/history" className="inline-flex items-center gap-1 text-foreground underline-offset-4 hover:underline">
                View history <ExternalLinkIcon className="size-3" />
              </Link>
            </AlertDescription>
          </Alert>
        ) : record ? (
          <Alert variant="destructive" data-testid="swap-error" data-status={record.status}>
            <XCircleIcon />
            <AlertTitle>The swap {record.status === "failed" ? "failed on chain" : `was ${record.status}`} — nothing was swapped</AlertTitle>
            <AlertDescription>{record.error ?? "The transaction did not go through."} Your {tokenIn.symbol} stayed in your wallet (only gas was spent).</AlertDescription>
          </Alert>
        ) : exec.error ? (
          <Alert variant="destructive" data-testid="swap-error">
            <TriangleAlertIcon />
            <AlertTitle>The swap did not go through</AlertTitle>
            <AlertDescription>{exec.error}</AlertDescription>
          </Alert>
        ) : exec.statusError && exec.swapHash ? (
          <p className="text-xs text-warning">Still checking the transaction: {errorMessage(exec.statusError)}</p>
        ) : null}

        {switchError ? (
          <p role="alert" className="text-sm text-negative">
            {switchError}
          </p>
        ) : null}

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          {finished ? (
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Close
            </Button>
          ) : null}
          {finished && exec.error ? (
            <Button
              onClick={() => {
                exec.reset();
                buildNow(request, unlimited);
              }}
            >
              Try again
            </Button>
          ) : null}
          {!started ? (
            wrongChain ? (
              <Button size="lg" className="w-full sm:w-auto" onClick={doSwitch} disabled={switchChain.isPending} data-testid="switch-chain">
                {switchChain.isPending ? <Spinner /> : null}
                Switch to {chainName(request.chainId)}
              </Button>
            ) : (
              <Button size="lg" className="w-full sm:w-auto" onClick={confirm} disabled={!canSign} data-testid="confirm-swap">
                {build.isPending ? <Spinner /> : null}
                {built && built.approvals.length > 0 ? `Approve and swap` : q?.kind === "wrap" ? "Confirm wrap" : q?.kind === "unwrap" ? "Confirm unwrap" : "Confirm swap"}
              </Button>
            )
          ) : null}
        </div>
      </DialogContent>
    </Dialog>
  );
}
