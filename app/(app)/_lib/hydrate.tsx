import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { getQueryClient } from "@/server/api/rsc";

// Hands what server components prefetched (getQueryClient().prefetchQuery(trpc.x.queryOptions()))
// to the client cache, so the first paint has data instead of skeletons. prefetchQuery never
// throws: a failed query is simply fetched again on the client.
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
