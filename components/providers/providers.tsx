"use client";
// First: configures zod before any form validates (see the file).
import "@/lib/zod-config";
import type * as React from "react";
import { TooltipProvider } from "@/components/ui/tooltip";
import { WalletModalProvider } from "@/components/wallet/wallet-modal";
import { TRPCReactProvider } from "@/lib/trpc/client";
import type { WagmiChainInput } from "@/lib/web3/config";
import { ThemeProvider } from "./theme-provider";
import { Toaster } from "./toaster";
import { Web3Provider } from "./web3-provider";

// Order matters: wagmi needs the react-query client from TRPCReactProvider.
export function Providers({
  nonce,
  chains,
  wagmiCookie,
  children,
}: {
  nonce?: string;
  chains: WagmiChainInput[];
  wagmiCookie: string | null;
  children: React.ReactNode;
}) {
  return (
    <ThemeProvider nonce={nonce}>
      <TRPCReactProvider>
        <Web3Provider chains={chains} wagmiCookie={wagmiCookie}>
          <TooltipProvider delayDuration={250}>
            <WalletModalProvider>{children}</WalletModalProvider>
          </TooltipProvider>
        </Web3Provider>
      </TRPCReactProvider>
      <Toaster />
    </ThemeProvider>
  );
}
