// A private, migrated database for one test file, reached through the production driver
// (createDb from db/client.ts: postgres.js over the wire protocol) on PGlite or PostgreSQL.
//
//   let t: TestDatabase;
//   beforeAll(async () => { t = await useTestDatabase(); });
//   afterAll(() => t.close());
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db, type DbKind } from "../client";
import { TEST_DB_KEY, withDatabase } from "./config";

export type TestDatabase = {
  db: Db;
  sql: ReturnType<typeof createDb>["sql"];
  url: string;
  kind: DbKind;
  close: () => Promise<void>;
};

export type TestDatabaseOptions = {
  // postgres.js pool size. Default: 10 (production) on PostgreSQL, 1 on PGlite; see below.
  max?: number;
};

// Which database the current project runs against (usable while tests are being collected).
export function testDatabaseKind(): DbKind {
  return inject(TEST_DB_KEY).kind;
}

export async function useTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const config = inject(TEST_DB_KEY);
  if (!config) throw new Error("no test database configured: run *.int.test.ts through the int-pglite or int-postgres project");
  return config.kind === "pglite"
    ? pgliteDatabase(config.dumpPath, opts.max ?? 1)
    : postgresDatabase(config.adminUrl, config.template, opts.max ?? 10);
}

// PGlite is one backend; @electric-sql/pglite-socket multiplexes connections onto it message
// by message, so the extended-protocol messages (Parse/Bind/Execute) of two connections that
// query at the same time interleave: queries fail ("bind message supplies 1 parameters, but
// prepared statement "" requires 3") or silently get each other's rows. db/embedded.int.test.ts
// shows it against the app's embedded server. Until that is fixed, PGlite test files use ONE
// connection (postgres.js then queues queries, as a single backend would run them anyway).
async function pgliteDatabase(dumpPath: string, max: number): Promise<TestDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const buf = fs.readFileSync(dumpPath);
  // A File with the gzip type: a Blob without a type makes PGlite wait forever.
  const pg = await PGlite.create({ loadDataDir: new File([buf], "dump.tar.gz", { type: "application/x-gzip" }) });
  // The same multiplexing as the embedded server (db/embedded.ts).
  const server = new PGLiteSocketServer({ db: pg, port: 0, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  const { db, sql } = createDb(url, { max });
  return {
    db,
    sql,
    url,
    kind: "pglite",
    close: async () => {
      await sql.end({ timeout: 5 });
      await server.stop();
      await pg.close();
    },
  };
}

async function postgresDatabase(adminUrl: string, template: string, max: number): Promise<TestDatabase> {
  const name = `lodestar_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  const { db, sql } = createDb(url, { max });
  return {
    db,
    sql,
    url,
    kind: "postgres",
    close: async () => {
      await sql.end({ timeout: 5 });
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}
