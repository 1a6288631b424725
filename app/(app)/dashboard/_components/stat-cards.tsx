"use client";
import { useQuery } from "@tanstack/react-query";
import { ActivityIcon, CandlestickChartIcon, WalletCardsIcon, WalletIcon } from "lucide-react";
import Link from "next/link";
import type * as React from "react";
import { useChainStatus } from "@/components/shell/use-chain-status";
import { formatDay } from "@/components/market/format";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";

function Stat({
  icon,
  label,
  value,
  detail,
  loading,
  href,
  testId,
}: {
  icon: React.ReactNode;
  label: string;
  value: React.ReactNode;
  detail: React.ReactNode;
  loading: boolean;
  href?: string;
  testId: string;
}) {
  const body = (
    <Card className="h-full p-4 transition-colors hover:border-primary/30">
      <div className="flex items-center justify-between text-xs font-medium text-muted-foreground">
        {label}
        <span className="text-muted-foreground/70 [&_svg]:size-4">{icon}</span>
      </div>
      {loading ? (
        <>
          <Skeleton className="mt-3 h-7 w-16" />
          <Skeleton className="mt-2 h-3.5 w-28" />
        </>
      ) : (
        <>
          <p className="tabular mt-2 text-2xl font-semibold tracking-tight" data-testid={testId}>
            {value}
          </p>
          <p className="mt-1 truncate text-xs text-muted-foreground">{detail}</p>
        </>
      )}
    </Card>
  );
  return href ? (
    <Link href={href} className="block rounded-xl">
      {body}
    </Link>
  ) : (
    body
  );
}

export function StatCards() {
  const trpc = useTRPC();
  const wallets = useQuery(trpc.user.wallets.queryOptions());
  const portfolios = useQuery(trpc.portfolio.list.queryOptions());
  const chains = useChainStatus();
  const assets = useQuery(trpc.market.assets.queryOptions());

  const configured = chains.data?.filter((c) => c.configured) ?? [];
  const online = configured.filter((c) => c.ok).length;
  const lastDate = assets.data?.map((a) => a.lastDate).filter((d): d is string => Boolean(d)).sort().at(-1);

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 lg:gap-4">
      <Stat
        testId="stat-wallets"
        icon={<WalletIcon />}
        label="Linked wallets"
        loading={wallets.isPending}
        value={wallets.data?.length ?? "–"}
        detail={wallets.data?.length ? "Proven by signature" : "Link one in Settings"}
        href="/settings#linked-wallets"
      />
      <Stat
        testId="stat-networks"
        icon={<ActivityIcon />}
        label="Networks online"
        loading={chains.isPending}
        value={chains.isError ? "–" : `${online}/${configured.length}`}
        detail={chains.isError ? "Status unavailable" : `${configured.length} configured`}
      />
      <Stat
        testId="stat-portfolios"
        icon={<WalletCardsIcon />}
        label="Portfolios"
        loading={portfolios.isPending}
        value={portfolios.data?.length ?? "–"}
        detail={portfolios.data?.[0]?.name ?? "None yet"}
        href="/portfolio"
      />
      <Stat
        testId="stat-assets"
        icon={<CandlestickChartIcon />}
        label="Assets with history"
        loading={assets.isPending}
        value={assets.data?.length ?? "–"}
        detail={lastDate ? `Daily closes through ${formatDay(lastDate)}` : "No market data"}
        href="/insights"
      />
    </div>
  );
}
