import type { Db } from "@/db/client";
import * as q from "@/db/queries/social";

export async function getOwnProfile(db: Db, userId: string) {
  return q.findTraderProfile(db, userId);
}

export async function updateOwnProfile(db: Db, userId: string, input: { displayName: string; bio: string; isPublic: boolean }, now: Date) {
  // STUB: the profile helper stores avatar, delay and sources too.
  return q.upsertTraderProfile(db, { userId, displayName: input.displayName, bio: input.bio, isPublic: input.isPublic, now });
}
