import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";
import { TraderProfileForm } from "../_components/trader-profile-form";

export const metadata: Metadata = { title: "My profile · Social" };

export default async function SocialProfilePage() {
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.social.profile.get.queryOptions()), qc.prefetchQuery(trpc.user.me.queryOptions()), qc.prefetchQuery(trpc.portfolio.list.queryOptions())]);
  return (
    <HydrateClient>
      <div className="max-w-2xl">
        <TraderProfileForm />
      </div>
    </HydrateClient>
  );
}
