// Vitest: three projects.
//   unit         every *.test.ts that is not *.int.test.ts (pure code, no database)
//   int-pglite   every *.int.test.ts against PGlite (one migrated dump, cloned per test file)
//   int-postgres the same files against a real PostgreSQL server; only when TEST_DATABASE_URL
//                is set (a template database is migrated once, each file gets a copy)
// Harness: db/testing/ (databases) and test/ (tRPC context, SIWE, anvil).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Dates in tests and in the code under test are UTC, whatever the machine says.
process.env.TZ = "UTC";

const INT = "**/*.int.test.ts";
const exclude = [...configDefaults.exclude, "e2e/**", ".next/**", ".data/**", "coverage/**"];

const intTest = {
  include: [INT],
  exclude,
  environment: "node" as const,
  // A file clones its database in beforeAll (~1 s on PGlite); argon2 and anvil are slow-ish.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  // tsconfig's "@/*" → repo root (without vite-tsconfig-paths). Only "@/…", never "@scope/pkg".
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    root,
    env: {
      TZ: "UTC",
      NODE_ENV: "test",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      // No test may reach another engineer's (or the dev launcher's) chains on 8545/8546 by
      // accident: the local chains point at closed ports unless a test starts its own.
      RPC_URL_31337: "http://127.0.0.1:28597",
      RPC_URL_31338: "http://127.0.0.1:28598",
      AUTH_URL: "",
    },
    // `.only` fails the run in CI (vitest's name for forbidOnly).
    allowOnly: !process.env.CI,
    // 2 cores; each PGlite test file holds ~600 MB while it runs.
    maxWorkers: 2,
    coverage: {
      provider: "v8",
      include: ["server/**/*.ts", "lib/**/*.ts", "db/**/*.ts"],
      exclude: ["**/*.test.ts", "db/testing/**", "db/migrations/**"],
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, INT], environment: "node" },
      },
      {
        extends: true,
        test: { name: "int-pglite", ...intTest, globalSetup: ["db/testing/global-setup.pglite.ts"] },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { name: "int-postgres", ...intTest, globalSetup: ["db/testing/global-setup.postgres.ts"] },
            },
          ]
        : []),
    ],
  },
});
