import { ArrowDownRightIcon, ArrowUpRightIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatPct } from "./format";

// A signed percentage coloured by direction; null renders an en dash.
export function Change({ value, className }: { value: number | null; className?: string }) {
  if (value === null || !Number.isFinite(value)) return <span className={cn("text-muted-foreground", className)}>–</span>;
  const up = value > 0;
  const down = value < 0;
  return (
    <span className={cn("tabular inline-flex items-center gap-0.5 font-medium", up && "text-positive", down && "text-negative", !up && !down && "text-muted-foreground", className)}>
      {up ? <ArrowUpRightIcon aria-hidden="true" className="size-3.5" /> : down ? <ArrowDownRightIcon aria-hidden="true" className="size-3.5" /> : null}
      {formatPct(value)}
    </span>
  );
}
