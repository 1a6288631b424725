// wagmi configuration, built in the browser from the chain list the server passes down
// (RPC URLs are runtime configuration, not NEXT_PUBLIC build-time values).
import type { Chain, Transport } from "viem";
import { cookieStorage, createConfig, createStorage, http, type CreateConnectorFn } from "wagmi";
// Per-connector entry points keep the other connectors (and their SDKs) out of the bundle.
import { injected } from "wagmi/connectors/injected";
import { walletConnect } from "wagmi/connectors/walletConnect";
import { KNOWN_CHAINS, withRpc, type ChainRpcConfig } from "./chains";
import { WAGMI_STORAGE_KEY } from "./storage-key";

export type WagmiChainInput = Pick<ChainRpcConfig, "id" | "name" | "rpcUrl">;

// The wagmi store is persisted in a cookie so the server can render the same connection
// state the client starts with (no hydration mismatch).
export { WAGMI_COOKIE, WAGMI_STORAGE_KEY } from "./storage-key";

export function walletConnectProjectId(): string | undefined {
  const id = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;
  return id && id.length >= 8 ? id : undefined;
}

// Known chains that have an RPC URL, in KNOWN_CHAINS order (local chains first).
export function toWagmiChains(input: readonly WagmiChainInput[]): Chain[] {
  const out: Chain[] = [];
  for (const known of KNOWN_CHAINS) {
    const cfg = input.find((c) => c.id === known.id);
    if (cfg?.rpcUrl) out.push(withRpc(known, cfg.rpcUrl));
  }
  return out;
}

export function makeWagmiConfig(input: readonly WagmiChainInput[], opts: { appUrl?: string } = {}) {
  const chains = toWagmiChains(input);
  const [first, ...rest] = chains;
  if (!first) throw new Error("No chain has an RPC URL configured.");
  const transports: Record<number, Transport> = {};
  for (const c of chains) transports[c.id] = http(c.rpcUrls.default.http[0], { batch: true, retryCount: 1, timeout: 10_000 });

  // `injected()` covers a wallet on window.ethereum; EIP-6963 wallets are discovered and
  // added as their own connectors (multiInjectedProviderDiscovery).
  const connectors: CreateConnectorFn[] = [injected({ shimDisconnect: true })];
  const projectId = walletConnectProjectId();
  // Browser only: the connector opens a relay connection as soon as it is set up, which the
  // server render (this config is also created during SSR) must not do on every request.
  if (projectId && typeof window !== "undefined") {
    connectors.push(
      walletConnect({
        projectId,
        showQrModal: true,
        metadata: {
          name: "Lodestar",
          description: "Non-custodial portfolio, DeFi and automation",
          url: opts.appUrl ?? "https://lodestar.local",
          icons: [],
        },
      }),
    );
  }

  return createConfig({
    chains: [first, ...rest],
    transports,
    connectors,
    ssr: true,
    storage: createStorage({ storage: cookieStorage, key: WAGMI_STORAGE_KEY }),
    multiInjectedProviderDiscovery: true,
  });
}

export type LodestarWagmiConfig = ReturnType<typeof makeWagmiConfig>;
