// The protocol registry the app reads: local chains from the files the deploy script writes
// (<LODESTAR_DATA_DIR>/registry/<chainId>.json, zod-validated), public chains from the static
// list in lib/web3/registry/public.ts.
import fs from "node:fs";
import path from "node:path";
import { PUBLIC_REGISTRIES } from "@/lib/web3/registry/public";
import { chainRegistrySchema, type ChainRegistry } from "@/lib/web3/registry/schema";

const publicById = new Map<number, ChainRegistry>(PUBLIC_REGISTRIES.map((r) => [r.chainId, chainRegistrySchema.parse(r)]));

// Re-read when the file changes (a redeploy after a chain was wiped), keyed by mtime.
const localCache = new Map<string, { mtimeMs: number; registry: ChainRegistry }>();

export function registryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LODESTAR_DATA_DIR ?? ".data", "registry");
}

function readLocal(chainId: number, dir: string): ChainRegistry | null {
  const file = path.join(dir, `${chainId}.json`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const cached = localCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.registry;
  const parsed = chainRegistrySchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success || parsed.data.chainId !== chainId) {
    throw new Error(`invalid registry file ${file}: ${parsed.success ? "chain id mismatch" : parsed.error.message}`);
  }
  localCache.set(file, { mtimeMs: stat.mtimeMs, registry: parsed.data });
  return parsed.data;
}

// The registry of a chain: the local deployment if one was written, else the public entry,
// else null (an unknown chain, or a local chain not deployed yet).
export function getRegistry(chainId: number, opts: { dir?: string } = {}): ChainRegistry | null {
  return readLocal(chainId, opts.dir ?? registryDir()) ?? publicById.get(chainId) ?? null;
}

export function publicRegistryChainIds(): number[] {
  return [...publicById.keys()];
}
