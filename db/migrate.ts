import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

// Applies db/migrations (drizzle-kit output) to the database at `url`. Same files,
// same runner for PGlite (over its socket) and PostgreSQL. Idempotent.
export async function runMigrations(url: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const { db, sql } = createDb(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
