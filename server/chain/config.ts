import { chainConfig, type ChainRpcConfig } from "@/lib/web3/chains";

// Server view of chain configuration, from the environment at run time (not build time),
// so the same build can point at other RPC endpoints.
export function rpcUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<number, string | undefined> {
  return {
    31337: env.RPC_URL_31337 || "http://127.0.0.1:8545",
    31338: env.RPC_URL_31338 || "http://127.0.0.1:8546",
    1: env.RPC_URL_1 || undefined,
    8453: env.RPC_URL_8453 || undefined,
    42161: env.RPC_URL_42161 || undefined,
    10: env.RPC_URL_10 || undefined,
    137: env.RPC_URL_137 || undefined,
  };
}

export function configuredChains(env: NodeJS.ProcessEnv = process.env): ChainRpcConfig[] {
  return chainConfig(rpcUrlsFromEnv(env));
}
