"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, SlidersHorizontalIcon, XCircleIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { formatBps } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";

const RULE_FIELDS = [
  { key: "maxAssetBps", label: "Largest single asset (max %)", fallback: 4000 },
  { key: "maxChainBps", label: "Largest single chain (max %)", fallback: 7000 },
  { key: "minStablecoinBps", label: "Stablecoins (min %)", fallback: 500 },
  { key: "maxStablecoinBps", label: "Stablecoins (max %)", fallback: 5000 },
  { key: "maxProtocolBps", label: "Largest protocol exposure (max %)", fallback: 2500 },
  { key: "drawdownLimitBps", label: "Drawdown limit (%)", fallback: 1500 },
] as const;
type RuleKey = (typeof RULE_FIELDS)[number]["key"];

// "X-ray": each rule with its verdict and numbers; thresholds are the portfolio's own.
export function RulesPanel({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const alloc = useQuery(trpc.portfolio.allocation.queryOptions({ portfolioId }));
  return (
    <Card data-testid="rules-panel">
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1">
          <CardTitle>Rules</CardTitle>
          <CardDescription>Concentration and stablecoin checks against your thresholds.</CardDescription>
        </div>
        <CardAction>
          <EditRules portfolioId={portfolioId} />
        </CardAction>
      </CardHeader>
      <div className="px-5 pb-5">
        {alloc.isPending ? (
          <div className="grid gap-2">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        ) : alloc.isError ? (
          <p role="alert" className="text-sm text-negative">
            {errorMessage(alloc.error)}
          </p>
        ) : alloc.data.rules.length === 0 || alloc.data.byAsset.length === 0 ? (
          <p className="text-sm text-muted-foreground">Rules are checked once the portfolio holds something with a price.</p>
        ) : (
          <ul className="grid gap-2">
            {alloc.data.rules.map((r) => (
              <li key={r.id} className="flex items-start gap-3 rounded-lg border bg-background/40 px-3 py-2.5" data-testid="rule-row" data-rule={r.id} data-ok={r.ok}>
                {r.ok ? (
                  <CheckCircle2Icon aria-label="Pass" className="mt-0.5 size-4 shrink-0 text-positive" />
                ) : (
                  <XCircleIcon aria-label="Fail" className="mt-0.5 size-4 shrink-0 text-negative" />
                )}
                <div className="grid min-w-0 flex-1 gap-0.5">
                  <span className="text-sm font-medium">{r.label}</span>
                  <span className="text-xs text-muted-foreground">{r.detail}</span>
                </div>
                <span className="tabular shrink-0 text-right font-mono text-xs">
                  <span className={r.ok ? "text-foreground" : "text-negative"}>{formatBps(r.actualBps, 1)}</span>
                  <span className="block text-muted-foreground">limit {formatBps(r.thresholdBps, 0)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function EditRules({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const p = useQuery(trpc.portfolio.get.queryOptions({ id: portfolioId }));
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<RuleKey, string>>({} as Record<RuleKey, string>);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const save = useMutation(
    trpc.portfolio.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Thresholds saved");
        setOpen(false);
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors(fe);
        if (!Object.keys(fe).length) toast.error("Could not save the thresholds", { description: errorMessage(err) });
      },
    }),
  );

  function onOpen(next: boolean) {
    if (next) {
      const rules = (p.data?.rules ?? {}) as Partial<Record<RuleKey, number>>;
      setValues(Object.fromEntries(RULE_FIELDS.map((f) => [f.key, String((rules[f.key] ?? f.fallback) / 100)])) as Record<RuleKey, string>);
      setErrors({});
    }
    setOpen(next);
  }

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const rules: Partial<Record<RuleKey, number>> = {};
    const errs: Record<string, string> = {};
    for (const f of RULE_FIELDS) {
      const v = Number(values[f.key]);
      if (!Number.isFinite(v) || v < 0 || v > 100) errs[f.key] = "Enter a percentage between 0 and 100.";
      else rules[f.key] = Math.round(v * 100);
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    save.mutate({ id: portfolioId, rules });
  }

  return (
    <Dialog open={open} onOpenChange={onOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="edit-rules" disabled={!p.data}>
          <SlidersHorizontalIcon aria-hidden="true" /> Thresholds
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="rules-dialog">
        <DialogHeader>
          <DialogTitle>Rule thresholds</DialogTitle>
          <DialogDescription>Percentages of the priced portfolio value.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-3">
          <div className="grid gap-3 sm:grid-cols-2">
            {RULE_FIELDS.map((f) => {
              const id = `rule-${f.key}`;
              const err = errors[f.key] ?? errors.rules;
              return (
                <Field key={f.key} id={id} label={f.label} error={errors[f.key]}>
                  <Input
                    {...fieldAria(id, err)}
                    inputMode="decimal"
                    value={values[f.key] ?? ""}
                    data-testid={`rule-input-${f.key}`}
                    onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                  />
                </Field>
              );
            })}
          </div>
          {errors.rules ? <p className="text-xs text-destructive">{errors.rules}</p> : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending} data-testid="rules-save">
              {save.isPending ? <Spinner /> : null} Save thresholds
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
