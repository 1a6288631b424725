// The caller's own trader profile: read and update (opt-in public record). Bots' profiles are
// Lodestar's and cannot be edited (they have no login anyway; the upsert refuses them too).
import type { Db } from "@/db/client";
import * as q from "@/db/queries/social";
import { updateTraderProfileInput, type ProfileDto, type UpdateTraderProfileInput } from "@/lib/schemas/social";
import { DomainError, ErrorKind } from "@/server/errors";
import { logger } from "@/server/logger";
import { snapshotEquity } from "./records";

function toDto(row: q.TraderProfileRow | null): ProfileDto {
  if (!row) return null;
  return {
    displayName: row.displayName,
    bio: row.bio,
    isPublic: row.isPublic,
    avatar: row.avatar,
    tradeDelayMinutes: row.tradeDelayMinutes,
    sources: { paper: row.sources.paper, vaults: row.sources.vaults, portfolioIds: [...(row.sources.portfolioIds ?? [])] },
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export async function getOwnProfile(db: Db, userId: string): Promise<ProfileDto> {
  return toDto(await q.findTraderProfile(db, userId));
}

/**
 * Stores the caller's profile. Counted portfolios must be the caller's own (otherwise
 * social.PORTFOLIO_NOT_FOUND and nothing is written). publishedAt is set the first time the
 * profile goes public, and that first publication takes an equity snapshot right away so the new
 * trader has a first point.
 */
export async function updateOwnProfile(db: Db, userId: string, raw: UpdateTraderProfileInput, now: Date): Promise<ProfileDto> {
  const input = updateTraderProfileInput.parse(raw);
  const existing = await q.findTraderProfile(db, userId);
  if (existing?.kind === "bot") throw new DomainError("social.BOT_PROFILE", ErrorKind.forbidden, "A strategy bot's profile cannot be edited.");
  const portfolioIds = [...new Set(input.sources.portfolioIds)];
  const own = new Set(await q.listOwnPortfolioIds(db, userId, portfolioIds));
  if (portfolioIds.some((id) => !own.has(id))) throw new DomainError("social.PORTFOLIO_NOT_FOUND", ErrorKind.notFound, "Portfolio not found.");
  const goesPublic = input.isPublic && !existing?.isPublic;
  const row = await q.upsertTraderProfile(db, {
    userId,
    displayName: input.displayName,
    bio: input.bio,
    isPublic: input.isPublic,
    avatar: input.avatar,
    tradeDelayMinutes: input.tradeDelayMinutes,
    sources: { paper: input.sources.paper, vaults: input.sources.vaults, portfolioIds },
    publishedAt: existing?.publishedAt ?? (input.isPublic ? now : null),
    now,
  });
  if (goesPublic) {
    // Best effort: the tick snapshots again within a minute if the chain is unreachable now.
    await snapshotEquity(db, now, { userId, force: true }).catch((err: unknown) => logger.warn({ err, userId }, "social: first snapshot failed"));
  }
  return toDto(row);
}
