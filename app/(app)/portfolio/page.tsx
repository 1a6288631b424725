import type { Metadata } from "next";
import { PortfolioList } from "@/components/portfolio/portfolio-list";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  await getQueryClient().prefetchQuery(trpc.portfolio.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Portfolios" description="Group wallets and exchange accounts into portfolios, each with its own cost-basis method, rules and public page." />
      <PortfolioList />
    </HydrateClient>
  );
}
