"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftRightIcon, WalletCardsIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";

// Demo accounts are named "… (demo)"; the badge says it, so the greeting does not repeat it.
function greetingName(name: string | null, isDemo: boolean): string | null {
  if (!name) return null;
  return isDemo ? name.replace(/\s*\(demo\)\s*$/i, "") : name;
}

export function Welcome() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  const name = me.data ? greetingName(me.data.name, me.data.isDemo) : null;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="grid gap-1.5">
        {me.isPending ? (
          <Skeleton className="h-8 w-64" />
        ) : (
          <h1 className="flex flex-wrap items-center gap-2.5 text-2xl font-semibold tracking-tight" data-testid="welcome">
            {name ? `Welcome back, ${name}` : "Welcome back"}
            {me.data?.isDemo ? (
              <Badge variant="warning" data-testid="demo-badge">
                Demo
              </Badge>
            ) : null}
          </h1>
        )}
        <p className="text-sm text-muted-foreground">Your portfolio: value, performance, allocation and risk — at a glance.</p>
      </div>
      <div className="flex gap-2">
        <Button asChild variant="outline" size="sm">
          <Link href="/portfolio">
            <WalletCardsIcon aria-hidden="true" /> Portfolios
          </Link>
        </Button>
        <Button asChild size="sm">
          <Link href="/swap">
            <ArrowLeftRightIcon aria-hidden="true" /> Swap
          </Link>
        </Button>
      </div>
    </div>
  );
}
