// STUB (signals helper replaces): live signal tracking and generated signals.
import type { Db } from "@/db/client";

/** Observes the pool price of every open live signal's asset and updates its outcome; returns how many changed. */
export async function observeLiveSignals(_db: Db, _now: Date): Promise<number> {
  return 0;
}
/** Generates Lodestar's indicator signals over the shipped candles (idempotent); returns how many were inserted. */
export async function ensureGeneratedSignals(_db: Db, _now: Date): Promise<number> {
  return 0;
}
