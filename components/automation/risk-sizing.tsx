"use client";
// Position sizing calculator: fixed fraction (risk per trade over the stop distance),
// volatility-scaled (target volatility over the asset's) or Kelly (fractional, capped), on the
// equity of the paper account or vault, after the user's caps and the breaker in force. The
// server rounds the size down to base units; the notes explain every step.
import { useQuery } from "@tanstack/react-query";
import { CalculatorIcon } from "lucide-react";
import { useState } from "react";
import type { z } from "zod";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { useSwapTokens } from "@/components/swap/use-swap-data";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { positionSizeInput } from "@/lib/schemas/automation";
import { formatBps, formatUsd } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { formatTokenAmount, sanitiseAmountTyping } from "@/lib/web3/swap/amount";

type Method = "fixed_fraction" | "volatility_scaled" | "kelly";
type SizeInput = z.input<typeof positionSizeInput>;
const TABS: { key: Method; label: string; hint: string }[] = [
  { key: "fixed_fraction", label: "Fixed fraction", hint: "Risk a fixed share of equity between entry and stop." },
  { key: "volatility_scaled", label: "Volatility-scaled", hint: "Size so the position alone carries your target volatility." },
  { key: "kelly", label: "Kelly", hint: "Fractional Kelly from your win rate and payoff ratio, capped." },
];

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

export function RiskSizing() {
  const trpc = useTRPC();
  const [method, setMethod] = useState<Method>("fixed_fraction");
  const [rail, setRail] = useState<"paper" | "vault">("paper");
  const [chainId, setChainId] = useState<number>(LOCAL_CHAIN_IDS[0]);
  const { tokens } = useSwapTokens(chainId);
  const choices = tokens.filter((t) => !t.native);
  const [tokenAddr, setToken] = useState<string | null>(null);
  const token = choices.find((t) => t.address === tokenAddr) ?? choices.find((t) => t.symbol === "WETH") ?? choices[0];
  const [entry, setEntry] = useState("");
  const [stop, setStop] = useState("");
  const [lookback, setLookback] = useState("90");
  const [winRate, setWinRate] = useState("55");
  const [payoff, setPayoff] = useState("1.5");
  const [submitted, setSubmitted] = useState<SizeInput | null>(null);
  const [tried, setTried] = useState(false);

  const base = { rail, chainId, token: token?.address ?? "" };
  const candidate: SizeInput =
    method === "fixed_fraction"
      ? { method, ...base, stopPriceUsd: stop, ...(entry ? { entryPriceUsd: entry } : {}) }
      : method === "volatility_scaled"
        ? { method, ...base, lookbackDays: Number(lookback) }
        : { method, ...base, winRateBps: Math.round(Number(winRate) * 100), payoffRatio: payoff };
  const parsed = positionSizeInput.safeParse(candidate);
  const issue = (key: string) => (tried && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === key)?.message : undefined);

  const q = useQuery(trpc.automation.positionSize.queryOptions(submitted ?? (candidate as never), { enabled: submitted !== null, retry: false, staleTime: 30_000 }));

  function calculate(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (parsed.success) setSubmitted(candidate);
  }

  const r = q.data;
  return (
    <Card data-testid="risk-sizing">
      <CardHeader>
        <CardTitle>Position size</CardTitle>
        <CardDescription>How much to put into one position, from your equity, your risk settings and the circuit breaker in force.</CardDescription>
      </CardHeader>
      <form onSubmit={calculate} noValidate className="grid gap-4 px-5 pb-5">
        <div className="inline-flex w-fit rounded-lg border bg-muted/30 p-0.5" role="tablist" aria-label="Sizing method">
          {TABS.map((t) => (
            <button
              key={t.key}
              type="button"
              role="tab"
              aria-selected={method === t.key}
              onClick={() => {
                setMethod(t.key);
                setTried(false);
              }}
              className={cn("h-7 rounded-md px-2.5 text-xs font-medium text-muted-foreground", method === t.key && "bg-background text-foreground shadow-sm")}
              data-testid={`sizing-tab-${t.key}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <p className="text-xs text-muted-foreground">{TABS.find((t) => t.key === method)?.hint}</p>
        <div className="grid grid-cols-1 items-start gap-3 sm:grid-cols-3">
          <Field id="sizing-rail" label="Equity of">
            <NativeSelect id="sizing-rail" value={rail} onChange={(e) => setRail(e.target.value as "paper" | "vault")}>
              <option value="paper">Paper account</option>
              <option value="vault">Vault</option>
            </NativeSelect>
          </Field>
          <Field id="sizing-chain" label="Chain">
            <NativeSelect id="sizing-chain" value={chainId} onChange={(e) => setChainId(Number(e.target.value))}>
              {LOCAL_CHAIN_IDS.map((id) => (
                <option key={id} value={id}>
                  {chainName(id)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="sizing-token" label="Token to buy" error={issue("token")}>
            <NativeSelect id="sizing-token" value={token?.address ?? ""} onChange={(e) => setToken(e.target.value)} data-testid="sizing-token">
              {choices.map((t) => (
                <option key={t.address} value={t.address}>
                  {t.symbol}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        {method === "fixed_fraction" ? (
          <div className="grid grid-cols-2 items-start gap-3">
            <Field id="sizing-entry" label="Entry price (USD)" hint="Empty: the current pool price" error={issue("entryPriceUsd")}>
              <Input {...fieldAria("sizing-entry", issue("entryPriceUsd"), true)} inputMode="decimal" className="tabular font-mono" placeholder="current" value={entry} onChange={(e) => setEntry(sanitiseAmountTyping(e.target.value))} />
            </Field>
            <Field id="sizing-stop" label="Stop price (USD)" error={issue("stopPriceUsd")}>
              <Input {...fieldAria("sizing-stop", issue("stopPriceUsd"))} inputMode="decimal" className="tabular font-mono" value={stop} onChange={(e) => setStop(sanitiseAmountTyping(e.target.value))} data-testid="sizing-stop" />
            </Field>
          </div>
        ) : method === "volatility_scaled" ? (
          <Field id="sizing-lookback" label="Volatility lookback (days)" error={issue("lookbackDays")} className="max-w-48">
            <Input {...fieldAria("sizing-lookback", issue("lookbackDays"))} inputMode="numeric" className="tabular font-mono" value={lookback} onChange={(e) => setLookback(e.target.value.replace(/\D/g, ""))} />
          </Field>
        ) : (
          <div className="grid grid-cols-2 items-start gap-3">
            <Field id="sizing-win" label="Win rate (%)" error={issue("winRateBps")}>
              <Input {...fieldAria("sizing-win", issue("winRateBps"))} inputMode="decimal" className="tabular font-mono" value={winRate} onChange={(e) => setWinRate(sanitiseAmountTyping(e.target.value))} />
            </Field>
            <Field id="sizing-payoff" label="Payoff ratio (avg win / avg loss)" error={issue("payoffRatio")}>
              <Input {...fieldAria("sizing-payoff", issue("payoffRatio"))} inputMode="decimal" className="tabular font-mono" value={payoff} onChange={(e) => setPayoff(sanitiseAmountTyping(e.target.value))} />
            </Field>
          </div>
        )}
        <div>
          <Button type="submit" size="sm" disabled={q.isFetching} data-testid="sizing-submit">
            {q.isFetching ? <Spinner /> : <CalculatorIcon />}
            Calculate
          </Button>
        </div>
        {submitted && q.isError ? (
          <p role="alert" className="text-sm text-destructive" data-testid="sizing-error">
            {errorMessage(q.error)}
          </p>
        ) : null}
        {submitted && r ? (
          <div className="grid gap-3 rounded-lg border bg-muted/20 p-4" data-testid="sizing-result" data-amount-raw={r.amountRaw}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="tabular text-2xl font-semibold">
                {formatTokenAmount(BigInt(r.amountRaw), r.decimals, 8)} {r.symbol}
              </span>
              <span className="tabular text-sm text-muted-foreground">
                ≈ {formatUsd(r.usd.toFixed(2))} · {pct(r.fraction)} of {formatUsd(r.equityUsd.toFixed(2))}
              </span>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
              <div>
                <dt className="text-muted-foreground">Method fraction</dt>
                <dd className="tabular">{pct(r.rawFraction)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Capped by</dt>
                <dd>{r.cappedBy === "max_position" ? "Max position" : r.cappedBy === "method_cap" ? "Kelly cap" : "–"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Breaker</dt>
                <dd className="tabular">{r.breakerLevel > 0 ? `L${r.breakerLevel} × ${formatBps(r.breakerMultiplierBps, 0)}` : "none"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Price</dt>
                <dd className="tabular">{formatUsd(r.priceUsd.toFixed(2))}</dd>
              </div>
            </dl>
            <ul className="grid list-disc gap-1 pl-4 text-xs text-muted-foreground">
              {r.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
