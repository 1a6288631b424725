import * as React from "react";
import { cn } from "@/components/ui/cn";

// A styled native <select>: accessible and mobile-friendly without a popover.
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-10 w-full rounded-md border border-input bg-background/60 px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
