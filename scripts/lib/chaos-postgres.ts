// The PostgreSQL server of the chaos test (scripts/chaos.ts): a private, throw-away cluster in a
// temp dir (initdb + pg_ctl, as the postgres user when we are root, like .ci/run), which the
// test can restart with `pg_ctl restart -m immediate` (a crash: no checkpoint, WAL replay on
// start). Without PostgreSQL binaries it falls back to a database on TEST_DATABASE_URL, where
// a "restart" is simulated by terminating every backend of that database.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { withDatabase } from "@/db/testing/config";

export type ChaosDatabase = {
  url: string;
  // "local": our own cluster, restarted for real; "external": TEST_DATABASE_URL, restart simulated.
  mode: "local" | "external";
  description: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin/initdb")) && fs.existsSync(path.join(root, v, "bin/pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], asPostgres: boolean): Promise<void> {
  const [file, argv] = asPostgres ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args[0] ?? ""} exited with ${code}: ${out.trim().slice(-800)}`))));
  });
}

export async function startLocalPostgres(bin: string, log: (m: string) => void): Promise<ChaosDatabase> {
  const asPostgres = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-chaos-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (asPostgres) {
      // initdb refuses to run as root; the cluster belongs to the postgres user.
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      fs.chownSync(dir, uid, gid);
    }
    fs.chmodSync(dir, 0o700);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    await run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asPostgres);
    const pgCtl = (...args: string[]) => run(path.join(bin, "pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "60", ...args], asPostgres);
    await pgCtl("-o", opts, "start");
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (data in ${data}, fsync=off)`);
    let stopped = false;
    return {
      url,
      mode: "local",
      description: `own PostgreSQL ${path.basename(path.dirname(bin))} on port ${port}`,
      restart: () => pgCtl("-m", "immediate", "-o", opts, "restart"),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await pgCtl("-m", "immediate", "stop").catch(() => {});
        cleanup();
      },
    };
  } catch (e) {
    await run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asPostgres).catch(() => {});
    cleanup();
    throw e;
  }
}

export async function openExternalPostgres(adminUrl: string, why: string, log: (m: string) => void): Promise<ChaosDatabase> {
  const name = `lodestar_chaos_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  log(`${why}: using database ${name} on TEST_DATABASE_URL; the restart is SIMULATED by terminating every backend of it (pg_terminate_backend)`);
  let stopped = false;
  return {
    url: withDatabase(adminUrl, name),
    mode: "external",
    description: `database ${name} on TEST_DATABASE_URL (restart simulated with pg_terminate_backend)`,
    restart: async () => {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end({ timeout: 5 });
    },
  };
}
