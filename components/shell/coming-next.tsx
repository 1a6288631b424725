import { CircleDashedIcon } from "lucide-react";
import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

// A page section that is not built yet: says concretely what will come, with no sample data.
export function ComingNext({
  icon,
  title,
  description,
  items,
  className,
}: {
  icon: React.ReactNode;
  title: string;
  description: React.ReactNode;
  items: string[];
  className?: string;
}) {
  return (
    <section
      aria-label={`${title} (coming next)`}
      data-testid="coming-next"
      className={cn("relative overflow-hidden rounded-xl border bg-card p-6 sm:p-8", className)}
    >
      <div aria-hidden="true" className="pointer-events-none absolute -top-24 -right-24 size-64 rounded-full bg-primary/10 blur-3xl" />
      <div className="relative grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)] lg:gap-10">
        <div className="grid content-start gap-3">
          <span className="flex size-11 items-center justify-center rounded-xl border bg-background text-primary [&_svg]:size-5">{icon}</span>
          <Badge variant="outline" className="mt-1">
            Coming next
          </Badge>
          <h2 className="text-xl font-semibold tracking-tight">{title}</h2>
          <p className="text-sm leading-relaxed text-muted-foreground">{description}</p>
        </div>
        <ul className="grid content-start gap-2.5">
          {items.map((item) => (
            <li key={item} className="flex gap-3 rounded-lg border bg-background/40 px-3.5 py-3 text-sm">
              <CircleDashedIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
              <span>{item}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
