// Every chain Lodestar knows. The two local anvil chains are always configured; the
// public networks are configured when their RPC URL is set (RPC_URL_<chainId>).
import { defineChain, type Chain } from "viem";
import { arbitrum, base, mainnet, optimism, polygon } from "viem/chains";

export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;

export const localChainA = defineChain({
  id: 31337,
  name: "Lodestar Local A",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
  testnet: true,
  // Placed at the canonical address by the deploy (anvil_setCode), as on public chains.
  contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
});

export const localChainB = defineChain({
  id: 31338,
  name: "Lodestar Local B",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8546"] } },
  testnet: true,
  // Placed at the canonical address by the deploy (anvil_setCode), as on public chains.
  contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
});

export const LOCAL_CHAIN_IDS = [localChainA.id, localChainB.id] as const;

export const KNOWN_CHAINS: readonly Chain[] = [localChainA, localChainB, mainnet, base, arbitrum, optimism, polygon];

export type ChainRpcConfig = { id: number; name: string; rpcUrl: string | null; local: boolean; testnet: boolean };

export function isKnownChainId(id: number): boolean {
  return KNOWN_CHAINS.some((c) => c.id === id);
}

export function chainName(id: number): string {
  return KNOWN_CHAINS.find((c) => c.id === id)?.name ?? `Chain ${id}`;
}

// Pairs each known chain with its configured RPC URL (null = not configured).
export function chainConfig(rpcUrls: Record<number, string | undefined>): ChainRpcConfig[] {
  return KNOWN_CHAINS.map((c) => ({
    id: c.id,
    name: c.name,
    rpcUrl: rpcUrls[c.id] ?? null,
    local: (LOCAL_CHAIN_IDS as readonly number[]).includes(c.id),
    testnet: Boolean(c.testnet),
  }));
}

export function withRpc(chain: Chain, rpcUrl: string): Chain {
  return { ...chain, rpcUrls: { ...chain.rpcUrls, default: { http: [rpcUrl] } } };
}
