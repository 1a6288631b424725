import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PaperAccountCard } from "@/components/automation/paper-account-card";
import { ChainTabs } from "@/components/automation/chain-tabs";
import { PaperFillsTable } from "@/components/automation/paper-fills-table";
import { PaperOrderForm } from "@/components/automation/paper-order-form";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { PAPER_FILLS_PAGE_SIZE } from "@/lib/schemas/paper";
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";

export const metadata: Metadata = { title: "Paper trading" };

export default async function PaperPage({ searchParams }: { searchParams: Promise<{ chain?: string }> }) {
  const { chain } = await searchParams;
  const chainId = (LOCAL_CHAIN_IDS as readonly number[]).find((id) => String(id) === chain) ?? LOCAL_CHAIN_IDS[0];
  // Database reads only: the account is valued at the pools' prices (a chain read) on the client.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.automation.paper.fills.infiniteQueryOptions({ chainId, limit: PAPER_FILLS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  return (
    <HydrateClient>
      <PageHeader
        title="Paper trading"
        description="Simulated balances that fill at exactly what the pools would pay, fees and price impact included, without sending a transaction."
        actions={
          <>
            <ChainTabs chainId={chainId} path="/automation/paper" />
            <Button asChild variant="outline" size="sm">
              <Link href="/automation">
                <ArrowLeftIcon />
                Automation
              </Link>
            </Button>
          </>
        }
      />
      <div className="grid gap-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:items-start">
          <PaperAccountCard chainId={chainId} />
          <PaperOrderForm chainId={chainId} />
        </div>
        <PaperFillsTable chainId={chainId} />
      </div>
    </HydrateClient>
  );
}
