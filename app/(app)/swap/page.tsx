import { HistoryIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { RecentActivity } from "@/components/swap/recent-activity";
import { SwapCard } from "@/components/swap/swap-card";
import { Button } from "@/components/ui/button";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";

export const metadata: Metadata = { title: "Swap" };

export default async function SwapPage() {
  const qc = getQueryClient();
  // Database reads only; token lists, balances and quotes load on the client (chain reads).
  await qc.prefetchQuery(trpc.defi.history.queryOptions({ limit: 5 }));
  return (
    <HydrateClient>
      <PageHeader
        title="Swap"
        description="Best-price routes across Uniswap V2, SushiSwap and Uniswap V3, signed in your own wallet."
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/swap/history">
              <HistoryIcon />
              History
            </Link>
          </Button>
        }
      />
      <div className="mx-auto grid w-full max-w-5xl grid-cols-1 gap-6 lg:grid-cols-[minmax(0,30rem)_minmax(0,1fr)] lg:items-start">
        <SwapCard />
        <RecentActivity className="h-fit" />
      </div>
    </HydrateClient>
  );
}
