// The vault rail of copy trading: a copy whose rail is 'vault' trades the follower's own
// LodestarVault through Lodestar's keeper (server/services/venues/vault.ts), within the limits
// the follower set on chain. The server never holds the follower's key: the keeper can only call
// `execute` on the vault, which swaps back into the vault.
//
//   vaultReadyForCopyOrThrow  configure: a registered vault on the chain whose keeper is ours (the
//                             automation rail's readiness, server/services/automation/create.ts)
//                             and that allows the chain's main stablecoin and at least one asset.
//   executeVaultOrder         one order by key, waiting for the receipt: the venue answers
//                             'pending' while the keeper tx is unmined; each pending answer is
//                             recorded (onPending) and the job's lease extended, then the same key
//                             is asked again (never a second transaction). Still pending after
//                             the wait → throws; the runner retries and the key is settled then.
//   resumeVaultOrder          a retried run whose keeper tx exists answers by its key (no new decision).
import { erc20Abi, getAddress, type Address } from "viem";
import type { Db } from "@/db/client";
import { findPaperFillByKey } from "@/db/queries/paper";
import { findKeeperTxByKey, listVaultsForUser, type VaultRow } from "@/db/queries/vaults";
import type { CopyRow } from "@/db/queries/social-copy";
import type { Addr, ExecuteResult, Fill, OrderRequest } from "@/server/automation/venue";
import { publicClientFor } from "@/server/chain/clients";
import { getRegistry } from "@/server/chain/registry";
import { DomainError, ErrorKind } from "@/server/errors";
import { getVaultState } from "@/server/services/vault";
import { createVaultVenue } from "@/server/services/venues/vault";

export type PendingVault = Extract<ExecuteResult, { status: "pending" }>;
export type VaultIo = {
  now: Date;
  /** Job heartbeat while a receipt is awaited (JobContext.extendLease). */
  extendLease?: () => Promise<void>;
  /** Called on each 'pending' answer (records the copy_trades row as pending). */
  onPending?: (r: PendingVault) => Promise<void>;
  /** How long to wait for the receipt in all (default 3 min; the runner retries after). */
  waitMs?: number;
};

/** How long one venue call waits for the receipt before answering 'pending' (below the 30 s lease);
 *  the first call waits briefly so the 'pending' row (keeper tx, hash) shows up soon. */
const FIRST_SLICE_MS = 2_000;
const RECEIPT_SLICE_MS = 10_000;
const DEFAULT_WAIT_MS = 180_000;
const VAULT_HINT = "/automation/vault";

const notReady = (code: `social.${string}`, message: string) => new DomainError(code, ErrorKind.invalid, message);

/**
 * The vault a copy on `chainId` trades through, or a 400 saying what is missing. Ready = registered,
 * Lodestar's keeper authorised (as the automation rail requires), and the chain's main stablecoin
 * plus at least one other token allowed (a copy spends and receives the stablecoin).
 */
export async function vaultReadyForCopyOrThrow(db: Db, userId: string, chainId: number): Promise<VaultRow> {
  const rows = await listVaultsForUser(db, userId, chainId);
  if (rows.length === 0) {
    throw notReady(
      "social.NO_VAULT",
      `Copying through a vault is not available yet: you have no registered vault on chain ${chainId}. Create one at ${VAULT_HINT} (deposit, allow the tokens, authorise Lodestar's keeper) or copy on your paper account.`,
    );
  }
  const registry = getRegistry(chainId);
  const stables = registry?.tokens.filter((t) => t.category === "stablecoin") ?? [];
  const cash = (stables.find((t) => t.symbol === "USDC") ?? stables[0])?.address.toLowerCase();
  const state = await getVaultState(db, userId, { chainId });
  const registered = state.vaults.filter((v) => v.registered && v.vaultId && rows.some((r) => r.id === v.vaultId));
  if (registered.length === 0) throw notReady("social.NO_VAULT", `Your vault on chain ${chainId} is not registered to your account: register it at ${VAULT_HINT}.`);
  const keeper = registered.filter((v) => v.keeperIsOurs);
  if (keeper.length === 0) {
    throw notReady("social.VAULT_NO_KEEPER", `Authorise Lodestar's keeper on your vault at ${VAULT_HINT} (Vault → Keeper) so copies can execute within your limits.`);
  }
  const ready = keeper.find((v) => v.tokens.some((t) => t.allowed && t.token.toLowerCase() === cash) && v.tokens.some((t) => t.allowed && t.token.toLowerCase() !== cash));
  if (!ready) {
    const symbol = registry?.tokens.find((t) => t.address.toLowerCase() === cash)?.symbol ?? "the stablecoin";
    throw notReady("social.VAULT_TOKENS_NOT_ALLOWED", `Your vault must allow ${symbol} and the tokens to copy (with per-trade and daily caps and price bounds): set them at ${VAULT_HINT}.`);
  }
  return rows.find((r) => r.id === ready.vaultId)!;
}

/** The follower's vault a copy trades through (its stored vault id), or null when it is gone. */
export async function vaultOfCopy(db: Db, copy: CopyRow): Promise<VaultRow | null> {
  if (copy.rail !== "vault" || !copy.vaultId) return null;
  return (await listVaultsForUser(db, copy.followerId, copy.chainId)).find((v) => v.id === copy.vaultId) ?? null;
}

/** The vault's on-chain balance of `token` (throws when the chain is unreachable: the job retries). */
export async function vaultBalanceOf(chainId: number, vault: VaultRow, token: string): Promise<bigint> {
  return publicClientFor(chainId).readContract({ address: getAddress(token), abi: erc20Abi, functionName: "balanceOf", args: [getAddress(vault.address) as Address] });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Executes one order through the follower's vault by key and waits (bounded) for its receipt. */
export async function executeVaultOrder(db: Db, copy: CopyRow, vault: VaultRow, order: OrderRequest, io: VaultIo): Promise<Exclude<ExecuteResult, { status: "pending" }>> {
  const venue = (receiptTimeoutMs: number) => createVaultVenue(db, copy.followerId, copy.chainId, { vault: getAddress(vault.address), now: () => io.now, receiptTimeoutMs });
  const deadline = Date.now() + (io.waitMs ?? DEFAULT_WAIT_MS);
  for (let first = true; ; first = false) {
    const r = await venue(first ? FIRST_SLICE_MS : RECEIPT_SLICE_MS).execute(order);
    if (r.status !== "pending") return r;
    await io.onPending?.(r);
    if (Date.now() >= deadline) throw new Error(`keeper tx ${r.txHash ?? "(not yet signed)"} for ${order.key} is not confirmed yet`);
    await io.extendLease?.();
    // Without a hash another worker is signing it; with one the venue already waited a slice.
    if (!r.txHash) await sleep(1_000);
  }
}

/**
 * The answer for an order key whose keeper tx already exists (a retried run): the same key is
 * asked again with the stored order, so the venue settles or replays it and never sends another.
 * null when there is no keeper tx under the key (or it belongs to someone else).
 */
export async function resumeVaultOrder(db: Db, copy: CopyRow, vault: VaultRow, key: string, slippageBps: number, ioFor: (order: OrderRequest) => VaultIo) {
  const row = await findKeeperTxByKey(db, key);
  if (!row || row.userId !== copy.followerId) return null;
  const order: OrderRequest = {
    key, chainId: copy.chainId, source: "copy", tokenIn: row.tokenIn.toLowerCase() as Addr, tokenOut: row.tokenOut.toLowerCase() as Addr, amountIn: row.amountIn, slippageBps,
  };
  return { order, result: await executeVaultOrder(db, copy, vault, order, ioFor(order)) };
}

/**
 * When a fill happened: a paper fill's creation; a keeper tx's block time, which has whole-second
 * resolution (rounded down), so never before the row was written (the tx cannot be mined before
 * it was signed): otherwise a copy mined within the leader's second would show a negative delay.
 */
export async function filledAtOf(db: Db, fill: Fill): Promise<Date | null> {
  if (fill.venue === "vault") {
    const row = await findKeeperTxByKey(db, fill.key);
    if (!row?.confirmedAt) return null;
    return row.confirmedAt < row.createdAt ? row.createdAt : row.confirmedAt;
  }
  return (await findPaperFillByKey(db, fill.key))?.createdAt ?? null;
}
