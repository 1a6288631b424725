// The embedded database server (db/embedded.ts) that `npm run dev`/`start` use when
// DATABASE_URL is unset: a PGlite data directory served over the wire protocol.
// PGlite only: skipped in the int-postgres project.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDb } from "./client";
import { ensureEmbeddedServer, type EmbeddedServer } from "./embedded";
import { TEST_DB_KEY } from "./testing/config";

const config = inject(TEST_DB_KEY);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(config.kind !== "pglite")("ensureEmbeddedServer", () => {
  let dataDir: string;
  let port: number;
  let server: EmbeddedServer;
  let lockFile: string;

  beforeAll(async () => {
    if (config.kind !== "pglite") return;
    // A migrated data directory from the test dump (what `npm run db:migrate` leaves behind).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-embedded-"));
    const { PGlite } = await import("@electric-sql/pglite");
    const buf = fs.readFileSync(config.dumpPath);
    const seed = await PGlite.create(path.join(dataDir, "pglite"), {
      loadDataDir: new File([buf], "dump.tar.gz", { type: "application/x-gzip" }),
    });
    await seed.close();
    port = await freePort();
    lockFile = path.join(dataDir, "pglite.lock");
    server = await ensureEmbeddedServer({ dataDir, port });
  });

  afterAll(async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("hosts the data directory on the port and records itself in the lock file", async () => {
    expect(server).toMatchObject({ hosted: true, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8"))).toEqual({ pid: process.pid, port });
    const { db, sql: client } = createDb(server.url, { max: 1 });
    try {
      const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from information_schema.tables where table_name = 'users'`);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  it("joins a server that another live process hosts on the same port", async () => {
    const original = fs.readFileSync(lockFile, "utf8");
    try {
      // The vitest main process is alive and is not us.
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, port }));
      const joined = await ensureEmbeddedServer({ dataDir, port });
      expect(joined).toMatchObject({ hosted: false, url: server.url });
      await joined.stop();
      expect(fs.existsSync(lockFile)).toBe(true);

      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, port: port + 1 }));
      await expect(ensureEmbeddedServer({ dataDir, port })).rejects.toThrow(/already served by process .* on port/);
    } finally {
      fs.writeFileSync(lockFile, original);
    }
  });

  it("refuses a port that another program holds", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-embedded-other-"));
    try {
      await expect(ensureEmbeddedServer({ dataDir: other, port })).rejects.toThrow(`Port ${port} is taken by another program`);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  // Regression guard (was a bug in db/embedded.ts + db/client.ts): the app serves PGlite with PGLiteSocketServer
  // (maxConnections 64) and talks to it with a postgres.js pool of 10. pglite-socket
  // multiplexes connections onto the single PGlite backend message by message, so the
  // Parse/Bind/Execute/Sync messages of two connections querying at once interleave:
  // one query's Bind lands on the other's unnamed statement. Queries then fail with
  // "bind message supplies 1 parameters, but prepared statement "" requires 3", or, when the
  // parameter counts match, silently return the other query's rows (e.g. unlinkWallet's
  // count/hasPassword pair). Every concurrent request against the embedded database is at risk
  // (tRPC batches run procedures in parallel).
  it("answers concurrent queries from a connection pool, each with its own rows", async () => {
    const { db, sql: client } = createDb(server.url);
    try {
      for (let i = 0; i < 20; i++) {
        const [a, b] = await Promise.all([
          db.execute<{ x: number }>(sql`select ${i}::int as x`),
          db.execute<{ y: string; z: string; w: number }>(sql`select ${`y${i}`}::text as y, ${"z"}::text as z, ${i}::int as w`),
        ]);
        expect(a[0]).toEqual({ x: i });
        expect(b[0]).toEqual({ y: `y${i}`, z: "z", w: i });
      }
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  it("stop() closes the port and removes its lock", async () => {
    await server.stop();
    expect(fs.existsSync(lockFile)).toBe(false);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port });
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    expect(open).toBe(false);
  });
});
