import { cn } from "@/components/ui/cn";

// A small colour swatch per chain; no remote logos (the CSP allows only local images).
const CHAIN_COLORS: Record<number, string> = {
  31337: "bg-amber-400",
  31338: "bg-violet-400",
  1: "bg-slate-300",
  8453: "bg-blue-500",
  42161: "bg-sky-400",
  10: "bg-red-500",
  137: "bg-purple-500",
};

export function ChainDot({ chainId, className }: { chainId: number | undefined; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("inline-block size-2.5 shrink-0 rounded-full ring-2 ring-background", (chainId && CHAIN_COLORS[chainId]) || "bg-muted-foreground", className)}
    />
  );
}
