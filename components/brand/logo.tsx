import { cn } from "@/components/ui/cn";

// The Lodestar mark: a four-pointed guiding star.
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-7", className)}>
      <rect width="32" height="32" rx="8" className="fill-foreground/[0.06]" />
      <path
        d="M16 4.5c.6 5.6 2.3 9 6 10.1l5.5 1.4-5.5 1.4c-3.7 1.1-5.4 4.5-6 10.1-.6-5.6-2.3-9-6-10.1L4.5 16l5.5-1.4c3.7-1.1 5.4-4.5 6-10.1Z"
        // A solid fill: a gradient would need a document-unique id, and the same mark is
        // rendered more than once (sidebar, drawer).
        className="fill-amber-500 dark:fill-amber-400"
      />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <LogoMark />
      <span className="text-[15px]">Lodestar</span>
    </span>
  );
}
