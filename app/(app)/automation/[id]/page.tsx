import type { Metadata } from "next";
import { AutomationDetail } from "@/components/automation/automation-detail";
import { caller, getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";
import AppNotFound from "../../not-found";

type Props = { params: Promise<{ id: string }> };

// Someone else's automation, a deleted one and a malformed id all look the same: not found.
async function load(id: string) {
  try {
    return await caller.automation.get({ id });
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const a = await load((await params).id);
  return { title: a ? a.name : "Automation not found" };
}

export default async function AutomationDetailPage({ params }: Props) {
  const { id } = await params;
  const a = await load(id);
  // Rendered in place (not notFound()) like the portfolio detail: this segment streams behind
  // the (app) loading boundary.
  if (!a) return <AppNotFound />;
  const qc = getQueryClient();
  qc.setQueryData(trpc.automation.get.queryKey({ id }), a);
  await qc.prefetchQuery(trpc.automation.runs.list.queryOptions({ automationId: id, limit: 100 }));
  return (
    <HydrateClient>
      <AutomationDetail id={id} />
    </HydrateClient>
  );
}
