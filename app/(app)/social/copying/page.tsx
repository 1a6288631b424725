import type { Metadata } from "next";
import { CopyHistory } from "@/components/social/copy-history";
import { CopyList } from "@/components/social/copy-list";
import { COPY_TRADES_PAGE } from "@/components/social/social-format";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";

export const metadata: Metadata = { title: "Copying · Social" };

// The caller's copies and their history (both poll on the client so new copies appear live).
export default async function CopyingPage() {
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.social.copy.list.queryOptions()),
    qc.prefetchInfiniteQuery(trpc.social.copy.trades.infiniteQueryOptions({ limit: COPY_TRADES_PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined })),
  ]);
  return (
    <HydrateClient>
      <div className="grid gap-6">
        <CopyList />
        <CopyHistory />
      </div>
    </HydrateClient>
  );
}
