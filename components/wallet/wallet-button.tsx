"use client";
import { AlertTriangleIcon, CopyIcon, LogOutIcon, WalletIcon } from "lucide-react";
import { toast } from "sonner";
import { useChains, useConnection, useDisconnect, useSwitchChain } from "wagmi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { chainName } from "@/lib/web3/chains";
import { normaliseWalletError } from "@/lib/web3/errors";
import { checksum, shortAddress } from "@/lib/web3/format";
import { ChainDot } from "./chain-dot";
import { useWalletModal } from "./wallet-modal";

export function WalletButton({ className }: { className?: string }) {
  const connection = useConnection();
  const { openConnect } = useWalletModal();

  // "reconnecting" with an address: the cookie says a wallet was connected; show it while
  // wagmi re-establishes the session instead of flashing "Connect wallet".
  if ((connection.status === "connected" || connection.status === "reconnecting") && connection.address) {
    return <ConnectedWalletMenu address={connection.address} chainId={connection.chainId} className={className} />;
  }
  const busy = connection.status === "connecting" || connection.status === "reconnecting";
  return (
    <Button
      onClick={openConnect}
      size="sm"
      className={className}
      aria-label="Connect wallet"
      data-testid="connect-wallet"
      disabled={connection.status === "connecting"}
    >
      {busy ? <Spinner /> : <WalletIcon aria-hidden="true" />}
      <span className="sm:hidden">Connect</span>
      <span className="hidden sm:inline">Connect wallet</span>
    </Button>
  );
}

function ConnectedWalletMenu({ address, chainId, className }: { address: string; chainId: number | undefined; className?: string }) {
  const chains = useChains();
  const switchChain = useSwitchChain();
  const disconnect = useDisconnect();
  const connection = useConnection();
  const supported = chainId === undefined || chains.some((c) => c.id === chainId);
  const networkName = chainId === undefined ? "…" : chainName(chainId);
  const short = shortAddress(address);

  function onSwitch(value: string) {
    const id = Number(value);
    if (id === chainId) return;
    switchChain.mutate(
      { chainId: id },
      {
        onSuccess: (chain) => toast.success(`Switched to ${chain.name}`),
        onError: (err) => toast.error("Could not switch network", { description: normaliseWalletError(err).message }),
      },
    );
  }

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(checksum(address));
      toast.success("Address copied");
    } catch {
      toast.error("Could not copy the address");
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className={cn("gap-2 font-mono", className)}
          aria-label={`Wallet ${short} on ${networkName}`}
          data-testid="wallet-menu"
          data-address={address.toLowerCase()}
          data-chain-id={chainId}
        >
          {switchChain.isPending ? <Spinner /> : supported ? <ChainDot chainId={chainId} /> : <AlertTriangleIcon className="text-warning" aria-hidden="true" />}
          <span>{short}</span>
          <span className="hidden font-sans text-xs text-muted-foreground xl:inline">{supported ? networkName : "Unsupported network"}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-1">
          <span>Connected{connection.connector ? ` with ${connection.connector.id === "injected" ? "browser wallet" : connection.connector.name}` : ""}</span>
          <span className="font-mono text-[11px] break-all text-foreground" title={checksum(address)}>
            {checksum(address)}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => void onCopy()}>
          <CopyIcon aria-hidden="true" />
          Copy address
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Network</DropdownMenuLabel>
        {!supported ? (
          <p className="px-2 pb-1.5 text-xs text-warning">Your wallet is on {networkName}, which Lodestar does not use. Pick a network:</p>
        ) : null}
        <DropdownMenuRadioGroup value={chainId === undefined ? "" : String(chainId)} onValueChange={onSwitch}>
          {chains.map((c) => (
            <DropdownMenuRadioItem key={c.id} value={String(c.id)} disabled={switchChain.isPending}>
              <ChainDot chainId={c.id} />
              {c.name}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => disconnect.mutate({})}>
          <LogOutIcon aria-hidden="true" />
          Disconnect
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
