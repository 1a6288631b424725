import type { Db } from "@/db/client";
import * as q from "@/db/queries/social";

export async function getOwnProfile(db: Db, userId: string) {
  return q.findTraderProfile(db, userId);
}

export async function updateOwnProfile(db: Db, userId: string, input: { displayName: string; bio: string; isPublic: boolean }, now: Date) {
  return q.upsertTraderProfile(db, { userId, ...input, now });
}
