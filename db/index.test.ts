import { describe, expect, it } from "vitest";
import { resolveDatabase } from "./index";

describe("resolveDatabase", () => {
  it("uses DATABASE_URL as a PostgreSQL server when set", () => {
    expect(resolveDatabase({ DATABASE_URL: "postgres://u@db.example:5432/app" } as unknown as NodeJS.ProcessEnv)).toEqual({
      url: "postgres://u@db.example:5432/app",
      kind: "postgres",
    });
  });

  it("falls back to the embedded PGlite server on PGLITE_PORT (default 54329)", () => {
    expect(resolveDatabase({} as NodeJS.ProcessEnv)).toEqual({ url: "postgres://postgres:postgres@127.0.0.1:54329/postgres", kind: "pglite" });
    expect(resolveDatabase({ PGLITE_PORT: "6000" } as unknown as NodeJS.ProcessEnv).url).toBe("postgres://postgres:postgres@127.0.0.1:6000/postgres");
  });
});
