import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The durable job runner's tables (server/jobs/runner.ts). A job is one run of something:
// one DCA slot, one stop execution, one webhook delivery, one scheduler tick. Its `key` is
// the run's idempotency key (unique): enqueueing the same run twice is a no-op, and effects
// are guarded by job_effects so a retried or re-claimed run never repeats what it did.
export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "dead", "cancelled"]);

export const jobs = pgTable(
  "jobs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    queue: text("queue").notNull(),
    // Idempotency key of the run, e.g. "dca:<automationId>:<slot>".
    key: text("key").notNull().unique(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatus("status").notNull().default("queued"),
    priority: integer("priority").notNull().default(0),
    runAt: timestamp("run_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    // The worker holding the run and until when; an expired lease is claimable again
    // (the worker died: SIGKILL, crash, lost connection).
    lockedBy: text("locked_by"),
    leaseUntil: timestamp("lease_until", { mode: "date", withTimezone: true }),
    lastError: text("last_error"),
    result: jsonb("result").$type<unknown>(),
    // Owner scoping for visibility (runs.list, dead runs): null for system jobs.
    userId: text("user_id"),
    automationId: text("automation_id"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    index("jobs_claim_idx").on(t.status, t.runAt),
    index("jobs_user_idx").on(t.userId, t.createdAt),
    index("jobs_automation_idx").on(t.automationId, t.createdAt),
  ],
);

// One row per effect ever applied, written in the same transaction as the effect itself.
export const jobEffects = pgTable("job_effects", {
  key: text("key").primaryKey(),
  jobId: text("job_id").notNull(),
  appliedAt: timestamp("applied_at", { mode: "date", withTimezone: true }).notNull().default(sql`now()`),
});
