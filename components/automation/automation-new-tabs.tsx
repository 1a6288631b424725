"use client";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { AUTOMATION_KINDS, KIND_META, type AutomationKind } from "./automation-meta";

// The kind switch above the create form (each kind is its own URL: /automation/new?kind=…).
export function NewAutomationTabs({ kind }: { kind: AutomationKind }) {
  return (
    <nav aria-label="Automation kind" className="overflow-x-auto">
      <ul className="inline-flex min-w-max gap-1 rounded-lg border bg-muted/40 p-1">
        {AUTOMATION_KINDS.map((k) => {
          const Icon = KIND_META[k].icon;
          const current = k === kind;
          return (
            <li key={k}>
              <Link
                href={`/automation/new?kind=${k}`}
                aria-current={current ? "page" : undefined}
                data-testid={`kind-tab-${k}`}
                className={cn(
                  "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
                  current ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
                )}
              >
                <Icon aria-hidden="true" className="size-3.5" />
                {KIND_META[k].label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
