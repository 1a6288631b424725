// The paper rail's SQL: accounts, balances (base units, numeric(78,0)) and fills. Every read
// that a user can trigger is scoped by user id; the money moves (debit, credit, fill insert)
// are single statements meant to run inside one transaction (server/services/venues/paper.ts).
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { paperAccounts, paperBalances, paperFills } from "@/db/schema";

export type PaperAccountRow = typeof paperAccounts.$inferSelect;
export type PaperBalanceRow = typeof paperBalances.$inferSelect;
export type PaperFillRow = typeof paperFills.$inferSelect;
// createdAt: the database's now() unless given (fills priced at a historical instant, e.g. the
// strategy bots' replays, are stamped with that instant).
export type NewPaperFill = Omit<typeof paperFills.$inferInsert, "id" | "createdAt"> & { createdAt?: Date };

export async function findPaperAccountForUser(db: Db, userId: string, chainId: number): Promise<PaperAccountRow | null> {
  const rows = await db
    .select()
    .from(paperAccounts)
    .where(and(eq(paperAccounts.userId, userId), eq(paperAccounts.chainId, chainId)));
  return rows[0] ?? null;
}

/**
 * Creates the (user, chain) account or marks the existing one as reset now (the database's
 * clock, the same one fills are stamped with, so "before the reset" compares like with like).
 */
export async function upsertPaperAccountReset(
  db: Db,
  values: { userId: string; chainId: number; startingValueUsd: string | null; resetBlock: bigint | null },
): Promise<PaperAccountRow> {
  const rows = await db
    .insert(paperAccounts)
    .values({ ...values, resetAt: sql`now()` })
    .onConflictDoUpdate({
      target: [paperAccounts.userId, paperAccounts.chainId],
      set: { resetAt: sql`now()`, startingValueUsd: values.startingValueUsd, resetBlock: values.resetBlock },
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("upsert returned no row");
  return row;
}

export async function listPaperBalances(db: Db, accountId: string): Promise<PaperBalanceRow[]> {
  return db.select().from(paperBalances).where(eq(paperBalances.accountId, accountId)).orderBy(asc(paperBalances.token));
}

/** Replaces every balance of an account with the starting balances (amount = starting). */
export async function replacePaperBalances(db: Db, accountId: string, balances: { token: string; amountRaw: bigint }[]): Promise<void> {
  await db.delete(paperBalances).where(eq(paperBalances.accountId, accountId));
  if (balances.length === 0) return;
  await db.insert(paperBalances).values(balances.map((b) => ({ accountId, token: b.token, amountRaw: b.amountRaw, startingRaw: b.amountRaw })));
}

/**
 * Debits only when the balance covers it (`amount_raw >= amount` in the same statement, so two
 * concurrent debits can never overdraw). Returns the new balance, or null when it did not.
 */
export async function debitPaperBalance(db: Db, accountId: string, token: string, amountRaw: bigint): Promise<bigint | null> {
  const rows = await db
    .update(paperBalances)
    .set({ amountRaw: sql`${paperBalances.amountRaw} - ${amountRaw.toString()}::numeric` })
    .where(and(eq(paperBalances.accountId, accountId), eq(paperBalances.token, token), gte(paperBalances.amountRaw, amountRaw)))
    .returning({ amountRaw: paperBalances.amountRaw });
  return rows[0]?.amountRaw ?? null;
}

/** Credits a token, creating its row (starting balance 0) on the first credit. */
export async function creditPaperBalance(db: Db, accountId: string, token: string, amountRaw: bigint): Promise<bigint> {
  const rows = await db
    .insert(paperBalances)
    .values({ accountId, token, amountRaw, startingRaw: 0n })
    .onConflictDoUpdate({
      target: [paperBalances.accountId, paperBalances.token],
      set: { amountRaw: sql`${paperBalances.amountRaw} + ${amountRaw.toString()}::numeric` },
    })
    .returning({ amountRaw: paperBalances.amountRaw });
  const row = rows[0];
  if (!row) throw new Error("credit returned no row");
  return row.amountRaw;
}

/** Inserts a fill unless its key exists (anyone's); null then. */
export async function insertPaperFill(db: Db, values: NewPaperFill): Promise<PaperFillRow | null> {
  const rows = await db.insert(paperFills).values(values).onConflictDoNothing({ target: paperFills.key }).returning();
  return rows[0] ?? null;
}

/** A fill by its idempotency key, whoever owns it: the caller checks the owner before use. */
export async function findPaperFillByKey(db: Db, key: string): Promise<PaperFillRow | null> {
  const rows = await db.select().from(paperFills).where(eq(paperFills.key, key));
  return rows[0] ?? null;
}

export async function findPaperFillForUser(db: Db, userId: string, id: string): Promise<PaperFillRow | null> {
  const rows = await db
    .select()
    .from(paperFills)
    .where(and(eq(paperFills.id, id), eq(paperFills.userId, userId)));
  return rows[0] ?? null;
}

// Newest first by (created_at, id); `before` is the id of the last fill of the previous page,
// compared in SQL so timestamps keep their microseconds. A cursor from another user matches
// no row of this user and yields an empty page.
export async function listPaperFillsForUser(db: Db, userId: string, opts: { chainId: number; limit: number; before?: string | null }): Promise<PaperFillRow[]> {
  const conditions = [eq(paperFills.userId, userId), eq(paperFills.chainId, opts.chainId)];
  if (opts.before) {
    conditions.push(
      sql`(${paperFills.createdAt}, ${paperFills.id}) < (select c.created_at, c.id from paper_fills c where c.id = ${opts.before} and c.user_id = ${userId})`,
    );
  }
  return db
    .select()
    .from(paperFills)
    .where(and(...conditions))
    .orderBy(desc(paperFills.createdAt), desc(paperFills.id))
    .limit(opts.limit);
}
