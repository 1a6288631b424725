"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellPlusIcon } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { useChainStatus } from "@/components/shell/use-chain-status";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import type { CreateAlertInput } from "@/lib/schemas/notifications";
import { useTRPC } from "@/lib/trpc/client";
import { KIND_LABEL, percentToBps, type AlertKind } from "./format";

const PRICE_KINDS = new Set<AlertKind>(["price_above", "price_below", "price_change"]);

export function AlertForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<AlertKind>("price_above");
  const [chainId, setChainId] = useState<number | null>(null);
  const [token, setToken] = useState("");
  const [priceUsd, setPriceUsd] = useState("");
  const [movePct, setMovePct] = useState("5");
  const [windowHours, setWindowHours] = useState("24");
  const [direction, setDirection] = useState<"both" | "up" | "down">("both");
  const [portfolioId, setPortfolioId] = useState("");
  const [limitPct, setLimitPct] = useState("15");
  const [repeat, setRepeat] = useState(true);

  const chains = useChainStatus();
  const configured = (chains.data ?? []).filter((c) => c.configured);
  const activeChain = chainId ?? configured[0]?.id ?? null;
  const tokens = useQuery({
    ...trpc.defi.tokens.queryOptions({ chainId: activeChain ?? 0 }, { staleTime: 5 * 60_000 }),
    enabled: activeChain !== null && PRICE_KINDS.has(kind),
  });
  const portfolios = useQuery(trpc.portfolio.list.queryOptions());
  const activeToken = token || tokens.data?.tokens[0]?.address || "";
  const activePortfolio = portfolioId || portfolios.data?.[0]?.id || "";

  const create = useMutation(
    trpc.automation.alerts.create.mutationOptions({
      onSuccess: (alert) => {
        toast.success("Alert created", { description: alert.description });
        void queryClient.invalidateQueries(trpc.automation.alerts.pathFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const formError = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    let input: CreateAlertInput;
    if (kind === "price_above" || kind === "price_below") {
      input = { kind, chainId: activeChain ?? 0, token: activeToken, priceUsd, repeat };
    } else if (kind === "price_change") {
      input = { kind, chainId: activeChain ?? 0, token: activeToken, changeBps: percentToBps(movePct), windowHours: Number(windowHours), direction, repeat };
    } else {
      input = { kind, portfolioId: activePortfolio, limitBps: percentToBps(limitPct), repeat };
    }
    create.mutate(input);
  }

  const isPrice = PRICE_KINDS.has(kind);
  const f = (name: string) => `${id}-${name}`;

  return (
    <Card data-testid="alert-form">
      <CardHeader>
        <CardTitle>New alert</CardTitle>
        <CardDescription>The automation worker checks price alerts every few seconds and portfolio alerts every minute, and notifies you once per crossing.</CardDescription>
      </CardHeader>
      <form onSubmit={submit} noValidate>
        <CardContent className="grid gap-4">
          <Field id={f("kind")} label="Alert when">
            <NativeSelect id={f("kind")} value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
              {(Object.keys(KIND_LABEL) as AlertKind[]).map((k) => (
                <option key={k} value={k}>
                  {
                    {
                      price_above: "A price rises above a level",
                      price_below: "A price falls below a level",
                      price_change: "A price moves by a percentage",
                      drawdown: "A portfolio draws down from its peak",
                      concentration: "One holding gets too large",
                    }[k]
                  }
                </option>
              ))}
            </NativeSelect>
          </Field>

          {isPrice ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={f("chain")} label="Chain" error={errors.chainId}>
                {chains.isPending ? (
                  <Skeleton className="h-10 w-full" />
                ) : (
                  <NativeSelect {...fieldAria(f("chain"), errors.chainId)} value={activeChain ?? ""} onChange={(e) => { setChainId(Number(e.target.value)); setToken(""); }}>
                    {configured.length === 0 ? <option value="">No chain configured</option> : null}
                    {configured.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
              <Field id={f("token")} label="Token" error={errors.token}>
                {tokens.isLoading ? (
                  <Skeleton className="h-10 w-full" />
                ) : (
                  <NativeSelect {...fieldAria(f("token"), errors.token)} value={activeToken} onChange={(e) => setToken(e.target.value)} disabled={!tokens.data}>
                    {!tokens.data ? <option value="">{tokens.isError ? "Tokens unavailable" : "Choose a chain"}</option> : null}
                    {tokens.data?.tokens.map((t) => (
                      <option key={t.address} value={t.address}>
                        {t.symbol} · {t.name}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
            </div>
          ) : (
            <Field id={f("portfolio")} label="Portfolio" error={errors.portfolioId}>
              {portfolios.isPending ? (
                <Skeleton className="h-10 w-full" />
              ) : (
                <NativeSelect {...fieldAria(f("portfolio"), errors.portfolioId)} value={activePortfolio} onChange={(e) => setPortfolioId(e.target.value)}>
                  {(portfolios.data ?? []).length === 0 ? <option value="">No portfolio yet</option> : null}
                  {portfolios.data?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </Field>
          )}

          {kind === "price_above" || kind === "price_below" ? (
            <Field id={f("price")} label="Level (USD)" error={errors.priceUsd} hint="Re-arms once the price is back 1 % the other side of the level.">
              <Input {...fieldAria(f("price"), errors.priceUsd, true)} inputMode="decimal" placeholder="3000" value={priceUsd} onChange={(e) => setPriceUsd(e.target.value)} />
            </Field>
          ) : kind === "price_change" ? (
            <div className="grid gap-4 sm:grid-cols-3">
              <Field id={f("move")} label="Move (%)" error={errors.changeBps}>
                <Input {...fieldAria(f("move"), errors.changeBps)} inputMode="decimal" value={movePct} onChange={(e) => setMovePct(e.target.value)} />
              </Field>
              <Field id={f("window")} label="Within (hours)" error={errors.windowHours}>
                <Input {...fieldAria(f("window"), errors.windowHours)} inputMode="numeric" value={windowHours} onChange={(e) => setWindowHours(e.target.value)} />
              </Field>
              <Field id={f("direction")} label="Direction">
                <NativeSelect id={f("direction")} value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
                  <option value="both">Up or down</option>
                  <option value="up">Up</option>
                  <option value="down">Down</option>
                </NativeSelect>
              </Field>
            </div>
          ) : (
            <Field
              id={f("limit")}
              label={kind === "drawdown" ? "Drawdown limit (%)" : "Largest holding limit (%)"}
              error={errors.limitBps}
              hint={kind === "drawdown" ? "Distance of the portfolio below its peak value." : "Share of the portfolio's value in a single asset."}
            >
              <Input {...fieldAria(f("limit"), errors.limitBps, true)} inputMode="decimal" value={limitPct} onChange={(e) => setLimitPct(e.target.value)} />
            </Field>
          )}

          <div className="flex items-center gap-3">
            <Switch id={f("repeat")} checked={repeat} onCheckedChange={setRepeat} />
            <Label htmlFor={f("repeat")} className="font-normal">
              Keep watching after it fires (otherwise alert once)
            </Label>
          </div>
          {formError ? (
            <p role="alert" className="text-sm text-destructive">
              {formError}
            </p>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={create.isPending} data-testid="alert-create">
            {create.isPending ? <Spinner /> : <BellPlusIcon aria-hidden="true" />}
            Create alert
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
