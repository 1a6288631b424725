"use client";
import { SettingsIcon, TriangleAlertIcon } from "lucide-react";
import { Popover } from "radix-ui";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { formatBps } from "@/lib/web3/swap/amount";
import { checkDeadlineMinutes, checkSlippagePercent } from "@/lib/web3/swap/rules";

export type SwapSettingsValue = { slippageMode: "auto" | "custom"; slippageInput: string; deadlineInput: string };

/** Slippage (bps, undefined = auto) and deadline as the quote and build calls take them. */
export function resolveSettings(v: SwapSettingsValue): { slippageBps: number | undefined; deadlineMinutes: number; valid: boolean } {
  const dl = checkDeadlineMinutes(v.deadlineInput);
  if (v.slippageMode === "auto") return { slippageBps: undefined, deadlineMinutes: dl.ok ? dl.minutes : 20, valid: dl.ok };
  const s = checkSlippagePercent(v.slippageInput);
  return { slippageBps: s.ok ? s.bps : undefined, deadlineMinutes: dl.ok ? dl.minutes : 20, valid: s.ok && dl.ok };
}

export function SwapSettings({
  value,
  onChange,
  autoBps,
}: {
  value: SwapSettingsValue;
  onChange: (v: SwapSettingsValue) => void;
  /** The slippage the last quote chose in auto mode. */
  autoBps: number | null;
}) {
  const id = useId();
  const slip = value.slippageMode === "custom" ? checkSlippagePercent(value.slippageInput) : null;
  const dl = checkDeadlineMinutes(value.deadlineInput);
  const summary = value.slippageMode === "auto" ? `Auto${autoBps !== null ? ` ${formatBps(autoBps)}` : ""}` : slip?.ok ? formatBps(slip.bps) : "Invalid";

  return (
    <Popover.Root>
      <Popover.Trigger
        data-testid="slippage-settings"
        aria-label={`Swap settings (slippage ${summary})`}
        className={cn(
          "inline-flex h-8 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-foreground",
          (slip && !slip.ok) || !dl.ok ? "text-negative" : slip?.ok && slip.warning === "high" ? "text-warning" : "",
        )}
      >
        <span className="tabular">{summary} slippage</span>
        <SettingsIcon aria-hidden="true" className="size-4" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          className="z-50 grid w-[min(20rem,calc(100vw-2rem))] gap-4 rounded-xl border bg-popover p-4 text-popover-foreground shadow-2xl"
          data-testid="slippage-popover"
        >
          <div className="grid gap-2">
            <span className="text-sm font-medium" id={`${id}-slip`}>
              Max slippage
            </span>
            <div className="flex items-center gap-2" role="group" aria-labelledby={`${id}-slip`}>
              <div className="inline-flex rounded-full bg-muted p-0.5">
                {(["auto", "custom"] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    aria-pressed={value.slippageMode === m}
                    data-testid={`slippage-${m}`}
                    onClick={() => onChange({ ...value, slippageMode: m })}
                    className={cn(
                      "rounded-full px-3 py-1 text-xs font-medium capitalize transition-colors",
                      value.slippageMode === m ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
                    )}
                  >
                    {m}
                  </button>
                ))}
              </div>
              <div className="relative flex-1">
                <Input
                  inputMode="decimal"
                  aria-label="Custom slippage in percent"
                  placeholder={autoBps !== null ? (autoBps / 100).toString() : "0.5"}
                  value={value.slippageMode === "custom" ? value.slippageInput : ""}
                  onFocus={() => value.slippageMode !== "custom" && onChange({ ...value, slippageMode: "custom" })}
                  onChange={(e) => onChange({ ...value, slippageMode: "custom", slippageInput: e.target.value })}
                  aria-invalid={slip && !slip.ok ? true : undefined}
                  className="h-8 pr-7 text-right"
                  data-testid="slippage-input"
                />
                <span aria-hidden="true" className="absolute top-1/2 right-2.5 -translate-y-1/2 text-xs text-muted-foreground">
                  %
                </span>
              </div>
            </div>
            {value.slippageMode === "auto" ? (
              <p className="text-xs text-muted-foreground">
                Auto picks a limit from the pair’s volatility and the route’s price impact
                {autoBps !== null ? <>: <span className="tabular font-medium text-foreground">{formatBps(autoBps)}</span> for this quote.</> : "."}
              </p>
            ) : slip && !slip.ok ? (
              <p role="alert" className="text-xs font-medium text-negative" data-testid="slippage-error">
                {slip.message}
              </p>
            ) : slip?.ok && slip.warning ? (
              <p className="flex items-start gap-1.5 text-xs text-warning" data-testid="slippage-warning">
                <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
                {slip.warning === "high"
                  ? "High slippage: your trade may be front-run and filled at a much worse price."
                  : "Very low slippage: the swap will likely revert if the price moves at all."}
              </p>
            ) : null}
          </div>
          <div className="grid gap-2">
            <label htmlFor={`${id}-deadline`} className="text-sm font-medium">
              Transaction deadline
            </label>
            <div className="flex items-center gap-2">
              <Input
                id={`${id}-deadline`}
                inputMode="numeric"
                value={value.deadlineInput}
                onChange={(e) => onChange({ ...value, deadlineInput: e.target.value })}
                aria-invalid={!dl.ok ? true : undefined}
                className="h-8 w-20 text-right"
                data-testid="deadline-input"
              />
              <span className="text-sm text-muted-foreground">minutes</span>
            </div>
            {!dl.ok ? (
              <p role="alert" className="text-xs font-medium text-negative">
                {dl.message}
              </p>
            ) : null}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
