// The durable job runner (docs/automation.md) on the jobs + job_effects tables.
//
// A job is one run of something (a DCA slot, a stop execution, a webhook delivery, a scheduler
// tick), identified by its idempotency key (jobs.key, unique). Guarantees:
//   - enqueueing the same key twice creates one run;
//   - a run is held by one worker at a time: claimed with FOR UPDATE SKIP LOCKED under a lease
//     (locked_by, lease_until); a worker that dies (SIGKILL, lost connection) leaves an expired
//     lease and the run is claimed again;
//   - a run can therefore execute more than once, so what must happen once goes through
//     ctx.effect(key, fn): the job_effects row and the effect commit in one transaction;
//   - finishing is fenced by (locked_by, attempts), so a worker that lost its lease cannot mark
//     the run done or failed over the new holder;
//   - failures retry with exponential backoff and jitter (./backoff.ts), then go dead with
//     last_error (visible through db/queries/jobs.ts listJobs / countByStatus / retryDead).
// No transaction is held while a handler runs: on the embedded PGlite server an open
// transaction on one connection blocks every other connection until it ends.
import crypto from "node:crypto";
import os from "node:os";
import type { Db, DbOrTx, Tx } from "@/db/client";
import {
  buryExpiredJobs,
  claimDueJobs,
  completeJob,
  extendJobLease,
  failJob,
  insertJob,
  insertJobEffect,
  type InsertJobInput,
  type JobRow,
} from "@/db/queries/jobs";
import { pollBackoffMs, recurringKey, recurringSlot, retryDelayMs } from "./backoff";

export type ClaimedJob = JobRow;

export type EnqueueInput = InsertJobInput;

export type JobContext = {
  db: Db;
  job: ClaimedJob;
  workerId: string;
  now: () => Date;
  /**
   * Apply an effect at most once ever: INSERT job_effects(key) ON CONFLICT DO NOTHING and fn(tx)
   * in ONE transaction. `key` is global (prefix it with the run's key or a domain id); fn must
   * use `tx`, never ctx.db (on a one-connection pool that would wait for itself), and should be
   * database writes only: on PGlite the open transaction blocks every other connection.
   */
  effect<T>(key: string, fn: (tx: Tx) => Promise<T>): Promise<{ applied: true; value: T } | { applied: false }>;
  /** Heartbeat: extend the lease during long work (chain receipts). Throws LeaseLostError when the run was taken over. */
  extendLease(ms?: number): Promise<void>;
};

export type JobHandler = (ctx: JobContext) => Promise<unknown>; // return value → jobs.result (json)
export type Handlers = Record<string, JobHandler>;
export type RecurringJob = { queue: string; everyMs: number };

export type WorkerOptions = {
  db: Db;
  handlers: Handlers;
  workerId?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  recurring?: RecurringJob[];
  log?: (m: string) => void;
};

export const DEFAULT_LEASE_MS = 30_000;
const MAX_ERROR_CHARS = 2_000;

/** The run was claimed by another worker after this one's lease expired. */
export class LeaseLostError extends Error {
  constructor(job: ClaimedJob, workerId: string) {
    super(`worker ${workerId} lost the lease of job ${job.id} (${job.key}, attempt ${job.attempts})`);
    this.name = "LeaseLostError";
  }
}

export async function enqueue(db: DbOrTx, job: EnqueueInput): Promise<{ id: string; created: boolean }> {
  if (!job.queue || !job.key) throw new Error("enqueue: queue and key are required");
  if (job.maxAttempts !== undefined && !(Number.isInteger(job.maxAttempts) && job.maxAttempts >= 1)) {
    throw new Error(`enqueue ${job.key}: maxAttempts must be an integer ≥ 1`);
  }
  return insertJob(db, job);
}

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

/** The message worth logging: drizzle wraps driver errors in "Failed query: <sql>" with the cause. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? e.cause : null;
    const msg = cause && e.message.startsWith("Failed query") ? cause.message : e.message;
    return (msg || e.name).slice(0, MAX_ERROR_CHARS);
  }
  return String(e).slice(0, MAX_ERROR_CHARS);
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  // admin_shutdown, crash_shutdown, cannot_connect_now; connection_exception class 08
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
]);

/** True when `e` (or its cause) says the database connection failed rather than the query. */
export function isConnectionError(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// JSON for jobs.result: bigint → decimal string (base units), undefined → null.
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown;
}

type RunOptions = { workerId: string; leaseMs: number; log: (m: string) => void; now?: Date; rng?: () => number };

// Writes the outcome of a run. A lost connection (database restarting) must not lose the
// outcome, so connection errors are retried for about a lease; after that the lease has expired
// and the run is re-claimed anyway (its effects are already guarded).
async function settle<T>(what: string, opts: RunOptions, write: () => Promise<T>): Promise<T | undefined> {
  const deadline = Date.now() + Math.max(opts.leaseMs, 5_000);
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (e) {
      if (!isConnectionError(e) || Date.now() > deadline) {
        opts.log(`${what}: could not record the outcome (${errorMessage(e)}); the lease will expire and the run be re-claimed`);
        return undefined;
      }
      await sleep(pollBackoffMs(i, opts.rng ?? Math.random));
    }
  }
}

async function runClaimed(db: Db, handlers: Handlers, job: ClaimedJob, opts: RunOptions): Promise<void> {
  const { workerId, leaseMs, log } = opts;
  const fence = { id: job.id, workerId, attempts: job.attempts };
  const label = `job ${job.queue} ${job.key} (attempt ${job.attempts}/${job.maxAttempts})`;
  const ctx: JobContext = {
    db,
    job,
    workerId,
    now: () => opts.now ?? new Date(),
    effect: (key, fn) =>
      db.transaction(async (tx) => {
        if (!(await insertJobEffect(tx, key, job.id))) return { applied: false as const };
        return { applied: true as const, value: await fn(tx) };
      }),
    extendLease: async (ms = leaseMs) => {
      if (!(await extendJobLease(db, { ...fence, ms }))) throw new LeaseLostError(job, workerId);
    },
  };
  let result: unknown;
  try {
    const handler = handlers[job.queue];
    if (!handler) throw new Error(`no handler for queue ${job.queue}`);
    result = toJson(await handler(ctx));
  } catch (e) {
    const retryMs = retryDelayMs(job.attempts, opts.rng ?? Math.random);
    const status = await settle(label, opts, () => failJob(db, { ...fence, error: errorMessage(e), retryMs, now: opts.now }));
    if (status === "queued") log(`${label} failed, retry in ${(retryMs / 1000).toFixed(1)} s: ${errorMessage(e)}`);
    else if (status === "dead") log(`${label} failed, dead: ${errorMessage(e)}`);
    else if (status === null) log(`${label} failed after losing its lease: ${errorMessage(e)}`);
    return;
  }
  const done = await settle(label, opts, () => completeJob(db, { ...fence, result, now: opts.now }));
  if (done === false) log(`${label} finished after losing its lease; the outcome belongs to the new holder`);
}

/** Claims and runs (one after the other) what is due now, once. For tests and one-shot scripts. */
export async function runDue(
  db: Db,
  handlers: Handlers,
  opts: { workerId?: string; limit?: number; now?: Date } = {},
): Promise<number> {
  const workerId = opts.workerId ?? `runDue:${crypto.randomBytes(3).toString("hex")}`;
  const queues = Object.keys(handlers);
  await buryExpiredJobs(db, { queues, now: opts.now });
  const claimed = await claimDueJobs(db, { workerId, queues, limit: opts.limit ?? 100, leaseMs: DEFAULT_LEASE_MS, now: opts.now });
  for (const job of claimed) {
    await runClaimed(db, handlers, job, { workerId, leaseMs: DEFAULT_LEASE_MS, log: () => {}, now: opts.now });
  }
  return claimed.length;
}

/**
 * A polling worker: claims due runs of the queues it has handlers for, runs up to `concurrency`
 * at once, enqueues the `recurring` slots, and survives database outages (poll errors are logged
 * and retried with backoff). stop() stops claiming and resolves when in-flight runs are settled;
 * wake() makes it poll at once.
 */
export function startWorker(opts: WorkerOptions): { stop(): Promise<void>; wake(): void } {
  const { db, handlers } = opts;
  const workerId = opts.workerId ?? defaultWorkerId();
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  const pollMs = Math.max(1, opts.pollMs ?? 250);
  const leaseMs = Math.max(100, opts.leaseMs ?? DEFAULT_LEASE_MS);
  const log = opts.log ?? (() => {});
  const recurring = opts.recurring ?? [];
  const queues = Object.keys(handlers);
  const runOpts: RunOptions = { workerId, leaseMs, log };
  const inFlight = new Set<Promise<void>>();
  const lastSlot = new Map<string, number>();
  let stopping = false;
  let lastBury = 0;
  let interrupt: (() => void) | null = null;
  let interruptOnSlot = false;
  let woken = false; // wake() while a poll was running: skip the next pause

  const pause = (ms: number, untilSlotFrees = false) =>
    new Promise<void>((resolve) => {
      if (woken && !untilSlotFrees) {
        woken = false;
        return resolve();
      }
      const done = () => {
        clearTimeout(timer);
        interrupt = null;
        interruptOnSlot = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
      interruptOnSlot = untilSlotFrees;
    });

  async function enqueueRecurring() {
    const nowMs = Date.now();
    for (const r of recurring) {
      const slot = recurringSlot(nowMs, r.everyMs);
      if (lastSlot.get(r.queue) === slot) continue;
      await enqueue(db, { queue: r.queue, key: recurringKey(r.queue, slot), runAt: new Date(slot * r.everyMs) });
      lastSlot.set(r.queue, slot);
    }
  }

  // One poll: returns how many runs were claimed and how many slots were free.
  async function poll(): Promise<{ claimed: number; free: number }> {
    await enqueueRecurring();
    const free = concurrency - inFlight.size;
    if (free <= 0) return { claimed: 0, free };
    if (Date.now() - lastBury > 1_000) {
      const buried = await buryExpiredJobs(db, { queues });
      if (buried > 0) log(`${buried} run(s) dead: lease expired during their last attempt`);
      lastBury = Date.now();
    }
    const claimed = await claimDueJobs(db, { workerId, queues, limit: free, leaseMs });
    for (const job of claimed) {
      const p: Promise<void> = runClaimed(db, handlers, job, runOpts)
        .catch((e: unknown) => log(`job ${job.key}: runner error: ${errorMessage(e)}`))
        .finally(() => {
          inFlight.delete(p);
          if (interruptOnSlot) interrupt?.();
        });
      inFlight.add(p);
    }
    return { claimed: claimed.length, free };
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      let r: { claimed: number; free: number };
      try {
        r = await poll();
        if (failures > 0) log(`database reachable again after ${failures} failed poll(s)`);
        failures = 0;
      } catch (e) {
        failures++;
        const ms = pollBackoffMs(failures, Math.random);
        log(`poll failed (${failures}×), retrying in ${ms} ms: ${errorMessage(e)}`);
        await pause(ms);
        continue;
      }
      if (stopping) break;
      if (inFlight.size >= concurrency) await pause(pollMs, true); // busy: wait for a free slot
      else if (r.claimed === 0 || r.claimed < r.free) await pause(pollMs); // nothing more due
      // else: a full batch was claimed and slots are free again: more may be due, poll now
    }
  })();

  log(`worker ${workerId} started: queues [${queues.join(", ")}], concurrency ${concurrency}, poll ${pollMs} ms, lease ${leaseMs} ms${recurring.length ? `, recurring ${recurring.map((r) => `${r.queue}/${r.everyMs} ms`).join(", ")}` : ""}`);
  return {
    async stop() {
      stopping = true;
      interrupt?.();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
    /** Poll now instead of after pollMs (a watcher just enqueued a triggered run). */
    wake() {
      if (stopping) return;
      if (interrupt && !interruptOnSlot) interrupt();
      else woken = true;
    },
  };
}
