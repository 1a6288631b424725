import { PlusIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { AutomationList } from "./_components/automation-list";
import { DeadRunsBanner } from "./_components/dead-runs-banner";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage() {
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.automation.list.queryOptions()), qc.prefetchQuery(trpc.automation.runs.dead.queryOptions())]);
  return (
    <HydrateClient>
      <PageHeader
        title="Automation"
        description="Strategies that run while you are away, within limits you sign off on. Every run is recorded with its reason."
        actions={
          <Button asChild>
            <Link href="/automation/new">
              <PlusIcon />
              New automation
            </Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <DeadRunsBanner />
        <AutomationList />
      </div>
    </HydrateClient>
  );
}
