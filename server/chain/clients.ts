import { createPublicClient, http, type PublicClient } from "viem";
import { KNOWN_CHAINS, withRpc } from "@/lib/web3/chains";
import { DomainError } from "@/server/errors";
import { rpcUrlsFromEnv } from "./config";

const cache = new Map<string, PublicClient>();

// A viem public client for a configured chain; throws chain.NOT_CONFIGURED otherwise.
export function publicClientFor(chainId: number): PublicClient {
  const rpcUrl = rpcUrlsFromEnv()[chainId];
  const chain = KNOWN_CHAINS.find((c) => c.id === chainId);
  if (!chain || !rpcUrl) {
    throw new DomainError("chain.NOT_CONFIGURED", "invalid", `Chain ${chainId} is not configured on this server.`);
  }
  const key = `${chainId}:${rpcUrl}`;
  let client = cache.get(key);
  if (!client) {
    client = createPublicClient({
      chain: withRpc(chain, rpcUrl),
      transport: http(rpcUrl, { timeout: 3_000, retryCount: 0 }),
      batch: { multicall: false },
    }) as PublicClient;
    cache.set(key, client);
  }
  return client;
}

export type ChainProbe = { id: number; ok: boolean; block?: number; error?: string; latencyMs?: number };

// Reads the block number of each configured chain (in parallel, bounded by the timeout).
export async function probeChains(chainIds: number[]): Promise<ChainProbe[]> {
  return Promise.all(
    chainIds.map(async (id) => {
      const started = Date.now();
      try {
        const block = await publicClientFor(id).getBlockNumber({ cacheTime: 0 });
        return { id, ok: true, block: Number(block), latencyMs: Date.now() - started };
      } catch (e) {
        const message = e instanceof Error ? e.message.split("\n")[0] ?? "unreachable" : "unreachable";
        return { id, ok: false, error: message, latencyMs: Date.now() - started };
      }
    }),
  );
}
