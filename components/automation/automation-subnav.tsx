"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "/automation", label: "Automations" },
  { href: "/automation/paper", label: "Paper" },
  { href: "/automation/vault", label: "Vault" },
  { href: "/automation/risk", label: "Risk" },
  { href: "/automation/alerts", label: "Alerts" },
] as const;

/** "Automations" is current on the list, the create flow and an automation's detail page. */
function isCurrent(href: string, pathname: string): boolean {
  if (href === "/automation") return !ITEMS.slice(1).some((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return pathname === href || pathname.startsWith(`${href}/`);
}

// The automation area's sub-navigation: a scrollable tab strip (no wrapping on phones).
export function AutomationSubnav() {
  const pathname = usePathname() ?? "/automation";
  return (
    <nav aria-label="Automation" className="-mx-1 mb-6 overflow-x-auto border-b" data-testid="automation-subnav">
      <ul className="flex min-w-max gap-1 px-1">
        {ITEMS.map((i) => {
          const current = isCurrent(i.href, pathname);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
