import { and, asc, desc, eq, inArray, max, or } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { chainTxs, portfolioAccounts, portfolioImports, portfolios, portfolioTransactions, portfolioWallets, type PortfolioRuleSettings } from "@/db/schema";

const columns = {
  id: portfolios.id,
  name: portfolios.name,
  costBasisMethod: portfolios.costBasisMethod,
  isPublic: portfolios.isPublic,
  slug: portfolios.slug,
  privacyMode: portfolios.privacyMode,
  showWallets: portfolios.showWallets,
  publishedAt: portfolios.publishedAt,
  rules: portfolios.rules,
  createdAt: portfolios.createdAt,
};
export type PortfolioRow = Awaited<ReturnType<typeof listPortfoliosForUser>>[number];

export async function listPortfoliosForUser(db: Db, userId: string) {
  return db.select(columns).from(portfolios).where(eq(portfolios.userId, userId)).orderBy(asc(portfolios.createdAt), asc(portfolios.id));
}

export async function findPortfolioForUser(db: Db, userId: string, id: string) {
  const rows = await db
    .select(columns)
    .from(portfolios)
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)));
  return rows[0] ?? null;
}

export async function insertPortfolio(db: Db, values: { userId: string; name: string; costBasisMethod: "fifo" | "lifo" | "hifo" | "average" }) {
  const rows = await db.insert(portfolios).values(values).returning(columns);
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function renamePortfolioForUser(db: Db, userId: string, id: string, name: string) {
  const rows = await db
    .update(portfolios)
    .set({ name })
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)))
    .returning(columns);
  return rows[0] ?? null;
}

export async function deletePortfolioForUser(db: Db, userId: string, id: string) {
  const rows = await db
    .delete(portfolios)
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)))
    .returning({ id: portfolios.id });
  return rows[0] ?? null;
}

export async function updatePortfolioForUser(
  db: Db,
  userId: string,
  id: string,
  patch: Partial<{
    name: string;
    costBasisMethod: "fifo" | "lifo" | "hifo" | "average";
    isPublic: boolean;
    slug: string | null;
    privacyMode: "values" | "percentages" | "delayed";
    showWallets: boolean;
    publishedAt: Date | null;
    rules: PortfolioRuleSettings;
  }>,
) {
  const rows = await db
    .update(portfolios)
    .set(patch)
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)))
    .returning(columns);
  return rows[0] ?? null;
}

/** A published portfolio by slug (public page), with its owner id for loading its data. */
export async function findPublicPortfolioBySlug(db: Db, slug: string) {
  const rows = await db
    .select({ ...columns, userId: portfolios.userId })
    .from(portfolios)
    .where(and(eq(portfolios.slug, slug), eq(portfolios.isPublic, true)));
  return rows[0] ?? null;
}

export async function listPublicPortfolios(db: Db, limit: number) {
  return db
    .select({ ...columns, userId: portfolios.userId })
    .from(portfolios)
    .where(eq(portfolios.isPublic, true))
    .orderBy(desc(portfolios.publishedAt), asc(portfolios.id))
    .limit(limit);
}

// ---- wallets

const walletColumns = { id: portfolioWallets.id, portfolioId: portfolioWallets.portfolioId, address: portfolioWallets.address, label: portfolioWallets.label, createdAt: portfolioWallets.createdAt };

export async function listPortfolioWallets(db: Db, userId: string, portfolioId: string) {
  return db
    .select(walletColumns)
    .from(portfolioWallets)
    .where(and(eq(portfolioWallets.userId, userId), eq(portfolioWallets.portfolioId, portfolioId)))
    .orderBy(asc(portfolioWallets.createdAt), asc(portfolioWallets.id));
}

export async function insertPortfolioWallet(db: Db, values: { userId: string; portfolioId: string; address: string; label: string | null }) {
  const rows = await db.insert(portfolioWallets).values(values).onConflictDoNothing().returning(walletColumns);
  return rows[0] ?? null;
}

export async function deletePortfolioWallet(db: Db, userId: string, portfolioId: string, walletId: string) {
  const rows = await db
    .delete(portfolioWallets)
    .where(and(eq(portfolioWallets.id, walletId), eq(portfolioWallets.userId, userId), eq(portfolioWallets.portfolioId, portfolioId)))
    .returning({ id: portfolioWallets.id });
  return rows[0] ?? null;
}

// ---- accounts

export async function listPortfolioAccounts(db: Db, userId: string, portfolioId: string) {
  return db
    .select({ id: portfolioAccounts.id, name: portfolioAccounts.name, createdAt: portfolioAccounts.createdAt })
    .from(portfolioAccounts)
    .where(and(eq(portfolioAccounts.userId, userId), eq(portfolioAccounts.portfolioId, portfolioId)))
    .orderBy(asc(portfolioAccounts.name));
}

/** The account with this name in the portfolio, created when missing. */
export async function ensurePortfolioAccount(db: Db, userId: string, portfolioId: string, name: string) {
  await db.insert(portfolioAccounts).values({ userId, portfolioId, name }).onConflictDoNothing();
  const rows = await db
    .select({ id: portfolioAccounts.id, name: portfolioAccounts.name })
    .from(portfolioAccounts)
    .where(and(eq(portfolioAccounts.portfolioId, portfolioId), eq(portfolioAccounts.userId, userId), eq(portfolioAccounts.name, name)));
  const row = rows[0];
  if (!row) throw new Error("account upsert returned no row");
  return row;
}

// ---- transactions

export type PortfolioTxRow = typeof portfolioTransactions.$inferSelect;
export type NewPortfolioTx = Omit<typeof portfolioTransactions.$inferInsert, "id" | "createdAt">;

export async function listPortfolioTransactions(db: Db, userId: string, portfolioId: string) {
  return db
    .select({ tx: portfolioTransactions, accountName: portfolioAccounts.name })
    .from(portfolioTransactions)
    .innerJoin(portfolioAccounts, eq(portfolioAccounts.id, portfolioTransactions.accountId))
    .where(and(eq(portfolioTransactions.userId, userId), eq(portfolioTransactions.portfolioId, portfolioId)))
    .orderBy(asc(portfolioTransactions.occurredAt), asc(portfolioTransactions.id));
}

/** Inserts; rows whose dedup key already exists in the portfolio are skipped (returned ids are the new rows). */
export async function insertPortfolioTransactions(db: Db, rows: NewPortfolioTx[]) {
  if (rows.length === 0) return [];
  const out: { id: string; dedupKey: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    out.push(
      ...(await db
        .insert(portfolioTransactions)
        .values(chunk)
        .onConflictDoNothing({ target: [portfolioTransactions.portfolioId, portfolioTransactions.dedupKey] })
        .returning({ id: portfolioTransactions.id, dedupKey: portfolioTransactions.dedupKey })),
    );
  }
  return out;
}

export async function existingDedupKeys(db: Db, userId: string, portfolioId: string, keys: string[]) {
  if (keys.length === 0) return new Set<string>();
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .select({ k: portfolioTransactions.dedupKey })
      .from(portfolioTransactions)
      .where(and(eq(portfolioTransactions.userId, userId), eq(portfolioTransactions.portfolioId, portfolioId), inArray(portfolioTransactions.dedupKey, keys.slice(i, i + 1000))));
    for (const r of rows) found.add(r.k);
  }
  return found;
}

export async function updatePortfolioTransaction(db: Db, userId: string, portfolioId: string, id: string, patch: Partial<NewPortfolioTx>) {
  const rows = await db
    .update(portfolioTransactions)
    .set(patch)
    .where(and(eq(portfolioTransactions.id, id), eq(portfolioTransactions.userId, userId), eq(portfolioTransactions.portfolioId, portfolioId)))
    .returning({ id: portfolioTransactions.id });
  return rows[0] ?? null;
}

export async function deletePortfolioTransaction(db: Db, userId: string, portfolioId: string, id: string) {
  const rows = await db
    .delete(portfolioTransactions)
    .where(and(eq(portfolioTransactions.id, id), eq(portfolioTransactions.userId, userId), eq(portfolioTransactions.portfolioId, portfolioId)))
    .returning({ id: portfolioTransactions.id });
  return rows[0] ?? null;
}

export async function insertPortfolioImport(db: Db, values: { userId: string; portfolioId: string; format: string; filename: string | null; rowCount: number }) {
  const rows = await db.insert(portfolioImports).values(values).returning({ id: portfolioImports.id });
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Confirmed Lodestar swaps / wraps of the user from any of these addresses (they become wallet transactions). */
export async function listConfirmedChainTxsFrom(db: Db, userId: string, addresses: string[]) {
  if (addresses.length === 0) return [];
  return db
    .select()
    .from(chainTxs)
    .where(and(eq(chainTxs.userId, userId), eq(chainTxs.status, "confirmed"), inArray(chainTxs.account, addresses), or(eq(chainTxs.kind, "swap"), eq(chainTxs.kind, "wrap"), eq(chainTxs.kind, "unwrap"))))
    .orderBy(asc(chainTxs.confirmedAt), asc(chainTxs.id));
}


/** When the user's tracked chain transactions last changed (a cache key for portfolio analytics). */
export async function lastChainTxChange(db: Db, userId: string) {
  const rows = await db.select({ at: max(chainTxs.updatedAt) }).from(chainTxs).where(eq(chainTxs.userId, userId));
  return rows[0]?.at ?? null;
}
