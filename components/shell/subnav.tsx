"use client";
// A section's sub-navigation: a scrollable tab strip under the page header (no wrapping on
// phones), aria-current="page" on the current tab. Items may carry a shorter label for phones
// and a test id.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type SubNavItem = { href: string; label: string; short?: string; testId?: string };

export function SubNav({ label, testId, items, isCurrent, fallbackPath }: { label: string; testId: string; items: readonly SubNavItem[]; isCurrent: (href: string, pathname: string) => boolean; fallbackPath: string }) {
  const pathname = usePathname() ?? fallbackPath;
  return (
    <nav aria-label={label} className="-mx-1 mb-6 overflow-x-auto border-b" data-testid={testId}>
      <ul className="flex min-w-max gap-1 px-1">
        {items.map((i) => {
          const current = isCurrent(i.href, pathname);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={current ? "page" : undefined}
                data-testid={i.testId}
                className={cn(
                  "-mb-px inline-flex h-10 items-center border-b-2 px-2.5 text-sm font-medium transition-colors sm:px-3",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {i.short ? (
                  <>
                    <span className="sm:hidden">{i.short}</span>
                    <span className="max-sm:hidden">{i.label}</span>
                  </>
                ) : (
                  i.label
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
