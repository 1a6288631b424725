// A portfolio's allocation as one stacked bar with a legend (weights in bps), and the number
// formats of the featured cards. Presentational: no data fetching.
import { cn } from "@/components/ui/cn";

const PALETTE = ["#f0b44c", "#7b8cff", "#34d399", "#f472b6", "#38bdf8", "#a78bfa", "#fb923c", "#facc15"];
const OTHER = "#94a3b8";

export const fmtBps = (bps: number) => `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;
export const fmtRatio = (x: number | null) => (x === null ? "–" : x.toFixed(2));
export function fmtPct(x: number | null, signed = false): string {
  if (x === null) return "–";
  const s = `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;
  return signed && x > 0 ? `+${s}` : s;
}

/** At most 6 named slices; the rest folded into "Other". */
function slices(allocation: { symbol: string; weightBps: number }[]) {
  const sorted = [...allocation].sort((a, b) => b.weightBps - a.weightBps);
  const head = sorted.slice(0, 6).map((s, i) => ({ ...s, color: PALETTE[i % PALETTE.length]! }));
  const rest = sorted.slice(6).reduce((s, x) => s + x.weightBps, 0);
  return rest > 0 ? [...head, { symbol: "Other", weightBps: rest, color: OTHER }] : head;
}

export function AllocationBar({ allocation, className }: { allocation: { symbol: string; weightBps: number }[]; className?: string }) {
  const parts = slices(allocation);
  const total = parts.reduce((s, x) => s + x.weightBps, 0);
  if (total === 0) return <p className={cn("text-sm text-muted-foreground", className)}>No priced holdings.</p>;
  return (
    <div className={cn("grid gap-2", className)} data-testid="allocation-bar">
      <div className="flex h-2.5 overflow-hidden rounded-full bg-muted" role="img" aria-label={parts.map((p) => `${p.symbol} ${fmtBps(p.weightBps)}`).join(", ")}>
        {parts.map((p) => (
          <div key={p.symbol} style={{ width: `${(p.weightBps / total) * 100}%`, backgroundColor: p.color }} />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
        {parts.map((p) => (
          <li key={p.symbol} className="inline-flex items-center gap-1">
            <span className="size-2 rounded-full" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span className="font-medium text-foreground">{p.symbol}</span>
            <span className="tabular">{fmtBps(p.weightBps)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
