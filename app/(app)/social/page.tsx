import type { Metadata } from "next";
import { FeaturedPortfolios } from "@/components/social/featured-portfolios";
import { Leaderboard } from "@/components/social/leaderboard";
import { DEFAULT_TOP_INPUT } from "@/components/social/social-format";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";

export const metadata: Metadata = { title: "Leaderboard · Social" };

// The leaderboard (its first query prefetched with the client's exact input) and featured
// portfolios (FeaturedPortfolios brings its own "Featured portfolios" heading).
export default async function SocialPage() {
  await getQueryClient().prefetchQuery(trpc.social.traders.top.queryOptions(DEFAULT_TOP_INPUT));
  return (
    <HydrateClient>
      <div className="grid gap-8">
        <Leaderboard />
        <FeaturedPortfolios />
      </div>
    </HydrateClient>
  );
}
