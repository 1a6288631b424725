"use client";
// Stop-loss, trailing stop and take-profit: the token to sell, what to receive, the trigger
// (a USD price, or a trailing distance with an optional activation price) and how much to sell.
import type { SwapToken } from "@/components/swap/use-swap-data";
import { Label } from "@/components/ui/label";
import type { AutomationKind } from "../automation-meta";
import { fmtUsd } from "../automation-meta";
import { Segmented, TokenField, UnitInput, pctToBps, toBaseUnits, usdOrUndefined, type Errors, type FieldsContext } from "./form-kit";

export type StopKind = Extract<AutomationKind, "stop_loss" | "trailing_stop" | "take_profit">;
export type StopDraft = { token: string; quoteToken: string; trigger: string; trail: string; activation: string; amountType: "all" | "raw"; amount: string; slippage: string };

export function initialStop(tokens: SwapToken[]): StopDraft {
  const pick = (s: string) => tokens.find((t) => t.symbol === s)?.address ?? "";
  return { token: pick("WETH"), quoteToken: pick("USDC"), trigger: "", trail: "5", activation: "", amountType: "all", amount: "", slippage: "1" };
}

export function buildStop(kind: StopKind, d: StopDraft, ctx: { byAddress: (a: string) => SwapToken | undefined }): { config: Record<string, unknown>; local: Errors } {
  const local: Errors = {};
  let amount: Record<string, unknown> = { type: "all" };
  if (d.amountType === "raw") {
    const r = toBaseUnits(d.amount, ctx.byAddress(d.token), "the amount to sell");
    if (r.error) local["config.amount.amountRaw"] = r.error;
    amount = { type: "raw", amountRaw: r.raw };
  }
  const base = { kind, token: d.token || undefined, quoteToken: d.quoteToken || undefined, basis: "usd", amount, slippageBps: pctToBps(d.slippage) };
  if (kind === "trailing_stop") return { config: { ...base, trailBps: pctToBps(d.trail), activationPrice: usdOrUndefined(d.activation) }, local };
  return { config: { ...base, triggerPrice: usdOrUndefined(d.trigger) }, local };
}

/** The same stop with a placeholder trigger, only to read the current price before one is typed. */
export function priceProbeConfig(kind: StopKind, d: StopDraft): Record<string, unknown> | null {
  if (!d.token || !d.quoteToken || d.token === d.quoteToken) return null;
  return { kind, token: d.token, quoteToken: d.quoteToken, basis: "usd", amount: { type: "all" }, triggerPrice: "1", trailBps: 500 };
}

export function StopFields({ kind, draft, set, ctx, price }: { kind: StopKind; draft: StopDraft; set: (d: StopDraft) => void; ctx: FieldsContext; price: number | null | undefined }) {
  const e = ctx.errors;
  const t = ctx.byAddress(draft.token);
  const priceLine =
    price === undefined ? (
      // A <span>, not the <div> Skeleton: this sits inside a <p> (a div there breaks hydration).
      <span aria-hidden="true" className="inline-block h-3 w-16 animate-pulse rounded bg-muted align-middle" />
    ) : price === null ? (
      "no price"
    ) : (
      <span className="tabular text-foreground" data-testid="stop-current-price" data-price={price}>
        {fmtUsd(price)}
      </span>
    );
  const pctFromPrice = (v: string) => {
    const n = Number(v);
    if (!price || !v || !Number.isFinite(n)) return null;
    const d = ((n - price) / price) * 100;
    return `${d >= 0 ? "+" : ""}${d.toFixed(2)} % from now`;
  };
  return (
    <div className="grid gap-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Tokens</legend>
        <TokenField id="token" label="Sell" value={draft.token} onChange={(a) => set({ ...draft, token: a })} ctx={ctx} error={e["config.token"]} exclude={draft.quoteToken} />
        <TokenField id="quoteToken" label="Receive" value={draft.quoteToken} onChange={(a) => set({ ...draft, quoteToken: a })} ctx={ctx} error={e["config.quoteToken"]} exclude={draft.token} />
      </fieldset>
      <p className="-mt-2 text-sm text-muted-foreground">
        Current {t?.symbol ?? "token"} price: {priceLine}
      </p>
      {kind === "trailing_stop" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <UnitInput
            id="stop-trail"
            label="Trailing distance"
            unit="%"
            value={draft.trail}
            onChange={(v) => set({ ...draft, trail: v })}
            error={e["config.trailBps"]}
            touch={ctx.touch}
            path="config.trailBps"
            hint={price && Number(draft.trail) > 0 ? `Level now ${fmtUsd(price * (1 - Number(draft.trail) / 100))}; it rises with the price.` : "Sells after a fall of this much from the high."}
          />
          <UnitInput
            id="stop-activation"
            label="Activation price (optional)"
            prefix="$"
            value={draft.activation}
            onChange={(v) => set({ ...draft, activation: v })}
            error={e["config.activationPrice"]}
            touch={ctx.touch}
            path="config.activationPrice"
            placeholder="arm now"
            hint={pctFromPrice(draft.activation) ?? "Start trailing only once the price reaches this."}
          />
        </div>
      ) : (
        <UnitInput
          id="stop-trigger"
          label={kind === "stop_loss" ? "Stop price" : "Target price"}
          prefix="$"
          value={draft.trigger}
          onChange={(v) => set({ ...draft, trigger: v })}
          error={e["config.triggerPrice"]}
          touch={ctx.touch}
          path="config.triggerPrice"
          placeholder={price ? (price * (kind === "stop_loss" ? 0.9 : 1.1)).toFixed(2) : "0"}
          hint={pctFromPrice(draft.trigger) ?? (kind === "stop_loss" ? "Sells if the price falls to this level." : "Sells when the price reaches this level.")}
          className="sm:max-w-xs"
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid content-start gap-2">
          <Label>Amount to sell</Label>
          <Segmented
            label="Amount to sell"
            value={draft.amountType}
            options={[
              { value: "all", label: "All held" },
              { value: "raw", label: "Fixed amount" },
            ]}
            onChange={(v) => set({ ...draft, amountType: v })}
            testId="stop-amount-type"
          />
          {draft.amountType === "raw" ? (
            <UnitInput id="stop-amount" label={<span className="sr-only">Amount</span>} unit={t?.symbol} value={draft.amount} onChange={(v) => set({ ...draft, amount: v })} error={e["config.amount.amountRaw"] ?? e["config.amount"]} touch={ctx.touch} path="config.amount.amountRaw" />
          ) : null}
        </div>
        <UnitInput id="stop-slippage" label="Slippage tolerance" unit="%" value={draft.slippage} onChange={(v) => set({ ...draft, slippage: v })} error={e["config.slippageBps"]} touch={ctx.touch} path="config.slippageBps" className="sm:max-w-xs" />
      </div>
    </div>
  );
}
