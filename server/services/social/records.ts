// STUB (records helper replaces): the recorder of verified trades and the daily equity snapshots.
import type { Db } from "@/db/client";

/** Records new verified trades (paper fills, confirmed swaps, confirmed keeper txs); returns how many. */
export async function recordNewTrades(_db: Db, _now: Date): Promise<number> {
  return 0;
}

/** Upserts today's equity point of every tracked trader (throttled); returns how many. */
export async function snapshotEquity(_db: Db, _now: Date): Promise<number> {
  return 0;
}
