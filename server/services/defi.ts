import type { Db } from "@/db/client";
import { listWalletsForUser } from "@/db/queries/user";
import { configuredChains } from "@/server/chain/config";
import { probeChains, publicClientFor } from "@/server/chain/clients";
import { DomainError } from "@/server/errors";

// Configured chains with their live head block (null when unreachable or not configured).
export async function chainStatus() {
  const chains = configuredChains();
  const probes = await probeChains(chains.filter((c) => c.rpcUrl).map((c) => c.id));
  return chains.map((c) => {
    const p = probes.find((x) => x.id === c.id);
    return {
      id: c.id,
      name: c.name,
      local: c.local,
      configured: Boolean(c.rpcUrl),
      ok: p?.ok ?? false,
      block: p?.block ?? null,
      latencyMs: p?.latencyMs ?? null,
    };
  });
}

// Native balances (base units, bigint) of the caller's linked wallets on one chain.
export async function nativeBalances(db: Db, userId: string, chainId: number) {
  const chain = configuredChains().find((c) => c.id === chainId);
  if (!chain?.rpcUrl) throw new DomainError("chain.NOT_CONFIGURED", "invalid", `Chain ${chainId} is not configured.`);
  const wallets = await listWalletsForUser(db, userId);
  const client = publicClientFor(chainId);
  try {
    const block = await client.getBlockNumber({ cacheTime: 0 });
    const balances = await Promise.all(
      wallets.map(async (w) => ({
        walletId: w.id,
        address: w.address,
        balanceWei: await client.getBalance({ address: w.address as `0x${string}`, blockNumber: block }),
      })),
    );
    return { chainId, block, balances };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError("chain.UNREACHABLE", "unavailable", `${chain.name} is not reachable right now.`, { cause: err });
  }
}

