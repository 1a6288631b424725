// Follow and copy SQL (db/schema/social.ts: follows, copy_relations, copy_positions,
// copy_trades). Reads a user can trigger are scoped by follower id; the job-side reads (fan-out,
// copy runs, stop-loss checks) take ids the runner stored. No business rules here.
import { and, asc, desc, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { copyPositions, copyRelations, copyTrades, follows, traderProfiles, users, verifiedTrades } from "@/db/schema";
import type { CopySettingsRecord } from "@/db/schema/social";

export type CopyRow = typeof copyRelations.$inferSelect;
export type CopyPositionRow = typeof copyPositions.$inferSelect;
export type CopyTradeRow = typeof copyTrades.$inferSelect;
export type VerifiedTradeRow = typeof verifiedTrades.$inferSelect;
export type NewCopyTrade = Omit<typeof copyTrades.$inferInsert, "id">;

// ---------------------------------------------------------------- traders and follows

export type TraderRef = { id: string; name: string; kind: "person" | "bot"; avatar: string | null; isPublic: boolean };

/** A trader's profile (display name, kind, avatar, public or not), or null without a profile. */
export async function findTraderRef(db: Db, userId: string): Promise<TraderRef | null> {
  const rows = await db
    .select({ id: traderProfiles.userId, name: traderProfiles.displayName, kind: traderProfiles.kind, avatar: traderProfiles.avatar, isPublic: traderProfiles.isPublic })
    .from(traderProfiles)
    .where(eq(traderProfiles.userId, userId));
  return rows[0] ?? null;
}

export async function listTraderRefs(db: Db, ids: string[]): Promise<TraderRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: traderProfiles.userId, name: traderProfiles.displayName, kind: traderProfiles.kind, avatar: traderProfiles.avatar, isPublic: traderProfiles.isPublic })
    .from(traderProfiles)
    .where(inArray(traderProfiles.userId, ids));
}

export async function insertFollow(db: Db, followerId: string, leaderId: string, now: Date): Promise<boolean> {
  const rows = await db.insert(follows).values({ followerId, leaderId, createdAt: now }).onConflictDoNothing().returning({ leaderId: follows.leaderId });
  return rows.length > 0;
}

export async function deleteFollow(db: Db, followerId: string, leaderId: string): Promise<boolean> {
  const rows = await db
    .delete(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.leaderId, leaderId)))
    .returning({ leaderId: follows.leaderId });
  return rows.length > 0;
}

/** The public traders a user follows, most recent first. */
export async function listFollowedTraders(db: Db, followerId: string) {
  return db
    .select({ id: traderProfiles.userId, name: traderProfiles.displayName, kind: traderProfiles.kind, avatar: traderProfiles.avatar })
    .from(follows)
    .innerJoin(traderProfiles, eq(traderProfiles.userId, follows.leaderId))
    .where(and(eq(follows.followerId, followerId), eq(traderProfiles.isPublic, true)))
    .orderBy(desc(follows.createdAt), asc(traderProfiles.userId));
}

export async function findUserName(db: Db, userId: string): Promise<string | null> {
  const rows = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return rows[0]?.name ?? null;
}

// ---------------------------------------------------------------- copy relations

export async function findCopyById(db: Db, copyId: string): Promise<CopyRow | null> {
  const rows = await db.select().from(copyRelations).where(eq(copyRelations.id, copyId));
  return rows[0] ?? null;
}

export async function findCopyForFollower(db: Db, followerId: string, copyId: string): Promise<CopyRow | null> {
  const rows = await db
    .select()
    .from(copyRelations)
    .where(and(eq(copyRelations.id, copyId), eq(copyRelations.followerId, followerId)));
  return rows[0] ?? null;
}

export async function findCopyByPair(db: Db, followerId: string, leaderId: string): Promise<CopyRow | null> {
  const rows = await db
    .select()
    .from(copyRelations)
    .where(and(eq(copyRelations.followerId, followerId), eq(copyRelations.leaderId, leaderId)));
  return rows[0] ?? null;
}

export async function listCopiesForFollower(db: Db, followerId: string): Promise<CopyRow[]> {
  return db.select().from(copyRelations).where(eq(copyRelations.followerId, followerId)).orderBy(desc(copyRelations.createdAt), asc(copyRelations.id));
}

/** Copies a leader trade executed at `executedAt` fans out to: active or paused, started by then. */
export async function listCopiesToFanOut(db: Db, leaderId: string, executedAt: Date): Promise<CopyRow[]> {
  return db
    .select()
    .from(copyRelations)
    .where(and(eq(copyRelations.leaderId, leaderId), inArray(copyRelations.status, ["active", "paused"]), lte(copyRelations.startedAt, executedAt)))
    .orderBy(asc(copyRelations.id));
}

/** Active or paused copies with a copy stop-loss (checked by the tick). */
export async function listCopiesWithStopLoss(db: Db): Promise<CopyRow[]> {
  return db
    .select()
    .from(copyRelations)
    .where(and(inArray(copyRelations.status, ["active", "paused"]), sql`(${copyRelations.settings} ->> 'copyStopLossBps') is not null`))
    .orderBy(asc(copyRelations.id));
}

/** Stopped copies that still hold a positive copied position (closes to finish). */
export async function listStoppedCopiesWithPositions(db: Db): Promise<CopyRow[]> {
  return db
    .selectDistinct({ copy: copyRelations })
    .from(copyRelations)
    .innerJoin(copyPositions, eq(copyPositions.copyId, copyRelations.id))
    .where(and(eq(copyRelations.status, "stopped"), isNotNull(copyRelations.stoppedAt), sql`${copyPositions.amountRaw} > 0`))
    .then((rows) => rows.map((r) => r.copy));
}

export async function insertCopy(
  db: Db,
  values: { followerId: string; leaderId: string; rail: "paper" | "vault"; chainId: number; vaultId?: string | null; settings: CopySettingsRecord; status: "active" | "paused"; now: Date },
): Promise<CopyRow> {
  const { now, ...rest } = values;
  const rows = await db
    .insert(copyRelations)
    .values({ ...rest, startedAt: now, createdAt: now, updatedAt: now })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateCopy(
  db: Db,
  followerId: string,
  copyId: string,
  set: Partial<Pick<CopyRow, "rail" | "chainId" | "vaultId" | "settings" | "status" | "statusReason" | "startedAt" | "stoppedAt" | "peakEquityUsd" | "usedAllocationUsd">> & { updatedAt: Date },
): Promise<CopyRow | null> {
  const rows = await db
    .update(copyRelations)
    .set(set)
    .where(and(eq(copyRelations.id, copyId), eq(copyRelations.followerId, followerId)))
    .returning();
  return rows[0] ?? null;
}

/** Marks a copy stopped unless it already is; returns the stopped row, or null when it was. */
export async function markCopyStopped(db: Db, copyId: string, reason: string, now: Date): Promise<CopyRow | null> {
  const rows = await db
    .update(copyRelations)
    .set({ status: "stopped", statusReason: reason, stoppedAt: now, updatedAt: now })
    .where(and(eq(copyRelations.id, copyId), ne(copyRelations.status, "stopped")))
    .returning();
  return rows[0] ?? null;
}

/** Locks a copy row for the rest of the transaction (serialises bookkeeping of one copy). */
export async function lockCopy(db: Db, copyId: string): Promise<CopyRow | null> {
  const rows = await db.select().from(copyRelations).where(eq(copyRelations.id, copyId)).for("update");
  return rows[0] ?? null;
}

export async function setCopyPeak(db: Db, copyId: string, peakUsd: number): Promise<void> {
  await db.update(copyRelations).set({ peakEquityUsd: peakUsd.toString() }).where(eq(copyRelations.id, copyId));
}

export async function setCopyUsedAllocation(db: Db, copyId: string, usedUsd: number, peakUsd: number | null, now: Date): Promise<void> {
  await db
    .update(copyRelations)
    .set({ usedAllocationUsd: usedUsd.toString(), ...(peakUsd !== null ? { peakEquityUsd: peakUsd.toString() } : {}), updatedAt: now })
    .where(eq(copyRelations.id, copyId));
}

// ---------------------------------------------------------------- positions

export async function listCopyPositions(db: Db, copyIds: string[]): Promise<CopyPositionRow[]> {
  if (copyIds.length === 0) return [];
  return db.select().from(copyPositions).where(inArray(copyPositions.copyId, copyIds)).orderBy(asc(copyPositions.copyId), asc(copyPositions.token));
}

/** Writes a position's new amount and cost (upsert). */
export async function putCopyPosition(db: Db, copyId: string, token: string, amountRaw: bigint, costUsd: number): Promise<void> {
  await db
    .insert(copyPositions)
    .values({ copyId, token, amountRaw, costUsd: costUsd.toString() })
    .onConflictDoUpdate({ target: [copyPositions.copyId, copyPositions.token], set: { amountRaw, costUsd: costUsd.toString() } });
}

// ---------------------------------------------------------------- copy trades

export async function findCopyTradeByKey(db: Db, orderKey: string): Promise<CopyTradeRow | null> {
  const rows = await db.select().from(copyTrades).where(eq(copyTrades.orderKey, orderKey));
  return rows[0] ?? null;
}

/** Inserts unless the order key exists; null then. */
export async function insertCopyTrade(db: Db, values: NewCopyTrade): Promise<CopyTradeRow | null> {
  const rows = await db.insert(copyTrades).values(values).onConflictDoNothing({ target: copyTrades.orderKey }).returning();
  return rows[0] ?? null;
}

/** Updates a 'pending' row (a vault order waiting for its receipt); null when it is not pending. */
export async function updatePendingCopyTrade(db: Db, orderKey: string, set: Partial<Omit<NewCopyTrade, "orderKey" | "copyId" | "followerId" | "leaderId">>): Promise<CopyTradeRow | null> {
  const rows = await db
    .update(copyTrades)
    .set(set)
    .where(and(eq(copyTrades.orderKey, orderKey), eq(copyTrades.status, "pending")))
    .returning();
  return rows[0] ?? null;
}

// Newest first by (created_at, id); the cursor is the last row's id, resolved in SQL for this
// follower only (someone else's id matches nothing: an empty page).
export async function listCopyTradesForFollower(db: Db, followerId: string, opts: { copyId?: string; limit: number; before?: string | null }) {
  const conditions = [eq(copyTrades.followerId, followerId)];
  if (opts.copyId) conditions.push(eq(copyTrades.copyId, opts.copyId));
  if (opts.before) {
    conditions.push(sql`(${copyTrades.createdAt}, ${copyTrades.id}) < (select c.created_at, c.id from copy_trades c where c.id = ${opts.before} and c.follower_id = ${followerId})`);
  }
  return db
    .select({ trade: copyTrades, leaderTrade: verifiedTrades })
    .from(copyTrades)
    .leftJoin(verifiedTrades, eq(verifiedTrades.id, copyTrades.leaderTradeId))
    .where(and(...conditions))
    .orderBy(desc(copyTrades.createdAt), desc(copyTrades.id))
    .limit(opts.limit);
}

export async function countCopyTradesByStatus(db: Db, copyIds: string[]) {
  if (copyIds.length === 0) return [];
  return db
    .select({ copyId: copyTrades.copyId, status: copyTrades.status, n: sql<number>`count(*)::int` })
    .from(copyTrades)
    .where(inArray(copyTrades.copyId, copyIds))
    .groupBy(copyTrades.copyId, copyTrades.status);
}

/** Fidelity columns of filled copies (kind 'copy') of the given copies. */
export async function listCopyFidelityRows(db: Db, copyIds: string[]) {
  if (copyIds.length === 0) return [];
  return db
    .select({ copyId: copyTrades.copyId, diffBps: copyTrades.diffBps, delayMs: copyTrades.delayMs, delayBlocks: copyTrades.delayBlocks })
    .from(copyTrades)
    .where(and(inArray(copyTrades.copyId, copyIds), eq(copyTrades.status, "filled"), eq(copyTrades.kind, "copy"), isNotNull(copyTrades.diffBps)));
}

/** Fidelity columns of every filled copy of the given leaders (published per leader). */
// ---------------------------------------------------------------- verified trades

export async function findVerifiedTrade(db: Db, id: string): Promise<VerifiedTradeRow | null> {
  const rows = await db.select().from(verifiedTrades).where(eq(verifiedTrades.id, id));
  return rows[0] ?? null;
}
