import { asc, eq } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { automations } from "@/db/schema";

export async function listAutomationsForUser(db: Db, userId: string) {
  return db
    .select({
      id: automations.id,
      kind: automations.kind,
      name: automations.name,
      status: automations.status,
      createdAt: automations.createdAt,
    })
    .from(automations)
    .where(eq(automations.userId, userId))
    .orderBy(asc(automations.createdAt), asc(automations.id));
}
