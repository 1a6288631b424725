// Runs once when a Next server starts. `npm run dev` / `npm start` already serve the
// embedded database and migrate it; this covers a bare `next start` without the launcher.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.DATABASE_URL) return;
  if (process.env.LODESTAR_LAUNCHER === "1") return;
  const { ensureEmbeddedServer } = await import("./db/embedded");
  const { runMigrations } = await import("./db/migrate");
  const server = await ensureEmbeddedServer({
    dataDir: process.env.LODESTAR_DATA_DIR ?? ".data",
    port: Number(process.env.PGLITE_PORT ?? 54329),
    log: (m) => console.log(`[db] ${m}`),
  });
  await runMigrations(server.url);
}
