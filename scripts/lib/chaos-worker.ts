// One worker process of the chaos test (scripts/chaos.ts): the app's worker process
// (scripts/worker.ts runWorkerProcess → server/jobs/runner.ts startWorker) with a single
// handler, "chaos.effect": sleep a few ms, append one row to chaos_effects through ctx.effect,
// return. A few runs fail on purpose, before or after their effect, so retries (and effects
// surviving them) are exercised too.
//
// Env: DATABASE_URL, CHAOS_WORKER_ID, CHAOS_FAIL_RATE (0..1), CHAOS_LEASE_MS, CHAOS_UNGUARDED=1,
//      WORKER_CONCURRENCY, WORKER_POLL_MS.
import { sql } from "drizzle-orm";
import type { JobContext } from "@/server/jobs/runner";
import { runWorkerProcess } from "../worker";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("chaos worker: DATABASE_URL is required");
const workerId = process.env.CHAOS_WORKER_ID ?? `chaos-${process.pid}`;
const failRate = Number(process.env.CHAOS_FAIL_RATE ?? 0);
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const unguarded = process.env.CHAOS_UNGUARDED === "1";
const log = (m: string) => process.stdout.write(`[${workerId}] ${m}\n`);

const CHAOS_QUEUE = "chaos.effect";

async function chaosEffect(ctx: JobContext) {
  await new Promise((r) => setTimeout(r, 2 + Math.floor(Math.random() * 8)));
  if (Math.random() < failRate / 2) throw new Error("chaos: injected failure before the effect");
  const insert = sql`insert into chaos_effects (job_key, job_id, worker, attempt) values (${ctx.job.key}, ${ctx.job.id}, ${ctx.workerId}, ${ctx.job.attempts})`;
  if (unguarded) {
    // Negative control (--unguarded): the effect without ctx.effect must show duplicates.
    await ctx.db.execute(insert);
    if (Math.random() < failRate / 2) throw new Error("chaos: injected failure after the effect");
    return { applied: true };
  }
  const r = await ctx.effect(ctx.job.key, async (tx) => {
    await tx.execute(insert);
  });
  if (Math.random() < failRate / 2) throw new Error("chaos: injected failure after the effect");
  return { applied: r.applied };
}

await runWorkerProcess({
  url,
  handlers: { [CHAOS_QUEUE]: chaosEffect },
  workerId,
  concurrency,
  pollMs: Number(process.env.WORKER_POLL_MS ?? 50),
  leaseMs: Number(process.env.CHAOS_LEASE_MS ?? 2_000),
  log,
});
