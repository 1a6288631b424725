import type { Db } from "@/db/client";
import { listAutomationsForUser } from "@/db/queries/automation";

export async function listAutomations(db: Db, userId: string) {
  return listAutomationsForUser(db, userId);
}
