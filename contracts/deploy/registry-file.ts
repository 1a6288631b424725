// The local registry file: <dataDir>/registry/<chainId>.json, and the liveness check that
// makes the deploy idempotent (every recorded address still has code on the chain).
import fs from "node:fs";
import path from "node:path";
import { createPublicClient, http, type Address } from "viem";
import { chainRegistrySchema, type ChainRegistry } from "@/lib/web3/registry/schema";

export function registryFile(dataDir: string, chainId: number): string {
  return path.join(dataDir, "registry", `${chainId}.json`);
}

export function readRegistryFile(dataDir: string, chainId: number): ChainRegistry | null {
  const file = registryFile(dataDir, chainId);
  if (!fs.existsSync(file)) return null;
  const parsed = chainRegistrySchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  return parsed.success && parsed.data.chainId === chainId ? parsed.data : null;
}

export function writeRegistryFile(dataDir: string, registry: ChainRegistry): void {
  const file = registryFile(dataDir, registry.chainId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(registry, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

// Every address the registry records (the executor, vault factory and Multicall3 included), deduplicated.
export function registryAddresses(r: ChainRegistry): Address[] {
  const all = [
    r.weth,
    r.executor,
    r.vaultFactory,
    r.multicall3,
    ...r.tokens.map((t) => t.address),
    ...r.venues.flatMap((v) => [v.factory, v.router, v.quoter, v.positionManager]),
    ...r.pools.map((p) => p.address),
  ];
  return [...new Set(all.filter((a): a is string => Boolean(a)))] as Address[];
}

// The registry addresses that have no code on the chain (all of them on a wiped chain).
export async function addressesWithoutCode(rpcUrl: string, r: ChainRegistry): Promise<Address[]> {
  const client = createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: 200 }, timeout: 10_000, retryCount: 0 }) });
  const addresses = registryAddresses(r);
  const codes = await Promise.all(addresses.map((address) => client.getCode({ address })));
  return addresses.filter((_, i) => codes[i] === undefined || codes[i] === "0x");
}

export async function registryIsLive(rpcUrl: string, r: ChainRegistry): Promise<boolean> {
  return (await addressesWithoutCode(rpcUrl, r)).length === 0;
}
