import type { Metadata } from "next";
import { ChainTabs } from "@/components/automation/chain-tabs";
import { VaultOverview } from "@/components/automation/vault-overview";
import { PageHeader } from "@/components/shell/page-header";
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

export const metadata: Metadata = { title: "Vault" };

// Everything here is chain state read on the client (balances, limits, keeper): no prefetch.
export default async function VaultPage({ searchParams }: { searchParams: Promise<{ chain?: string }> }) {
  const { chain } = await searchParams;
  const chainId = (LOCAL_CHAIN_IDS as readonly number[]).find((id) => String(id) === chain) ?? LOCAL_CHAIN_IDS[0];
  return (
    <>
      <PageHeader
        title="Vault"
        description="Your own on-chain vault for automations: you hold the keys, Lodestar's keeper trades only within the limits you sign."
        actions={<ChainTabs chainId={chainId} path="/automation/vault" testId="vault-chain" />}
      />
      <VaultOverview chainId={chainId} />
    </>
  );
}
