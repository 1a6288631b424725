// The vault rail: a Venue whose fills are real swaps the keeper (server/chain/keeper.ts) makes
// from the user's LodestarVault, through the executor, back into the vault, within the limits
// the owner set on chain (the contract enforces them; this code only picks route and min out).
//
// execute(order), idempotent by order.key through keeper_txs:
//   1. a row with the key exists → its outcome (confirmed → the stored fill, duplicate: true;
//      failed → rejected; with a hash → settle it from the chain, never send again; without a
//      hash and recent → pending (another worker is on it); without a hash and stale → its
//      writer died before signing, so nothing was broadcast: take it over);
//   2. else insert the row (pending) BEFORE anything is signed or sent;
//   3. computeQuote at the current block; min out = max(quote × (1 − slippage) rounded down,
//      order.minAmountOut);
//   4. preflight (eth_estimateGas): a revert is recorded failed with a readable reason and
//      nothing is sent (no gas wasted); the gas limit is the estimate + headroom;
//   5. sign, store hash + nonce, THEN broadcast (a crash after this point leaves a hash to
//      settle, never an unrecorded transaction), wait for the receipt, verify the vault's
//      Executed event, record confirmed / failed (with the decoded revert reason).
// ETH (NATIVE_TOKEN) is held and traded as WETH. Quote errors the user can fix come back as
// rejected; an unreachable chain throws (the job runner retries; the row is released first).
import { waitForReceipt } from "@/lib/web3/wait-receipt";
import { encodeFunctionData, erc20Abi, getAddress, keccak256, parseEventLogs, type Address, type Hex, type PublicClient, type TransactionReceipt } from "viem";
import type { Db } from "@/db/client";
import {
  claimStaleKeeperTx,
  findKeeperTxByKey,
  findVaultForUser,
  insertKeeperTx,
  keeperTxOlderThan,
  listVaultsForUser,
  releaseKeeperTx,
  updateKeeperTx,
  type KeeperTxRow,
  type VaultRow,
} from "@/db/queries/vaults";
import { HOP_KIND, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { lodestarVaultAbi } from "@/lib/web3/abi/vault";
import type { Quote } from "@/lib/web3/swap/types";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { computeMinAmountOut, validateOrder, type Addr, type ExecuteResult, type Fill, type OrderRequest, type Venue } from "@/server/automation/venue";
import { publicClientFor } from "@/server/chain/clients";
import { keeperAccountOrThrow, keeperWalletClient, withKeeperLock } from "@/server/chain/keeper";
import { getRegistry } from "@/server/chain/registry";
import type { Route } from "@/server/defi/routing/types";
import { DomainError, ErrorKind } from "@/server/errors";
import { computeQuote } from "@/server/services/defi-quote";
import { describeVaultRevert, revertDataOf } from "@/server/services/vault";

export const VAULT_REJECT = {
  invalidOrder: "vault.INVALID_ORDER",
  noVault: "vault.NO_VAULT",
  keyConflict: "vault.KEY_CONFLICT",
  dropped: "vault.DROPPED",
  /** A replay of a key whose transaction already failed (the stored reason comes with it). */
  failed: "vault.FAILED",
} as const;

export type VaultVenueOptions = {
  /** Which of the user's registered vaults on the chain (default: the first registered). */
  vault?: Address;
  now?: () => Date;
  /** Simulate before sending (default true): a revert is recorded without spending gas. */
  preflight?: boolean;
  /** How long execute waits for the receipt before answering pending (default 60 s). */
  receiptTimeoutMs?: number;
  /** Deadline of the swap after the quoted block's timestamp (default 300 s). */
  deadlineSeconds?: number;
};

/** A row without a hash older than this (database clock) was abandoned before signing (nothing broadcast). */
export const STALE_UNSIGNED_MS = 60_000;
/** A hash the node has never heard of this long after the row was written was not broadcast. */
export const DROP_UNKNOWN_MS = 10 * 60_000;
const FALLBACK_GAS = 1_500_000n;
const lower = (a: string) => a.toLowerCase() as Addr;
const rejected = (code: string, reason: string): ExecuteResult => ({ status: "rejected", code, reason });

type Ctx = { db: Db; userId: string; chainId: number; client: PublicClient; registry: ChainRegistry; vault: VaultRow; opts: VaultVenueOptions };
type Priced = { quote: Quote; route: Route; minOut: bigint };

export function createVaultVenue(db: Db, userId: string, chainId: number, opts: VaultVenueOptions = {}): Venue {
  const now = opts.now ?? (() => new Date());

  async function vaultRow(): Promise<VaultRow | null> {
    if (opts.vault) return findVaultForUser(db, userId, chainId, opts.vault);
    return (await listVaultsForUser(db, userId, chainId))[0] ?? null;
  }

  return {
    kind: "vault",
    chainId,

    async balances() {
      const vault = await vaultRow();
      const registry = getRegistry(chainId);
      if (!vault || !registry) return new Map();
      const client = publicClientFor(chainId);
      const tokens = registry.tokens.map((t) => getAddress(t.address));
      const raw = await client.multicall({
        multicallAddress: registry.multicall3 as Address,
        allowFailure: false,
        contracts: tokens.map((t) => ({ address: t, abi: erc20Abi, functionName: "balanceOf", args: [getAddress(vault.address)] }) as const),
      });
      return new Map(tokens.map((t, i) => [lower(t), raw[i] as bigint]));
    },

    async execute(order) {
      const invalid = validateOrder(order, chainId, "vault venue");
      if (invalid) return rejected(VAULT_REJECT.invalidOrder, invalid);
      const vault = await vaultRow();
      if (!vault) return rejected(VAULT_REJECT.noVault, "There is no registered vault on this chain: create and register one first.");
      const registry = getRegistry(chainId);
      if (!registry) return rejected("swap.CHAIN_NOT_SUPPORTED", `Swaps are not available on chain ${chainId}.`);
      const tokenIn = holdingToken(registry, order.tokenIn);
      const tokenOut = holdingToken(registry, order.tokenOut);
      if (tokenIn === tokenOut) return rejected(VAULT_REJECT.invalidOrder, "Choose two different tokens (ETH is held as WETH).");
      const ctx: Ctx = { db, userId, chainId, client: publicClientFor(chainId), registry, vault, opts };

      let row = await findKeeperTxByKey(db, order.key);
      if (!row) {
        row = await insertKeeperTx(db, {
          key: order.key,
          userId,
          vaultId: vault.id,
          automationId: order.automationId ?? null,
          chainId,
          status: "pending",
          tokenIn,
          tokenOut,
          amountIn: order.amountIn,
          minAmountOut: order.minAmountOut ?? 0n,
          triggerBlock: order.triggerBlock ?? null,
        });
        if (row) return send(ctx, row, order, now());
        row = await findKeeperTxByKey(db, order.key);
        if (!row) throw new Error(`keeper tx ${order.key} conflicted but is not visible`);
      }
      if (row.userId !== userId || row.vaultId !== vault.id) return rejected(VAULT_REJECT.keyConflict, "This order key is already used by another order.");
      if (row.status === "confirmed") return { status: "filled", fill: fillFromRow(row, true) };
      if (row.status === "failed") return rejected(VAULT_REJECT.failed, row.error ?? "The keeper transaction failed.");
      if (row.hash) return settle(ctx, row, { duplicate: true });
      const claimed = await claimStaleKeeperTx(db, row.id, STALE_UNSIGNED_MS);
      if (claimed) return send(ctx, claimed, order, now());
      return { status: "pending", keeperTxId: row.id, txHash: null };
    },
  };
}


function holdingToken(registry: ChainRegistry, address: string): Addr {
  return address.toLowerCase() === NATIVE_TOKEN.toLowerCase() ? lower(registry.weth) : lower(address);
}

function fillFromRow(row: KeeperTxRow, duplicate: boolean, priceImpactBps = 0): Fill {
  return {
    venue: "vault",
    key: row.key,
    tokenIn: lower(row.tokenIn),
    tokenOut: lower(row.tokenOut),
    amountIn: row.amountIn,
    amountOut: row.amountOut ?? 0n,
    quotedAmountOut: row.quotedAmountOut ?? 0n,
    block: row.blockNumber ?? 0n,
    // Not stored: a replayed fill reports 0.
    priceImpactBps,
    // The keeper pays the gas, not the vault.
    gasCostOut: null,
    keeperTxId: row.id,
    txHash: (row.hash as Hex | null) ?? undefined,
    duplicate,
  };
}

async function fail(ctx: Ctx, row: KeeperTxRow, code: string, reason: string, patch: Partial<KeeperTxRow> = {}): Promise<ExecuteResult> {
  await updateKeeperTx(ctx.db, row.id, { ...patch, status: "failed", error: reason });
  return rejected(code, reason);
}

// Quote, preflight, sign, record, broadcast, settle. `row` is ours (inserted or claimed).
async function send(ctx: Ctx, row: KeeperTxRow, order: OrderRequest, now: Date): Promise<ExecuteResult> {
  let priced: Priced;
  try {
    priced = await price(ctx, row, order, now);
  } catch (err) {
    if (err instanceof DomainError && err.kind === ErrorKind.invalid) return fail(ctx, row, err.code, err.userMessage);
    // Transient (chain unreachable): release the unsigned row so a retry takes it over at once.
    await releaseKeeperTx(ctx.db, row.id);
    throw err;
  }
  const { quote, route, minOut } = priced;
  const block = await ctx.client.getBlock({ blockNumber: quote.block });
  const deadline = block.timestamp + BigInt(ctx.opts.deadlineSeconds ?? 300);
  const paths = route.paths.map((p) => ({
    amountIn: p.amountIn,
    hops: p.legs.map((l) => ({ kind: l.edge.kind === "v2" ? HOP_KIND.v2 : HOP_KIND.v3, pool: getAddress(l.edge.id), tokenIn: getAddress(l.tokenIn), tokenOut: getAddress(l.tokenOut) })),
  }));
  const args = [getAddress(row.tokenIn), getAddress(row.tokenOut), row.amountIn, minOut, deadline, paths] as const;
  const data = encodeFunctionData({ abi: lodestarVaultAbi, functionName: "execute", args });
  const to = getAddress(ctx.vault.address);
  const account = keeperAccountOrThrow(ctx.chainId);
  const amounts = { quotedAmountOut: quote.amountOut, minAmountOut: minOut };

  let signed = false;
  const sent = await withKeeperLock<{ failed: ExecuteResult } | { hash: Hex }>(ctx.chainId, async () => {
    let gas = FALLBACK_GAS;
    if (ctx.opts.preflight ?? true) {
      try {
        const estimate = await ctx.client.estimateGas({ account: account.address, to, data });
        // Headroom as buildSwap: V2 pairs may write their price accumulators in the mined block.
        const v2Legs = BigInt(paths.reduce((n, p) => n + p.hops.filter((h) => h.kind === HOP_KIND.v2).length, 0));
        gas = (estimate * 125n) / 100n + 50_000n * v2Legs + 30_000n;
      } catch (err) {
        const data = revertDataOf(err);
        if (!data) throw err;
        const r = describeVaultRevert(data, ctx.registry, { tokenIn: row.tokenIn, tokenOut: row.tokenOut });
        return { failed: await fail(ctx, row, r.code, r.reason, amounts) };
      }
    }
    const [nonce, fees] = await Promise.all([ctx.client.getTransactionCount({ address: account.address, blockTag: "pending" }), ctx.client.estimateFeesPerGas()]);
    const serialized = await account.signTransaction({
      chainId: ctx.chainId,
      type: "eip1559",
      nonce,
      to,
      data,
      value: 0n,
      gas,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    const hash = keccak256(serialized);
    // Recorded before the node sees it: a retry finds the hash and settles it instead of resending.
    await updateKeeperTx(ctx.db, row.id, { ...amounts, hash, nonce });
    signed = true;
    await keeperWalletClient(ctx.chainId).sendRawTransaction({ serializedTransaction: serialized });
    return { hash };
  }).catch(async (err: unknown) => {
    // Before signing nothing can have reached the chain: free the key for a retry.
    if (!signed) await releaseKeeperTx(ctx.db, row.id);
    throw err;
  });
  if ("failed" in sent) return sent.failed;
  const updated = { ...row, ...amounts, hash: sent.hash, status: "pending" as const };
  return settle(ctx, updated, { duplicate: false, priceImpactBps: quote.priceImpactBps });
}

// The quote at the current block and the min out the keeper passes (the vault adds the owner's bound).
async function price(ctx: Ctx, row: KeeperTxRow, order: OrderRequest, now: Date): Promise<Priced> {
  const input = { chainId: ctx.chainId, tokenIn: getAddress(row.tokenIn), tokenOut: getAddress(row.tokenOut), amountIn: row.amountIn, slippageBps: order.slippageBps };
  const { quote, route } = await computeQuote(input, { now });
  if (!route || quote.kind !== "swap") throw new DomainError("vault.NO_ROUTE", ErrorKind.invalid, "There is no swap route for this pair.");
  return { quote, route, minOut: computeMinAmountOut(quote.amountOut, order.slippageBps, order.minAmountOut) };
}

// Waits for the receipt (bounded), then records and returns what the chain says.
async function settle(ctx: Ctx, row: KeeperTxRow, how: { duplicate: boolean; priceImpactBps?: number }): Promise<ExecuteResult> {
  const hash = row.hash as Hex;
  let receipt: TransactionReceipt | null = await ctx.client.getTransactionReceipt({ hash }).catch(() => null);
  if (!receipt) {
    const known = await ctx.client.getTransaction({ hash }).then(() => true, () => false);
    if (!known) {
      const mined = await ctx.client.getTransactionCount({ address: keeperAccountOrThrow(ctx.chainId).address, blockTag: "latest" });
      if (row.nonce !== null && mined > row.nonce) return fail(ctx, row, VAULT_REJECT.dropped, "The keeper transaction was dropped (its nonce was used by another transaction).");
      if (await keeperTxOlderThan(ctx.db, row.id, DROP_UNKNOWN_MS)) return fail(ctx, row, VAULT_REJECT.dropped, "The network dropped the keeper transaction before it was mined.");
      return { status: "pending", keeperTxId: row.id, txHash: hash };
    }
    receipt = await waitForReceipt(ctx.client, hash, { timeoutMs: ctx.opts.receiptTimeoutMs ?? 60_000, pollMs: 50 }).catch(() => null);
    if (!receipt) return { status: "pending", keeperTxId: row.id, txHash: hash };
  }
  const block = await ctx.client.getBlock({ blockNumber: receipt.blockNumber });
  const mined = { blockNumber: receipt.blockNumber, confirmedAt: new Date(Number(block.timestamp) * 1000) };
  if (receipt.status === "reverted") {
    const r = describeVaultRevert(await replayRevert(ctx, receipt), ctx.registry, { tokenIn: row.tokenIn, tokenOut: row.tokenOut });
    return fail(ctx, row, r.code, r.reason, mined);
  }
  const events = parseEventLogs({ abi: lodestarVaultAbi, logs: receipt.logs, eventName: "Executed" }).filter((l) => l.address.toLowerCase() === ctx.vault.address);
  const ev = events[0];
  if (events.length !== 1 || !ev || lower(ev.args.tokenIn) !== lower(row.tokenIn) || lower(ev.args.tokenOut) !== lower(row.tokenOut) || ev.args.amountIn !== row.amountIn) {
    return fail(ctx, row, "vault.UNVERIFIED", "The receipt has no matching Executed event from the vault.", mined);
  }
  const done = await updateKeeperTx(ctx.db, row.id, { ...mined, status: "confirmed", amountOut: ev.args.amountOut, error: null });
  return { status: "filled", fill: fillFromRow(done ?? { ...row, ...mined, status: "confirmed", amountOut: ev.args.amountOut }, how.duplicate, how.priceImpactBps) };
}

// The revert data of a mined, reverted transaction: replay its call at its block.
async function replayRevert(ctx: Ctx, receipt: TransactionReceipt): Promise<Hex | null> {
  try {
    const tx = await ctx.client.getTransaction({ hash: receipt.transactionHash });
    await ctx.client.call({ account: tx.from, to: tx.to ?? undefined, data: tx.input, gas: tx.gas, blockNumber: receipt.blockNumber });
    return null;
  } catch (err) {
    return revertDataOf(err);
  }
}
