"use client";
// The social area's sub-navigation. Test ids: `social-subnav`, and `social-tab-<key>` on each
// tab (leaderboard, signals, copying, profile) with aria-current="page" on the current one.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { key: "leaderboard", href: "/social", label: "Leaderboard", short: "Leaderboard" },
  { key: "signals", href: "/social/signals", label: "Signals & feed", short: "Signals" },
  { key: "copying", href: "/social/copying", label: "Copying", short: "Copying" },
  { key: "profile", href: "/social/profile", label: "My profile", short: "Profile" },
] as const;

/** The leaderboard tab is current on /social and on trader pages (/social/traders/…). */
function isCurrent(href: string, pathname: string): boolean {
  if (href === "/social") return pathname === "/social" || pathname.startsWith("/social/traders");
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function SocialSubnav() {
  const pathname = usePathname() ?? "/social";
  return (
    <nav aria-label="Social" className="-mx-1 mb-6 overflow-x-auto border-b" data-testid="social-subnav">
      <ul className="flex min-w-max gap-1 px-1">
        {ITEMS.map((i) => {
          const current = isCurrent(i.href, pathname);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={current ? "page" : undefined}
                data-testid={`social-tab-${i.key}`}
                className={cn(
                  "-mb-px inline-flex h-10 items-center border-b-2 px-2.5 text-sm font-medium transition-colors sm:px-3",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {/* Shorter labels on phones so the four tabs fit without scrolling. */}
                <span className="sm:hidden">{i.short}</span>
                <span className="max-sm:hidden">{i.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
