"use client";
import { TriangleAlertIcon } from "lucide-react";
import { useId } from "react";
import { Input } from "@/components/ui/input";
import { formatBps } from "@/lib/web3/swap/amount";
import type { ImpactTier } from "@/lib/web3/swap/rules";

/** What a high-impact trade asks before the button enables: a tick (> 5 %) or typing "confirm" (> 15 %). */
export function ImpactConfirm({
  tier,
  bps,
  checked,
  onChecked,
  typed,
  onTyped,
}: {
  tier: ImpactTier;
  bps: number;
  checked: boolean;
  onChecked: (v: boolean) => void;
  typed: string;
  onTyped: (v: string) => void;
}) {
  const id = useId();
  if (tier === "low") return null;
  if (tier === "warning") {
    return (
      <p className="flex items-center gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-sm" data-testid="impact-warning">
        <TriangleAlertIcon aria-hidden="true" className="size-4 shrink-0 text-warning" />
        Price impact is {formatBps(bps)}: this trade moves the price against you.
      </p>
    );
  }
  return (
    <div className="grid gap-2 rounded-lg border border-negative/50 bg-negative/10 p-3 text-sm" data-testid="impact-confirm" data-tier={tier}>
      <p className="flex items-start gap-2 font-medium">
        <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-negative" />
        Very high price impact: {formatBps(bps)}. You will receive far less than the market price.
      </p>
      {tier === "confirm" ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" className="size-4 accent-[var(--negative)]" checked={checked} onChange={(e) => onChecked(e.target.checked)} data-testid="impact-confirm-checkbox" />I understand and want to swap
          anyway
        </label>
      ) : (
        <div className="grid gap-1.5">
          <label htmlFor={id}>
            Type <span className="font-mono font-semibold">confirm</span> to swap anyway
          </label>
          <Input id={id} autoComplete="off" value={typed} onChange={(e) => onTyped(e.target.value)} placeholder="confirm" className="h-9" data-testid="impact-confirm-input" />
        </div>
      )}
    </div>
  );
}

export function impactConfirmed(tier: ImpactTier, checked: boolean, typed: string): boolean {
  if (tier === "confirm") return checked;
  if (tier === "type-confirm") return typed.trim().toLowerCase() === "confirm";
  return true;
}
