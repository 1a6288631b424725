import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { LinkedWallets } from "./_components/linked-wallets";
import { ProfileCard } from "./_components/profile-card";
import { SecurityActivity } from "./_components/security-activity";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.user.wallets.queryOptions()), qc.prefetchQuery(trpc.user.activity.queryOptions({ limit: 20 }))]);
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="Your profile, the wallets you have proven you own, and recent security activity." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <div className="grid content-start gap-6">
          <ProfileCard />
        </div>
        <div className="grid content-start gap-6">
          <LinkedWallets />
        </div>
      </div>
      <div className="mt-6">
        <SecurityActivity />
      </div>
    </HydrateClient>
  );
}
