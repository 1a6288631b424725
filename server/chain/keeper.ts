// The automation keeper: the server's own key that calls `execute` on users' vaults (and
// nothing else: a vault only lets it swap through the executor back into the vault, within
// the owner's limits). Never a user's key.
//
// AUTOMATION_KEEPER_KEY (0x + 64 hex) in the environment. Without it, only the local chains
// (31337, 31338) fall back to anvil dev account #8, a publicly known key that must never
// guard value anywhere else; other chains have no keeper (keeper.NOT_CONFIGURED).
import { createWalletClient, http, type Address, type WalletClient } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { KNOWN_CHAINS, withRpc } from "@/lib/web3/chains";
import { DomainError, ErrorKind } from "@/server/errors";
import { rpcUrlsFromEnv } from "./config";

/** anvil's dev account #8 (mnemonic "test test … junk"): 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f. */
export const LOCAL_DEV_KEEPER_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97" as const;
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 31338];

const KEY = /^0x[0-9a-fA-F]{64}$/;

/** The environment variables read here (process.env by default; tests pass their own). */
export type KeeperEnv = Readonly<Record<string, string | undefined>>;

/** The keeper's private key for a chain, or null when there is none. */
export function keeperKey(chainId: number, env: KeeperEnv = process.env): `0x${string}` | null {
  const configured = env.AUTOMATION_KEEPER_KEY?.trim();
  if (configured) {
    if (!KEY.test(configured)) throw new DomainError("keeper.BAD_KEY", ErrorKind.unavailable, "Automation is misconfigured on this server.", { message: "AUTOMATION_KEEPER_KEY is not 0x + 64 hex characters" });
    return configured as `0x${string}`;
  }
  return LOCAL_CHAIN_IDS.includes(chainId) ? LOCAL_DEV_KEEPER_KEY : null;
}

const accounts = new Map<string, PrivateKeyAccount>();

function accountFor(key: `0x${string}`): PrivateKeyAccount {
  let a = accounts.get(key);
  if (!a) {
    a = privateKeyToAccount(key);
    accounts.set(key, a);
  }
  return a;
}

/** The keeper's address on a chain (what a vault's owner sets as its keeper), or null. */
export function keeperAddress(chainId: number, env: KeeperEnv = process.env): Address | null {
  const key = keeperKey(chainId, env);
  return key ? accountFor(key).address : null;
}

export function keeperAccountOrThrow(chainId: number, env: KeeperEnv = process.env): PrivateKeyAccount {
  const key = keeperKey(chainId, env);
  if (!key) throw new DomainError("keeper.NOT_CONFIGURED", ErrorKind.unavailable, `Automation is not available on chain ${chainId} (no keeper key).`);
  return accountFor(key);
}

const wallets = new Map<string, WalletClient>();

/** A wallet client signing as the keeper on a configured chain (cached per chain, key and RPC URL). */
export function keeperWalletClient(chainId: number, env: NodeJS.ProcessEnv = process.env): WalletClient {
  const account = keeperAccountOrThrow(chainId, env);
  const rpcUrl = rpcUrlsFromEnv(env)[chainId];
  const chain = KNOWN_CHAINS.find((c) => c.id === chainId);
  if (!chain || !rpcUrl) throw new DomainError("chain.NOT_CONFIGURED", ErrorKind.invalid, `Chain ${chainId} is not configured on this server.`);
  const cacheKey = `${chainId}:${account.address}:${rpcUrl}`;
  let client = wallets.get(cacheKey);
  if (!client) {
    client = createWalletClient({ account, chain: withRpc(chain, rpcUrl), transport: http(rpcUrl, { timeout: 10_000, retryCount: 0 }) });
    wallets.set(cacheKey, client);
  }
  return client;
}

// One send at a time per keeper and chain: nonces are read from the node ("pending") and a
// second send must not read the same one before the first reached the node.
const sendLocks = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier locked call for the same keeper and chain has settled. */
export function withKeeperLock<T>(chainId: number, fn: () => Promise<T>, env: KeeperEnv = process.env): Promise<T> {
  const lockKey = `${chainId}:${keeperAddress(chainId, env) ?? "none"}`;
  const prev = sendLocks.get(lockKey) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  sendLocks.set(
    lockKey,
    run.catch(() => undefined),
  );
  return run;
}
