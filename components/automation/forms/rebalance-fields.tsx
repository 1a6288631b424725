"use client";
// Rebalance: target weights (must add up to 100 %), threshold or periodic mode, minimum trade.
// Weights are typed in % and sent as basis points (sum 10,000; lib/schemas/automation.ts).
import { PlusIcon, Trash2Icon } from "lucide-react";
import { TokenLogo } from "@/components/swap/token-logo";
import type { SwapToken } from "@/components/swap/use-swap-data";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorText, IntervalField, Segmented, UnitInput, pctToBps, usdOrUndefined, type Errors, type FieldsContext, type IntervalDraft } from "./form-kit";

type TargetRow = { id: number; token: string; pct: string };
export type RebalanceDraft = {
  targets: TargetRow[];
  mode: "threshold" | "periodic";
  threshold: string;
  interval: IntervalDraft;
  minTrade: string;
  slippage: string;
  maxImpact: string;
};

let rowId = 0;
const nextId = () => ++rowId;

/** The form's starting values; `prefill` targets (bps) replace the default 60/40 when the chain lists their tokens. */
export function initialRebalance(tokens: SwapToken[], prefill?: { token: string; weightBps: number }[]): RebalanceDraft {
  const pick = (s: string) => tokens.find((t) => t.symbol === s)?.address ?? "";
  const known = (prefill ?? []).flatMap((p) => {
    const t = tokens.find((x) => x.address.toLowerCase() === p.token.toLowerCase());
    return t ? [{ id: nextId(), token: t.address, pct: String(p.weightBps / 100) }] : [];
  });
  return {
    targets: known.length
      ? known
      : [
          { id: nextId(), token: pick("WETH"), pct: "60" },
          { id: nextId(), token: pick("USDC"), pct: "40" },
        ],
    mode: "threshold",
    threshold: "5",
    interval: { every: "1", unit: "week" },
    minTrade: "10",
    slippage: "0.5",
    maxImpact: "",
  };
}

export const weightSumBps = (d: RebalanceDraft) => d.targets.reduce((s, t) => s + (Number.isFinite(Number(t.pct)) ? Math.round(Number(t.pct || 0) * 100) : 0), 0);

export function buildRebalance(d: RebalanceDraft): { config: Record<string, unknown>; local: Errors } {
  const local: Errors = {};
  d.targets.forEach((t, i) => {
    if (t.pct.trim() === "") local[`config.targets.${i}.weightBps`] = "Enter a weight.";
  });
  return {
    config: {
      targets: d.targets.map((t) => ({ token: t.token || undefined, weightBps: pctToBps(t.pct) ?? 0 })),
      mode: d.mode,
      thresholdBps: d.mode === "threshold" ? pctToBps(d.threshold) : (pctToBps(d.threshold) ?? 0),
      interval: d.mode === "periodic" ? { every: d.interval.every === "" ? undefined : Number(d.interval.every), unit: d.interval.unit } : undefined,
      minTradeUsd: usdOrUndefined(d.minTrade) ?? "0",
      slippageBps: pctToBps(d.slippage),
      maxPriceImpactBps: pctToBps(d.maxImpact),
    },
    local,
  };
}

export function RebalanceFields({ draft, set, ctx }: { draft: RebalanceDraft; set: (d: RebalanceDraft) => void; ctx: FieldsContext }) {
  const e = ctx.errors;
  const sum = weightSumBps(draft);
  const ok = sum === 10_000;
  const unused = ctx.tokens.find((t) => !draft.targets.some((r) => r.token.toLowerCase() === t.address.toLowerCase()));
  const update = (id: number, patch: Partial<TargetRow>) => set({ ...draft, targets: draft.targets.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label>Target weights</Label>
          <span
            className={cn("tabular rounded-full px-2 py-0.5 text-xs font-medium", ok ? "bg-positive/15 text-positive" : "bg-warning/15 text-warning")}
            data-testid="weights-sum"
            data-bps={sum}
            aria-live="polite"
          >
            Sum {(sum / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} % {ok ? "✓" : `(${sum > 10_000 ? "over" : "short"} by ${(Math.abs(10_000 - sum) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %)`}
          </span>
        </div>
        <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
          <div className={cn("h-full transition-all", ok ? "bg-positive" : sum > 10_000 ? "bg-negative" : "bg-warning")} style={{ width: `${Math.min(100, sum / 100)}%` }} />
        </div>
        <ul className="grid gap-2" aria-label="Targets">
          {draft.targets.map((r, i) => {
            const t = ctx.byAddress(r.token);
            const err = e[`config.targets.${i}.token`] ?? e[`config.targets.${i}.weightBps`];
            return (
              <li key={r.id} className="grid gap-1" data-testid="target-row">
                <div className="flex items-center gap-2">
                  <span className="flex size-9 shrink-0 items-center justify-center">{t ? <TokenLogo logo={t.logo} symbol={t.symbol} size={24} /> : null}</span>
                  <NativeSelect aria-label={`Target token ${i + 1}`} className="w-36 shrink-0" value={r.token} onChange={(ev) => update(r.id, { token: ev.target.value })} data-testid="target-token">
                    <option value="">Choose…</option>
                    {ctx.tokens.map((tk) => (
                      <option key={tk.address} value={tk.address}>
                        {tk.symbol}
                      </option>
                    ))}
                  </NativeSelect>
                  <div className="relative flex-1">
                    <Input
                      aria-label={`Weight of ${t?.symbol ?? `target ${i + 1}`} (%)`}
                      inputMode="decimal"
                      className="tabular pr-8 font-mono"
                      value={r.pct}
                      aria-invalid={err ? true : undefined}
                      onChange={(ev) => update(r.id, { pct: ev.target.value.replace(/,/g, ".").replace(/[^\d.]/g, "") })}
                      onBlur={() => ctx.touch(`config.targets.${i}.weightBps`)}
                      data-testid="target-weight"
                    />
                    <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-muted-foreground">%</span>
                  </div>
                  <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove ${t?.symbol ?? "target"}`} disabled={draft.targets.length <= 1} onClick={() => set({ ...draft, targets: draft.targets.filter((x) => x.id !== r.id) })}>
                    <Trash2Icon />
                  </Button>
                </div>
                <ErrorText id={`target-${i}`} error={err} />
              </li>
            );
          })}
        </ul>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" variant="outline" size="sm" disabled={!unused || draft.targets.length >= 25} onClick={() => set({ ...draft, targets: [...draft.targets, { id: nextId(), token: unused?.address ?? "", pct: "" }] })} data-testid="target-add">
            <PlusIcon />
            Add token
          </Button>
          {!ok && draft.targets.length > 0 ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => {
                const each = Math.floor(10_000 / draft.targets.length);
                set({ ...draft, targets: draft.targets.map((r, i) => ({ ...r, pct: String((i === 0 ? 10_000 - each * (draft.targets.length - 1) : each) / 100) })) });
              }}
            >
              Split equally
            </Button>
          ) : null}
        </div>
        <ErrorText id="targets" error={e["config.targets"]} />
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid content-start gap-2">
          <Label>When to trade</Label>
          <Segmented
            label="Mode"
            value={draft.mode}
            options={[
              { value: "threshold", label: "On drift" },
              { value: "periodic", label: "On a schedule" },
            ]}
            onChange={(v) => set({ ...draft, mode: v })}
            testId="rebalance-mode"
          />
        </div>
        {draft.mode === "periodic" ? <IntervalField id="config.interval" label="How often" value={draft.interval} onChange={(v) => set({ ...draft, interval: v })} errors={e} touch={ctx.touch} /> : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <UnitInput
          id="rebalance-threshold"
          label={draft.mode === "threshold" ? "Drift threshold" : "Min drift (optional)"}
          unit="%"
          value={draft.threshold}
          onChange={(v) => set({ ...draft, threshold: v })}
          error={e["config.thresholdBps"]}
          touch={ctx.touch}
          path="config.thresholdBps"
          hint="Percentage points off target."
        />
        <UnitInput id="rebalance-min-trade" label="Min trade" prefix="$" value={draft.minTrade} onChange={(v) => set({ ...draft, minTrade: v })} error={e["config.minTradeUsd"]} touch={ctx.touch} path="config.minTradeUsd" />
        <UnitInput id="rebalance-slippage" label="Slippage" unit="%" value={draft.slippage} onChange={(v) => set({ ...draft, slippage: v })} error={e["config.slippageBps"]} touch={ctx.touch} path="config.slippageBps" />
        <UnitInput id="rebalance-max-impact" label="Max impact" unit="%" value={draft.maxImpact} onChange={(v) => set({ ...draft, maxImpact: v })} error={e["config.maxPriceImpactBps"]} touch={ctx.touch} path="config.maxPriceImpactBps" placeholder="none" hint="Optional cap per order." />
      </div>
    </div>
  );
}
