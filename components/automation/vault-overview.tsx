"use client";
// The vault page body: one card per linked wallet (its vault on this chain, or "create"),
// then the keeper's transactions. Wallets are linked with Sign-In with Ethereum in Settings.
import { useQuery } from "@tanstack/react-query";
import { LinkIcon, WalletIcon } from "lucide-react";
import Link from "next/link";
import { useConnection } from "wagmi";
import { errorMessage } from "@/components/feedback/errors";
import { useWalletModal } from "@/components/wallet/wallet-modal";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";
import { VaultCard } from "./vault-card";
import { VaultKeeperTxs } from "./vault-keeper-txs";

export function VaultLoading() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading vaults">
      <Card className="grid gap-4 p-5">
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-4 w-2/3" />
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
          <div className="grid gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
          <Skeleton className="h-40 rounded-lg" />
        </div>
        <Skeleton className="h-48 w-full rounded-lg" />
      </Card>
      <Skeleton className="h-40 rounded-xl" />
    </div>
  );
}

export function VaultOverview({ chainId }: { chainId: number }) {
  const trpc = useTRPC();
  const connection = useConnection();
  const { openConnect } = useWalletModal();
  const q = useQuery(trpc.automation.vault.state.queryOptions({ chainId }, { refetchInterval: 8_000 }));

  if (q.isPending) return <VaultLoading />;
  if (q.isError) {
    return (
      <Alert variant="destructive" data-testid="vault-error">
        <AlertTitle>Could not load your vaults</AlertTitle>
        <AlertDescription>{errorMessage(q.error)}</AlertDescription>
      </Alert>
    );
  }
  const state = q.data;
  if (state.vaults.length === 0) {
    return (
      <Card className="p-5" data-testid="vault-no-wallet">
        <EmptyState
          icon={<LinkIcon />}
          title="Link a wallet first"
          description="A vault belongs to a wallet you have linked to your account. Open Settings → Linked wallets → “Link a wallet” and sign the Sign-In with Ethereum message (no transaction, no gas). Signing in with Ethereum links the wallet too."
          action={
            <Button asChild size="sm">
              <Link href="/settings">Link a wallet in Settings</Link>
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <div className="grid gap-6" data-testid="vault-page" data-block={state.block.toString()}>
      {connection.status !== "connected" ? (
        <Alert variant="info">
          <WalletIcon />
          <AlertTitle>Connect your wallet to sign</AlertTitle>
          <AlertDescription>
            Reading your vaults needs no wallet; creating, funding and configuring them are transactions your wallet signs.
            <Button size="sm" className="mt-2 w-fit" onClick={openConnect}>
              Connect wallet
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      {state.vaults.map((v) => (
        <VaultCard key={v.owner} chainId={chainId} vault={v} />
      ))}
      <VaultKeeperTxs chainId={chainId} />
    </div>
  );
}
