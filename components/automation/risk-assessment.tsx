"use client";
// Risk of what the paper account or the vault holds: one-day VaR and CVaR by method
// (historical, parametric normal, seeded Monte Carlo) at 95 / 99 %, in % and USD; the
// correlation of the holdings' daily returns as a heatmap; concentration (HHI, effective N,
// top weight). The window, the number of paths and the seed are shown so a figure can be
// reproduced (same seed → same Monte Carlo numbers).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { GaugeIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBps, formatUsd } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

const PATHS = [1_000, 10_000, 50_000, 100_000] as const;
const LOOKBACKS = [30, 90, 180, 365, 730] as const;
const METHODS = [
  { key: "historical", label: "Historical" },
  { key: "parametric", label: "Parametric (normal)" },
  { key: "monteCarlo", label: "Monte Carlo" },
] as const;

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
const usd = (x: number | undefined) => (x === undefined ? "–" : formatUsd(x.toFixed(2)));

/** Correlation → a cell colour: red for +1, blue for −1, transparent at 0. */
function corrColor(v: number | null) {
  if (v === null) return "transparent";
  const a = Math.min(1, Math.abs(v)) * 0.75;
  return v >= 0 ? `rgb(239 68 68 / ${a})` : `rgb(59 130 246 / ${a})`;
}

export function RiskAssessment() {
  const trpc = useTRPC();
  const [rail, setRail] = useState<"paper" | "vault">("paper");
  const [chainId, setChainId] = useState<number>(LOCAL_CHAIN_IDS[0]);
  const [lookbackDays, setLookback] = useState<number>(180);
  const [paths, setPaths] = useState<number>(10_000);
  const [seedText, setSeedText] = useState("1");
  const seed = /^\d{1,9}$/.test(seedText) ? Number(seedText) : 1;
  // Whether the rail holds anything, first: assessing an empty rail is an error the empty
  // state below explains better (and without a failed request).
  const paper = useQuery(trpc.automation.paper.account.queryOptions({ chainId }, { enabled: rail === "paper", staleTime: 30_000 }));
  const vaults = useQuery(trpc.automation.vault.state.queryOptions({ chainId }, { enabled: rail === "vault", staleTime: 30_000 }));
  const holds =
    rail === "paper"
      ? paper.data
        ? paper.data.exists && paper.data.balances.some((b) => b.amountRaw > 0n)
        : null
      : vaults.data
        ? vaults.data.vaults.some((v) => v.registered && v.tokens.some((t) => t.balance > 0n))
        : null;
  const holdingsError = rail === "paper" ? paper.error : vaults.error;
  const q = useQuery(
    trpc.automation.risk.assess.queryOptions(
      { rail, chainId, lookbackDays, paths, seed },
      { enabled: holds === true, placeholderData: keepPreviousData, staleTime: 60_000, retry: false },
    ),
  );
  const a = holds ? q.data : undefined;
  const empty = holds === false || (q.isError && /holds nothing/i.test(errorMessage(q.error)));

  return (
    <Card data-testid="risk-assessment" data-loading={q.isFetching ? "true" : undefined}>
      <CardHeader>
        <CardTitle>Risk assessment</CardTitle>
        <CardDescription>One-day loss you should not exceed with 95 % / 99 % confidence (VaR), and the average loss beyond it (CVaR), from the holdings&apos; daily history.</CardDescription>
      </CardHeader>
      <div className="grid gap-5 px-5 pb-5">
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="grid gap-1">
            <span className="text-xs text-muted-foreground">Holdings</span>
            <NativeSelect value={rail} onChange={(e) => setRail(e.target.value as "paper" | "vault")} data-testid="risk-rail">
              <option value="paper">Paper account</option>
              <option value="vault">Vault</option>
            </NativeSelect>
          </label>
          <label className="grid gap-1">
            <span className="text-xs text-muted-foreground">Chain</span>
            <NativeSelect value={chainId} onChange={(e) => setChainId(Number(e.target.value))} data-testid="risk-chain">
              {LOCAL_CHAIN_IDS.map((id) => (
                <option key={id} value={id}>
                  {chainName(id)}
                </option>
              ))}
            </NativeSelect>
          </label>
          <label className="grid gap-1">
            <span className="text-xs text-muted-foreground">Lookback</span>
            <NativeSelect value={lookbackDays} onChange={(e) => setLookback(Number(e.target.value))} data-testid="risk-lookback">
              {LOOKBACKS.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </NativeSelect>
          </label>
          <div className="grid gap-1">
            <span className="text-xs text-muted-foreground">Monte Carlo paths</span>
            <div className="inline-flex rounded-lg border bg-muted/30 p-0.5" role="radiogroup" aria-label="Monte Carlo paths" data-testid="risk-paths">
              {PATHS.map((p) => (
                <button
                  key={p}
                  type="button"
                  role="radio"
                  aria-checked={paths === p}
                  onClick={() => setPaths(p)}
                  className={cn("h-7 rounded-md px-2.5 text-xs font-medium text-muted-foreground", paths === p && "bg-background text-foreground shadow-sm")}
                >
                  {p.toLocaleString("en-US")}
                </button>
              ))}
            </div>
          </div>
          <label className="grid gap-1">
            <span className="text-xs text-muted-foreground">Seed</span>
            <Input className="tabular h-9 w-24 font-mono" inputMode="numeric" value={seedText} onChange={(e) => setSeedText(e.target.value.replace(/\D/g, "").slice(0, 9))} data-testid="risk-seed" />
          </label>
        </div>

        {holdingsError ? (
          <p role="alert" className="text-sm text-destructive" data-testid="risk-error">
            {errorMessage(holdingsError)}
          </p>
        ) : holds === null || (holds && q.isPending) ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Assessing risk">
            <Skeleton className="h-40 w-full" />
            <Skeleton className="h-32 w-2/3" />
          </div>
        ) : empty || q.isError ? (
          empty ? (
            <EmptyState
              icon={<GaugeIcon />}
              title={`Your ${rail === "paper" ? "paper account" : "vault"} on ${chainName(chainId)} holds nothing to assess`}
              description={rail === "paper" ? "Set starting balances on the paper trading page first." : "Create and fund your vault first."}
              action={
                <Button asChild size="sm" variant="outline">
                  <Link href={rail === "paper" ? `/automation/paper?chain=${chainId}` : `/automation/vault?chain=${chainId}`}>{rail === "paper" ? "Paper trading" : "Vault"}</Link>
                </Button>
              }
            />
          ) : (
            <p role="alert" className="text-sm text-destructive" data-testid="risk-error">
              {errorMessage(q.error)}
            </p>
          )
        ) : a ? (
          <>
            <p className="text-xs text-muted-foreground" data-testid="risk-window">
              Value {formatUsd(a.valueUsd.toFixed(2))} · window {a.window.from} → {a.window.to} ({a.observations} daily returns) · {a.monteCarlo.paths.toLocaleString("en-US")} Monte Carlo paths, seed{" "}
              {a.monteCarlo.seed} · volatility {pct(a.volDaily)} a day ({pct(a.volAnnual)} a year)
            </p>
            {a.volDaily === 0 ? <p className="text-xs text-muted-foreground">Only stablecoins are held: no price history moves them, so every loss figure is 0.</p> : null}
            <div className="overflow-x-auto rounded-lg border">
              <Table data-testid="risk-var-table">
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>Method</TableHead>
                    {a.levels.map((l) => (
                      <TableHead key={`v${l.confidence}`} className="text-right">
                        VaR {Math.round(l.confidence * 100)} %
                      </TableHead>
                    ))}
                    {a.levels.map((l) => (
                      <TableHead key={`c${l.confidence}`} className="text-right">
                        CVaR {Math.round(l.confidence * 100)} %
                      </TableHead>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {METHODS.map((m) => (
                    <TableRow key={m.key} data-testid="risk-var-row" data-method={m.key}>
                      <TableCell className="font-medium">{m.label}</TableCell>
                      {a.levels.map((l) => (
                        <TableCell key={`v${l.confidence}`} className="tabular text-right">
                          <span className="block">{pct(l.var[m.key])}</span>
                          <span className="block text-xs text-muted-foreground">{usd(l.varUsd?.[m.key])}</span>
                        </TableCell>
                      ))}
                      {a.levels.map((l) => (
                        <TableCell key={`c${l.confidence}`} className="tabular text-right">
                          <span className="block">{pct(l.cvar[m.key])}</span>
                          <span className="block text-xs text-muted-foreground">{usd(l.cvarUsd?.[m.key])}</span>
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
              <section className="grid content-start gap-2" aria-label="Correlation">
                <h4 className="text-sm font-semibold">Correlation of daily returns</h4>
                <div className="overflow-x-auto">
                  <table className="border-separate border-spacing-1 text-xs" data-testid="risk-correlation">
                    <thead>
                      <tr>
                        <th />
                        {a.assets.map((x) => (
                          <th key={x.token} className="px-1 font-medium text-muted-foreground">
                            {x.symbol}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {a.correlation.map((row, i) => (
                        <tr key={i}>
                          <th className="pr-2 text-right font-medium text-muted-foreground">{a.assets[i]?.symbol}</th>
                          {row.map((v, j) => (
                            <td key={j} className="tabular size-12 rounded-md border text-center" style={{ backgroundColor: corrColor(v) }} title={`${a.assets[i]?.symbol} / ${a.assets[j]?.symbol}`}>
                              {v === null ? "–" : v.toFixed(2)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="text-xs text-muted-foreground">Stablecoins have no variance: their cells show “–”. Red: move together; blue: opposite.</p>
              </section>
              <section className="grid content-start gap-2" aria-label="Concentration" data-testid="risk-concentration">
                <h4 className="text-sm font-semibold">Concentration</h4>
                <dl className="grid gap-1.5 rounded-lg border p-3 text-sm">
                  <div className="flex justify-between gap-2">
                    <dt className="text-muted-foreground">HHI</dt>
                    <dd className="tabular font-mono">{a.concentration.hhi.toFixed(3)}</dd>
                  </div>
                  <div className="flex justify-between gap-2">
                    <dt className="text-muted-foreground">Effective N</dt>
                    <dd className="tabular font-mono">{a.concentration.effectiveN.toFixed(2)}</dd>
                  </div>
                  <div className="flex justify-between gap-2">
                    <dt className="text-muted-foreground">Top weight</dt>
                    <dd className="tabular font-mono">
                      {a.assets[a.concentration.topIndex]?.symbol} {formatBps(a.concentration.topWeightBps)}
                    </dd>
                  </div>
                </dl>
                <ul className="grid gap-1 text-xs">
                  {a.assets.map((x, i) => (
                    <li key={x.token} className="grid grid-cols-[3.5rem_minmax(0,1fr)_3.5rem] items-center gap-2">
                      <span className="font-medium">{x.symbol}</span>
                      <span className="h-1.5 overflow-hidden rounded-full bg-muted">
                        <span className="block h-full bg-primary" style={{ width: `${(a.weights[i] ?? 0) * 100}%` }} />
                      </span>
                      <span className="tabular text-right text-muted-foreground">{pct(a.weights[i] ?? 0)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </>
        ) : null}
      </div>
    </Card>
  );
}
