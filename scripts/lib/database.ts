import { ensureEmbeddedServer, type EmbeddedServer } from "@/db/embedded";
import { dataDir, pglitePort } from "./env";

// The database a script should use: DATABASE_URL, or the embedded server (hosted here
// for the lifetime of the script when no other process is serving it).
export async function openScriptDatabase(log: (m: string) => void): Promise<EmbeddedServer & { kind: "pglite" | "postgres" }> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, hosted: false, stop: async () => {}, kind: "postgres" };
  }
  const server = await ensureEmbeddedServer({ dataDir: dataDir(), port: pglitePort(), log });
  return { ...server, kind: "pglite" };
}
