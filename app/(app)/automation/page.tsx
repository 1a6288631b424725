import { BotIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../_lib/hydrate";
import { AutomationList } from "./_components/automation-list";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage() {
  await getQueryClient().prefetchQuery(trpc.automation.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Automation" description="Strategies that run while you are away, within limits you sign off on." />
      <div className="grid gap-6">
        <AutomationList />
        <ComingNext
          icon={<BotIcon />}
          title="Automated strategies"
          description="Set the rules once; Lodestar plans each run and records every step, and you can pause or stop at any time."
          items={[
            "Rebalance a portfolio back to target weights when it drifts past a threshold.",
            "Dollar-cost averaging: buy a fixed amount on a schedule.",
            "Stop-loss, trailing-stop and take-profit orders on your positions.",
            "Try a strategy as a backtest on years of market history, or paper-trade it, before it runs with real funds.",
          ]}
        />
      </div>
    </HydrateClient>
  );
}
