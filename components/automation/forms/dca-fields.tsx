"use client";
// DCA: spend a fixed amount of one token on another on a schedule (lib/schemas/automation.ts
// dcaConfigSchema). The amount is typed in whole tokens; start is "now" unless a time is chosen.
import type { SwapToken } from "@/components/swap/use-swap-data";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorText, Hint, IntervalField, Segmented, TokenField, UnitInput, intOrUndefined, pctToBps, toBaseUnits, usdOrUndefined, type Errors, type FieldsContext, type IntervalDraft } from "./form-kit";

export type DcaDraft = {
  tokenIn: string;
  tokenOut: string;
  amount: string;
  interval: IntervalDraft;
  start: "now" | "at";
  startAt: string;
  endAt: string;
  maxRuns: string;
  pauseAbove: string;
  pauseBelow: string;
  slippage: string;
};

export function initialDca(tokens: SwapToken[]): DcaDraft {
  const usdc = tokens.find((t) => t.symbol === "USDC");
  const weth = tokens.find((t) => t.symbol === "WETH");
  return { tokenIn: usdc?.address ?? "", tokenOut: weth?.address ?? "", amount: "", interval: { every: "1", unit: "day" }, start: "now", startAt: "", endAt: "", maxRuns: "", pauseAbove: "", pauseBelow: "", slippage: "0.5" };
}

const localToIso = (s: string) => {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? "invalid" : d.toISOString();
};

export function buildDca(d: DcaDraft, ctx: { byAddress: (a: string) => SwapToken | undefined; now: Date }): { config: Record<string, unknown>; local: Errors } {
  const local: Errors = {};
  const tIn = ctx.byAddress(d.tokenIn);
  const amount = toBaseUnits(d.amount, tIn, "the amount per buy");
  if (amount.error) local["config.amountInRaw"] = amount.error;
  const config = {
    tokenIn: d.tokenIn || undefined,
    tokenOut: d.tokenOut || undefined,
    amountInRaw: amount.raw,
    interval: { every: intOrUndefined(d.interval.every), unit: d.interval.unit },
    startAt: d.start === "now" ? ctx.now.toISOString() : localToIso(d.startAt),
    endAt: localToIso(d.endAt),
    maxRuns: intOrUndefined(d.maxRuns),
    pauseAbovePriceUsd: usdOrUndefined(d.pauseAbove),
    pauseBelowPriceUsd: usdOrUndefined(d.pauseBelow),
    slippageBps: pctToBps(d.slippage),
  };
  if (d.start === "at" && !d.startAt) local["config.startAt"] = "Choose when to start.";
  return { config, local };
}

export function DcaFields({ draft, set, ctx }: { draft: DcaDraft; set: (d: DcaDraft) => void; ctx: FieldsContext }) {
  const e = ctx.errors;
  const tIn = ctx.byAddress(draft.tokenIn);
  const tOut = ctx.byAddress(draft.tokenOut);
  return (
    <div className="grid gap-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Tokens</legend>
        <TokenField id="tokenIn" label="Spend" value={draft.tokenIn} onChange={(a) => set({ ...draft, tokenIn: a })} ctx={ctx} error={e["config.tokenIn"]} exclude={draft.tokenOut} />
        <TokenField id="tokenOut" label="Buy" value={draft.tokenOut} onChange={(a) => set({ ...draft, tokenOut: a })} ctx={ctx} error={e["config.tokenOut"]} exclude={draft.tokenIn} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <UnitInput
          id="dca-amount"
          label="Amount per buy"
          unit={tIn?.symbol}
          value={draft.amount}
          onChange={(v) => set({ ...draft, amount: v })}
          error={e["config.amountInRaw"]}
          hint={tIn && tOut ? `Each run swaps this much ${tIn.symbol} for ${tOut.symbol}.` : undefined}
          touch={ctx.touch}
          path="config.amountInRaw"
          placeholder="100"
        />
        <IntervalField id="config.interval" label="How often" value={draft.interval} onChange={(v) => set({ ...draft, interval: v })} errors={e} touch={ctx.touch} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid content-start gap-2">
          <Label>Start</Label>
          <Segmented
            label="Start"
            value={draft.start}
            options={[
              { value: "now", label: "Now" },
              { value: "at", label: "At…" },
            ]}
            onChange={(v) => set({ ...draft, start: v })}
            testId="dca-start"
          />
          {draft.start === "at" ? (
            <Input type="datetime-local" aria-label="Start time" value={draft.startAt} onChange={(ev) => set({ ...draft, startAt: ev.target.value })} onBlur={() => ctx.touch("config.startAt")} aria-invalid={e["config.startAt"] ? true : undefined} />
          ) : (
            <Hint>The first buy runs within seconds.</Hint>
          )}
          <ErrorText id="dca-start" error={e["config.startAt"]} />
        </div>
        <div className="grid content-start gap-2">
          <Label htmlFor="dca-end">End (optional)</Label>
          <Input id="dca-end" type="datetime-local" value={draft.endAt} onChange={(ev) => set({ ...draft, endAt: ev.target.value })} onBlur={() => ctx.touch("config.endAt")} aria-invalid={e["config.endAt"] ? true : undefined} />
          <ErrorText id="dca-end" error={e["config.endAt"]} />
        </div>
        <UnitInput id="dca-max-runs" label="Max buys (optional)" value={draft.maxRuns} onChange={(v) => set({ ...draft, maxRuns: v.replace(/\./g, "") })} error={e["config.maxRuns"]} touch={ctx.touch} path="config.maxRuns" placeholder="∞" hint="Sets the budget: amount × buys." />
      </div>
      <details className="group rounded-lg border px-4 py-3 open:pb-4" open={!!(draft.pauseAbove || draft.pauseBelow || e["config.pauseAbovePriceUsd"] || e["config.pauseBelowPriceUsd"] || e["config.slippageBps"])}>
        <summary className="cursor-pointer text-sm font-medium select-none">Price band and slippage</summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <UnitInput id="dca-pause-above" label={`Skip above (${tOut?.symbol ?? "token"} price)`} prefix="$" value={draft.pauseAbove} onChange={(v) => set({ ...draft, pauseAbove: v })} error={e["config.pauseAbovePriceUsd"]} touch={ctx.touch} path="config.pauseAbovePriceUsd" placeholder="none" />
          <UnitInput id="dca-pause-below" label="Skip below" prefix="$" value={draft.pauseBelow} onChange={(v) => set({ ...draft, pauseBelow: v })} error={e["config.pauseBelowPriceUsd"]} touch={ctx.touch} path="config.pauseBelowPriceUsd" placeholder="none" />
          <UnitInput id="dca-slippage" label="Slippage tolerance" unit="%" value={draft.slippage} onChange={(v) => set({ ...draft, slippage: v })} error={e["config.slippageBps"]} touch={ctx.touch} path="config.slippageBps" />
        </div>
      </details>
    </div>
  );
}
