"use client";
import { ArrowRightIcon } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { AUTOMATION_KINDS, KIND_META, KindIcon } from "./automation-meta";

// "Create your first automation": one card per kind, each opening the create form.
export function AutomationKindCards({ className }: { className?: string }) {
  return (
    <ul className={cn("grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5", className)} data-testid="automation-kind-cards">
      {AUTOMATION_KINDS.map((kind) => {
        const m = KIND_META[kind];
        return (
          <li key={kind}>
            <Link
              href={`/automation/new?kind=${kind}`}
              data-testid={`create-${kind}`}
              className="group flex h-full flex-col gap-3 rounded-xl border bg-card p-4 transition-colors hover:border-primary/50 hover:bg-accent/40 focus-visible:outline-2 focus-visible:outline-ring"
            >
              <KindIcon kind={kind} />
              <span className="grid gap-1">
                <span className="font-medium">{m.long}</span>
                <span className="text-sm text-muted-foreground">{m.blurb}</span>
              </span>
              <span className="mt-auto inline-flex items-center gap-1 text-sm font-medium text-primary">
                Set up <ArrowRightIcon aria-hidden="true" className="size-3.5 transition-transform group-hover:translate-x-0.5" />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
