import { defineConfig } from "drizzle-kit";

// `npm run db:generate` only diffs the schema against db/migrations (no database needed).
// Migrations are applied by `npm run db:migrate` (scripts/db-migrate.ts), which runs the
// same files against the embedded PGlite database or DATABASE_URL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres" },
  strict: true,
  verbose: true,
});
