// Follow / unfollow a public trader, and the counts the leaderboard shows. Following is public
// information about the leader (a count), private about the follower (only they list it).
import type { Db, DbOrTx } from "@/db/client";
import * as q from "@/db/queries/social-copy";
import { DomainError, ErrorKind } from "@/server/errors";

export type FollowedTraderDto = { id: string; name: string; kind: "person" | "bot"; avatar: string | null };

export const traderNotFound = () => new DomainError("social.TRADER_NOT_FOUND", ErrorKind.notFound, "This trader does not exist or has no public profile.");

/** The public trader `leaderId` (anyone else's private profile is TRADER_NOT_FOUND); not yourself. */
export async function requirePublicLeader(db: DbOrTx, userId: string, leaderId: string, what: "follow" | "copy"): Promise<q.TraderRef> {
  if (leaderId === userId) {
    throw new DomainError(what === "follow" ? "social.FOLLOW_SELF" : "social.COPY_SELF", ErrorKind.invalid, what === "follow" ? "You cannot follow yourself." : "You cannot copy yourself.");
  }
  const leader = await q.findTraderRef(db, leaderId);
  if (!leader || !leader.isPublic) throw traderNotFound();
  return leader;
}

export async function follow(db: Db, userId: string, input: { leaderId: string }, now: Date): Promise<{ following: true }> {
  await requirePublicLeader(db, userId, input.leaderId, "follow");
  await q.insertFollow(db, userId, input.leaderId, now);
  return { following: true };
}

/** Unfollowing someone you don't follow is a no-op (idempotent); a copy keeps running. */
export async function unfollow(db: Db, userId: string, input: { leaderId: string }): Promise<{ following: false }> {
  await q.deleteFollow(db, userId, input.leaderId);
  return { following: false };
}

export async function listFollowing(db: Db, userId: string): Promise<FollowedTraderDto[]> {
  return q.listFollowedTraders(db, userId);
}
