"use client";
import { CheckCircle2Icon, CircleIcon } from "lucide-react";
import { useChains, useConnection } from "wagmi";
import { useChainStatus } from "@/components/shell/use-chain-status";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ChainDot } from "@/components/wallet/chain-dot";
import { useWalletModal } from "@/components/wallet/wallet-modal";
import { chainName } from "@/lib/web3/chains";
import { shortAddress } from "@/lib/web3/format";

// What a swap will need, checked live: a connected wallet on a network Lodestar uses, and
// the local networks answering.
export function SwapReadiness() {
  const connection = useConnection();
  const chains = useChains();
  const { openConnect } = useWalletModal();
  const status = useChainStatus();
  const local = status.data?.filter((c) => c.local) ?? [];
  const connected = connection.status === "connected" && connection.address;
  const supported = connected && chains.some((c) => c.id === connection.chainId);

  return (
    <Card className="h-fit">
      <CardHeader>
        <CardTitle>Ready to swap?</CardTitle>
        <CardDescription>What swapping will need, checked now.</CardDescription>
      </CardHeader>
      <ul className="grid gap-3 px-5 pb-5 text-sm">
        <li className="flex items-start gap-3">
          {supported ? <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-4 text-positive" /> : <CircleIcon aria-hidden="true" className="mt-0.5 size-4 text-muted-foreground" />}
          <div className="grid flex-1 gap-1.5">
            <span className="font-medium">Wallet connected</span>
            {connected ? (
              <span className="text-muted-foreground">
                <span className="font-mono">{shortAddress(connection.address!)}</span> on {chainName(connection.chainId)}
                {!supported ? " — switch to a Lodestar network from the wallet menu." : ""}
              </span>
            ) : (
              <Button size="sm" variant="outline" className="w-fit" onClick={openConnect}>
                Connect wallet
              </Button>
            )}
          </div>
        </li>
        {status.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : (
          local.map((c) => (
            <li key={c.id} className="flex items-start gap-3">
              {c.ok ? <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-4 text-positive" /> : <CircleIcon aria-hidden="true" className="mt-0.5 size-4 text-negative" />}
              <div className="grid flex-1 gap-0.5">
                <span className="flex items-center gap-2 font-medium">
                  <ChainDot chainId={c.id} className="ring-0" /> {c.name}
                </span>
                <span className="tabular text-muted-foreground">
                  {c.ok ? `Online at block #${c.block?.toLocaleString("en-US")}` : "Unreachable right now"}
                </span>
              </div>
            </li>
          ))
        )}
      </ul>
    </Card>
  );
}
