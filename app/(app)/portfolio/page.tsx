import { WalletCardsIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { PortfolioList } from "./_components/portfolio-list";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  await getQueryClient().prefetchQuery(trpc.portfolio.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Portfolio" description="Group wallets and positions into portfolios, each with its own cost-basis method." />
      <div className="grid gap-6">
        <PortfolioList />
        <ComingNext
          icon={<WalletCardsIcon />}
          title="Holdings and performance"
          description="Each portfolio will show what you hold across your linked wallets and networks, what it cost, and how it has done."
          items={[
            "Holdings per portfolio from your linked wallets' on-chain balances, valued at market closes.",
            "Cost basis and realised / unrealised P&L using the method you chose: FIFO, LIFO, HIFO or average cost.",
            "Performance over time: returns, maximum drawdown and volatility.",
            "An opt-in, read-only public page for a portfolio at /p/<your-slug>.",
          ]}
        />
      </div>
    </HydrateClient>
  );
}
