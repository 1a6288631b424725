// npm run worker: the job worker process (server/jobs/runner.ts) with the app's handler table,
// recurring jobs and background watchers (server/jobs/handlers.ts). scripts/run.ts starts it with the app (npm run dev / npm start);
// it can also run on its own, any number of times (runs are claimed with SKIP LOCKED).
//
// Database: DATABASE_URL, else the embedded PGlite server on PGLITE_PORT (db/index.ts
// resolveDatabase); the worker waits until it answers. Env: WORKER_CONCURRENCY (default 4),
// WORKER_POLL_MS (default 250). SIGTERM/SIGINT: stop claiming, let in-flight runs finish for up
// to 5 s, exit (an unfinished run's lease expires and another worker re-claims it).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDb, type Db } from "@/db/client";
import { pollBackoffMs } from "@/server/jobs/backoff";
import { defaultWorkerId, errorMessage, startWorker, type Handlers, type RecurringJob } from "@/server/jobs/runner";
import { loadEnv } from "./lib/env";

// A long-running watcher beside the job loop (e.g. the stop monitor, per block); `wake` makes
// the job loop poll at once (the watcher just enqueued a triggered run).
export type BackgroundTask = (db: Db, wake: () => void) => { stop(): Promise<void> };

export type WorkerProcessOptions = {
  url: string;
  handlers: Handlers;
  recurring?: RecurringJob[];
  background?: BackgroundTask[];
  workerId?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  graceMs?: number;
  log: (m: string) => void;
};

// postgres.js 3.4.9 throws from a setImmediate when a connection that died is written to again
// (the ROLLBACK of a transaction whose backend went away, e.g. in a database restart):
// "Cannot read properties of null (reading 'write')" at nextWrite, uncatchable by the caller
// (porsager/postgres#1154, #1208; fix pending upstream in #1209). The caller's transaction has
// already been rejected by then (begin() races the connection's close), but that connection
// object keeps the unsent bytes and a stale write timer, so it never sends again.
export function isDriverNullSocketWrite(e: unknown): boolean {
  return (
    e instanceof TypeError &&
    e.message.includes("reading 'write'") &&
    /postgres[\\/]src[\\/]connection\.js/.test(e.stack ?? "") &&
    /nextWrite/.test(e.stack ?? "")
  );
}

async function waitForDatabase(sql: ReturnType<typeof createDb>["sql"], log: (m: string) => void) {
  let lastLog = 0;
  for (let i = 1; ; i++) {
    try {
      await sql`select 1`;
      return;
    } catch (e) {
      if (Date.now() - lastLog > 10_000) {
        log(`waiting for the database: ${errorMessage(e)}`);
        lastLog = Date.now();
      }
      await new Promise((r) => setTimeout(r, pollBackoffMs(i, Math.random)));
    }
  }
}

/**
 * A worker process: waits for the database, runs startWorker, exits gracefully on SIGTERM/SIGINT.
 * If the driver bug above strikes, the process keeps running and swaps in a fresh connection
 * pool and worker (the old one stops claiming, settles its in-flight runs and is closed).
 */
export async function runWorkerProcess(opts: WorkerProcessOptions): Promise<void> {
  const { log } = opts;
  const baseId = opts.workerId ?? defaultWorkerId();
  const max = (opts.concurrency ?? 4) + 2;
  let generation = 0;
  const start = () => {
    const client = createDb(opts.url, { max });
    generation++;
    const worker = startWorker({
      db: client.db,
      handlers: opts.handlers,
      recurring: opts.recurring,
      workerId: generation === 1 ? baseId : `${baseId}#${generation}`,
      concurrency: opts.concurrency,
      pollMs: opts.pollMs,
      leaseMs: opts.leaseMs,
      log,
    });
    const tasks = (opts.background ?? []).map((task) => task(client.db, () => worker.wake()));
    // Watchers first (they enqueue), then the job loop (it settles its in-flight runs).
    const stop = async () => {
      await Promise.allSettled(tasks.map((t) => t.stop()));
      await worker.stop();
    };
    return { client, stop };
  };

  let current: ReturnType<typeof start> | null = null;
  let stopping = false;
  let recycling = false;
  process.on("uncaughtException", (e) => {
    if (!isDriverNullSocketWrite(e)) {
      log(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    }
    if (recycling || stopping || !current) return;
    recycling = true;
    log("postgres.js wrote to a closed connection (porsager/postgres#1208): replacing the connection pool");
    const old = current;
    current = start();
    void Promise.race([old.stop(), new Promise((r) => setTimeout(r, 15_000))])
      .then(() => old.client.sql.end({ timeout: 1 }))
      .catch(() => {})
      .finally(() => (recycling = false));
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping (in-flight runs get ${(opts.graceMs ?? 5_000) / 1000} s)`);
    const w = current;
    const settled = w ? await Promise.race([w.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), opts.graceMs ?? 5_000))]) : true;
    if (!settled) log("in-flight runs did not finish in time; their leases will expire and they will be re-claimed");
    await w?.client.sql.end({ timeout: 1 }).catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const probe = createDb(opts.url, { max: 1 });
  await waitForDatabase(probe.sql, log);
  await probe.sql.end({ timeout: 1 }).catch(() => {});
  if (!stopping) current = start();
}

const isMain = process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  loadEnv(process.env.NODE_ENV !== "production");
  const log = (m: string) => process.stdout.write(`${m}\n`);
  // Imported after loadEnv: the handler table (and the services behind it) may read env at import.
  const table: { handlers: Handlers; recurring?: RecurringJob[]; background?: BackgroundTask[] } = await import("@/server/jobs/handlers");
  const { handlers, recurring, background } = table;
  const { resolveDatabase } = await import("@/db/index");
  const { url, kind } = resolveDatabase();
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
  const pollMs = Number(process.env.WORKER_POLL_MS ?? 250);
  if (!(concurrency >= 1) || !(pollMs >= 1)) throw new Error("WORKER_CONCURRENCY and WORKER_POLL_MS must be positive numbers");
  log(`database: ${kind === "pglite" ? `embedded PGlite at ${new URL(url).host}` : `PostgreSQL at ${new URL(url).host}`}; ${Object.keys(handlers).length} handler(s), ${background?.length ?? 0} watcher(s)`);
  await runWorkerProcess({ url, handlers, recurring, background, concurrency, pollMs, log });
}
