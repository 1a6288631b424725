import { cn } from "@/components/ui/cn";
import { formatReturn, formatUsd, signOf } from "@/lib/portfolio/format";

// A signed USD amount coloured by direction (decimal string in, exact formatting).
export function PnlUsd({ value, className }: { value: string | null | undefined; className?: string }) {
  const s = signOf(value);
  return (
    <span className={cn("tabular font-mono", s > 0 && "text-positive", s < 0 && "text-negative", (s === 0 || !value) && "text-muted-foreground", className)}>
      {formatUsd(value, { signed: true })}
    </span>
  );
}

// A signed return (fraction) coloured by direction.
export function PnlPct({ value, className }: { value: number | null | undefined; className?: string }) {
  const v = value ?? null;
  return (
    <span className={cn("tabular", v !== null && v > 0 && "text-positive", v !== null && v < 0 && "text-negative", (v === null || v === 0) && "text-muted-foreground", className)}>
      {formatReturn(v)}
    </span>
  );
}
