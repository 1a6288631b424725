// STUB (bots helper replaces): the labelled strategy bots' records over the shipped history.
import type { Db } from "@/db/client";

/** Version of the bots' runs: a new version re-runs every bot's record. */
export const BOTS_VERSION = "1";

/** Creates the bots and runs their strategies through the paper rail (idempotent per version). */
export async function ensureBots(_db: Db, _now: Date): Promise<{ bots: number; ran: number }> {
  return { bots: 0, ran: 0 };
}
