import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Dependency direction (CONVENTIONS §1), enforced here:
//   server/<domain> core  → only other core, lib/money, zod (no db, no services, no next)
//   db/queries            → only db/schema and drizzle
//   server/api/routers    → services and lib/schemas, never db/
//   app, components, lib  → lib, components and the AppRouter type; server components in
//                           app/ may also use the server entry points @/server/auth and
//                           @/server/api/rsc (and @/server/chain/config for runtime RPC config).
// The Uniswap SDKs are reference oracles for tests and benchmarks, never product code. Flat
// config replaces a rule per file rather than merging it, so every list below repeats this.
const sdkPattern = { group: ["@uniswap/*-sdk", "@uniswap/sdk-core", "jsbi"], message: "SDKs are test/bench oracles only." };

const clientSide = {
  patterns: [
    sdkPattern,
    { group: ["@/db", "@/db/*"], message: "UI and lib code never import the database." },
    {
      regex: "^@/server/(?!auth$|api/rsc$|api/root$|chain/config$)",
      message: "UI and lib code reach the server through tRPC (server entry points: @/server/auth, @/server/api/rsc).",
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "coverage/**", "test-results/**", "playwright-report/**", "e2e/.artifacts/**", "next-env.d.ts", "db/migrations/**", "**/.*-tmp*"]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-ignore": true, "ts-expect-error": "allow-with-description" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import/no-anonymous-default-export": "off",
    },
  },
  {
    // The Uniswap SDKs are reference oracles for tests and benchmarks, never product code.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["**/*.test.ts", "bench/**", "server/defi/math/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [sdkPattern] },
      ],
    },
  },
  { files: ["app/**", "components/**"], ignores: ["app/api/**"], rules: { "no-restricted-imports": ["error", clientSide] } },
  {
    files: ["lib/**"],
    ignores: ["lib/trpc/client.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [sdkPattern, { group: ["@/db", "@/db/*", "@/server", "@/server/*"], message: "lib/ is universal: never import server/ or db/." }] },
      ],
    },
  },
  {
    files: ["server/api/routers/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            sdkPattern,
            { group: ["@/db", "@/db/*"], message: "Routers call services, not the database." },
            { group: ["@trpc/server"], importNames: ["TRPCError"], message: "Throw DomainError from services." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/user/**", "server/security/**", "server/insights/**", "server/market/**", "server/defi/**", "server/imports/**", "server/portfolio/**", "server/automation/**", "server/social/**"],
    // Test helpers may read fixtures; the worker runner is the one place threads are started.
    ignores: ["**/*.test.ts", "server/defi/math/testing/**", "server/imports/test-fixtures.ts", "server/portfolio/compute-in-worker.ts", "server/portfolio/worker-entry.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            sdkPattern,
            {
              group: ["@/db", "@/db/*", "@/server/services/*", "@/server/api/*", "@/server/chain/*", "next", "next/*", "node:*", "@trpc/*"],
              message: "The domain core is pure: no I/O, database, framework or services.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["db/queries/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [sdkPattern, { group: ["@/server/*", "@/lib/*"], message: "Queries import only db/schema and drizzle." }] },
      ],
    },
  },
]);
