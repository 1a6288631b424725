import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type DbKind = "pglite" | "postgres";

export function createDb(url: string, opts: { max?: number } = {}) {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Keep idle connections short-lived so the embedded server is not pinned.
    idle_timeout: 20,
    connect_timeout: 10,
  });
  const db: Db = drizzle(sql, { schema, casing: undefined });
  return { db, sql };
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
// Queries accept either the database or an open transaction.
export type DbOrTx = Db | Tx;
