import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { chainTxs } from "@/db/schema";

export type ChainTxRow = typeof chainTxs.$inferSelect;
export type NewChainTx = Omit<typeof chainTxs.$inferInsert, "id">;
/** What confirmation may change on a tracked transaction. */
export type ChainTxUpdate = Partial<
  Pick<
    ChainTxRow,
    "status" | "amountIn" | "amountOut" | "route" | "blockNumber" | "gasUsed" | "effectiveGasPrice" | "error" | "replacedBy" | "confirmedAt"
  >
> & { updatedAt?: Date };

// Inserts unless (chain_id, hash) is already tracked (by anyone); null then.
export async function insertChainTx(db: Db, values: NewChainTx) {
  const rows = await db.insert(chainTxs).values(values).onConflictDoNothing({ target: [chainTxs.chainId, chainTxs.hash] }).returning();
  return rows[0] ?? null;
}

export async function findChainTxForUser(db: Db, userId: string, chainId: number, hash: string) {
  const rows = await db
    .select()
    .from(chainTxs)
    .where(and(eq(chainTxs.userId, userId), eq(chainTxs.chainId, chainId), eq(chainTxs.hash, hash.toLowerCase())));
  return rows[0] ?? null;
}

// Settles a pending row. Only a row still pending is changed (two refreshes racing settle it
// once); returns the row as it now is, or null when it was not pending any more.
export async function settlePendingChainTxForUser(db: Db, userId: string, id: string, patch: ChainTxUpdate) {
  const rows = await db
    .update(chainTxs)
    // No clock from the caller: the database's (history's refresh, see server/services/swaps.ts).
    .set({ ...patch, updatedAt: patch.updatedAt ?? sql`now()` })
    .where(and(eq(chainTxs.id, id), eq(chainTxs.userId, userId), eq(chainTxs.status, "pending")))
    .returning();
  return rows[0] ?? null;
}

export async function findChainTxByIdForUser(db: Db, userId: string, id: string) {
  const rows = await db
    .select()
    .from(chainTxs)
    .where(and(eq(chainTxs.id, id), eq(chainTxs.userId, userId)));
  return rows[0] ?? null;
}

// Newest first by (submitted_at, id); `before` is the last row of the previous page.
export async function listChainTxsForUser(
  db: Db,
  userId: string,
  opts: { chainId?: number; limit: number; before?: { submittedAt: Date; id: string } | null },
) {
  const conditions = [eq(chainTxs.userId, userId)];
  if (opts.chainId !== undefined) conditions.push(eq(chainTxs.chainId, opts.chainId));
  if (opts.before) {
    conditions.push(sql`(${chainTxs.submittedAt}, ${chainTxs.id}) < (${opts.before.submittedAt.toISOString()}::timestamptz, ${opts.before.id})`);
  }
  return db
    .select()
    .from(chainTxs)
    .where(and(...conditions))
    .orderBy(desc(chainTxs.submittedAt), desc(chainTxs.id))
    .limit(opts.limit);
}
