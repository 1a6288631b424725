import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";
import { AlertForm } from "./_components/alert-form";
import { AlertsList } from "./_components/alerts-list";
import { WebhooksPanel } from "./_components/webhooks-panel";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.automation.alerts.list.queryOptions()),
    qc.prefetchQuery(trpc.automation.webhooks.list.queryOptions()),
    qc.prefetchQuery(trpc.automation.webhooks.deliveries.queryOptions({ limit: 20 })),
    qc.prefetchQuery(trpc.portfolio.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Alerts & webhooks"
        description="Get told when a price crosses a level or moves fast, when a portfolio draws down or gets concentrated — in the app, and signed to your own endpoints."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]">
        <div className="grid content-start gap-6">
          <AlertForm />
        </div>
        <div className="grid content-start gap-6">
          <AlertsList />
        </div>
      </div>
      <div className="mt-6">
        <WebhooksPanel />
      </div>
    </HydrateClient>
  );
}
