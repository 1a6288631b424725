import { eq } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { traderProfiles } from "@/db/schema";

export async function findTraderProfile(db: Db, userId: string) {
  const rows = await db.select().from(traderProfiles).where(eq(traderProfiles.userId, userId));
  return rows[0] ?? null;
}

export async function upsertTraderProfile(
  db: Db,
  values: { userId: string; displayName: string; bio: string; isPublic: boolean; now: Date },
) {
  const rows = await db
    .insert(traderProfiles)
    .values({ ...values, updatedAt: values.now })
    .onConflictDoUpdate({
      target: traderProfiles.userId,
      set: { displayName: values.displayName, bio: values.bio, isPublic: values.isPublic, updatedAt: values.now },
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("upsert returned no row");
  return row;
}
