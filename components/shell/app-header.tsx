"use client";
import { usePathname } from "next/navigation";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { WalletButton } from "@/components/wallet/wallet-button";
import { AccountMenu } from "./account-menu";
import { MobileNav } from "./mobile-nav";
import { activeNavItem } from "./nav-items";
import { NetworkStatus } from "./network-status";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader() {
  const pathname = usePathname();
  const item = activeNavItem(pathname);
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b bg-background/80 px-3 backdrop-blur-md supports-[backdrop-filter]:bg-background/65 sm:px-6">
      <MobileNav />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-semibold tracking-tight sm:text-base" data-testid="page-title">
          {item?.label ?? "Lodestar"}
        </p>
      </div>
      <div className="flex items-center gap-1.5 sm:gap-2">
        <NetworkStatus />
        <WalletButton />
        <NotificationBell />
        <ThemeToggle />
        <AccountMenu />
      </div>
    </header>
  );
}
