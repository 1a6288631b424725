import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { DEMO_USERS, seedDemo, seedDemoPortfolio } from "@/db/seed/demo";
import { seedMarket } from "@/db/seed/market";
import { hashPassword } from "@/server/services/user";
import { openScriptDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

loadEnv();
const log = (m: string) => console.log(`[seed] ${m}`);
const database = await openScriptDatabase(log);
try {
  await runMigrations(database.url);
  const { db, sql } = createDb(database.url, { max: 1 });
  const created = await seedDemo(db, hashPassword);
  const market = await seedMarket(db);
  const demoTxs = await seedDemoPortfolio(db);
  await sql.end({ timeout: 5 });
  log(
    market.loaded.length
      ? `loaded ${market.loaded.reduce((a, l) => a + l.rows, 0)} candles from ${market.loaded.length} market files (${market.ms} ms)`
      : `market data already loaded (${market.files} files)`,
  );
  if (demoTxs) log(`seeded the demo portfolio with ${demoTxs} sample transactions (labelled demo)`);
  log(created.length ? `created demo users: ${created.join(", ")}` : "demo users already present");
  log(`demo sign-in: ${DEMO_USERS[0].email} / ${DEMO_USERS[0].password} (labelled as demo in the app)`);
} finally {
  await database.stop();
}
