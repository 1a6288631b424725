import { ArrowLeftRightIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { HistoryTable } from "@/components/swap/history-table";
import { Button } from "@/components/ui/button";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";

export const metadata: Metadata = { title: "Swap history" };

export default async function SwapHistoryPage() {
  const qc = getQueryClient();
  await qc.prefetchInfiniteQuery(trpc.defi.history.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  return (
    <HydrateClient>
      <PageHeader
        title="Swap history"
        description="Every swap, wrap and approval you signed here, with the amounts the chain actually moved."
        actions={
          <Button asChild size="sm">
            <Link href="/swap">
              <ArrowLeftRightIcon />
              New swap
            </Link>
          </Button>
        }
      />
      <HistoryTable />
    </HydrateClient>
  );
}
