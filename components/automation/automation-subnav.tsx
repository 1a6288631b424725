"use client";
import { SubNav } from "@/components/shell/subnav";

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
  return <SubNav label="Automation" testId="automation-subnav" items={ITEMS} isCurrent={isCurrent} fallbackPath="/automation" />;
}
