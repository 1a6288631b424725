// Copy trading on the job runner (server/services/social/jobs.ts wires the queues).
//
//   runFanout       one per leader trade: one social.copy job per active or paused copy of that
//                   leader started by the trade's time (unique keys: a re-run enqueues nothing twice).
//   runCopy         one per (copy, leader trade): decide (server/social/copy-sizing.ts decideCopy),
//                   execute on the follower's paper account, or through the follower's vault
//                   (./copy-vault.ts: the keeper, never the follower's key), under the order key
//                   `copy:<copyId>:<tradeId>` (one paper fill / keeper tx per key, ever), then
//                   book it ONCE through ctx.effect(`copyapply:…`): the copy_trades row with its
//                   fidelity against the leader's fill, the copy's positions, used allocation and peak.
//                   A run retried after the fill but before the bookkeeping finds the fill by its key
//                   and books it without deciding again (its balance has already moved). A vault
//                   copy waits for its receipt in the job (copy_trades 'pending' with the keeper tx
//                   and hash meanwhile) and books it 'filled' when confirmed; a retry settles the
//                   keeper tx it finds by key.
//   checkCopyStops  the copy stop-loss of every active or paused copy (and finishing the closes of
//                   stopped copies whose closing sales could not run, e.g. the chain was down).
// Management (configure, pause, resume, stop, list, trades) is at the end of the file.
// The copy book (positions, equity, used allocation) is defined in server/social/copy-book.ts.
// Rails: paper, or the follower's vault (configure requires it ready: copy-vault.ts).
import type { Db, Tx } from "@/db/client";
import { findPaperAccountForUser, findPaperFillByKey, listPaperBalances } from "@/db/queries/paper";
import * as q from "@/db/queries/social-copy";
import type { RegistryToken } from "@/lib/web3/registry/schema";
import { rawToUsd } from "@/server/automation/sizing";
import type { Addr, ExecuteResult, Fill as VenueFill } from "@/server/automation/venue";
import { getRegistry } from "@/server/chain/registry";
import { enqueue, type JobContext } from "@/server/jobs/runner";
import { logger } from "@/server/logger";
import { notify } from "@/server/services/notifications";
import { getLocalPrices } from "@/server/services/prices";
import { createPaperVenue, fillFromRow, paperHoldingToken } from "@/server/services/venues/paper";
import { applyFillToBook, copyDrawdownBps, copyEquityUsd, copySide, nextPeakUsd, type BookPosition, type TokenPrice } from "@/server/social/copy-book";
import { decideCopy, type LeaderTrade } from "@/server/social/copy-sizing";
import { compareFills, type FillComparison } from "@/server/social/fidelity";
import { executeVaultOrder, filledAtOf, resumeVaultOrder, vaultBalanceOf, vaultOfCopy, type PendingVault, type VaultIo } from "./copy-vault";
import { COPY_QUEUE } from "./queues";

const log = logger.child({ module: "social.copy" });

export const copyOrderKey = (copyId: string, tradeId: string) => `copy:${copyId}:${tradeId}`;
export const copyJobKey = (copyId: string, tradeId: string) => `${COPY_QUEUE}:${copyId}:${tradeId}`;
// A vault close's key starts with `copy:` so the recorder marks its keeper tx origin 'copy' (not fanned out).
const closeOrderKey = (copy: q.CopyRow, token: string, stoppedAt: Date) =>
  copy.rail === "vault" ? `copy:${copy.id}:close:${token}:${stoppedAt.getTime()}` : `copyclose:${copy.id}:${token}:${stoppedAt.getTime()}`;
export const PAUSED_REASON = "Copying is paused: not copied.";
const COPY_MAX_ATTEMPTS = 8;

// ---------------------------------------------------------------- chain helpers

export type ChainBook = { tokens: RegistryToken[]; byAddress: Map<string, RegistryToken>; isCash: (token: string) => boolean; mainStable: RegistryToken | null };

export function chainBook(chainId: number): ChainBook | null {
  const registry = getRegistry(chainId);
  if (!registry) return null;
  const byAddress = new Map(registry.tokens.map((t) => [t.address.toLowerCase(), t]));
  const stables = registry.tokens.filter((t) => t.category === "stablecoin");
  return {
    tokens: registry.tokens,
    byAddress,
    isCash: (token) => byAddress.get(token.toLowerCase())?.category === "stablecoin",
    mainStable: stables.find((t) => t.symbol === "USDC") ?? stables[0] ?? null,
  };
}

export async function pricesOf(chainId: number): Promise<Map<string, TokenPrice>> {
  const book = chainBook(chainId);
  const { prices } = await getLocalPrices(chainId);
  const out = new Map<string, TokenPrice>();
  for (const p of prices) {
    const t = book?.byAddress.get(p.address);
    if (t) out.set(p.address, { priceUsd: p.priceUsd, decimals: t.decimals });
  }
  return out;
}

/** The follower chain's paper token for a leader's token (same chain: itself; else by symbol). */
function mapToken(book: ChainBook, followerChainId: number, trade: q.VerifiedTradeRow, which: "in" | "out"): Addr | null {
  const address = which === "in" ? trade.tokenIn : trade.tokenOut;
  if (trade.chainId === followerChainId) return paperHoldingToken(followerChainId, address);
  const symbol = (which === "in" ? trade.symbolIn : trade.symbolOut).toUpperCase();
  const hit = book.tokens.find((t) => t.symbol.toUpperCase() === (symbol === "ETH" ? "WETH" : symbol));
  return hit ? (hit.address.toLowerCase() as Addr) : null;
}

export const toBook = (rows: q.CopyPositionRow[]): BookPosition[] => rows.map((r) => ({ token: r.token, amountRaw: r.amountRaw, costUsd: Number(r.costUsd) }));
const usedOf = (positions: BookPosition[], isCash: (t: string) => boolean) =>
  positions.reduce((s, p) => (p.amountRaw > 0n && !isCash(p.token) ? s + p.costUsd : s), 0);

async function paperBalanceOf(db: Db, userId: string, chainId: number, token: string): Promise<bigint> {
  const account = await findPaperAccountForUser(db, userId, chainId);
  if (!account) return 0n;
  return (await listPaperBalances(db, account.id)).find((b) => b.token === token)?.amountRaw ?? 0n;
}

// ---------------------------------------------------------------- fan-out

export async function runFanout(ctx: JobContext): Promise<unknown> {
  const tradeId = String((ctx.job.payload as { tradeId?: unknown }).tradeId ?? "");
  const trade = tradeId ? await q.findVerifiedTrade(ctx.db, tradeId) : null;
  if (!trade) return { tradeId, copies: 0, missing: true };
  // Copies and bots are never copied again (the recorder does not fan them out either).
  if (trade.origin === "copy" || trade.origin === "bot") return { tradeId, copies: 0, origin: trade.origin };
  const copies = await q.listCopiesToFanOut(ctx.db, trade.userId, trade.executedAt);
  let enqueued = 0;
  for (const c of copies) {
    const r = await enqueue(ctx.db, { queue: COPY_QUEUE, key: copyJobKey(c.id, trade.id), payload: { copyId: c.id, tradeId: trade.id }, userId: c.followerId, maxAttempts: COPY_MAX_ATTEMPTS });
    if (r.created) enqueued++;
  }
  return { tradeId, copies: copies.length, enqueued };
}

// ---------------------------------------------------------------- one copy

export type CopyOutcome = { status: "filled" | "skipped" | "failed" | "stopped" | "gone"; code?: string | null; duplicate?: boolean };
type Effect = JobContext["effect"];
type CopyIo = { now: Date; effect: Effect; extendLease?: () => Promise<void> };

export async function runCopy(ctx: JobContext): Promise<unknown> {
  const p = ctx.job.payload as { copyId?: unknown; tradeId?: unknown };
  return copyLeaderTrade(ctx.db, String(p.copyId ?? ""), String(p.tradeId ?? ""), { now: ctx.now(), effect: ctx.effect, extendLease: () => ctx.extendLease() });
}

/** Inserts a copy_trades row, or settles the 'pending' row of its key (a vault order). */
async function putCopyTrade(db: Db | Tx, values: q.NewCopyTrade) {
  const { copyId: _c, followerId: _f, leaderId: _l, orderKey, createdAt: _t, ...rest } = values;
  return (await q.insertCopyTrade(db, values)) ?? (await q.updatePendingCopyTrade(db, orderKey, rest));
}

/** Records (once) that a vault order waits for its receipt, with its keeper tx and hash. */
async function markPending(db: Db, base: Omit<q.NewCopyTrade, "status">, r: PendingVault) {
  const keeper = { keeperTxId: r.keeperTxId, txHash: r.txHash };
  if (!(await q.insertCopyTrade(db, { ...base, ...keeper, status: "pending", reason: "Sent through your vault: waiting for the transaction." }))) {
    await q.updatePendingCopyTrade(db, base.orderKey, keeper);
  }
}

async function recordOutcome(db: Db, copy: q.CopyRow, trade: q.VerifiedTradeRow, status: "skipped" | "failed", code: string, reason: string, tokens: { tokenIn: string | null; tokenOut: string | null }, now: Date) {
  await putCopyTrade(db, {
    copyId: copy.id, followerId: copy.followerId, leaderId: copy.leaderId, kind: "copy", leaderTradeId: trade.id,
    orderKey: copyOrderKey(copy.id, trade.id), status, code, reason, tokenIn: tokens.tokenIn, tokenOut: tokens.tokenOut, createdAt: now,
  });
}

/** Decide, execute and book one copy of one leader trade (idempotent; see the header). */
export async function copyLeaderTrade(db: Db, copyId: string, tradeId: string, io: CopyIo): Promise<CopyOutcome> {
  const { now } = io;
  const [copy, trade] = await Promise.all([q.findCopyById(db, copyId), q.findVerifiedTrade(db, tradeId)]);
  if (!copy || !trade) return { status: "gone" };
  const orderKey = copyOrderKey(copy.id, trade.id);
  const done = await q.findCopyTradeByKey(db, orderKey);
  if (done && done.status !== "pending") return { status: done.status, code: done.code, duplicate: true };

  const vault = await vaultOfCopy(db, copy);
  const base = { copyId: copy.id, followerId: copy.followerId, leaderId: copy.leaderId, kind: "copy", leaderTradeId: trade.id, orderKey, createdAt: now };
  const vaultIo = (tokenIn: string, tokenOut: string, amountIn: bigint): VaultIo => ({
    now, extendLease: io.extendLease, onPending: (r) => markPending(db, { ...base, tokenIn, tokenOut, amountIn }, r),
  });
  if (vault) {
    // A retried run: the keeper tx under this key is settled (or replayed), never sent again.
    const resumed = await resumeVaultOrder(db, copy, vault, orderKey, copy.settings.slippageBps, (o) => vaultIo(o.tokenIn, o.tokenOut, o.amountIn));
    if (resumed?.result.status === "filled") return bookCopyFill(db, copy, trade, resumed.result.fill, io);
    if (resumed?.result.status === "rejected") {
      const { code, reason } = resumed.result;
      await recordOutcome(db, copy, trade, "failed", code, reason, { tokenIn: resumed.order.tokenIn, tokenOut: resumed.order.tokenOut }, now);
      return { status: "failed", code };
    }
  } else {
    const prior = await findPaperFillByKey(db, orderKey);
    if (prior && prior.userId === copy.followerId) return bookCopyFill(db, copy, trade, fillFromRow(prior, true), io);
  }

  const book = chainBook(copy.chainId);
  const tokenIn = book ? mapToken(book, copy.chainId, trade, "in") : null;
  const tokenOut = book ? mapToken(book, copy.chainId, trade, "out") : null;
  if (copy.status === "stopped") {
    await recordOutcome(db, copy, trade, "skipped", "stopped", "The copy was stopped: not copied.", { tokenIn, tokenOut }, now);
    return { status: "skipped", code: "stopped" };
  }
  if (copy.rail === "vault" && !vault) {
    await recordOutcome(db, copy, trade, "skipped", "no_vault", "The copy's vault is no longer registered: not copied.", { tokenIn, tokenOut }, now);
    return { status: "skipped", code: "no_vault" };
  }
  if (!book || !tokenIn || !tokenOut) {
    await recordOutcome(db, copy, trade, "skipped", "unsupported_token", `${trade.symbolIn} → ${trade.symbolOut} cannot be traded on chain ${copy.chainId}.`, { tokenIn, tokenOut }, now);
    return { status: "skipped", code: "unsupported_token" };
  }

  const settings = copy.settings;
  // Chain reads first: an unreachable chain throws here and the runner retries the job.
  const prices = await pricesOf(copy.chainId);
  const positions = toBook(await q.listCopyPositions(db, [copy.id]));
  const equity = copyEquityUsd(settings.allocatedUsd, positions, prices);
  const side = copySide(book.isCash(tokenIn));
  // The rail's balance: the paper account's, or the vault's on chain.
  const railBalance = vault ? await vaultBalanceOf(copy.chainId, vault, tokenIn) : await paperBalanceOf(db, copy.followerId, copy.chainId, tokenIn);
  const held = positions.find((p) => p.token === tokenIn)?.amountRaw ?? 0n;
  const balance = side === "buy" ? railBalance : held < railBalance ? (held > 0n ? held : 0n) : railBalance;
  const priceIn = prices.get(tokenIn);
  if (!priceIn) {
    await recordOutcome(db, copy, trade, "skipped", "no_price", `${trade.symbolIn} has no price on chain ${copy.chainId}: not copied.`, { tokenIn, tokenOut }, now);
    return { status: "skipped", code: "no_price" };
  }
  const leader: LeaderTrade = {
    side,
    tokenIn: trade.symbolIn,
    tokenOut: trade.symbolOut,
    amountInRaw: trade.amountIn,
    valueUsd: Number(trade.valueUsd),
    leaderEquityUsd: trade.bookValueUsd !== null ? Number(trade.bookValueUsd) : 0,
    ...(trade.balanceInBefore !== null ? { leaderBalanceInRaw: trade.balanceInBefore } : {}),
  };
  const decision = decideCopy(
    { ...settings, paused: copy.status === "paused" },
    leader,
    {
      allocationEquityUsd: equity,
      allocationPeakUsd: nextPeakUsd(copy.peakEquityUsd !== null ? Number(copy.peakEquityUsd) : settings.allocatedUsd, equity),
      usedAllocationUsd: Number(copy.usedAllocationUsd),
      tokenInBalanceRaw: balance,
      tokenInPriceUsd: priceIn.priceUsd,
      tokenInDecimals: priceIn.decimals,
    },
  );
  if (decision.action === "skip") {
    await recordOutcome(db, copy, trade, "skipped", decision.code, decision.code === "paused" ? PAUSED_REASON : decision.reason, { tokenIn, tokenOut }, now);
    return { status: "skipped", code: decision.code };
  }
  if (decision.action === "stop") {
    await recordOutcome(db, copy, trade, "skipped", "copy_stop_loss", decision.reason, { tokenIn, tokenOut }, now);
    await stopCopy(db, copy.id, decision.reason, now);
    return { status: "stopped", code: "copy_stop_loss" };
  }

  const order = { key: orderKey, chainId: copy.chainId, source: "copy" as const, tokenIn, tokenOut, amountIn: decision.amountInRaw, slippageBps: settings.slippageBps };
  const result: ExecuteResult = vault
    ? await executeVaultOrder(db, copy, vault, order, vaultIo(tokenIn, tokenOut, decision.amountInRaw))
    : await createPaperVenue(db, copy.followerId, copy.chainId, { now: () => now }).execute(order);
  if (result.status === "rejected") {
    await recordOutcome(db, copy, trade, "failed", result.code, result.reason, { tokenIn, tokenOut }, now);
    return { status: "failed", code: result.code };
  }
  if (result.status === "pending") throw new Error(`copy ${orderKey}: the paper rail never answers pending`);
  return bookCopyFill(db, copy, trade, result.fill, io, decision.reason);
}

/** Fill difference and delay of the follower's fill (paper, or keeper tx at its block) vs the leader's verified trade. */
async function fidelityOf(db: Db, copy: q.CopyRow, trade: q.VerifiedTradeRow, fill: VenueFill): Promise<{ cmp: FillComparison | null; filledAt: Date }> {
  const filledAt = (await filledAtOf(db, fill)) ?? new Date();
  const leaderBook = chainBook(trade.chainId);
  const followerBook = chainBook(copy.chainId);
  const dec = (b: ChainBook | null, t: string) => b?.byAddress.get(paperHoldingTokenSafe(b === leaderBook ? trade.chainId : copy.chainId, t))?.decimals;
  // Rates compare whole tokens only when both sides use the same decimals (always on one chain).
  if (dec(leaderBook, trade.tokenIn) !== dec(followerBook, fill.tokenIn) || dec(leaderBook, trade.tokenOut) !== dec(followerBook, fill.tokenOut)) return { cmp: null, filledAt };
  if (trade.amountIn <= 0n || trade.amountOut <= 0n) return { cmp: null, filledAt };
  const cmp = compareFills(
    { tokenIn: fill.tokenIn, tokenOut: fill.tokenOut, amountInRaw: trade.amountIn, amountOutRaw: trade.amountOut, timestampMs: trade.executedAt.getTime(), ...(trade.block !== null ? { blockNumber: trade.block } : {}) },
    { tokenIn: fill.tokenIn, tokenOut: fill.tokenOut, amountInRaw: fill.amountIn, amountOutRaw: fill.amountOut, timestampMs: filledAt.getTime(), blockNumber: fill.block },
  );
  return { cmp, filledAt };
}

async function bookCopyFill(db: Db, copy: q.CopyRow, trade: q.VerifiedTradeRow, fill: VenueFill, io: CopyIo, why = "Copied."): Promise<CopyOutcome> {
  const book = chainBook(copy.chainId);
  if (!book) throw new Error(`copy ${copy.id}: chain ${copy.chainId} has no registry`);
  const prices = await pricesOf(copy.chainId);
  const priceIn = prices.get(fill.tokenIn);
  const usdIn = priceIn ? rawToUsd(fill.amountIn, priceIn.priceUsd, priceIn.decimals) : Number(trade.valueUsd);
  const { cmp, filledAt } = await fidelityOf(db, copy, trade, fill);
  const orderKey = copyOrderKey(copy.id, trade.id);
  const leaderName = (await q.findTraderRef(db, copy.leaderId))?.name ?? "the trader";
  const applied = await io.effect(`copyapply:${copy.id}:${trade.id}`, async (tx) => {
    const row = await putCopyTrade(tx, {
      copyId: copy.id, followerId: copy.followerId, leaderId: copy.leaderId, kind: "copy", leaderTradeId: trade.id, orderKey, status: "filled", code: null,
      reason: why, tokenIn: fill.tokenIn, tokenOut: fill.tokenOut, amountIn: fill.amountIn, amountOut: fill.amountOut, valueUsd: usdIn.toString(),
      paperFillId: fill.paperFillId ?? null, keeperTxId: fill.keeperTxId ?? null, txHash: fill.txHash ?? null,
      diffBps: cmp?.diffBps ?? null, delayMs: cmp?.delayMs ?? null, delayBlocks: cmp?.delayBlocks ?? null, createdAt: io.now, filledAt,
    });
    if (!row) return false;
    await applyToCopy(tx, copy.id, { tokenIn: fill.tokenIn, tokenOut: fill.tokenOut, amountInRaw: fill.amountIn, amountOutRaw: fill.amountOut, usdIn }, book, prices, io.now);
    await notify(tx, copy.followerId, {
      kind: "social.copied",
      title: `Copied ${leaderName}: ${trade.symbolIn} → ${trade.symbolOut}`,
      body: `${why} Filled $${usdIn.toFixed(2)}${cmp ? `, ${cmp.diffBps.toFixed(1)} bps vs the leader's fill` : ""}.`,
      href: "/social",
      data: { copyId: copy.id, tradeId: trade.id },
      dedupeKey: orderKey,
    });
    return true;
  });
  return { status: "filled", duplicate: !applied.applied || applied.value === false };
}

/** Books a fill into a copy's positions, used allocation and peak, under the copy's row lock. */
async function applyToCopy(tx: Tx, copyId: string, fill: Parameters<typeof applyFillToBook>[1], book: ChainBook, prices: Map<string, TokenPrice>, now: Date, zeroTokenIn = false) {
  const locked = await q.lockCopy(tx, copyId);
  if (!locked) return;
  const before = toBook(await q.listCopyPositions(tx, [copyId]));
  const { changed } = applyFillToBook(before, fill, book.isCash);
  // A close that could sell less than the position (the paper balance was lower) forgets the rest.
  if (zeroTokenIn && changed[0]!.amountRaw > 0n) changed[0] = { ...changed[0]!, amountRaw: 0n, costUsd: 0 };
  for (const p of changed) await q.putCopyPosition(tx, copyId, p.token, p.amountRaw, p.costUsd);
  const after = before.filter((p) => !changed.some((c) => c.token === p.token)).concat(changed);
  const equity = copyEquityUsd(locked.settings.allocatedUsd, after, prices);
  const peak = nextPeakUsd(locked.peakEquityUsd !== null ? Number(locked.peakEquityUsd) : locked.settings.allocatedUsd, equity);
  await q.setCopyUsedAllocation(tx, copyId, usedOf(after, book.isCash), peak, now);
}

async function forgetPosition(tx: Tx, copyId: string, token: string, book: ChainBook, now: Date) {
  if (!(await q.lockCopy(tx, copyId))) return;
  await q.putCopyPosition(tx, copyId, token, 0n, 0);
  await q.setCopyUsedAllocation(tx, copyId, usedOf(toBook(await q.listCopyPositions(tx, [copyId])), book.isCash), null, now);
}

// ---------------------------------------------------------------- stopping and closing

/**
 * Stops a copy (unless it already is), notifies the follower and closes the copied positions
 * inline (each a paper sale to the chain's main stablecoin, order key per stop instant). A close
 * that throws (chain unreachable) is retried by the next checkCopyStops. Returns whether it stopped now.
 */
export async function stopCopy(db: Db, copyId: string, reason: string, now: Date): Promise<boolean> {
  const stopped = await q.markCopyStopped(db, copyId, reason, now);
  if (!stopped) return false;
  const leaderName = (await q.findTraderRef(db, stopped.leaderId))?.name ?? "the trader";
  await notify(db, stopped.followerId, {
    kind: "social.copy_stopped",
    severity: "warning",
    title: `Stopped copying ${leaderName}`,
    body: `${reason} The copied positions are being sold.`,
    href: "/social",
    data: { copyId },
    dedupeKey: `copy-stopped:${copyId}:${now.getTime()}`,
  });
  try {
    await closeCopyPositions(db, stopped, now);
  } catch (err) {
    log.warn({ err, copyId }, "closing copied positions failed; retried by the next tick");
  }
  return true;
}

export async function closeCopyPositions(db: Db, copy: q.CopyRow, now: Date): Promise<number> {
  const book = chainBook(copy.chainId);
  if (!book?.mainStable || !copy.stoppedAt) return 0;
  const cash = book.mainStable.address.toLowerCase() as Addr;
  const open = toBook(await q.listCopyPositions(db, [copy.id])).filter((p) => p.amountRaw > 0n && !book.isCash(p.token));
  let closed = 0;
  let prices: Map<string, TokenPrice> | null = null;
  const vault = await vaultOfCopy(db, copy);
  for (const p of open) {
    const key = closeOrderKey(copy, p.token, copy.stoppedAt);
    const done = await q.findCopyTradeByKey(db, key);
    if (done && done.status !== "pending") continue;
    const base = { copyId: copy.id, followerId: copy.followerId, leaderId: copy.leaderId, kind: "close", leaderTradeId: null, orderKey: key, tokenIn: p.token, tokenOut: cash, createdAt: now };
    // A vault close waits (bounded) for its receipt; still unmined, the next tick settles it by key.
    const vaultIo = (amountIn: bigint): VaultIo => ({ now, waitMs: 20_000, onPending: (r) => markPending(db, { ...base, amountIn }, r) });
    const order = (amountIn: bigint) => ({ key, chainId: copy.chainId, source: "copy" as const, tokenIn: p.token as Addr, tokenOut: cash, amountIn, slippageBps: copy.settings.slippageBps });
    let result: ExecuteResult | null = null;
    if (vault) result = (await resumeVaultOrder(db, copy, vault, key, copy.settings.slippageBps, (o) => vaultIo(o.amountIn)))?.result ?? null;
    else if (copy.rail === "paper") {
      const prior = await findPaperFillByKey(db, key);
      if (prior && prior.userId === copy.followerId) result = { status: "filled", fill: fillFromRow(prior, true) };
    }
    if (!result) {
      const balance = vault ? await vaultBalanceOf(copy.chainId, vault, p.token) : copy.rail === "paper" ? await paperBalanceOf(db, copy.followerId, copy.chainId, p.token) : 0n;
      const amount = p.amountRaw < balance ? p.amountRaw : balance;
      if (amount <= 0n) result = { status: "rejected", code: "no_balance", reason: `The ${copy.rail === "vault" ? "vault" : "paper account"} no longer holds this copied position.` };
      else if (vault) result = await executeVaultOrder(db, copy, vault, order(amount), vaultIo(amount));
      else result = await createPaperVenue(db, copy.followerId, copy.chainId, { now: () => now }).execute(order(amount));
    }
    if (result.status !== "filled") {
      const code = result.status === "rejected" ? result.code : "pending";
      const reason = result.status === "rejected" ? result.reason : "Unexpected pending close.";
      await db.transaction(async (tx) => {
        const row = await putCopyTrade(tx, { ...base, status: "failed", code, reason });
        // Nothing left to sell (the follower sold it by hand): the copy stops tracking it.
        if (row && code === "no_balance") await forgetPosition(tx, copy.id, p.token, book, now);
      });
      continue;
    }
    prices ??= await pricesOf(copy.chainId);
    const fill = result.fill;
    const priceOut = prices.get(cash);
    const usdOut = priceOut ? rawToUsd(fill.amountOut, priceOut.priceUsd, priceOut.decimals) : 0;
    const filledAt = (await filledAtOf(db, fill)) ?? now;
    await db.transaction(async (tx) => {
      const row = await putCopyTrade(tx, {
        ...base, status: "filled", code: null, reason: "Copy stopped: copied position sold.", amountIn: fill.amountIn, amountOut: fill.amountOut,
        valueUsd: usdOut.toString(), paperFillId: fill.paperFillId ?? null, keeperTxId: fill.keeperTxId ?? null, txHash: fill.txHash ?? null, filledAt,
      });
      if (!row) return;
      await applyToCopy(tx, copy.id, { tokenIn: fill.tokenIn, tokenOut: fill.tokenOut, amountInRaw: fill.amountIn, amountOutRaw: fill.amountOut, usdIn: usdOut }, book, prices!, now, true);
    });
    closed++;
  }
  return closed;
}

/** Copy stop-loss of every active or paused copy; finishes pending closes. Returns how many stopped. */
export async function checkCopyStops(db: Db, now: Date): Promise<number> {
  const copies = await q.listCopiesWithStopLoss(db);
  const byChain = new Map<number, q.CopyRow[]>();
  for (const c of copies) byChain.set(c.chainId, [...(byChain.get(c.chainId) ?? []), c]);
  let stopped = 0;
  for (const [chainId, list] of byChain) {
    let prices: Map<string, TokenPrice>;
    try {
      prices = await pricesOf(chainId);
    } catch (err) {
      log.warn({ err, chainId }, "copy stop-loss: no prices");
      continue;
    }
    const rows = await q.listCopyPositions(db, list.map((c) => c.id));
    for (const c of list) {
      const limit = c.settings.copyStopLossBps;
      if (limit === null) continue;
      const equity = copyEquityUsd(c.settings.allocatedUsd, toBook(rows.filter((r) => r.copyId === c.id)), prices);
      const stored = c.peakEquityUsd !== null ? Number(c.peakEquityUsd) : null;
      const peak = nextPeakUsd(stored ?? c.settings.allocatedUsd, equity);
      if (peak !== stored) await q.setCopyPeak(db, c.id, peak);
      const dd = copyDrawdownBps(peak, equity);
      if (dd < limit) continue;
      const reason = `Copy stop-loss: the copy is ${(dd / 100).toFixed(2)} % below its peak $${peak.toFixed(2)} (limit ${(limit / 100).toFixed(2)} %); stop copying and close the copied positions.`;
      if (await stopCopy(db, c.id, reason, now)) stopped++;
    }
  }
  for (const c of await q.listStoppedCopiesWithPositions(db)) {
    try {
      await closeCopyPositions(db, c, now);
    } catch (err) {
      log.warn({ err, copyId: c.id }, "closing copied positions failed");
    }
  }
  return stopped;
}

export function paperHoldingTokenSafe(chainId: number, token: string): string {
  try {
    return paperHoldingToken(chainId, token);
  } catch {
    return token.toLowerCase();
  }
}
