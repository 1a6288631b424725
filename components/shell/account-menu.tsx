"use client";
import { useQuery } from "@tanstack/react-query";
import { LogOutIcon, SettingsIcon } from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { initialsOf } from "./initials";

export function AccountMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  const [signingOut, setSigningOut] = useState(false);
  const name = me.data?.name ?? null;
  const email = me.data?.email ?? null;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full" aria-label="Account menu" data-testid="account-menu">
          <span className="flex size-8 items-center justify-center rounded-full bg-gradient-to-br from-primary/80 to-primary/40 text-xs font-semibold text-primary-foreground">
            {signingOut ? <Spinner /> : initialsOf(name ?? email)}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-1 py-2">
          <span className="flex items-center gap-2 text-sm font-semibold text-foreground">
            <span className="truncate" data-testid="account-name">
              {name ?? "Unnamed account"}
            </span>
            {me.data?.isDemo ? <Badge variant="warning">Demo</Badge> : null}
          </span>
          {email ? (
            <span className="truncate font-normal" data-testid="account-email">
              {email}
            </span>
          ) : (
            <span className="font-normal">Signed in with a wallet</span>
          )}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <SettingsIcon aria-hidden="true" />
            Settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() => {
            setSigningOut(true);
            void signOut({ redirectTo: "/sign-in" });
          }}
        >
          <LogOutIcon aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
