// Transaction tracking (issue 3 §4): submitSwap / swapStatus / history. The server records
// each submitted hash and settles it from the chain itself: what a transaction asks for comes
// from its calldata, what it did from its receipt's logs; the client's figures are never
// stored as a fill (its quote only supplies quoted_amount_out, shown as "quoted").
import type { z } from "zod";
import { BaseError, type Address, type Hex, type PublicClient, type Transaction, type TransactionReceipt } from "viem";
import type { Db } from "@/db/client";
import {
  findChainTxForUser,
  insertChainTx,
  listChainTxsForUser,
  settlePendingChainTxForUser,
  findChainTxByIdForUser,
  type ChainTxRow,
  type ChainTxUpdate,
} from "@/db/queries/defi";
import { listWalletsForUser } from "@/db/queries/user";
import type { StoredRoutePath } from "@/db/schema";
import type { historyInput, submitSwapInput, swapStatusInput } from "@/lib/schemas/defi";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Address as WireAddress, QuotePath, SwapRecord } from "@/lib/web3/swap/types";
import { publicClientFor } from "@/server/chain/clients";
import {
  classifyTx,
  describeRevert,
  formatTokenAmount,
  resolveMissingReceipt,
  verifyLogs,
  type ChainContracts,
  type ClassifiedTx,
  type LegFill,
  type RoutePath,
} from "@/server/chain/receipts";
import { getRegistry } from "@/server/chain/registry";
import { DomainError } from "@/server/errors";

type SubmitInput = z.output<typeof submitSwapInput>;
type StatusInput = z.output<typeof swapStatusInput>;
type HistoryInput = z.output<typeof historyInput>;

/** How long submitSwap waits for the node to know a just-broadcast hash. */
const LOOKUP_ATTEMPTS = 5;
const LOOKUP_DELAY_MS = 400;
/** history refreshes at most this many pending rows per call (each costs a few RPC calls). */
const MAX_REFRESH_PER_PAGE = 10;
/** Blocks scanned for a same-nonce replacement of a vanished transaction. */
const REPLACEMENT_SCAN_BLOCKS = 16n;

export async function submitSwap(db: Db, userId: string, input: SubmitInput, opts: { now: Date }): Promise<SwapRecord> {
  const existing = await findChainTxForUser(db, userId, input.chainId, input.hash);
  if (existing) return toRecord(await refreshIfPending(db, userId, existing, opts.now));

  const client = publicClientFor(input.chainId);
  const contracts = contractsOf(getRegistry(input.chainId));
  const tx = await findTransaction(client, input.hash);
  // A hash the chain does not know is forged (or from another chain): nothing is written.
  if (!tx) throw new DomainError("swap.TX_NOT_FOUND", "invalid", "This transaction was not found on the selected network.");

  const wallets = await listWalletsForUser(db, userId);
  if (!wallets.some((w) => w.address === tx.from.toLowerCase())) {
    // Someone else's transaction is, to this caller, a transaction that does not exist.
    throw new DomainError("swap.FOREIGN_TX", "not_found", "This transaction was not sent from one of your linked wallets.");
  }
  if (!contracts) throw new DomainError("swap.UNSUPPORTED_TX", "invalid", "Lodestar does not trade on this network.");
  const call = classifyTx({ to: tx.to, input: tx.input, value: tx.value }, contracts);
  if (call.kind === null) {
    throw new DomainError("swap.UNSUPPORTED_TX", "invalid", "This transaction is not a Lodestar swap, approval, wrap or unwrap.", { message: call.reason });
  }
  if (call.kind !== input.kind) {
    throw new DomainError("swap.KIND_MISMATCH", "invalid", `This transaction is a ${call.kind}, not a ${input.kind}.`);
  }

  const inserted = await insertChainTx(db, {
    userId,
    chainId: input.chainId,
    hash: input.hash,
    account: tx.from.toLowerCase(),
    nonce: tx.nonce,
    kind: call.kind,
    status: "pending",
    tokenIn: call.tokenIn,
    tokenOut: call.kind === "approve" ? null : call.tokenOut,
    quotedAmountIn: call.amountIn,
    // The only client figure kept, and only as what was quoted, for this very trade.
    quotedAmountOut: call.kind === "swap" && quoteMatches(input.quote, call) ? input.quote!.amountOut : null,
    minAmountOut: call.kind === "swap" ? call.minAmountOut : null,
    route: call.kind === "swap" ? storeRoute(call.paths, null) : null,
    submittedAt: opts.now,
    updatedAt: opts.now,
  });
  if (!inserted) {
    // Raced with a submit of the same hash: the caller's own row, or someone else's.
    const mine = await findChainTxForUser(db, userId, input.chainId, input.hash);
    if (!mine) throw new DomainError("swap.FOREIGN_TX", "not_found", "This transaction was not sent from one of your linked wallets.");
    return toRecord(mine);
  }
  return toRecord(await refreshIfPending(db, userId, inserted, opts.now, tx));
}

export async function swapStatus(db: Db, userId: string, input: StatusInput, opts: { now: Date }): Promise<SwapRecord> {
  const row = await findChainTxForUser(db, userId, input.chainId, input.hash);
  if (!row) throw new DomainError("swap.NOT_FOUND", "not_found", "Transaction not found.");
  return toRecord(await refreshIfPending(db, userId, row, opts.now));
}

// The router does not pass a clock to history yet; without one, rows are refreshed from the
// chain but the time-based "dropped" rule waits for the next swapStatus (and updated_at is
// the database's now()).
export async function history(db: Db, userId: string, input: HistoryInput, opts: { now?: Date } = {}): Promise<{ items: SwapRecord[]; nextCursor: string | null }> {
  const before = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await listChainTxsForUser(db, userId, { chainId: input.chainId, limit: input.limit + 1, before });
  const page = rows.slice(0, input.limit);
  let budget = MAX_REFRESH_PER_PAGE;
  const items: SwapRecord[] = [];
  for (const row of page) {
    if (row.status === "pending" && budget > 0) {
      budget -= 1;
      items.push(toRecord(await refreshIfPending(db, userId, row, opts.now ?? null)));
    } else {
      items.push(toRecord(row));
    }
  }
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

// ---- confirmation ----

// Settles a pending row from the chain if it can; an unreachable node leaves it pending.
async function refreshIfPending(db: Db, userId: string, row: ChainTxRow, now: Date | null, knownTx?: Transaction): Promise<ChainTxRow> {
  if (row.status !== "pending") return row;
  let patch: Omit<ChainTxUpdate, "updatedAt"> | null;
  try {
    patch = await settle(row, now, knownTx);
  } catch {
    return row;
  }
  if (!patch) return row;
  const updated = await settlePendingChainTxForUser(db, userId, row.id, { ...patch, ...(now ? { updatedAt: now } : {}) });
  return updated ?? (await findChainTxByIdForUser(db, userId, row.id)) ?? row;
}

async function settle(row: ChainTxRow, now: Date | null, knownTx?: Transaction): Promise<Omit<ChainTxUpdate, "updatedAt"> | null> {
  const client = publicClientFor(row.chainId);
  const hash = row.hash as Hex;
  const receipt = await client.getTransactionReceipt({ hash }).catch(notFoundAsNull);
  if (!receipt) return settleMissing(client, row, now);

  const contracts = contractsOf(getRegistry(row.chainId));
  const tx = knownTx ?? (await client.getTransaction({ hash }));
  const call = contracts ? classifyTx({ to: tx.to, input: tx.input, value: tx.value }, contracts) : null;
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  const base = {
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    effectiveGasPrice: receipt.effectiveGasPrice,
    confirmedAt: new Date(Number(block.timestamp) * 1000),
  };
  // No registry right now (a local chain being redeployed): settle later rather than guess.
  if (!contracts || !call) return null;
  if (call.kind === null) return { ...base, status: "failed", error: "The transaction can no longer be decoded against this network's contracts." };

  if (receipt.status === "reverted") {
    const revertData = await revertDataOf(client, tx, receipt);
    const out = call.kind === "swap" ? tokenMeta(getRegistry(row.chainId), call.tokenOut) : null;
    const error = describeRevert({ tx: call, blockTimestamp: block.timestamp, revertData, formatOut: (raw) => formatTokenAmount(raw, out) });
    return { ...base, status: "failed", error };
  }
  const verified = verifyLogs(call, receipt.logs, { account: tx.from.toLowerCase() as Address, value: tx.value, contracts });
  if (!verified.ok) return { ...base, status: "failed", error: `The receipt could not be verified: ${verified.error}.` };
  return {
    ...base,
    status: "confirmed",
    amountIn: verified.amountIn,
    amountOut: verified.amountOut,
    error: null,
    ...(call.kind === "swap" ? { route: storeRoute(call.paths, verified.legFills ?? null) } : {}),
  };
}

async function settleMissing(client: PublicClient, row: ChainTxRow, now: Date | null): Promise<Omit<ChainTxUpdate, "updatedAt"> | null> {
  const hash = row.hash as Hex;
  const account = row.account as Address;
  const stillKnown = (await client.getTransaction({ hash }).catch(notFoundAsNull)) !== null;
  const minedNonce = stillKnown ? null : await client.getTransactionCount({ address: account, blockTag: "latest" });
  const replacement = !stillKnown && minedNonce !== null && minedNonce > row.nonce ? await findReplacement(client, account, row.nonce, hash) : null;
  const outcome = resolveMissingReceipt({
    txKnown: stillKnown,
    txNonce: row.nonce,
    minedNonce,
    replacementHash: replacement,
    submittedAt: row.submittedAt,
    // Without a clock only the nonce rules apply.
    now: now ?? row.submittedAt,
  });
  if (outcome.status === "pending") return null;
  return { status: outcome.status, error: outcome.error, replacedBy: outcome.status === "replaced" ? outcome.replacedBy.toLowerCase() : null };
}

// A mined transaction of `account` with `nonce` other than `hash`, among the latest blocks
// (bounded: replacements are mined soon after the original disappears).
async function findReplacement(client: PublicClient, account: Address, nonce: number, hash: Hex): Promise<Hex | null> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  for (let n = head; n >= 0n && head - n < REPLACEMENT_SCAN_BLOCKS; n--) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
    const hit = block.transactions.find((t) => t.from.toLowerCase() === account && t.nonce === nonce && t.hash.toLowerCase() !== hash);
    if (hit) return hit.hash;
  }
  return null;
}

// The revert data of a mined, reverted transaction: replay its call at its block.
async function revertDataOf(client: PublicClient, tx: Transaction, receipt: TransactionReceipt): Promise<Hex | null> {
  try {
    await client.call({ account: tx.from, to: tx.to ?? undefined, data: tx.input, value: tx.value, gas: tx.gas, blockNumber: receipt.blockNumber });
    return null;
  } catch (e) {
    if (!(e instanceof BaseError)) return null;
    const withData = e.walk((x) => typeof (x as { data?: unknown }).data === "string") as { data?: Hex } | null;
    return withData?.data ?? null;
  }
}

async function findTransaction(client: PublicClient, hash: Hex): Promise<Transaction | null> {
  for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
    let tx: Transaction | null;
    try {
      tx = await client.getTransaction({ hash }).catch(notFoundAsNull);
    } catch (e) {
      throw new DomainError("chain.UNREACHABLE", "unavailable", "The network is not reachable right now. Try again.", { cause: e });
    }
    if (tx) return tx;
    if (attempt < LOOKUP_ATTEMPTS - 1) await new Promise((r) => setTimeout(r, LOOKUP_DELAY_MS));
  }
  return null;
}

function notFoundAsNull(e: unknown): null {
  if (e instanceof BaseError && /NotFound/.test(e.name)) return null;
  throw e;
}

// ---- mapping ----

function contractsOf(registry: ChainRegistry | null): ChainContracts | null {
  if (!registry) return null;
  return {
    executor: (registry.executor?.toLowerCase() as Address | undefined) ?? null,
    weth: registry.weth.toLowerCase() as Address,
    pools: registry.pools.map((p) => {
      const venue = registry.venues.find((v) => v.id === p.venue);
      return { address: p.address, venue: p.venue, venueName: venue?.name ?? p.venue, kind: venue?.kind ?? "v2", fee: p.fee ?? 3000 };
    }),
  };
}

function tokenMeta(registry: ChainRegistry | null, address: string): { symbol: string; decimals: number } | null {
  if (address.toLowerCase() === NATIVE_TOKEN.toLowerCase()) return { symbol: "ETH", decimals: 18 };
  return registry?.tokens.find((t) => t.address.toLowerCase() === address.toLowerCase()) ?? null;
}

function quoteMatches(quote: SubmitInput["quote"], call: Extract<ClassifiedTx, { kind: "swap" }>): boolean {
  return !!quote && quote.tokenIn.toLowerCase() === call.tokenIn && quote.tokenOut.toLowerCase() === call.tokenOut && quote.amountIn === call.amountIn;
}

function storeRoute(paths: RoutePath[], fills: LegFill[][] | null): StoredRoutePath[] {
  const total = paths.reduce((a, p) => a + p.amountIn, 0n);
  return paths.map((p, i) => {
    const legs = p.legs.map((l, j) => {
      const fill = fills?.[i]?.[j] ?? null;
      return { ...l, amountIn: fill ? fill.amountIn.toString() : null, amountOut: fill ? fill.amountOut.toString() : null };
    });
    return {
      shareBps: total > 0n ? Number((p.amountIn * 10_000n) / total) : 0,
      amountIn: p.amountIn.toString(),
      amountOut: legs.at(-1)?.amountOut ?? null,
      legs,
    };
  });
}

// QuotePath's amounts are not nullable: until the pools' logs fill a leg it reads 0.
function toQuotePaths(route: StoredRoutePath[] | null): QuotePath[] | null {
  if (!route) return null;
  return route.map((p) => ({
    shareBps: p.shareBps,
    amountIn: BigInt(p.amountIn),
    amountOut: BigInt(p.amountOut ?? 0),
    legs: p.legs.map((l) => ({
      venue: l.venue as QuotePath["legs"][number]["venue"],
      venueName: l.venueName,
      kind: l.kind,
      pool: l.pool as WireAddress,
      tokenIn: l.tokenIn as WireAddress,
      tokenOut: l.tokenOut as WireAddress,
      fee: l.fee,
      amountIn: BigInt(l.amountIn ?? 0),
      amountOut: BigInt(l.amountOut ?? 0),
      ticksCrossed: 0,
    })),
  }));
}

function toRecord(r: ChainTxRow): SwapRecord {
  return {
    id: r.id,
    chainId: r.chainId,
    hash: r.hash as Hex,
    kind: r.kind,
    status: r.status,
    account: r.account as WireAddress,
    tokenIn: (r.tokenIn as WireAddress | null) ?? null,
    tokenOut: (r.tokenOut as WireAddress | null) ?? null,
    quotedAmountIn: r.quotedAmountIn,
    quotedAmountOut: r.quotedAmountOut,
    minAmountOut: r.minAmountOut,
    amountIn: r.amountIn,
    amountOut: r.amountOut,
    route: toQuotePaths(r.route),
    blockNumber: r.blockNumber,
    gasUsed: r.gasUsed,
    effectiveGasPrice: r.effectiveGasPrice,
    error: r.error,
    replacedBy: (r.replacedBy as Hex | null) ?? null,
    submittedAt: r.submittedAt,
    confirmedAt: r.confirmedAt,
  };
}

function encodeCursor(r: ChainTxRow): string {
  return Buffer.from(JSON.stringify([r.submittedAt.getTime(), r.id])).toString("base64url");
}

function decodeCursor(cursor: string): { submittedAt: Date; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === "string") {
      return { submittedAt: new Date(parsed[0] as number), id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new DomainError("swap.BAD_CURSOR", "invalid", "This page link is no longer valid. Reload the history.");
}
