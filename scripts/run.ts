// npm run dev | npm start: everything Lodestar needs, in one command, with prefixed logs.
//   db     the embedded PGlite server (unless DATABASE_URL is set), migrations, demo seed
//   chain  the two local anvil chains (state under .data/chains)
//   next   the Next.js dev server, or a production build + `next start`
//   worker the job worker (scripts/worker.ts: server/jobs/runner.ts with server/jobs/handlers.ts)
// Ctrl-C stops all of it (anvil writes its state, PGlite closes cleanly).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { ensureEmbeddedServer, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { seedDemo, seedDemoPortfolio } from "@/db/seed/demo";
import { seedMarket } from "@/db/seed/market";
import { deployLocalChains } from "@/contracts/deploy/run-all";
import { hashPassword } from "@/server/services/user";
import { localChainSpecs, startChain, stopChild, type RunningChain } from "./lib/chains";
import { dataDir, loadEnv, pglitePort } from "./lib/env";
import { logger, pipeLines } from "./lib/log";

const mode = process.argv[2] === "start" ? "start" : "dev";
const flags = new Set(process.argv.slice(3));
loadEnv(mode === "dev");
const log = logger("lodestar");
const dbLog = logger("db");
const started = Date.now();

const dir = path.resolve(dataDir());
if (flags.has("--fresh")) fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

// A local secret, generated once, so sessions survive restarts without configuration.
if (!process.env.AUTH_SECRET) {
  const file = path.join(dir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  log(`using the generated local AUTH_SECRET in ${file}`);
}

let database: EmbeddedServer | null = null;
let chains: RunningChain[] = [];
let next: ChildProcess | null = null;
let replay: ChildProcess | null = null;
let worker: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await stopChild(replay);
  // Before the database: the worker settles its in-flight runs (up to 5 s) on the way out.
  await stopChild(worker, 8_000);
  await stopChild(next, 10_000);
  await Promise.all(chains.map((c) => stopChild(c.child)));
  await database?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const chainSpecs = localChainSpecs(dir);
  const chainsReady = Promise.all(chainSpecs.map((s) => startChain(s, { silent: true })));
  // Tokens, venues and pools on the local chains (skipped where the registry is still live),
  // overlapping the database start.
  const deployed = chainsReady.then((cs) =>
    deployLocalChains(
      cs.map((c) => ({ chainId: c.spec.chainId, rpcUrl: `http://127.0.0.1:${c.spec.port}` })),
      dir,
      logger("deploy"),
    ),
  );
  deployed.catch(() => {}); // awaited (and its error reported) below

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    database = await ensureEmbeddedServer({ dataDir: dir, port: pglitePort(), log: dbLog });
    databaseUrl = database.url;
  } else {
    dbLog(`using PostgreSQL at ${new URL(databaseUrl).host}`);
  }
  const migrateStart = Date.now();
  await runMigrations(databaseUrl);
  dbLog(`migrations applied (${Date.now() - migrateStart} ms)`);
  if (!flags.has("--no-seed")) {
    const { db, sql } = createDb(databaseUrl, { max: 1 });
    const created = await seedDemo(db, hashPassword);
    // Market data (data/market → assets, candles): a no-op (~50 ms) when already loaded.
    const market = await seedMarket(db);
    const demoTxs = await seedDemoPortfolio(db);
    await sql.end({ timeout: 5 });
    if (created.length) dbLog(`seeded demo users: ${created.join(", ")} (password lodestar-demo-2026)`);
    if (demoTxs) dbLog(`seeded the demo portfolio with ${demoTxs} sample transactions (labelled demo)`);
    if (market.loaded.length) {
      dbLog(`loaded market data: ${market.loaded.reduce((a, l) => a + l.rows, 0)} candles from ${market.loaded.length} files (${market.ms} ms)`);
    }
  }

  chains = await chainsReady;
  for (const c of chains) {
    logger(`chain:${c.spec.chainId}`)(`http://127.0.0.1:${c.spec.port}${c.child ? "" : " (already running, reused)"}`);
  }
  await deployed.catch((err: unknown) => {
    throw new Error(`deploy: ${err instanceof Error ? err.message : String(err)}`);
  });

  // The job worker, once the schema is migrated and the chains are deployed (its handlers may
  // use them). It waits for the database itself; runs survive its restarts (durable jobs).
  const rpcEnv = Object.fromEntries(chains.map((c) => [`RPC_URL_${c.spec.chainId}`, `http://127.0.0.1:${c.spec.port}`]));
  worker = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/worker.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LODESTAR_DATA_DIR: dir, ...(process.env.DATABASE_URL ? { DATABASE_URL: databaseUrl } : {}), ...rpcEnv },
  });
  pipeLines(worker.stdout!, "worker");
  pipeLines(worker.stderr!, "worker");
  worker.on("exit", (code, signal) => {
    if (!stopping) log(`worker exited (code ${code}, signal ${signal}); jobs wait until it runs again (npm run worker)`);
  });

  // The market replay keeper moves the local pools along the hourly history
  // (scripts/market-replay.ts), so prices move and automations act on them: on by default in
  // dev (`--no-replay` turns it off), opt-in with `--replay` for `npm start` (the e2e stack
  // keeps still prices). Its own flags can follow, e.g. `-- --speed 600`.
  if (flags.has("--replay") || (mode === "dev" && !flags.has("--no-replay"))) {
    const extra = process.argv.slice(3).filter((a) => a !== "--replay" && a !== "--no-replay");
    const passOn = ["--speed", "--step-ms", "--from", "--hours", "--tolerance-bps"].flatMap((f) => {
      const i = extra.indexOf(f);
      return i >= 0 && extra[i + 1] ? [f, extra[i + 1]!] : [];
    });
    replay = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/market-replay.ts", "--chains", chains.map((c) => c.spec.chainId).join(","), ...passOn], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LODESTAR_DATA_DIR: dir, ...Object.fromEntries(chains.map((c) => [`RPC_URL_${c.spec.chainId}`, `http://127.0.0.1:${c.spec.port}`])) },
    });
    pipeLines(replay.stdout!, "replay");
    pipeLines(replay.stderr!, "replay");
  }

  const port = process.env.PORT ?? "3000";
  const nextBin = path.resolve("node_modules/.bin/next");
  const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LODESTAR_LAUNCHER: "1", PORT: port, LODESTAR_DATA_DIR: dir };
  if (mode === "start") {
    const built = fs.existsSync(".next/BUILD_ID");
    if (!built || flags.has("--build")) {
      log("building the production app (next build)…");
      const res = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
      if (res.status !== 0) throw new Error("next build failed");
    }
  }
  const args = mode === "dev" ? ["dev", "-p", port] : ["start", "-p", port];
  next = spawn(nextBin, args, { stdio: ["ignore", "pipe", "pipe"], env: childEnv });
  pipeLines(next.stdout!, "next");
  pipeLines(next.stderr!, "next");
  next.on("exit", (code) => {
    if (!stopping) {
      log(`next exited with code ${code}`);
      void shutdown(code ?? 1);
    }
  });
  // Report when the app answers, with the cold-start time.
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as { status: string };
      log(`ready at ${url} (health: ${body.status}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}
