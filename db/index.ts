// The app's database handle. DATABASE_URL set: that PostgreSQL server. Unset: the embedded
// PGlite database (db/embedded.ts), reached over the same postgres.js driver.
// Creating the client opens no connection; the first query does.
import { createDb, type Db, type DbKind } from "./client";
import { embeddedDatabaseUrl } from "./embedded";

export type { Db, DbKind };

export function resolveDatabase(env: NodeJS.ProcessEnv = process.env): { url: string; kind: DbKind } {
  const explicit = env.DATABASE_URL;
  if (explicit) return { url: explicit, kind: "postgres" };
  const port = Number(env.PGLITE_PORT ?? 54329);
  return { url: embeddedDatabaseUrl(port), kind: "pglite" };
}

type Handle = ReturnType<typeof createDb> & { kind: DbKind };
const globalForDb = globalThis as unknown as { __lodestarDb?: Handle };

function handle(): Handle {
  if (!globalForDb.__lodestarDb) {
    const { url, kind } = resolveDatabase();
    globalForDb.__lodestarDb = { ...createDb(url), kind };
  }
  return globalForDb.__lodestarDb;
}

export const db: Db = handle().db;

export function dbKind(): DbKind {
  return handle().kind;
}

export function rawSql() {
  return handle().sql;
}
