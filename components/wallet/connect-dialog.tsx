"use client";
import { ChevronRightIcon, ExternalLinkIcon, QrCodeIcon, ShieldCheckIcon, WalletIcon } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { useConnect, useConnectors, type Connector } from "wagmi";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { normaliseWalletError, type WalletError } from "@/lib/web3/errors";
import { ConnectorIcon } from "./connector-icon";
import type { WalletConnection } from "./wallet-modal";

const INSTALL_LINKS = [
  { name: "MetaMask", href: "https://metamask.io/download/" },
  { name: "Rabby", href: "https://rabby.io/" },
  { name: "Coinbase Wallet", href: "https://www.coinbase.com/wallet/downloads" },
];

const subscribeNever = () => () => {};

function hasWindowEthereum(): boolean {
  return typeof window !== "undefined" && Boolean((window as { ethereum?: unknown }).ethereum);
}

// Which connectors to offer: every EIP-6963 wallet by its announced name and icon; the
// generic window.ethereum connector only when no wallet announced itself (avoids listing
// the same extension twice); WalletConnect when configured.
function visibleConnectors(connectors: readonly Connector[], injectedPresent: boolean): Connector[] {
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const generic = connectors.find((c) => c.id === "injected");
  const walletConnect = connectors.filter((c) => c.type === "walletConnect");
  return [...announced, ...(announced.length === 0 && injectedPresent && generic ? [generic] : []), ...walletConnect];
}

function displayName(c: Connector): string {
  return c.id === "injected" ? "Browser wallet" : c.name;
}

export function ConnectDialog({
  open,
  onOpenChange,
  onConnected,
  onSuspend,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConnected: (conn: WalletConnection) => void;
  // Hide (true) or show again (false) this dialog without cancelling the pending request:
  // WalletConnect shows its own QR modal, which must not sit under this modal dialog.
  onSuspend: (suspended: boolean) => void;
}) {
  const connectors = useConnectors();
  const connect = useConnect();
  // false on the server and during hydration, then whether window.ethereum exists.
  const injectedPresent = useSyncExternalStore(subscribeNever, hasWindowEthereum, () => false);
  const [error, setError] = useState<WalletError | null>(null);
  const [pendingUid, setPendingUid] = useState<string | null>(null);

  function handleOpenChange(next: boolean) {
    if (!next) setError(null);
    onOpenChange(next);
  }

  const list = visibleConnectors(connectors, injectedPresent);

  function onPick(connector: Connector) {
    setError(null);
    setPendingUid(connector.uid);
    const external = connector.type === "walletConnect";
    if (external) onSuspend(true);
    connect.mutate(
      { connector },
      {
        onSuccess(data) {
          const address = data.accounts[0];
          if (address) onConnected({ address, chainId: data.chainId });
        },
        onError(err) {
          setError(normaliseWalletError(err));
          if (external) onSuspend(false);
        },
        onSettled() {
          setPendingUid(null);
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent aria-describedby="connect-wallet-description" data-testid="connect-wallet-dialog">
        <DialogHeader>
          <DialogTitle>Connect a wallet</DialogTitle>
          <DialogDescription id="connect-wallet-description">
            Lodestar never holds your keys. Every signature and transaction is approved in your own wallet.
          </DialogDescription>
        </DialogHeader>

        {list.length > 0 ? (
          <ul className="grid gap-2" aria-label="Available wallets">
            {list.map((c) => {
              const busy = pendingUid === c.uid;
              return (
                <li key={c.uid}>
                  <button
                    type="button"
                    data-testid={`connector-${c.id}`}
                    disabled={connect.isPending}
                    onClick={() => onPick(c)}
                    className={cn(
                      "flex w-full items-center gap-3 rounded-lg border bg-card px-3 py-2.5 text-left transition-colors",
                      "hover:border-primary/50 hover:bg-accent disabled:opacity-60",
                    )}
                  >
                    {c.type === "walletConnect" ? (
                      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border bg-background">
                        <QrCodeIcon aria-hidden="true" className="size-4 text-info" />
                      </span>
                    ) : (
                      <ConnectorIcon icon={c.icon} />
                    )}
                    <span className="grid flex-1 gap-0.5">
                      <span className="text-sm font-medium">{displayName(c)}</span>
                      <span className="text-xs text-muted-foreground">
                        {busy
                          ? "Confirm in your wallet…"
                          : c.type === "walletConnect"
                            ? "Scan a QR code with a mobile wallet"
                            : c.id === "injected"
                              ? "Detected in this browser"
                              : "Browser extension"}
                      </span>
                    </span>
                    {busy ? <Spinner /> : <ChevronRightIcon aria-hidden="true" className="size-4 text-muted-foreground" />}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <NoWalletHelp />
        )}

        {error ? (
          <Alert variant={error.kind === "rejected" ? "warning" : "destructive"}>
            <WalletIcon />
            <AlertTitle>{error.kind === "rejected" ? "Connection cancelled" : "Could not connect"}</AlertTitle>
            <AlertDescription>
              {error.kind === "rejected" ? "You cancelled the connection request in your wallet." : error.message}
            </AlertDescription>
          </Alert>
        ) : null}

        <p className="flex items-center gap-2 text-xs text-muted-foreground">
          <ShieldCheckIcon aria-hidden="true" className="size-3.5 text-positive" />
          Connecting only shares your public address.
        </p>
      </DialogContent>
    </Dialog>
  );
}

function NoWalletHelp() {
  return (
    <div className="grid gap-3 rounded-lg border border-dashed p-4" data-testid="no-wallet-help">
      <div className="flex items-center gap-2 text-sm font-medium">
        <WalletIcon aria-hidden="true" className="size-4 text-primary" />
        No wallet found in this browser
      </div>
      <p className="text-sm text-muted-foreground">
        Install a browser wallet extension, create or import an account in it, then reload this page. It will appear here
        automatically.
      </p>
      <ul className="flex flex-wrap gap-2">
        {INSTALL_LINKS.map((l) => (
          <li key={l.name}>
            <a
              href={l.href}
              target="_blank"
              rel="noreferrer noopener"
              className="inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-xs font-medium hover:bg-accent"
            >
              {l.name}
              <ExternalLinkIcon aria-hidden="true" className="size-3" />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
