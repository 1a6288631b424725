import {
  ArrowLeftRightIcon,
  BotIcon,
  ChartNoAxesCombinedIcon,
  LayoutDashboardIcon,
  type LucideIcon,
  PiggyBankIcon,
  SettingsIcon,
  UsersIcon,
  WalletCardsIcon,
} from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon; description: string };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboardIcon, description: "Overview of wallets, networks and markets" },
  { href: "/portfolio", label: "Portfolio", icon: WalletCardsIcon, description: "Holdings, cost basis and performance" },
  { href: "/swap", label: "Swap", icon: ArrowLeftRightIcon, description: "Best-price swaps from your own wallet" },
  { href: "/earn", label: "Earn", icon: PiggyBankIcon, description: "Lending and liquidity positions" },
  { href: "/social", label: "Social", icon: UsersIcon, description: "Trader profiles and copy trading" },
  { href: "/automation", label: "Automation", icon: BotIcon, description: "Rebalancing, DCA and stop orders" },
  { href: "/insights", label: "Insights", icon: ChartNoAxesCombinedIcon, description: "Market statistics and backtests" },
  { href: "/settings", label: "Settings", icon: SettingsIcon, description: "Profile, wallets and security" },
];

export function activeNavItem(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
}
