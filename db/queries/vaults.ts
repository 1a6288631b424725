// The vault rail's SQL: vaults users registered (created through the factory, verified on chain
// by server/services/vault.ts) and the keeper's transactions to them. Reads a user can trigger
// are scoped by user id; keeper_txs rows are keyed by the order key (at most one per key, ever).
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { keeperTxs, vaults } from "@/db/schema";

export type VaultRow = typeof vaults.$inferSelect;
export type KeeperTxRow = typeof keeperTxs.$inferSelect;
export type NewKeeperTx = Omit<typeof keeperTxs.$inferInsert, "id" | "createdAt" | "confirmedAt">;
export type KeeperTxPatch = Partial<Pick<KeeperTxRow, "hash" | "nonce" | "status" | "quotedAmountOut" | "minAmountOut" | "amountOut" | "blockNumber" | "error" | "confirmedAt">>;

export async function listVaultsForUser(db: Db, userId: string, chainId?: number): Promise<VaultRow[]> {
  return db
    .select()
    .from(vaults)
    .where(chainId === undefined ? eq(vaults.userId, userId) : and(eq(vaults.userId, userId), eq(vaults.chainId, chainId)))
    .orderBy(vaults.createdAt, vaults.id);
}

export async function findVaultForUser(db: Db, userId: string, chainId: number, address: string): Promise<VaultRow | null> {
  const rows = await db
    .select()
    .from(vaults)
    .where(and(eq(vaults.userId, userId), eq(vaults.chainId, chainId), eq(vaults.address, address.toLowerCase())));
  return rows[0] ?? null;
}

/** Any user's row for a vault address (to tell "already registered by you" from "by someone else"). */
export async function findVaultByAddress(db: Db, chainId: number, address: string): Promise<VaultRow | null> {
  const rows = await db
    .select()
    .from(vaults)
    .where(and(eq(vaults.chainId, chainId), eq(vaults.address, address.toLowerCase())));
  return rows[0] ?? null;
}

/** Inserts the vault unless the (chain, address) row exists; returns the new row or null. */
export async function insertVault(
  db: Db,
  values: { userId: string; chainId: number; address: string; owner: string; createdTx: string | null },
): Promise<VaultRow | null> {
  const rows = await db
    .insert(vaults)
    .values({ ...values, address: values.address.toLowerCase(), owner: values.owner.toLowerCase(), createdTx: values.createdTx?.toLowerCase() ?? null })
    .onConflictDoNothing({ target: [vaults.chainId, vaults.address] })
    .returning();
  return rows[0] ?? null;
}

export async function findKeeperTxByKey(db: Db, key: string): Promise<KeeperTxRow | null> {
  const rows = await db.select().from(keeperTxs).where(eq(keeperTxs.key, key));
  return rows[0] ?? null;
}

/** Inserts the row for an order key before anything is broadcast; null when the key exists. */
export async function insertKeeperTx(db: Db, values: NewKeeperTx): Promise<KeeperTxRow | null> {
  const rows = await db.insert(keeperTxs).values(values).onConflictDoNothing({ target: keeperTxs.key }).returning();
  return rows[0] ?? null;
}

export async function updateKeeperTx(db: Db, id: string, patch: KeeperTxPatch): Promise<KeeperTxRow | null> {
  const rows = await db.update(keeperTxs).set(patch).where(eq(keeperTxs.id, id)).returning();
  return rows[0] ?? null;
}

/**
 * Takes over a row that was inserted but never signed (no hash) more than `staleMs` ago: its
 * writer died before broadcasting. Conditional, so only one caller wins it. Ages are measured
 * on the database's clock, the one clock every worker shares.
 */
export async function claimStaleKeeperTx(db: Db, id: string, staleMs: number): Promise<KeeperTxRow | null> {
  const rows = await db
    .update(keeperTxs)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        eq(keeperTxs.id, id),
        isNull(keeperTxs.hash),
        eq(keeperTxs.status, "pending"),
        lt(keeperTxs.createdAt, sql`now() - make_interval(secs => ${staleMs / 1000})`),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

/** Whether the row was written more than `ms` ago (database clock). */
export async function keeperTxOlderThan(db: Db, id: string, ms: number): Promise<boolean> {
  const rows = await db
    .select({ id: keeperTxs.id })
    .from(keeperTxs)
    .where(and(eq(keeperTxs.id, id), lt(keeperTxs.createdAt, sql`now() - make_interval(secs => ${ms / 1000})`)));
  return rows.length > 0;
}

/** Makes an unsigned row (no hash) claimable at once: its writer gave up before signing. */
export async function releaseKeeperTx(db: Db, id: string): Promise<void> {
  await db
    .update(keeperTxs)
    .set({ createdAt: new Date(0) })
    .where(and(eq(keeperTxs.id, id), isNull(keeperTxs.hash), eq(keeperTxs.status, "pending")));
}

export async function listKeeperTxsForUser(db: Db, userId: string, opts: { chainId?: number; vaultId?: string; limit: number }): Promise<(KeeperTxRow & { vaultAddress: string })[]> {
  const conds = [eq(keeperTxs.userId, userId)];
  if (opts.chainId !== undefined) conds.push(eq(keeperTxs.chainId, opts.chainId));
  if (opts.vaultId !== undefined) conds.push(eq(keeperTxs.vaultId, opts.vaultId));
  const rows = await db
    .select({ tx: keeperTxs, vaultAddress: vaults.address })
    .from(keeperTxs)
    .innerJoin(vaults, eq(vaults.id, keeperTxs.vaultId))
    .where(and(...conds))
    .orderBy(desc(keeperTxs.createdAt), desc(keeperTxs.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.tx, vaultAddress: r.vaultAddress }));
}
