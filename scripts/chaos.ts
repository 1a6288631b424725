// npm run test:chaos: the job runner under crashes. Schedules a few thousand runs of the
// "chaos.effect" queue on a private PostgreSQL, runs them on two worker processes
// (scripts/lib/chaos-worker.ts, the real runner), SIGKILLs one of them at seeded random moments
// (restarting it each time), restarts PostgreSQL once midway (pg_ctl restart -m immediate), and
// checks that every run took effect exactly once:
//
//   RESULT runs=<n> completed=<n> effects=<n> duplicates=<n> lost=<n> …
//
// duplicates = effect rows beyond the first per run (chaos_effects has no unique constraint,
// so a repeated effect would show); lost = runs not done + done runs without an effect.
// Exits 1 if duplicates > 0, lost > 0 or a worker died on its own.
//
//   npm run test:chaos -- [--runs 3000] [--seed 1] [--spread-s 30] [--timeout-s 180]
//                         [--fail-rate 0.02] [--lease-ms 2000] [--concurrency 4] [--verbose]
//                         [--use-test-database] [--unguarded]
//
// --unguarded is the negative control: the handler writes its effect without ctx.effect, and
// the run must then fail with duplicates > 0 (a re-claimed or retried run repeats its effect).
//
// PostgreSQL: its own cluster from /usr/lib/postgresql/*/bin (as the postgres user when root),
// else (or with --use-test-database) a database on TEST_DATABASE_URL with the restart simulated
// by pg_terminate_backend on every backend of that database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { enqueue } from "@/server/jobs/runner";
import { findPostgresBin, startLocalPostgres, openExternalPostgres, type ChaosDatabase } from "./lib/chaos-postgres";

const args = process.argv.slice(2);
function num(name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${args[i + 1]}`);
  return n;
}
const RUNS = Math.floor(num("runs", 3000));
const SEED = num("seed", 1);
const SPREAD_MS = num("spread-s", 30) * 1000;
const TIMEOUT_MS = num("timeout-s", 180) * 1000;
const FAIL_RATE = num("fail-rate", 0.02);
const LEASE_MS = num("lease-ms", 2000);
const CONCURRENCY = Math.max(1, Math.floor(num("concurrency", 4)));
const VERBOSE = args.includes("--verbose");
const QUEUE = "chaos.effect";
const WORKERS = 2;

const log = (m: string) => console.log(`[chaos] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);

// mulberry32: the kill schedule is reproducible for a seed (the workers' own timing is not).
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = seeded(SEED);

// The last worker log lines, printed when the run fails.
const tail: string[] = [];
function remember(line: string) {
  if (VERBOSE) console.log(line);
  tail.push(line);
  if (tail.length > 200) tail.shift();
}

// ready: the worker is polling (it logged "started"); only ready workers are killed, so an
// overloaded machine that boots workers slowly still makes progress between kills.
type Slot = { name: string; gen: number; child: ChildProcess | null; killedByUs: boolean; ready: boolean };
const slots: Slot[] = Array.from({ length: WORKERS }, (_, i) => ({ name: `w${i + 1}`, gen: 0, child: null, killedByUs: false, ready: false }));
let kills = 0;
let crashes = 0;
let shuttingDown = false;

function spawnWorker(slot: Slot, url: string) {
  slot.gen++;
  slot.killedByUs = false;
  slot.ready = false;
  const id = `${slot.name}.${slot.gen}`;
  // node --import tsx (not the tsx CLI): the CLI runs the script in a child process, which a
  // SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/lib/chaos-worker.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      CHAOS_WORKER_ID: id,
      CHAOS_FAIL_RATE: String(FAIL_RATE),
      CHAOS_LEASE_MS: String(LEASE_MS),
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_POLL_MS: "50",
      CHAOS_UNGUARDED: args.includes("--unguarded") ? "1" : "0",
    },
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        if (slot.child === child && line.includes(`worker ${id} started`)) slot.ready = true;
        remember(line);
        buf = buf.slice(i + 1);
      }
    });
  }
  child.on("exit", (code, signal) => {
    if (slot.child !== child) return;
    slot.child = null;
    if (shuttingDown || slot.killedByUs) return;
    crashes++;
    log(`worker ${id} died on its own (code ${code}, signal ${signal}); restarting it`);
    spawnWorker(slot, url);
  });
  slot.child = child;
}

function killWorker(slot: Slot, url: string) {
  const child = slot.child;
  if (!child) return;
  slot.killedByUs = true;
  slot.child = null;
  child.kill("SIGKILL");
  kills++;
  spawnWorker(slot, url);
}

async function stopWorkers(graceful: boolean) {
  shuttingDown = true;
  await Promise.all(
    slots.map(
      (s) =>
        new Promise<void>((resolve) => {
          const child = s.child;
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          const t = setTimeout(() => child.kill("SIGKILL"), graceful ? 8_000 : 0);
          child.once("exit", () => {
            clearTimeout(t);
            resolve();
          });
          child.kill(graceful ? "SIGTERM" : "SIGKILL");
        }),
    ),
  );
}

async function main(): Promise<number> {
  const bin = args.includes("--use-test-database") ? null : findPostgresBin();
  let pg: ChaosDatabase;
  if (bin) pg = await startLocalPostgres(bin, log);
  else if (process.env.TEST_DATABASE_URL) {
    const why = args.includes("--use-test-database") ? "--use-test-database" : "no PostgreSQL binaries in /usr/lib/postgresql";
    pg = await openExternalPostgres(process.env.TEST_DATABASE_URL, why, log);
  }
  else {
    log("needs PostgreSQL: install it (/usr/lib/postgresql/*/bin) or set TEST_DATABASE_URL");
    return 2;
  }
  const { db, sql } = createDb(pg.url, { max: 8 });
  const onSignal = () => {
    log("interrupted: cleaning up");
    void stopWorkers(false)
      .then(() => sql.end({ timeout: 1 }))
      .finally(() => void pg.stop().finally(() => process.exit(130)));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await runMigrations(pg.url);
    // Not in the schema: a test-only table, no unique constraint so duplicates are countable.
    await sql`create table chaos_effects (id bigserial primary key, job_key text not null, job_id text not null, worker text not null, attempt int not null, at timestamptz not null default now())`;
    await sql`create index chaos_effects_key_idx on chaos_effects (job_key)`;

    // Runs due over the next SPREAD_MS (a tenth at once), so kills and the restart hit a busy system.
    const t0 = Date.now();
    for (let i = 0; i < RUNS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, RUNS - i) }, (_, k) => {
          const n = i + k;
          const runAt = new Date(t0 + (n % 10 === 0 ? 0 : Math.floor((n / RUNS) * SPREAD_MS)));
          return enqueue(db, { queue: QUEUE, key: `chaos:${n}`, payload: { n }, runAt, maxAttempts: 25 });
        }),
      );
    }
    log(`scheduled ${RUNS} runs over ${SPREAD_MS / 1000} s on ${pg.description} (${Date.now() - t0} ms); seed ${SEED}, ${WORKERS} workers × ${CONCURRENCY}, lease ${LEASE_MS} ms, injected failure rate ${FAIL_RATE}`);

    for (const s of slots) spawnWorker(s, pg.url);
    let restarts = 0;
    let done = 0;
    let nextKill = Date.now() + 1000 + rng() * 3000;
    let nextReport = Date.now() + 5000;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline) {
      await sleep(200);
      if (Date.now() >= nextKill) {
        const first = Math.floor(rng() * WORKERS);
        const slot = [...slots.slice(first), ...slots.slice(0, first)].find((s) => s.ready);
        if (slot) {
          killWorker(slot, pg.url);
          if (VERBOSE) log(`${secs()} s: SIGKILL ${slot.name}.${slot.gen - 1}`);
          nextKill = Date.now() + 1000 + rng() * 3000;
        }
      }
      // Midway: half the runs done (or the schedule's end, should progress stall).
      if (restarts === 0 && (done >= RUNS / 2 || Date.now() - t0 >= SPREAD_MS)) {
        const r0 = Date.now();
        log(`${secs()} s: restarting PostgreSQL (${pg.mode === "local" ? "pg_ctl restart -m immediate" : "SIMULATED: pg_terminate_backend on every backend"}) at ${done}/${RUNS} done`);
        await pg.restart();
        restarts++;
        log(`${secs()} s: PostgreSQL back after ${Date.now() - r0} ms`);
      }
      try {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from jobs where queue = ${QUEUE} and status = 'done'`;
        done = row?.n ?? done;
      } catch {
        // the database is restarting: keep the last count
      }
      if (Date.now() >= nextReport) {
        log(`${secs()} s: ${done}/${RUNS} done, ${kills} kills, ${restarts} restarts`);
        nextReport = Date.now() + 5000;
      }
      if (done >= RUNS) break;
    }
    const timedOut = done < RUNS;
    if (timedOut) log(`timed out after ${TIMEOUT_MS / 1000} s with ${done}/${RUNS} done`);
    await stopWorkers(true);
    const elapsed = secs();

    const [r] = await sql<{ completed: number; dead: number; retries: number; effects: number; effect_keys: number; done_without_effect: number; guards: number }[]>`
      select
        (select count(*)::int from jobs where queue = ${QUEUE} and status = 'done') as completed,
        (select count(*)::int from jobs where queue = ${QUEUE} and status = 'dead') as dead,
        (select coalesce(sum(greatest(attempts - 1, 0)), 0)::int from jobs where queue = ${QUEUE}) as retries,
        (select count(*)::int from chaos_effects) as effects,
        (select count(distinct job_key)::int from chaos_effects) as effect_keys,
        (select count(*)::int from jobs j where j.queue = ${QUEUE} and j.status = 'done'
           and not exists (select 1 from chaos_effects e where e.job_key = j.key)) as done_without_effect,
        (select count(*)::int from job_effects where key like 'chaos:%') as guards`;
    if (!r) throw new Error("no result row");
    const duplicates = r.effects - r.effect_keys;
    const lost = RUNS - r.completed + r.done_without_effect;
    console.log(
      `RESULT runs=${RUNS} completed=${r.completed} effects=${r.effects} duplicates=${duplicates} lost=${lost} ` +
        `kills=${kills} restarts=${restarts}${pg.mode === "external" ? "(simulated)" : ""} retries=${r.retries} dead=${r.dead} crashes=${crashes} elapsed=${elapsed}s`,
    );
    if (r.guards !== r.effect_keys) log(`note: ${r.guards} job_effects rows for ${r.effect_keys} effected runs`);
    const ok = duplicates === 0 && lost === 0 && crashes === 0;
    if (!ok) {
      log(`FAILED${timedOut ? " (timed out)" : ""}: last worker log lines:`);
      for (const l of tail.slice(-60)) console.log(`  ${l}`);
    } else {
      log(`ok: every run took effect exactly once`);
    }
    return ok ? 0 : 1;
  } finally {
    await stopWorkers(false);
    await sql.end({ timeout: 2 }).catch(() => {});
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[chaos] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void stopWorkers(false).finally(() => process.exit(1));
  },
);
