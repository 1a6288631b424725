"use client";
import { useState } from "react";
import { cookieToInitialState, WagmiProvider } from "wagmi";
import { makeWagmiConfig, WAGMI_COOKIE, type WagmiChainInput } from "@/lib/web3/config";

// `wagmiCookie` is the value of the wagmi store cookie only (never the whole cookie
// header, which holds the httpOnly session): the server and the first client render
// start from the same connection state, so there is no hydration mismatch.
export function Web3Provider({
  chains,
  wagmiCookie,
  children,
}: {
  chains: WagmiChainInput[];
  wagmiCookie: string | null;
  children: React.ReactNode;
}) {
  const [config] = useState(() =>
    makeWagmiConfig(chains, { appUrl: typeof window === "undefined" ? undefined : window.location.origin }),
  );
  const [initialState] = useState(() =>
    wagmiCookie ? cookieToInitialState(config, `${WAGMI_COOKIE}=${wagmiCookie}`) : undefined,
  );
  return (
    <WagmiProvider config={config} initialState={initialState} reconnectOnMount>
      {children}
    </WagmiProvider>
  );
}
