// The social domain's jobs (server/jobs/handlers.ts registers them):
//   social.tick    (recurring, SOCIAL_TICK_MS, default 2 s) record new verified trades (each new
//                  leader trade enqueues its social.fanout in the same transaction), copy
//                  stop-loss checks, live signal outcomes, equity snapshots (throttled), and the
//                  one-off social.seed run (key per bots version);
//   social.fanout  one per leader trade: one social.copy run per copy of that leader;
//   social.copy    one per (copy, leader trade): decide and execute the copy (exactly once: the
//                  follower's order key is `copy:<copyId>:<tradeId>`);
//   social.seed    the bots' records and Lodestar's generated signals over the shipped history.
import type { Db } from "@/db/client";
import { enqueue, type Handlers, type JobContext, type RecurringJob } from "@/server/jobs/runner";
import { logger } from "@/server/logger";
import { BOTS_VERSION, ensureBots } from "./bots";
import { checkCopyStops, runCopy, runFanout } from "./copy";
import { COPY_QUEUE, FANOUT_QUEUE, SEED_QUEUE, SOCIAL_TICK_QUEUE } from "./queues";
import { recordNewTrades, snapshotEquity } from "./records";
import { ensureGeneratedSignals, observeLiveSignals } from "./signals";

export { COPY_QUEUE, FANOUT_QUEUE, SEED_QUEUE, SOCIAL_TICK_QUEUE };
export const SOCIAL_TICK_EVERY_MS = Number(process.env.SOCIAL_TICK_MS ?? 2_000);

async function safe(what: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    logger.warn({ err }, `social tick: ${what} failed`);
    return 0;
  }
}

export async function socialTick(ctx: JobContext) {
  const now = ctx.now();
  const db: Db = ctx.db;
  await enqueue(db, { queue: SEED_QUEUE, key: `${SEED_QUEUE}:${BOTS_VERSION}`, maxAttempts: 20 });
  const recorded = await safe("recording trades", () => recordNewTrades(db, now));
  const copyStops = await safe("copy stop-loss", () => checkCopyStops(db, now));
  const signals = await safe("live signals", () => observeLiveSignals(db, now));
  const snapshots = await safe("equity snapshots", () => snapshotEquity(db, now));
  return { recorded, copyStops, signals, snapshots };
}

export async function runSeed(ctx: JobContext) {
  const bots = await ensureBots(ctx.db, ctx.now());
  const signals = await ensureGeneratedSignals(ctx.db, ctx.now());
  return { ...bots, signals };
}

export const socialHandlers: Handlers = {
  [SOCIAL_TICK_QUEUE]: socialTick,
  [FANOUT_QUEUE]: runFanout,
  [COPY_QUEUE]: runCopy,
  [SEED_QUEUE]: runSeed,
};

export const socialRecurring: RecurringJob[] = [{ queue: SOCIAL_TICK_QUEUE, everyMs: SOCIAL_TICK_EVERY_MS }];
