// SQL of the durable job runner (server/jobs/runner.ts) and of run visibility (runs list,
// dead runs). Every write that finishes a run is fenced by (locked_by, attempts): the claim
// bumps attempts, so a worker whose lease expired and was re-claimed no longer matches and
// cannot overwrite the new holder's outcome.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobEffects, jobs, jobStatus } from "@/db/schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = (typeof jobStatus.enumValues)[number];
export const JOB_STATUSES = jobStatus.enumValues;

// The database clock by default: every worker compares leases and run_at against one clock.
// Tests pass an explicit instant to travel in time (lease expiry, backoff).
function instant(at: Date | undefined): SQL {
  return at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
}

function plusMs(at: Date | undefined, ms: number): SQL {
  return sql`(${instant(at)} + ${Math.max(0, Math.round(ms))}::int * interval '1 millisecond')`;
}

export type InsertJobInput = {
  queue: string;
  key: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
  userId?: string | null;
  automationId?: string | null;
};

/** Inserts a run unless its key exists (ON CONFLICT DO NOTHING); returns the run's id either way. */
export async function insertJob(db: DbOrTx, input: InsertJobInput): Promise<{ id: string; created: boolean }> {
  const [row] = await db
    .insert(jobs)
    .values({
      queue: input.queue,
      key: input.key,
      payload: input.payload ?? {},
      ...(input.runAt ? { runAt: input.runAt } : {}),
      ...(input.maxAttempts !== undefined ? { maxAttempts: input.maxAttempts } : {}),
      priority: input.priority ?? 0,
      userId: input.userId ?? null,
      automationId: input.automationId ?? null,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.key, input.key));
  if (!existing) throw new Error(`job ${input.key}: insert conflicted but no row has the key`);
  return { id: existing.id, created: false };
}

/**
 * Claims up to `limit` due runs of `queues` for `workerId` in one short statement: queued runs
 * whose run_at has come, and running runs whose lease expired (their worker died). SKIP LOCKED
 * lets concurrent workers claim disjoint sets; the CTE with FOR UPDATE is materialised, so the
 * LIMIT is applied once.
 */
export async function claimDueJobs(
  db: DbOrTx,
  opts: { workerId: string; queues: string[]; limit: number; leaseMs: number; now?: Date },
): Promise<JobRow[]> {
  if (opts.queues.length === 0 || opts.limit <= 0) return [];
  const at = instant(opts.now);
  const due = db.$with("due").as(
    db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.queue, opts.queues),
          sql`((${jobs.status} = 'queued' and ${jobs.runAt} <= ${at}) or (${jobs.status} = 'running' and ${jobs.leaseUntil} < ${at}))`,
        ),
      )
      .orderBy(desc(jobs.priority), asc(jobs.runAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true }),
  );
  return db
    .with(due)
    .update(jobs)
    .set({
      status: "running",
      lockedBy: opts.workerId,
      leaseUntil: plusMs(opts.now, opts.leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: at,
    })
    .where(inArray(jobs.id, db.select({ id: due.id }).from(due)))
    .returning();
}

/**
 * Runs whose lease expired after their last allowed attempt: the worker died while running
 * them (a poison run that kills its worker, or plain bad luck). They go dead instead of being
 * claimed again forever.
 */
export async function buryExpiredJobs(db: DbOrTx, opts: { queues: string[]; now?: Date }): Promise<number> {
  if (opts.queues.length === 0) return 0;
  const at = instant(opts.now);
  const rows = await db
    .update(jobs)
    .set({
      status: "dead",
      lastError: sql`'lease expired during the last attempt (' || ${jobs.attempts} || ' of ' || ${jobs.maxAttempts} || ')'`,
      leaseUntil: null,
      finishedAt: at,
    })
    .where(
      and(
        inArray(jobs.queue, opts.queues),
        eq(jobs.status, "running"),
        sql`${jobs.leaseUntil} < ${at}`,
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

type Fence = { id: string; workerId: string; attempts: number };

function held(f: Fence): SQL | undefined {
  return and(eq(jobs.id, f.id), eq(jobs.lockedBy, f.workerId), eq(jobs.attempts, f.attempts), eq(jobs.status, "running"));
}

/** Marks a run done if `workerId` still holds it at `attempts`; false when the lease was lost. */
export async function completeJob(db: DbOrTx, f: Fence & { result: unknown; now?: Date }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "done", result: f.result ?? null, leaseUntil: null, finishedAt: instant(f.now) })
    .where(held(f))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Records a failed attempt if `workerId` still holds the run: back to queued at now + retryMs
 * while attempts < max_attempts, else dead. Returns the new status, or null when the lease was lost.
 */
export async function failJob(
  db: DbOrTx,
  f: Fence & { error: string; retryMs: number; now?: Date },
): Promise<"queued" | "dead" | null> {
  const retry = sql`${jobs.attempts} < ${jobs.maxAttempts}`;
  const rows = await db
    .update(jobs)
    .set({
      status: sql`case when ${retry} then 'queued' else 'dead' end::job_status`,
      runAt: sql`case when ${retry} then ${plusMs(f.now, f.retryMs)} else ${jobs.runAt} end`,
      lastError: f.error,
      lockedBy: sql`case when ${retry} then null else ${jobs.lockedBy} end`,
      leaseUntil: null,
      finishedAt: sql`case when ${retry} then null else ${instant(f.now)} end`,
    })
    .where(held(f))
    .returning({ status: jobs.status });
  const s = rows[0]?.status;
  return s === "queued" || s === "dead" ? s : null;
}

/** Moves the lease of a held run to now + ms; false when the lease was lost. */
export async function extendJobLease(db: DbOrTx, f: Fence & { ms: number }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ leaseUntil: plusMs(undefined, f.ms) })
    .where(held(f))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records an effect key; false when it was recorded before (the effect must not run again). */
export async function insertJobEffect(tx: DbOrTx, key: string, jobId: string): Promise<boolean> {
  const rows = await tx.insert(jobEffects).values({ key, jobId }).onConflictDoNothing().returning({ key: jobEffects.key });
  return rows.length > 0;
}

export async function getJob(db: DbOrTx, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

export type JobFilter = { userId?: string; automationId?: string; status?: JobStatus | JobStatus[] };

function filterWhere(f: JobFilter): SQL[] {
  const w: SQL[] = [];
  if (f.userId !== undefined) w.push(eq(jobs.userId, f.userId));
  if (f.automationId !== undefined) w.push(eq(jobs.automationId, f.automationId));
  if (f.status !== undefined) {
    const list = Array.isArray(f.status) ? f.status : [f.status];
    w.push(list.length === 1 ? eq(jobs.status, list[0]!) : inArray(jobs.status, list));
  }
  return w;
}

/**
 * Runs, newest first, keyset-paginated: `cursor` is the id of the last run of the previous
 * page (compared on (created_at, id) in SQL, so microsecond timestamps survive the round trip).
 */
export async function listJobs(
  db: DbOrTx,
  opts: JobFilter & { limit: number; cursor?: string | null },
): Promise<{ items: JobRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.floor(opts.limit), 1), 200);
  const where = filterWhere(opts);
  if (opts.cursor) {
    where.push(sql`(${jobs.createdAt}, ${jobs.id}) < (select c.created_at, c.id from jobs c where c.id = ${opts.cursor})`);
  }
  const rows = await db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Number of runs per status (every status present, zero when none). */
export async function countByStatus(
  db: DbOrTx,
  opts: Omit<JobFilter, "status"> = {},
): Promise<Record<JobStatus, number>> {
  const rows = await db
    .select({ status: jobs.status, n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(...filterWhere(opts)))
    .groupBy(jobs.status);
  const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/**
 * Requeues a dead run of `userId` for a fresh set of attempts, due now. Its last_error stays
 * until the run succeeds or fails again. Null when there is no such dead run of this user.
 */
export async function retryDead(db: DbOrTx, id: string, userId: string): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({ status: "queued", attempts: 0, runAt: sql`now()`, lockedBy: null, leaseUntil: null, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.userId, userId), eq(jobs.status, "dead")))
    .returning();
  return row ?? null;
}

/**
 * Deletes finished runs (done / cancelled) scheduled more than `olderThanMs` ago, at most
 * `limit` per call. Safe for idempotency: their effects stay recorded in job_effects, and no
 * scheduler re-enqueues a past slot (DCA and periodic slots only move forward; a stop's key
 * is spent once its state says triggered). Dead runs are kept until retried or looked at.
 */
export async function pruneFinishedJobs(db: DbOrTx, opts: { olderThanMs: number; limit?: number; now?: Date }): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    delete from ${jobs} where ${jobs.id} in (
      select ${jobs.id} from ${jobs}
      where ${jobs.status} in ('done', 'cancelled') and ${jobs.runAt} < (${instant(opts.now)} - ${Math.round(opts.olderThanMs)}::bigint * interval '1 millisecond')
      limit ${opts.limit ?? 500}
    ) returning ${jobs.id}`);
  return rows.length;
}
