import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { ChainDot } from "@/components/wallet/chain-dot";
import { chainName } from "@/lib/web3/chains";
import { checksum, shortAddress } from "@/lib/web3/format";

export type LinkedWallet = { id: string; address: string; chainId: number; label: string | null; createdAt: Date };

export function WalletRow({ wallet, connected, children }: { wallet: LinkedWallet; connected: boolean; children: React.ReactNode }) {
  return (
    <li
      className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3"
      data-testid="linked-wallet"
      data-address={wallet.address.toLowerCase()}
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-secondary">
        <ChainDot chainId={wallet.chainId} className="size-3 ring-0" />
      </span>
      <div className="grid min-w-0 flex-1 gap-0.5">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm font-medium" title={checksum(wallet.address)}>
            {shortAddress(wallet.address)}
          </span>
          {wallet.label ? <span className="text-xs text-muted-foreground">{wallet.label}</span> : null}
          {connected ? <Badge variant="info">Connected</Badge> : null}
        </span>
        <span className="text-xs text-muted-foreground">
          Proven on {chainName(wallet.chainId)} · linked <Time date={wallet.createdAt} dateOnly />
        </span>
      </div>
      {children}
    </li>
  );
}
