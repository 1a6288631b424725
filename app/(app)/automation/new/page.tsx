import type { Metadata } from "next";
import Link from "next/link";
import { AutomationKindCards } from "@/components/automation/automation-kind-cards";
import { NewAutomationTabs } from "@/components/automation/automation-new-tabs";
import { CreateAutomation } from "@/components/automation/forms/create-automation";
import { parseRebalancePrefill } from "@/components/automation/forms/rebalance-prefill";
import { PageHeader } from "@/components/shell/page-header";
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../_lib/hydrate";

export const metadata: Metadata = { title: "New automation" };

const KINDS = ["dca", "rebalance", "stop_loss", "trailing_stop", "take_profit"] as const;
type Kind = (typeof KINDS)[number];

type Params = { kind?: string; chain?: string; targets?: string; from?: string };

export default async function NewAutomationPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const kind = KINDS.find((k) => k === params.kind) as Kind | undefined;
  // Rebalance targets handed over by another page ("copy this allocation"): prefilled, previewed, not created.
  const prefill = kind === "rebalance" ? parseRebalancePrefill(params) : null;
  // The form's token list paints at once; quotes and balances load on the client.
  await getQueryClient().prefetchQuery(trpc.defi.tokens.queryOptions({ chainId: LOCAL_CHAIN_IDS[0] }));
  return (
    <HydrateClient>
      <PageHeader
        title="New automation"
        description={
          <>
            Set the rules once; every run is planned from them and recorded with its reason. Start on{" "}
            <Link href="/automation/paper" className="text-primary hover:underline">
              paper
            </Link>{" "}
            to see it work without risking funds.
          </>
        }
      />
      {kind ? (
        <div className="grid gap-6">
          <NewAutomationTabs kind={kind} />
          <CreateAutomation key={`${kind}:${params.targets ?? ""}`} kind={kind} prefill={prefill} />
        </div>
      ) : (
        <AutomationKindCards />
      )}
    </HydrateClient>
  );
}
