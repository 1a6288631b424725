import { UsersIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { TraderProfileForm } from "./_components/trader-profile-form";

export const metadata: Metadata = { title: "Social" };

export default async function SocialPage() {
  await getQueryClient().prefetchQuery(trpc.social.profile.get.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Social" description="Share how you trade, follow traders you trust, and copy them on your own terms." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <TraderProfileForm />
        <ComingNext
          icon={<UsersIcon />}
          title="Follow and copy traders"
          description="Trader statistics will be computed from verified on-chain trades, never self-reported."
          items={[
            "Public trader pages with returns, drawdown and win rate computed from verified trades.",
            "Follow traders and see their new trades in a feed.",
            "Copy trading: mirror a trader's swaps from your own wallet, with position sizing and limits you set.",
          ]}
        />
      </div>
    </HydrateClient>
  );
}
