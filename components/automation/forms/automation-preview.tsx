"use client";
// The live preview beside the create form (automation.preview): what would happen now, with
// real quotes — DCA's next runs, per-run quote and funding; a rebalance's drift and order plan;
// a stop's price, level and what it would sell. Shown only while the form parses.
import type { inferRouterOutputs } from "@trpc/server";
import { AlertTriangleIcon, EyeIcon } from "lucide-react";
import Link from "next/link";
import type { SwapToken } from "@/components/swap/use-swap-data";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { formatBps } from "@/lib/web3/swap/amount";
import type { AppRouter } from "@/server/api/root";
import { fmtRaw, fmtUsd, RelativeTime } from "../automation-meta";

type Preview = inferRouterOutputs<AppRouter>["automation"]["preview"];
type Quote = { amountOut: string | null; minAmountOut: string | null; priceImpactBps: number | null; gasCostOut: string | null; block: string | null; error: string | null };

export function PreviewCard({
  data,
  loading,
  error,
  waitingFor,
  byAddress,
  config,
  rail,
  chainId,
  railReady,
}: {
  data: Preview | undefined;
  loading: boolean;
  error: string | null;
  waitingFor: string | null;
  byAddress: (a: string) => SwapToken | undefined;
  config: Record<string, unknown>;
  rail: "paper" | "vault";
  chainId: number;
  /** Overrides the preview's railReady (the vault rail is checked on the client: vault + keeper). */
  railReady?: boolean;
}) {
  return (
    <Card className="h-fit lg:sticky lg:top-20" data-testid="automation-preview" data-state={waitingFor ? "waiting" : loading && !data ? "loading" : error ? "error" : "ready"}>
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle className="flex items-center gap-2">
            <EyeIcon aria-hidden="true" className="size-4 text-muted-foreground" />
            Preview
          </CardTitle>
          <CardDescription>What it would do right now, at the pools&apos; current prices.</CardDescription>
        </div>
        {loading ? <Spinner className="text-muted-foreground" /> : null}
      </CardHeader>
      <div className="grid gap-4 px-5 pb-5 text-sm">
        {waitingFor ? (
          <p className="rounded-lg border border-dashed px-4 py-8 text-center text-muted-foreground" data-testid="preview-waiting">
            {waitingFor}
          </p>
        ) : error ? (
          <p role="alert" className="text-negative" data-testid="preview-error">
            {error}
          </p>
        ) : !data ? (
          <div className="grid gap-2">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : (
          <>
            {!(railReady ?? data.railReady) ? <RailWarning rail={rail} chainId={chainId} /> : null}
            {data.kind === "dca" ? <DcaPreview p={data} byAddress={byAddress} config={config} /> : data.kind === "rebalance" ? <RebalancePreview p={data} byAddress={byAddress} /> : <StopPreview p={data} byAddress={byAddress} config={config} />}
          </>
        )}
      </div>
    </Card>
  );
}

function RailWarning({ rail, chainId }: { rail: "paper" | "vault"; chainId: number }) {
  return (
    <p className="flex gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-xs" data-testid="preview-rail-warning">
      <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-warning" />
      {rail === "paper" ? (
        <span>
          No paper account on this chain yet.{" "}
          <Link href={`/automation/paper?chain=${chainId}`} className="font-medium text-primary hover:underline">
            Set starting balances
          </Link>{" "}
          before creating it.
        </span>
      ) : (
        <span>
          No vault with Lodestar&apos;s keeper on this chain yet.{" "}
          <Link href="/automation/vault" className="font-medium text-primary hover:underline">
            Set up the vault
          </Link>
        </span>
      )}
    </p>
  );
}

function Row({ label, children, testId }: { label: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1" data-testid={testId}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="tabular text-right font-medium">{children}</dd>
    </div>
  );
}

const impactTone = (bps: number | null) => (bps === null ? "" : bps > 500 ? "text-negative" : bps > 100 ? "text-warning" : "");
const impact = (bps: number | null) => (bps === null ? "–" : bps < 1 ? "<0.01 %" : formatBps(bps));

function QuoteRows({ q, tokenOut }: { q: Quote | null; tokenOut: SwapToken | undefined }) {
  if (!q) return null;
  if (q.error) return <p className="text-xs text-negative">{q.error}</p>;
  return (
    <>
      <Row label="You receive (est.)" testId="preview-amount-out">
        {fmtRaw(q.amountOut, tokenOut)}
      </Row>
      <Row label="Minimum (slippage)">{fmtRaw(q.minAmountOut, tokenOut)}</Row>
      <Row label="Price impact" testId="preview-impact">
        <span className={impactTone(q.priceImpactBps)}>{impact(q.priceImpactBps)}</span>
      </Row>
      {q.gasCostOut ? <Row label="Gas (vault rail)">≈ {fmtRaw(q.gasCostOut, tokenOut, 4)}</Row> : null}
    </>
  );
}

function DcaPreview({ p, byAddress, config }: { p: Extract<Preview, { kind: "dca" }>; byAddress: (a: string) => SwapToken | undefined; config: Record<string, unknown> }) {
  const tIn = byAddress(String(config.tokenIn ?? ""));
  const tOut = byAddress(String(config.tokenOut ?? ""));
  const held = BigInt(p.heldRaw);
  const budget = p.budgetRaw ? BigInt(p.budgetRaw) : null;
  const short = budget !== null && held < budget;
  return (
    <>
      <section className="grid gap-1" aria-label="Next runs">
        <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Next runs · {p.every}</h4>
        <ol className="grid gap-1" data-testid="preview-next-runs">
          {p.nextRuns.map((t, i) => (
            <li key={t} className="flex items-center justify-between gap-2 rounded-md bg-muted/40 px-2.5 py-1.5 text-xs">
              <span className="text-muted-foreground">#{i + 1}</span>
              <Time date={new Date(t)} className="tabular" />
              <RelativeTime date={t} futureOnly className="tabular text-muted-foreground" />
            </li>
          ))}
        </ol>
        {p.lastRunAt ? (
          <p className="text-xs text-muted-foreground">
            Last buy <Time date={new Date(p.lastRunAt)} />
          </p>
        ) : null}
      </section>
      <dl className="grid divide-y border-y">
        <Row label="Per run">{fmtRaw(String(config.amountInRaw ?? ""), tIn)}</Row>
        <QuoteRows q={p.perRun} tokenOut={tOut} />
        {p.priceUsd !== null ? <Row label={`${tOut?.symbol ?? "Token"} price`}>{fmtUsd(p.priceUsd)}</Row> : null}
        <Row label="Budget" testId="preview-budget">
          {budget !== null ? fmtRaw(budget, tIn) : "Open-ended"}
        </Row>
        <Row label="Runs funded" testId="preview-runs-funded">
          <span className={cn(short || p.runsFunded === 0 ? "text-warning" : "text-positive")}>
            {p.runsFunded.toLocaleString("en-US")} · holds {fmtRaw(held, tIn)}
          </span>
        </Row>
      </dl>
      {p.pausedNow ? <p className="text-xs text-warning">The price is outside your band now: the next buy would be skipped.</p> : null}
      {p.railReady && short ? <p className="text-xs text-warning">The rail holds less than the whole budget; later buys will fail unless you top it up.</p> : null}
    </>
  );
}

type Asset = { token: string; symbol: string; weightBps: number; targetBps: number; driftBps: number; valueUsd: number };
type Order = { symbolIn: string; symbolOut: string; tokenOut: string; amountInRaw: string; estUsd: number; quote: Quote };

function RebalancePreview({ p, byAddress }: { p: Extract<Preview, { kind: "rebalance" }>; byAddress: (a: string) => SwapToken | undefined }) {
  const assets = ((p.analysis as { assets?: Asset[] }).assets ?? []) as Asset[];
  const maxDrift = Number((p.analysis as { maxDriftBps?: number }).maxDriftBps ?? 0);
  const orders = p.orders as unknown as Order[];
  const skipped = p.skipped as unknown as { reason: string; estUsd: number }[];
  return (
    <>
      <Row label="Portfolio on the rail">{fmtUsd(p.totalUsd)}</Row>
      <section className="grid gap-2" aria-label="Current and target weights" data-testid="preview-weights">
        <h4 className="flex justify-between text-xs font-medium tracking-wide text-muted-foreground uppercase">
          <span>Current → target</span>
          <span>max drift {formatBps(maxDrift)}</span>
        </h4>
        {assets.map((a) => (
          <div key={a.token} className="grid gap-1">
            <div className="flex justify-between text-xs">
              <span className="font-medium">{a.symbol}</span>
              <span className="tabular text-muted-foreground">
                {formatBps(a.weightBps)} → <span className="text-foreground">{formatBps(a.targetBps)}</span>
              </span>
            </div>
            <div className="relative h-2 rounded-full bg-muted" aria-hidden="true">
              <div className="absolute inset-y-0 left-0 rounded-full bg-primary/70" style={{ width: `${Math.min(100, a.weightBps / 100)}%` }} />
              <div className="absolute inset-y-[-3px] w-0.5 rounded bg-foreground" style={{ left: `${Math.min(100, a.targetBps / 100)}%` }} />
            </div>
          </div>
        ))}
      </section>
      <section className="grid gap-2" aria-label="Order plan" data-testid="preview-orders" data-count={orders.length}>
        <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Order plan</h4>
        {orders.length === 0 ? (
          <p className="text-xs text-muted-foreground">No trade needed now{skipped.length ? ` (${skipped.map((s) => s.reason).join("; ")})` : ""}.</p>
        ) : (
          <ul className="grid gap-1.5">
            {orders.map((o, i) => (
              <li key={i} className="grid gap-0.5 rounded-md bg-muted/40 px-2.5 py-2 text-xs">
                <span className="flex justify-between font-medium">
                  <span>
                    {o.symbolIn} → {o.symbolOut}
                  </span>
                  <span className="tabular">{fmtUsd(o.estUsd)}</span>
                </span>
                <span className="flex justify-between gap-2 text-muted-foreground">
                  {o.quote.error ? (
                    <span className="text-negative">{o.quote.error}</span>
                  ) : (
                    <>
                      <span className="tabular">≈ {fmtRaw(o.quote.amountOut, byAddress(o.tokenOut))}</span>
                      <span className={impactTone(o.quote.priceImpactBps)}>impact {impact(o.quote.priceImpactBps)}</span>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <dl className="grid divide-y border-y">
        <Row label="Turnover">{fmtUsd(p.costs.turnoverUsd)}</Row>
        <Row label="Trading cost (est.)">{fmtUsd(p.costs.tradingCostUsd)}</Row>
        <Row label="Gas (vault rail)">{fmtUsd(p.costs.gasUsd)}</Row>
        <Row label="Total cost" testId="preview-cost">
          {fmtUsd(p.costs.totalCostUsd)} · {formatBps(p.costs.costBpsOfPortfolio)}
        </Row>
      </dl>
      {p.nextRuns.length ? (
        <p className="text-xs text-muted-foreground">
          Next periodic run <Time date={new Date(p.nextRuns[0]!)} />
        </p>
      ) : null}
    </>
  );
}

function StopPreview({ p, byAddress, config }: { p: Exclude<Preview, { kind: "dca" } | { kind: "rebalance" }>; byAddress: (a: string) => SwapToken | undefined; config: Record<string, unknown> }) {
  const token = byAddress(String(config.token ?? ""));
  const quote = byAddress(String(config.quoteToken ?? ""));
  const wrongSide = p.price !== null && p.level !== null && ((p.kind === "stop_loss" && p.level >= p.price) || (p.kind === "take_profit" && p.level <= p.price));
  return (
    <>
      <dl className="grid divide-y border-y">
        <Row label="Current price" testId="preview-price">
          {p.price === null ? "no price" : fmtUsd(p.price)}
        </Row>
        <Row label={p.kind === "trailing_stop" ? "Level now (trails the high)" : "Trigger level"} testId="preview-level">
          {p.level === null ? "–" : fmtUsd(p.level)}
        </Row>
        <Row label="Distance" testId="preview-distance">
          <span className={cn(wrongSide && "text-negative")}>{p.distanceBps === null ? "–" : formatBps(Math.abs(p.distanceBps))}</span>
        </Row>
        <Row label="Would sell now" testId="preview-sell">
          {fmtRaw(p.sellRaw, token)}
        </Row>
        <QuoteRows q={p.quoteNow} tokenOut={quote} />
        <Row label="At block">{Number(p.block).toLocaleString("en-US")}</Row>
      </dl>
      {wrongSide ? (
        <p className="text-xs text-negative" data-testid="preview-wrong-side">
          The {p.kind === "stop_loss" ? "stop is at or above" : "target is at or below"} the current price: it would fire at once.
        </p>
      ) : null}
      {p.railReady && p.sellRaw === "0" ? <p className="text-xs text-warning">The rail holds no {token?.symbol ?? "token"}: the stop would have nothing to sell.</p> : null}
    </>
  );
}
