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
  makeProtocolSequencesAtomic(server);
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

// pglite-socket 0.2.17 multiplexes connections onto PGlite's single session one protocol
// message at a time, keeping a connection exclusive only while a transaction is open. An
// extended-protocol exchange (Parse/Bind/Describe/Execute … Sync) from one connection can
// then interleave with another's, binding one query's parameters to the other's statement
// (electric-sql/pglite#1046). We make the queue serve one connection exclusively from its
// first extended-protocol message through its Sync, as well as for the whole of an open
// transaction. Pinned to 0.2.17's queue internals; db/embedded.int.test.ts proves it.
type QueuedMessage = { handlerId: number; message: Uint8Array; timestamp: number; onData: (d: Uint8Array) => void; resolve: (n: number) => void; reject: (e: Error) => void };
type QueueInternals = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<unknown> };
  processQueue: () => Promise<void>;
  clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
};

// Frontend message types that open or continue an extended-protocol exchange:
// Parse, Bind, Describe, Execute, Close, Flush. Sync ('S') ends it; a simple Query ('Q') is whole.
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

function makeProtocolSequencesAtomic(server: object) {
  const q = (server as { queryQueue?: QueueInternals }).queryQueue;
  if (!q || !Array.isArray(q.queue) || typeof q.processQueue !== "function") {
    throw new Error("pglite-socket internals changed: re-check makeProtocolSequencesAtomic before upgrading");
  }
  let midSequence = false;
  q.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = (midSequence || this.db.isInTransaction()) && this.lastHandlerId !== null ? this.lastHandlerId : null;
        let item: QueuedMessage | undefined;
        if (owner !== null) {
          const i = this.queue.findIndex((m) => m.handlerId === owner);
          if (i === -1) break; // wait for the owner's next message
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (err) {
          midSequence = false;
          current.reject(err as Error);
          continue;
        }
        const type = current.message[0] ?? 0;
        if (EXTENDED.has(type)) midSequence = true;
        else if (type === 0x53 || type === 0x51) midSequence = false;
        this.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);
  const clear = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    // A connection that vanished mid-exchange must not keep the queue waiting for it.
    if (q.lastHandlerId === handlerId) midSequence = false;
    await clear(handlerId);
    void q.processQueue();
  };
}
