import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { portfolios } from "@/db/schema";

const columns = {
  id: portfolios.id,
  name: portfolios.name,
  costBasisMethod: portfolios.costBasisMethod,
  isPublic: portfolios.isPublic,
  slug: portfolios.slug,
  createdAt: portfolios.createdAt,
};

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
