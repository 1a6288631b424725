"use client";
// The social area's sub-navigation. Test ids: `social-subnav`, and `social-tab-<key>` on each
// tab (leaderboard, signals, copying, profile) with aria-current="page" on the current one.
import { SubNav } from "@/components/shell/subnav";

// Shorter labels on phones so the four tabs fit without scrolling.
const ITEMS = [
  { href: "/social", label: "Leaderboard", testId: "social-tab-leaderboard" },
  { href: "/social/signals", label: "Signals & feed", short: "Signals", testId: "social-tab-signals" },
  { href: "/social/copying", label: "Copying", testId: "social-tab-copying" },
  { href: "/social/profile", label: "My profile", short: "Profile", testId: "social-tab-profile" },
] as const;

/** The leaderboard tab is current on /social and on trader pages (/social/traders/…). */
function isCurrent(href: string, pathname: string): boolean {
  if (href === "/social") return pathname === "/social" || pathname.startsWith("/social/traders");
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function SocialSubnav() {
  return <SubNav label="Social" testId="social-subnav" items={ITEMS} isCurrent={isCurrent} fallbackPath="/social" />;
}
