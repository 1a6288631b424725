// Deploys (or confirms) the protocol set on every running local chain, in parallel, with one
// summary line per chain. Used by the launcher (scripts/run.ts) and `npm run deploy`.
import { deployChain, type DeployResult } from "./deploy";

export type LocalChainTarget = { chainId: number; rpcUrl: string };

export function summarize(chainId: number, r: DeployResult): string {
  const reg = r.registry;
  const what = `${reg.tokens.length} tokens, ${reg.venues.length} venues, ${reg.pools.length} pools`;
  if (r.skipped) return `chain ${chainId}: already deployed (${what}, block ${reg.deployedAt}), checked in ${r.ms} ms`;
  if (r.added) return `chain ${chainId}: added ${r.added.join(", ") || "nothing new"} to the existing deployment (${what}) in ${r.transactions} transactions, ${(r.ms / 1000).toFixed(2)} s`;
  return `chain ${chainId}: deployed ${what} in ${r.transactions} transactions, ${(r.ms / 1000).toFixed(2)} s`;
}

export async function deployLocalChains(targets: LocalChainTarget[], dataDir: string, log: (line: string) => void): Promise<DeployResult[]> {
  const started = Date.now();
  const results = await Promise.all(
    targets.map(async (t) => {
      const r = await deployChain({ rpcUrl: t.rpcUrl, chainId: t.chainId, dataDir });
      log(summarize(t.chainId, r));
      return r;
    }),
  );
  log(`done in ${((Date.now() - started) / 1000).toFixed(2)} s`);
  return results;
}
