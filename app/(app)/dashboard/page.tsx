import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { BalancesCard } from "./_components/balances-card";
import { MarketOverview } from "./_components/market-overview";
import { NetworksCard } from "./_components/networks-card";
import { StatCards } from "./_components/stat-cards";
import { Welcome } from "./_components/welcome";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const qc = getQueryClient();
  // Database and file reads only; chain reads (balances, block heights) load on the client.
  await Promise.all([
    qc.prefetchQuery(trpc.user.wallets.queryOptions()),
    qc.prefetchQuery(trpc.market.assets.queryOptions()),
    qc.prefetchQuery(trpc.portfolio.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <div className="grid gap-6">
        <Welcome />
        <StatCards />
        <div className="grid gap-6 xl:grid-cols-3">
          <BalancesCard className="xl:col-span-2" />
          <NetworksCard />
        </div>
        <MarketOverview />
      </div>
    </HydrateClient>
  );
}
