// int-pglite globalSetup: one PGlite database, migrated with the production runner over the
// wire protocol, dumped to .data/test/pglite-<hash>.tar.gz. The dump is reused while the
// migrations folder and the PGlite version are unchanged; each test file loads its own copy
// (db/testing/database.ts), which costs ~1 s instead of ~2-6 s for initdb.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../migrate";
import { TEST_DB_KEY } from "./config";

function hashMigrations(dir: string): string {
  const h = crypto.createHash("sha256");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update("\0").update(fs.readFileSync(p)).update("\0");
    }
  };
  walk(dir);
  return h.digest("hex").slice(0, 16);
}

export async function buildPgliteDump(migrationsFolder: string, outFile: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const pg = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pg, port: 0, host: "127.0.0.1", maxConnections: 4 });
  try {
    await server.start();
    await runMigrations(`postgres://postgres:postgres@${server.getServerConn()}/postgres`, migrationsFolder);
  } finally {
    await server.stop();
  }
  const dump = await pg.dumpDataDir("gzip");
  await pg.close();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // Written aside and renamed: a concurrent run never reads half a file.
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, outFile);
}

export default async function setup(project: TestProject) {
  const root = project.config.root;
  const migrationsFolder = path.resolve(root, "db/migrations");
  const pgliteVersion = (JSON.parse(fs.readFileSync(path.resolve(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
  const dumpPath = path.resolve(root, ".data/test", `pglite-${pgliteVersion}-${hashMigrations(migrationsFolder)}.tar.gz`);
  if (!fs.existsSync(dumpPath)) await buildPgliteDump(migrationsFolder, dumpPath);
  project.provide(TEST_DB_KEY, { kind: "pglite", dumpPath });
}
