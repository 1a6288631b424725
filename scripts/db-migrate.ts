import { runMigrations } from "@/db/migrate";
import { openScriptDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

loadEnv();
const log = (m: string) => console.log(`[db] ${m}`);
const database = await openScriptDatabase(log);
try {
  const started = Date.now();
  await runMigrations(database.url);
  log(`migrations applied to ${database.kind} in ${Date.now() - started} ms`);
} finally {
  await database.stop();
}
