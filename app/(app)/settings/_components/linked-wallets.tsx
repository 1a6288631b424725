"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { InfoIcon, LinkIcon, WalletIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useConnection } from "wagmi";
import { errorMessage, httpStatusOf, isTRPCClientError } from "@/components/feedback/errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { SIWE_STAGE_LABEL, SiweCancelledError, useSiweSigner } from "@/components/wallet/use-siwe";
import { useTRPC } from "@/lib/trpc/client";
import { normaliseWalletError } from "@/lib/web3/errors";
import { shortAddress } from "@/lib/web3/format";
import { UnlinkWalletButton } from "./unlink-wallet-button";
import { WalletRow } from "./wallet-row";

class AlreadyLinkedError extends Error {
  constructor(readonly address: string) {
    super("This wallet is already linked.");
  }
}

export function LinkedWallets() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const wallets = useQuery(trpc.user.wallets.queryOptions());
  const connection = useConnection();
  const { stage, setStage, sign } = useSiweSigner();
  const [notice, setNotice] = useState<string | null>(null);
  const linkWallet = useMutation(trpc.user.linkWallet.mutationOptions());
  const busy = stage !== "idle";

  async function onLink() {
    setNotice(null);
    const linked = new Set((wallets.data ?? []).map((w) => w.address.toLowerCase()));
    try {
      const proof = await sign("link", {
        beforeSign: (conn) => {
          if (linked.has(conn.address.toLowerCase())) throw new AlreadyLinkedError(conn.address);
        },
      });
      const wallet = await linkWallet.mutateAsync({ message: proof.message, signature: proof.signature });
      await Promise.all([qc.invalidateQueries(trpc.user.wallets.queryFilter()), qc.invalidateQueries(trpc.defi.pathFilter())]);
      toast.success("Wallet linked", { description: `${shortAddress(wallet.address)} is now linked to your account.` });
    } catch (err) {
      if (err instanceof SiweCancelledError) return;
      if (err instanceof AlreadyLinkedError) {
        setNotice(
          `The connected wallet (${shortAddress(err.address)}) is already linked. To link another one, switch to a different account in your wallet, then choose "Link a wallet" again.`,
        );
        return;
      }
      if (isTRPCClientError(err)) {
        toast.error("Could not link the wallet", {
          description: httpStatusOf(err) === 429 ? "Too many attempts. Wait a few minutes and try again." : errorMessage(err),
        });
        return;
      }
      const w = normaliseWalletError(err);
      toast.error(w.kind === "rejected" ? "You cancelled the signature request." : "Could not link the wallet", {
        description: w.kind === "rejected" ? undefined : w.message,
      });
    } finally {
      setStage("idle");
    }
  }

  const connected = connection.status === "connected" ? connection.address?.toLowerCase() : undefined;

  return (
    <Card id="linked-wallets" className="scroll-mt-20" data-testid="linked-wallets" role="region" aria-labelledby="linked-wallets-title">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 flex-1 basis-64 gap-1.5">
          <h2 id="linked-wallets-title" className="text-base leading-tight font-semibold tracking-tight">Linked wallets</h2>
          <CardDescription>Wallets you proved you own with a signature. Linking is free: no transaction, no gas.</CardDescription>
        </div>
        <Button size="sm" onClick={() => void onLink()} disabled={busy || wallets.isPending}>
          {busy ? <Spinner /> : <LinkIcon aria-hidden="true" />}
          {busy ? SIWE_STAGE_LABEL[stage] : "Link a wallet"}
        </Button>
      </CardHeader>
      <div className="grid gap-3 px-5 pb-5">
        <p role="status" aria-live="polite" className="sr-only">
          {busy ? SIWE_STAGE_LABEL[stage] : ""}
        </p>
        {notice ? (
          <Alert variant="info" data-testid="already-linked-notice">
            <InfoIcon />
            <AlertTitle>Already linked</AlertTitle>
            <AlertDescription>{notice}</AlertDescription>
          </Alert>
        ) : null}
        {wallets.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : wallets.isError ? (
          <p className="text-sm text-negative">{errorMessage(wallets.error)}</p>
        ) : wallets.data.length === 0 ? (
          <EmptyState
            icon={<WalletIcon />}
            title="No wallets linked yet"
            description="Link a wallet to see its balances on the dashboard and to sign in with it."
          />
        ) : (
          <ul className="grid divide-y rounded-lg border" aria-label="Linked wallets">
            {wallets.data.map((w) => (
              <WalletRow key={w.id} wallet={w} connected={connected === w.address.toLowerCase()}>
                <UnlinkWalletButton wallet={w} />
              </WalletRow>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
