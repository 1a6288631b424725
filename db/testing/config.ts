// What the int-* projects' globalSetup hands to test files (vitest provide/inject).
export type TestDbConfig =
  | { kind: "pglite"; dumpPath: string }
  | { kind: "postgres"; adminUrl: string; template: string };

export const TEST_DB_KEY = "lodestarTestDb" as const;

declare module "vitest" {
  export interface ProvidedContext {
    lodestarTestDb: TestDbConfig;
  }
}

// `url` with its database name replaced.
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
