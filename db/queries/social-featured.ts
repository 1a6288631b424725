// Featured portfolios (server/services/social/featured.ts): published portfolios with their
// owner's public name and follower count, and one portfolio's sharing state for "copy this
// allocation". No business rules here: ranking and privacy live in the service.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { portfolios, traderProfiles, users } from "@/db/schema";

export type FeaturedPortfolioRow = {
  id: string;
  userId: string;
  name: string;
  slug: string;
  privacyMode: "values" | "percentages" | "delayed";
  ownerName: string | null;
  displayName: string | null;
  ownerKind: "person" | "bot" | null;
};

/** Public portfolios with a slug (at most `limit`, newest published first), with their owner's names. */
export async function listPublishedPortfolios(db: Db, limit: number): Promise<FeaturedPortfolioRow[]> {
  const rows = await db
    .select({
      id: portfolios.id,
      userId: portfolios.userId,
      name: portfolios.name,
      slug: portfolios.slug,
      privacyMode: portfolios.privacyMode,
      ownerName: users.name,
      displayName: traderProfiles.displayName,
      ownerKind: traderProfiles.kind,
      publishedAt: portfolios.publishedAt,
    })
    .from(portfolios)
    .innerJoin(users, eq(users.id, portfolios.userId))
    .leftJoin(traderProfiles, eq(traderProfiles.userId, portfolios.userId))
    .where(and(eq(portfolios.isPublic, true), isNotNull(portfolios.slug)))
    .orderBy(desc(portfolios.publishedAt), portfolios.id)
    .limit(limit);
  return rows.map(({ publishedAt: _p, slug, ...r }) => ({ ...r, slug: slug ?? "" }));
}

/** One portfolio's sharing state (any owner): the caller decides who may read it. */
export async function findPortfolioSharing(db: Db, portfolioId: string) {
  const rows = await db
    .select({ id: portfolios.id, userId: portfolios.userId, name: portfolios.name, isPublic: portfolios.isPublic, slug: portfolios.slug, privacyMode: portfolios.privacyMode })
    .from(portfolios)
    .where(eq(portfolios.id, portfolioId));
  return rows[0] ?? null;
}
