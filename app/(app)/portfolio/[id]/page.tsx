import type { Metadata } from "next";
import { Suspense } from "react";
import { PortfolioDetail } from "@/components/portfolio/portfolio-detail";
import { Skeleton } from "@/components/ui/skeleton";
import { caller, getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";
import AppNotFound from "../../not-found";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> };

// Someone else's portfolio, a deleted one and a malformed id all look the same: not found.
async function load(id: string) {
  try {
    return await caller.portfolio.get({ id });
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await load((await params).id);
  return { title: p ? p.name : "Portfolio not found" };
}

export default async function PortfolioDetailPage({ params, searchParams }: Props) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const p = await load(id);
  // Rendered in place rather than thrown with notFound(): this segment streams behind the
  // (app) loading boundary, and swapping in the not-found boundary after the shell was sent
  // intermittently broke hydration (React #418) in production builds.
  if (!p) return <AppNotFound />;
  const qc = getQueryClient();
  qc.setQueryData(trpc.portfolio.get.queryKey({ id }), p);
  const portfolioId = id;
  if (!tab || tab === "overview") {
    await Promise.all([qc.prefetchQuery(trpc.portfolio.summary.queryOptions({ portfolioId })), qc.prefetchQuery(trpc.portfolio.holdings.queryOptions({ portfolioId }))]);
  } else if (tab === "wallets") {
    await qc.prefetchQuery(trpc.portfolio.wallets.list.queryOptions({ portfolioId }));
  } else if (tab === "transactions") {
    await qc.prefetchQuery(trpc.portfolio.transactions.list.queryOptions({ portfolioId }));
  }
  return (
    <HydrateClient>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <PortfolioDetail portfolioId={id} />
      </Suspense>
    </HydrateClient>
  );
}
