// Runs once when a Next server starts.
// - Embedded database (no DATABASE_URL) without the launcher (a bare `next start`): serve
//   the PGlite database from this process (or join the process already serving it) and migrate.
// - LODESTAR_MIGRATE_ON_START=1 (the Docker image): apply migrations to DATABASE_URL first.
// `npm run dev` / `npm start` do both themselves before Next starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.LODESTAR_LAUNCHER === "1") return;
  const { runMigrations } = await import("./db/migrate");
  if (process.env.DATABASE_URL) {
    if (process.env.LODESTAR_MIGRATE_ON_START === "1") await runMigrations(process.env.DATABASE_URL);
    return;
  }
  const { ensureEmbeddedServer } = await import("./db/embedded");
  const server = await ensureEmbeddedServer({
    dataDir: process.env.LODESTAR_DATA_DIR ?? ".data",
    port: Number(process.env.PGLITE_PORT ?? 54329),
    log: (m) => console.log(`[db] ${m}`),
  });
  await runMigrations(server.url);
}
