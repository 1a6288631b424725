// The durable job runner on PGlite and PostgreSQL: idempotent enqueue, exactly-once claims
// across concurrent workers, effects applied once across re-claims, fenced completion,
// retries with backoff then dead, lease expiry, recurring slots, run visibility, and a poll
// loop that survives an unreachable database. Crash/restart chaos: scripts/chaos.ts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { claimDueJobs, countByStatus, getJob, listJobs, retryDead } from "@/db/queries/jobs";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { enqueue, LeaseLostError, runDue, startWorker, type Handlers, type JobContext } from "./runner";

let t: TestDatabase;
// A second pool for the "other worker" on PostgreSQL, so claims really race. PGlite test
// databases take one connection (db/testing/database.ts), so both workers share it there.
let other: ReturnType<typeof createDb> | null = null;
let dbB: Db;

beforeAll(async () => {
  t = await useTestDatabase();
  if (testDatabaseKind() === "postgres") {
    other = createDb(t.url, { max: 4 });
    dbB = other.db;
  } else {
    dbB = t.db;
  }
  await t.sql`create table test_effects (id serial primary key, effect_key text not null, worker text not null)`;
});

afterAll(async () => {
  await other?.sql.end({ timeout: 5 });
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const later = (ms: number) => new Date(Date.now() + ms);

async function waitFor(what: string, cond: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function queueCounts(queue: string) {
  const rows = await t.sql<{ status: string; n: number }[]>`select status::text, count(*)::int as n from jobs where queue = ${queue} group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number | undefined>;
}

async function effectRows(key: string) {
  return t.sql<{ worker: string }[]>`select worker from test_effects where effect_key = ${key}`;
}

// The effect every test handler applies: one row in test_effects, through ctx.effect.
function recordEffect(ctx: JobContext, key = ctx.job.key) {
  return ctx.effect(key, async (tx) => {
    await tx.execute(sql`insert into test_effects (effect_key, worker) values (${key}, ${ctx.workerId})`);
    return key;
  });
}

describe("enqueue", () => {
  it("creates one run per key, however often it is enqueued", async () => {
    const a = await enqueue(t.db, { queue: "t.idem", key: "idem:1", payload: { n: 1 }, userId: "u1" });
    const b = await enqueue(t.db, { queue: "t.idem", key: "idem:1", payload: { n: 2 } });
    const c = await Promise.all([1, 2, 3].map(() => enqueue(dbB, { queue: "t.idem", key: "idem:2" })));
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(c.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(c.map((r) => r.id)).size).toBe(1);
    const job = await getJob(t.db, a.id);
    expect(job).toMatchObject({ key: "idem:1", payload: { n: 1 }, status: "queued", attempts: 0, maxAttempts: 5, userId: "u1" });
    expect(await queueCounts("t.idem")).toEqual({ queued: 2 });
    await expect(enqueue(t.db, { queue: "t.idem", key: "idem:3", maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
  });
});

describe("workers", () => {
  it("two concurrent workers run each of N runs exactly once", async () => {
    const N = 60;
    const runs = new Map<string, number>();
    const running = new Set<string>();
    let overlap = 0;
    const byWorker = new Map<string, number>();
    const handler = async (ctx: JobContext) => {
      if (running.has(ctx.job.key)) overlap++;
      running.add(ctx.job.key);
      runs.set(ctx.job.key, (runs.get(ctx.job.key) ?? 0) + 1);
      byWorker.set(ctx.workerId, (byWorker.get(ctx.workerId) ?? 0) + 1);
      await sleep(2 + (ctx.job.payload.i as number) % 5);
      await recordEffect(ctx);
      running.delete(ctx.job.key);
      return { i: ctx.job.payload.i, big: 10n ** 30n };
    };
    for (let i = 0; i < N; i++) await enqueue(t.db, { queue: "t.pair", key: `pair:${i}`, payload: { i } });
    const a = startWorker({ db: t.db, handlers: { "t.pair": handler }, workerId: "A", concurrency: 3, pollMs: 20 });
    const b = startWorker({ db: dbB, handlers: { "t.pair": handler }, workerId: "B", concurrency: 3, pollMs: 20 });
    try {
      await waitFor("all pair runs done", async () => (await queueCounts("t.pair")).done === N);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(runs.size).toBe(N);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(overlap).toBe(0);
    expect((byWorker.get("A") ?? 0) + (byWorker.get("B") ?? 0)).toBe(N);
    const [fx] = await t.sql<{ n: number; keys: number }[]>`select count(*)::int as n, count(distinct effect_key)::int as keys from test_effects where effect_key like 'pair:%'`;
    expect(fx).toEqual({ n: N, keys: N });
    const [one] = await t.sql<{ result: unknown; attempts: number }[]>`select result, attempts from jobs where key = 'pair:7'`;
    expect(one).toEqual({ result: { i: 7, big: "1000000000000000000000000000000" }, attempts: 1 });
  });

  it("wake() polls at once instead of after pollMs", async () => {
    let ran = 0;
    const w = startWorker({ db: t.db, handlers: { "t.wake": async () => void ran++ }, pollMs: 60_000 });
    try {
      await sleep(200); // the first poll found nothing; the next is a minute away
      await enqueue(t.db, { queue: "t.wake", key: "wake:1" });
      w.wake();
      await waitFor("the woken run", async () => ran === 1, 5_000);
    } finally {
      await w.stop();
    }
  });

  it("claims only the queues it has handlers for", async () => {
    await enqueue(t.db, { queue: "t.foreign", key: "foreign:1" });
    expect(await runDue(t.db, { "t.other": async () => null })).toBe(0);
    expect((await queueCounts("t.foreign")).queued).toBe(1);
  });
});

describe("leases", () => {
  it("applies an effect once when an expired lease lets a second worker re-run the job, and the first cannot mark it done", async () => {
    const { id } = await enqueue(t.db, { queue: "t.lease", key: "lease:1" });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: { worker: string; applied: boolean; lost?: boolean }[] = [];
    const handlers: Handlers = {
      "t.lease": async (ctx) => {
        const r = await recordEffect(ctx);
        seen.push({ worker: ctx.workerId, applied: r.applied });
        if (ctx.workerId === "A") {
          await gate; // A stalls past its lease (a GC pause, a hung RPC call) …
          const lost = await ctx.extendLease().then(() => false, (e: unknown) => e instanceof LeaseLostError);
          seen.push({ worker: "A", applied: false, lost });
        }
        return { by: ctx.workerId };
      },
    };
    const first = runDue(t.db, handlers, { workerId: "A" });
    await waitFor("A applied the effect", async () => seen.length === 1);
    // … B comes along after A's lease (30 s) expired and re-claims the run.
    expect(await runDue(t.db, handlers, { workerId: "B" })).toBe(0); // lease still valid now
    expect(await runDue(dbB, handlers, { workerId: "B", now: later(31_000) })).toBe(1);
    release();
    expect(await first).toBe(1);

    expect(seen).toEqual([
      { worker: "A", applied: true },
      { worker: "B", applied: false },
      { worker: "A", applied: false, lost: true },
    ]);
    expect(await effectRows("lease:1")).toEqual([{ worker: "A" }]);
    // B's outcome stands: A's late completion was fenced off by (locked_by, attempts).
    expect(await getJob(t.db, id)).toMatchObject({ status: "done", lockedBy: "B", attempts: 2, result: { by: "B" } });
    const [fx] = await t.sql<{ job_id: string }[]>`select job_id from job_effects where key = 'lease:1'`;
    expect(fx?.job_id).toBe(id);
  });

  it("a worker that lost its lease cannot fail the run either", async () => {
    const { id } = await enqueue(t.db, { queue: "t.lease2", key: "lease:2" });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    const handlers: Handlers = {
      "t.lease2": async (ctx) => {
        if (ctx.workerId === "A") {
          started = true;
          await gate;
          throw new Error("A gave up late");
        }
        return "ok";
      },
    };
    const first = runDue(t.db, handlers, { workerId: "A" });
    await waitFor("A started", async () => started);
    expect(await runDue(dbB, handlers, { workerId: "B", now: later(31_000) })).toBe(1);
    release();
    await first;
    expect(await getJob(t.db, id)).toMatchObject({ status: "done", lockedBy: "B", attempts: 2, lastError: null, result: "ok" });
  });

  it("re-claims a run whose worker died (expired lease), and buries it after its last attempt", async () => {
    const { id } = await enqueue(t.db, { queue: "t.dead-worker", key: "dw:1", maxAttempts: 3 });
    const { id: lastId } = await enqueue(t.db, { queue: "t.dead-worker", key: "dw:2", maxAttempts: 1 });
    // A worker claims both and is SIGKILLed: nothing but the claim ever reaches the database.
    const claimed = await claimDueJobs(t.db, { workerId: "killed", queues: ["t.dead-worker"], limit: 10, leaseMs: 5_000 });
    expect(claimed.map((j) => j.key).sort()).toEqual(["dw:1", "dw:2"]);
    expect(claimed[0]).toMatchObject({ status: "running", lockedBy: "killed", attempts: 1 });
    const handlers: Handlers = { "t.dead-worker": async (ctx) => recordEffect(ctx) };
    expect(await runDue(t.db, handlers, { workerId: "W" })).toBe(0);
    expect(await runDue(t.db, handlers, { workerId: "W", now: later(6_000) })).toBe(1);
    expect(await getJob(t.db, id)).toMatchObject({ status: "done", lockedBy: "W", attempts: 2 });
    expect(await effectRows("dw:1")).toEqual([{ worker: "W" }]);
    expect(await getJob(t.db, lastId)).toMatchObject({ status: "dead", attempts: 1, lastError: "lease expired during the last attempt (1 of 1)" });
  });
});

describe("retries", () => {
  it("retries with exponential backoff, goes dead with last_error, and a dead run can be requeued by its owner", async () => {
    const { id } = await enqueue(t.db, { queue: "t.retry", key: "retry:1", maxAttempts: 3, userId: "owner", automationId: "auto-1" });
    let calls = 0;
    let fail = true;
    const handlers: Handlers = {
      "t.retry": async () => {
        calls++;
        if (fail) throw new Error(`boom ${calls}`);
        return "recovered";
      },
    };
    const t0 = later(1_000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const runAtMs = async () => (await getJob(t.db, id))!.runAt.getTime() - t0.getTime();

    expect(await runDue(t.db, handlers, { now: t0 })).toBe(1);
    expect(await getJob(t.db, id)).toMatchObject({ status: "queued", attempts: 1, lastError: "boom 1", lockedBy: null });
    const d1 = await runAtMs(); // attempt 1 failed: wait in [0.5 s, 1 s)
    expect(d1 >= 500 && d1 < 1_000).toBe(true);
    expect(await runDue(t.db, handlers, { now: at(d1 - 1) })).toBe(0); // not due yet

    expect(await runDue(t.db, handlers, { now: at(d1) })).toBe(1);
    const d2 = (await runAtMs()) - d1; // attempt 2 failed: wait in [1 s, 2 s)
    expect(d2 >= 1_000 && d2 < 2_000).toBe(true);
    expect(await getJob(t.db, id)).toMatchObject({ status: "queued", attempts: 2, lastError: "boom 2" });

    expect(await runDue(t.db, handlers, { now: at(d1 + d2) })).toBe(1);
    const dead = await getJob(t.db, id);
    expect(dead).toMatchObject({ status: "dead", attempts: 3, lastError: "boom 3" });
    expect(dead?.finishedAt?.getTime()).toBe(at(d1 + d2).getTime());
    expect(await runDue(t.db, handlers, { now: at(3_600_000) })).toBe(0); // dead stays dead

    // Visible: listed and counted per owner / automation.
    const listed = await listJobs(t.db, { userId: "owner", status: "dead", limit: 10 });
    expect(listed.items.map((j) => j.id)).toEqual([id]);
    expect((await countByStatus(t.db, { automationId: "auto-1" })).dead).toBe(1);

    expect(await retryDead(t.db, id, "someone-else")).toBeNull();
    const requeued = await retryDead(t.db, id, "owner");
    expect(requeued).toMatchObject({ status: "queued", attempts: 0, lastError: "boom 3", finishedAt: null });
    expect(await retryDead(t.db, id, "owner")).toBeNull(); // no longer dead
    fail = false;
    expect(await runDue(t.db, handlers, { now: at(3_600_000) })).toBe(1);
    expect(await getJob(t.db, id)).toMatchObject({ status: "done", attempts: 1, result: "recovered" });
  });
});

describe("recurring", () => {
  it("two workers enqueue one run per slot", async () => {
    const everyMs = 200;
    const ran = new Map<string, number>();
    const handlers: Handlers = {
      "t.tick": async (ctx) => {
        ran.set(ctx.job.key, (ran.get(ctx.job.key) ?? 0) + 1);
        return recordEffect(ctx);
      },
    };
    const recurring = [{ queue: "t.tick", everyMs }];
    const a = startWorker({ db: t.db, handlers, recurring, workerId: "A", pollMs: 15 });
    const b = startWorker({ db: dbB, handlers, recurring, workerId: "B", pollMs: 15 });
    await sleep(1_300);
    await Promise.all([a.stop(), b.stop()]);
    await runDue(t.db, handlers); // finish a slot enqueued just before the stop

    const jobs = await t.sql<{ key: string; run_at_ms: number; status: string }[]>`select key, (extract(epoch from run_at) * 1000)::float8 as run_at_ms, status::text from jobs where queue = 't.tick' order by key`;
    const slots = jobs.map((j) => Number(j.key.split(":")[1])).sort((x, y) => x - y);
    // ~6.5 slots in 1.3 s. A slot no worker polled in is skipped by design (no catch-up); both
    // workers share this test's event loop, so allow one such gap on an overloaded machine.
    expect(slots.length).toBeGreaterThanOrEqual(4);
    expect(slots.length).toBeLessThanOrEqual(8);
    expect(slots.at(-1)! - slots[0]! + 1 - slots.length).toBeLessThanOrEqual(1);
    // One run per slot (the key is unique), each run once, all done.
    expect(new Set(slots).size).toBe(slots.length);
    for (const j of jobs) {
      expect(j.run_at_ms % everyMs).toBe(0);
      expect(j.status).toBe("done");
      expect(ran.get(j.key)).toBe(1);
    }
  });
});

describe("visibility", () => {
  it("lists runs newest first with a keyset cursor and filters", async () => {
    for (let i = 0; i < 5; i++) {
      await enqueue(t.db, { queue: "t.vis", key: `vis:${i}`, userId: "viewer", automationId: i % 2 ? "odd" : "even" });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listJobs>> = await listJobs(t.db, { userId: "viewer", limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((j) => j.key));
      cursor = page.nextCursor;
    } while (cursor);
    // Pages join up to the one-page listing (created_at desc, then id desc: runs enqueued within
    // the clock's resolution tie, PGlite's clock is coarse), with nothing skipped or repeated.
    const all = await listJobs(t.db, { userId: "viewer", limit: 50 });
    expect(seen).toEqual(all.items.map((j) => j.key));
    expect([...seen].sort()).toEqual(["vis:0", "vis:1", "vis:2", "vis:3", "vis:4"]);
    const times = all.items.map((j) => j.createdAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const odd = await listJobs(t.db, { automationId: "odd", status: ["queued", "running"], limit: 50 });
    expect(odd.items.map((j) => j.key).sort()).toEqual(["vis:1", "vis:3"]);
    expect(odd.nextCursor).toBeNull();
    expect(await countByStatus(t.db, { userId: "viewer" })).toEqual({ queued: 5, running: 0, done: 0, dead: 0, cancelled: 0 });
  });
});

describe("database outages", () => {
  it("logs and retries poll errors with backoff instead of crashing, and stops cleanly", async () => {
    const down = createDb("postgres://postgres:postgres@127.0.0.1:1/none", { max: 1 });
    const lines: string[] = [];
    const w = startWorker({ db: down.db, handlers: { "t.x": async () => null }, pollMs: 10, log: (m) => lines.push(m) });
    await sleep(900);
    await w.stop();
    await down.sql.end({ timeout: 1 });
    const failures = lines.filter((l) => l.startsWith("poll failed"));
    // 10 ms polls would make ~90 attempts; the backoff (125 ms, 250 ms, 500 ms …) makes a few.
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures.length).toBeLessThanOrEqual(6);
    expect(failures[0]).toMatch(/ECONNREFUSED|connect/i);
  });
});
