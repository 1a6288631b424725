// The embedded database: PGlite (real PostgreSQL compiled to WASM) persisted on disk and
// served over the PostgreSQL wire protocol on a loopback port by @electric-sql/pglite-socket.
// Every process (Next server, migrations, seed, workers) then talks to it with the same
// driver as to a real server (postgres.js), so there is one code path for both.
//
// Exactly one process may open a PGlite data directory. The first process that needs the
// database hosts it and writes a lock file (pid + port); the others connect to the port.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type EmbeddedServer = { url: string; hosted: boolean; stop: () => Promise<void> };

export function embeddedDatabaseUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

function portAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

type Lock = { pid: number; port: number };

function readLock(lockFile: string): Lock | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockFile, "utf8")) as Partial<Lock>;
    if (typeof parsed.pid === "number" && typeof parsed.port === "number") return { pid: parsed.pid, port: parsed.port };
  } catch {
    // missing or unreadable: no live host
  }
  return null;
}

export async function ensureEmbeddedServer(opts: {
  dataDir: string;
  port: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const dbDir = path.resolve(opts.dataDir, "pglite");
  const lockFile = path.resolve(opts.dataDir, "pglite.lock");
  const url = embeddedDatabaseUrl(opts.port);

  const lock = readLock(lockFile);
  if (lock && lock.pid !== process.pid && pidAlive(lock.pid)) {
    if (lock.port !== opts.port) {
      throw new Error(
        `The embedded database in ${dbDir} is already served by process ${lock.pid} on port ${lock.port}, not ${opts.port}.`,
      );
    }
    if (await portAnswers(opts.port)) {
      log(`using embedded database served by process ${lock.pid} on 127.0.0.1:${opts.port}`);
      return { url, hosted: false, stop: async () => {} };
    }
  }
  if (await portAnswers(opts.port)) {
    throw new Error(
      `Port ${opts.port} is taken by another program; set PGLITE_PORT to a free port or DATABASE_URL to a PostgreSQL server.`,
    );
  }

  fs.mkdirSync(dbDir, { recursive: true });
  // Claim the directory before opening it so a concurrent starter backs off.
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port: opts.port }));
  const started = Date.now();
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(dbDir);
  const server = new PGLiteSocketServer({ db, port: opts.port, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  log(`embedded PGlite database ${dbDir} serving on 127.0.0.1:${opts.port} (${Date.now() - started} ms)`);

  let stopped = false;
  return {
    url,
    hosted: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      const current = readLock(lockFile);
      if (current?.pid === process.pid) fs.rmSync(lockFile, { force: true });
    },
  };
}
