import type { Db } from "@/db/client";
import * as q from "@/db/queries/portfolio";
import { DomainError } from "@/server/errors";

const MAX_PORTFOLIOS = 50;

export async function listPortfolios(db: Db, userId: string) {
  return q.listPortfoliosForUser(db, userId);
}

export async function getPortfolio(db: Db, userId: string, id: string) {
  const p = await q.findPortfolioForUser(db, userId, id);
  // Someone else's portfolio is indistinguishable from a missing one.
  if (!p) throw new DomainError("portfolio.NOT_FOUND", "not_found", "Portfolio not found.");
  return p;
}

export async function createPortfolio(db: Db, userId: string, input: { name: string; costBasisMethod: "fifo" | "lifo" | "hifo" | "average" }) {
  const existing = await q.listPortfoliosForUser(db, userId);
  if (existing.length >= MAX_PORTFOLIOS) {
    throw new DomainError("portfolio.LIMIT", "conflict", `You can have at most ${MAX_PORTFOLIOS} portfolios.`);
  }
  return q.insertPortfolio(db, { userId, ...input });
}

export async function renamePortfolio(db: Db, userId: string, input: { id: string; name: string }) {
  const p = await q.renamePortfolioForUser(db, userId, input.id, input.name);
  if (!p) throw new DomainError("portfolio.NOT_FOUND", "not_found", "Portfolio not found.");
  return p;
}

export async function deletePortfolio(db: Db, userId: string, id: string) {
  const p = await q.deletePortfolioForUser(db, userId, id);
  if (!p) throw new DomainError("portfolio.NOT_FOUND", "not_found", "Portfolio not found.");
  return p;
}
