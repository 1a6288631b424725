"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { getConnection, watchConnection } from "wagmi/actions";
import { ConnectDialog } from "./connect-dialog";

export type WalletConnection = { address: Address; chainId: number };

type WalletModalContextValue = {
  // Opens the connect dialog (header button).
  openConnect: () => void;
  // Resolves with the connection once a wallet is connected (at once if one already is),
  // or null when the user closes the dialog without connecting.
  requestConnection: () => Promise<WalletConnection | null>;
};

const WalletModalContext = createContext<WalletModalContextValue | null>(null);

export function useWalletModal(): WalletModalContextValue {
  const ctx = useContext(WalletModalContext);
  if (!ctx) throw new Error("useWalletModal must be used inside <WalletModalProvider>");
  return ctx;
}

export function WalletModalProvider({ children }: { children: React.ReactNode }) {
  const config = useConfig();
  const [open, setOpen] = useState(false);
  const pending = useRef<((c: WalletConnection | null) => void) | null>(null);

  const settle = useCallback((value: WalletConnection | null) => {
    const resolve = pending.current;
    pending.current = null;
    resolve?.(value);
  }, []);

  useEffect(
    () =>
      watchConnection(config, {
        onChange(conn) {
          if (conn.status === "connected" && conn.address && pending.current) {
            settle({ address: conn.address, chainId: conn.chainId });
            setOpen(false);
          }
        },
      }),
    [config, settle],
  );

  const requestConnection = useCallback(async () => {
    // On a fresh page wagmi may still be restoring the last session: wait for it to settle
    // rather than flash the dialog open and shut.
    const conn = await settledConnection(config);
    if (conn.status === "connected" && conn.address) {
      return Promise.resolve<WalletConnection | null>({ address: conn.address, chainId: conn.chainId });
    }
    settle(null);
    return new Promise<WalletConnection | null>((resolve) => {
      pending.current = resolve;
      setOpen(true);
    });
  }, [config, settle]);

  const openConnect = useCallback(() => setOpen(true), []);

  const onOpenChange = useCallback(
    (next: boolean) => {
      setOpen(next);
      if (!next) settle(null);
    },
    [settle],
  );

  const onConnected = useCallback(
    (conn: WalletConnection) => {
      setOpen(false);
      settle(conn);
    },
    [settle],
  );

  const onSuspend = useCallback((suspended: boolean) => setOpen(!suspended), []);

  const value = useMemo(() => ({ openConnect, requestConnection }), [openConnect, requestConnection]);
  return (
    <WalletModalContext.Provider value={value}>
      {children}
      <ConnectDialog open={open} onOpenChange={onOpenChange} onConnected={onConnected} onSuspend={onSuspend} />
    </WalletModalContext.Provider>
  );
}

const SETTLE_TIMEOUT_MS = 5_000;

function settledConnection(config: ReturnType<typeof useConfig>): Promise<ReturnType<typeof getConnection>> {
  const now = getConnection(config);
  if (now.status !== "reconnecting" && now.status !== "connecting") return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unwatch();
      resolve(getConnection(config));
    };
    const unwatch = watchConnection(config, {
      onChange(c) {
        if (c.status !== "reconnecting" && c.status !== "connecting") done();
      },
    });
    const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
  });
}
