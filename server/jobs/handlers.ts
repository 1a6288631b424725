// The job handler table of the app's worker (scripts/worker.ts, started by scripts/run.ts).
// A worker claims only the queues it has a handler for. A handler may run more than once for
// the same run (retry, expired lease): whatever must happen once goes through ctx.effect (or
// an idempotency key of its own: paper_fills.key, keeper_txs.key).
import type { Db } from "@/db/client";
import { RUN_QUEUE, STOP_QUEUE, TICK_QUEUE, runScheduled, runStop, tick } from "@/server/services/automation/engine";
import { startStopMonitor } from "@/server/services/automation/monitor";
import { socialHandlers, socialRecurring } from "@/server/services/social/jobs";
import { webhookHandlers } from "@/server/services/webhooks";
import type { Handlers, RecurringJob } from "./runner";

export const handlers: Handlers = {
  [TICK_QUEUE]: tick,
  [RUN_QUEUE]: runScheduled,
  [STOP_QUEUE]: runStop,
  ...webhookHandlers,
  ...socialHandlers,
};

/** The scheduler tick: due runs, stale checks, circuit breakers, alerts. */
export const TICK_EVERY_MS = Number(process.env.AUTOMATION_TICK_MS ?? 2_000);

// Recurring jobs the worker enqueues, one run per slot of everyMs (key `${queue}:${slot}`).
export const recurring: RecurringJob[] = [{ queue: TICK_QUEUE, everyMs: TICK_EVERY_MS }, ...socialRecurring];

/**
 * Long-running watchers the worker process runs beside the job loop: the stop monitor checks
 * every new block of the local chains. `wake` asks the job loop to claim at once (a triggered
 * stop is enqueued and should not wait for the next poll).
 */
export const background: ((db: Db, wake: () => void) => { stop(): Promise<void> })[] = [
  (db, wake) => startStopMonitor({ db, onTriggered: wake }),
];
