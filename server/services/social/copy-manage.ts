// The caller's copies: configure, pause, resume, stop, list, history, and their DTOs
// (server/services/social/copy.ts runs the copies themselves).
import type { Db } from "@/db/client";
import { findPaperAccountForUser } from "@/db/queries/paper";
import * as q from "@/db/queries/social-copy";
import type { CopySettingsRecord } from "@/db/schema/social";
import type { CopyDto, CopyTradeDto } from "@/lib/schemas/social";
import { rawToUsd } from "@/server/automation/sizing";
import { getRegistry } from "@/server/chain/registry";
import { DomainError, ErrorKind } from "@/server/errors";
import { copyDrawdownBps, copyEquityUsd, type TokenPrice } from "@/server/social/copy-book";
import { summarizeFidelity } from "@/server/social/fidelity";
import { chainBook, pricesOf, stopCopy, toBook } from "./copy";
import { vaultReadyForCopyOrThrow } from "./copy-vault";
import { requirePublicLeader } from "./follow";
import { toTradeDto } from "./trade-dto";

// ---------------------------------------------------------------- management (the caller's copies)

export type CopyConfigure = {
  leaderId: string;
  rail: "paper" | "vault";
  chainId: number;
  slippageBps: number;
  settings: { allocatedUsd: number; mode: "proportional" | "fixed"; fixedTradeUsd?: number; maxPerTradeUsd: number | null; copyStopLossBps: number | null; paused: boolean; minTradeUsd: number };
};

const copyNotFound = () => new DomainError("social.COPY_NOT_FOUND", ErrorKind.notFound, "This copy does not exist.");
const invalid = (code: `social.${string}`, message: string) => new DomainError(code, ErrorKind.invalid, message);

async function ownCopyOrThrow(db: Db, userId: string, copyId: string): Promise<q.CopyRow> {
  const copy = await q.findCopyForFollower(db, userId, copyId);
  if (!copy) throw copyNotFound();
  return copy;
}

/** Creates or updates the caller's copy of a public leader (following is implied). */
export async function configureCopy(db: Db, userId: string, input: CopyConfigure, now: Date): Promise<CopyDto> {
  await requirePublicLeader(db, userId, input.leaderId, "copy");
  if (!getRegistry(input.chainId)) throw invalid("social.CHAIN_NOT_SUPPORTED", `Copying is not available on chain ${input.chainId}.`);
  // The rail must be ready: the paper account, or a vault Lodestar's keeper may trade (copy-vault.ts).
  const vaultId = input.rail === "vault" ? (await vaultReadyForCopyOrThrow(db, userId, input.chainId)).id : null;
  if (input.rail === "paper" && !(await findPaperAccountForUser(db, userId, input.chainId))) {
    throw invalid("social.NO_PAPER_ACCOUNT", "You have no paper account on this chain yet: set its starting balances at /automation/paper first.");
  }
  const s = input.settings;
  const settings: CopySettingsRecord = {
    allocatedUsd: s.allocatedUsd, mode: s.mode, ...(s.fixedTradeUsd !== undefined ? { fixedTradeUsd: s.fixedTradeUsd } : {}),
    maxPerTradeUsd: s.maxPerTradeUsd, copyStopLossBps: s.copyStopLossBps, minTradeUsd: s.minTradeUsd, slippageBps: input.slippageBps,
  };
  const status = s.paused ? ("paused" as const) : ("active" as const);
  const existing = await q.findCopyByPair(db, userId, input.leaderId);
  if (existing) {
    const used = Number(existing.usedAllocationUsd);
    if (existing.status !== "stopped" && s.allocatedUsd < used) {
      throw invalid("social.ALLOCATION_BELOW_USED", `$${used.toFixed(2)} of the allocation is in open copied positions: allocate at least that much.`);
    }
    if (existing.chainId !== input.chainId || existing.rail !== input.rail || (existing.vaultId ?? null) !== vaultId) {
      const open = (await q.listCopyPositions(db, [existing.id])).some((p) => p.amountRaw > 0n && !chainBook(existing.chainId)?.isCash(p.token));
      if (open) throw invalid("social.COPY_CHAIN_CHANGE", "This copy holds positions on its chain and rail: stop it (its positions are sold) before copying on another chain or rail.");
    }
  }
  const row = await db.transaction(async (tx) => {
    await q.insertFollow(tx, userId, input.leaderId, now);
    if (!existing) return q.insertCopy(tx, { followerId: userId, leaderId: input.leaderId, rail: input.rail, chainId: input.chainId, vaultId, settings, status, now });
    // A stopped copy started again mirrors only trades from now on, with a fresh high-water mark.
    const restart = existing.status === "stopped";
    return q.updateCopy(tx, userId, existing.id, {
      rail: input.rail, chainId: input.chainId, vaultId, settings, status, statusReason: s.paused ? "Paused by you." : null, updatedAt: now,
      ...(restart ? { startedAt: now, stoppedAt: null, peakEquityUsd: null } : {}),
    });
  });
  if (!row) throw copyNotFound();
  return (await toCopyDtos(db, [row]))[0]!;
}

export async function pauseCopy(db: Db, userId: string, copyId: string, now: Date): Promise<CopyDto> {
  const copy = await ownCopyOrThrow(db, userId, copyId);
  if (copy.status === "stopped") throw invalid("social.COPY_STOPPED", "This copy is stopped: configure it again to start copying.");
  const row = await q.updateCopy(db, userId, copyId, { status: "paused", statusReason: "Paused by you.", settings: copy.settings, updatedAt: now });
  return (await toCopyDtos(db, [row ?? copy]))[0]!;
}

export async function resumeCopy(db: Db, userId: string, copyId: string, now: Date): Promise<CopyDto> {
  const copy = await ownCopyOrThrow(db, userId, copyId);
  if (copy.status === "stopped") throw invalid("social.COPY_STOPPED", "This copy is stopped: configure it again to start copying.");
  const row = await q.updateCopy(db, userId, copyId, { status: "active", statusReason: null, updatedAt: now });
  return (await toCopyDtos(db, [row ?? copy]))[0]!;
}

/** Stops the caller's copy and sells its copied positions right away (inline, not queued). */
export async function stopOwnCopy(db: Db, userId: string, copyId: string, now: Date): Promise<CopyDto> {
  await ownCopyOrThrow(db, userId, copyId);
  await stopCopy(db, copyId, "Stopped by you.", now);
  return (await toCopyDtos(db, [await ownCopyOrThrow(db, userId, copyId)]))[0]!;
}

export async function listOwnCopies(db: Db, userId: string): Promise<CopyDto[]> {
  return toCopyDtos(db, await q.listCopiesForFollower(db, userId));
}

/** The viewer's copy of a leader (for the trader page), or null. */
export async function getViewerCopy(db: Db, viewerId: string | null, leaderId: string): Promise<CopyDto | null> {
  if (!viewerId) return null;
  const copy = await q.findCopyByPair(db, viewerId, leaderId);
  return copy ? ((await toCopyDtos(db, [copy]))[0] ?? null) : null;
}

export async function listOwnCopyTrades(db: Db, userId: string, input: { copyId?: string; limit: number; cursor?: string | null }): Promise<{ items: CopyTradeDto[]; nextCursor: string | null }> {
  if (input.copyId) await ownCopyOrThrow(db, userId, input.copyId);
  const rows = await q.listCopyTradesForFollower(db, userId, { copyId: input.copyId, limit: input.limit + 1, before: input.cursor ?? null });
  const page = rows.slice(0, input.limit);
  const copies = new Map((await q.listCopiesForFollower(db, userId)).map((c) => [c.id, c]));
  const leaders = new Map((await q.listTraderRefs(db, [...new Set(page.map((r) => r.trade.leaderId))])).map((l) => [l.id, l]));
  const items = page.map(({ trade: r, leaderTrade }): CopyTradeDto => {
    const book = chainBook(copies.get(r.copyId)?.chainId ?? 0);
    const tIn = r.tokenIn ? book?.byAddress.get(r.tokenIn) : undefined;
    const tOut = r.tokenOut ? book?.byAddress.get(r.tokenOut) : undefined;
    return {
      id: r.id, copyId: r.copyId, leader: { id: r.leaderId, name: leaders.get(r.leaderId)?.name ?? "Trader" },
      kind: r.kind === "close" ? "close" : "copy", status: r.status, code: r.code, reason: r.reason,
      leaderTrade: leaderTrade ? toTradeDto(leaderTrade) : null,
      symbolIn: tIn?.symbol ?? null, symbolOut: tOut?.symbol ?? null,
      amountIn: r.amountIn?.toString() ?? null, amountOut: r.amountOut?.toString() ?? null,
      decimalsIn: tIn?.decimals ?? null, decimalsOut: tOut?.decimals ?? null,
      valueUsd: r.valueUsd !== null ? Number(r.valueUsd) : null,
      diffBps: r.diffBps, delayMs: r.delayMs, delayBlocks: r.delayBlocks, txHash: r.txHash,
      createdAt: r.createdAt.toISOString(), filledAt: r.filledAt?.toISOString() ?? null,
    };
  });
  return { items, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.trade.id ?? null) : null };
}



async function toCopyDtos(db: Db, rows: q.CopyRow[]): Promise<CopyDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [leaders, positions, counts, fidelity] = await Promise.all([
    q.listTraderRefs(db, [...new Set(rows.map((r) => r.leaderId))]),
    q.listCopyPositions(db, ids),
    q.countCopyTradesByStatus(db, ids),
    q.listCopyFidelityRows(db, ids),
  ]);
  const pricesByChain = new Map<number, Map<string, TokenPrice>>();
  for (const chainId of new Set(rows.map((r) => r.chainId))) {
    // Without the chain, assets are shown at cost and stablecoins at $1 rather than failing the page.
    const fallback = () => new Map((chainBook(chainId)?.tokens ?? []).filter((t) => t.category === "stablecoin").map((t) => [t.address.toLowerCase(), { priceUsd: 1, decimals: t.decimals }]));
    pricesByChain.set(chainId, await pricesOf(chainId).catch(fallback));
  }
  return rows.map((r): CopyDto => {
    const leader = leaders.find((l) => l.id === r.leaderId);
    const book = chainBook(r.chainId);
    const prices = pricesByChain.get(r.chainId) ?? new Map<string, TokenPrice>();
    const mine = toBook(positions.filter((p) => p.copyId === r.id));
    const equity = copyEquityUsd(r.settings.allocatedUsd, mine, prices);
    const peak = r.peakEquityUsd !== null ? Number(r.peakEquityUsd) : null;
    const count = (s: string) => Number(counts.find((c) => c.copyId === r.id && c.status === s)?.n ?? 0);
    const fid = fidelity.filter((f) => f.copyId === r.id && f.diffBps !== null);
    const summary = fid.length ? summarizeFidelity(fid.map((f) => ({ diffBps: f.diffBps!, delayMs: Number(f.delayMs ?? 0), delayBlocks: f.delayBlocks }))) : null;
    return {
      id: r.id,
      leader: { id: r.leaderId, name: leader?.name ?? "Trader", kind: leader?.kind ?? "person" },
      rail: r.rail, chainId: r.chainId, status: r.status, statusReason: r.statusReason,
      settings: {
        allocatedUsd: r.settings.allocatedUsd, mode: r.settings.mode, fixedTradeUsd: r.settings.fixedTradeUsd ?? null, maxPerTradeUsd: r.settings.maxPerTradeUsd,
        copyStopLossBps: r.settings.copyStopLossBps, minTradeUsd: r.settings.minTradeUsd ?? 0, slippageBps: r.settings.slippageBps,
      },
      usedAllocationUsd: Number(r.usedAllocationUsd),
      equityUsd: equity,
      peakEquityUsd: peak,
      drawdownBps: copyDrawdownBps(peak ?? r.settings.allocatedUsd, equity),
      positions: mine
        // The copied positions; the allocation's cash (stablecoins) is not one.
        .filter((p) => p.amountRaw > 0n && !book?.isCash(p.token))
        .map((p) => {
          const t = book?.byAddress.get(p.token);
          const price = prices.get(p.token);
          return { token: p.token, symbol: t?.symbol ?? "?", amountRaw: p.amountRaw.toString(), decimals: t?.decimals ?? 18, valueUsd: price ? rawToUsd(p.amountRaw, price.priceUsd, price.decimals) : p.costUsd };
        }),
      counts: { filled: count("filled"), skipped: count("skipped"), failed: count("failed"), pending: count("pending") },
      fidelity: summary,
      startedAt: r.startedAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
