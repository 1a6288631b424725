import type { Metadata } from "next";
import { Suspense } from "react";
import { PortfolioDashboard } from "@/components/portfolio/portfolio-dashboard";
import { Skeleton } from "@/components/ui/skeleton";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { MarketOverview } from "./_components/market-overview";
import { Welcome } from "./_components/welcome";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ portfolio?: string }> }) {
  const qc = getQueryClient();
  const [{ portfolio: wanted }] = await Promise.all([searchParams, qc.prefetchQuery(trpc.portfolio.list.queryOptions())]);
  const list = qc.getQueryData(trpc.portfolio.list.queryKey()) ?? [];
  const selected = list.find((p) => p.id === wanted) ?? list[0];
  if (selected) {
    // The headline figures and holdings paint with the page; the rest fills in on the client.
    const portfolioId = selected.id;
    await Promise.all([
      qc.prefetchQuery(trpc.portfolio.summary.queryOptions({ portfolioId })),
      qc.prefetchQuery(trpc.portfolio.holdings.queryOptions({ portfolioId })),
      qc.prefetchQuery(trpc.portfolio.performance.queryOptions({ portfolioId, range: "30D" })),
    ]);
  }
  return (
    <HydrateClient>
      <div className="grid gap-6">
        <Welcome />
        <Suspense fallback={<Skeleton className="h-96" />}>
          <PortfolioDashboard />
        </Suspense>
        <MarketOverview />
      </div>
    </HydrateClient>
  );
}
