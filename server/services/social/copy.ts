// STUB (copy helper replaces): fan-out of a leader's trade to its copiers and the copy runs.
import type { Db } from "@/db/client";
import type { JobContext } from "@/server/jobs/runner";

export async function runFanout(_ctx: JobContext): Promise<unknown> {
  return null;
}
export async function runCopy(_ctx: JobContext): Promise<unknown> {
  return null;
}
/** Copy stop-loss checks of every active or paused copy; returns how many stopped. */
export async function checkCopyStops(_db: Db, _now: Date): Promise<number> {
  return 0;
}
