// tRPC test callers: the same appRouter and Context the HTTP route uses, with a fixed clock
// and request metadata chosen by the test (server/api/trpc.ts, server/api/context.ts).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { Db } from "@/db/client";
import { appRouter, createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import type { RequestMeta } from "@/server/services/context";
import { DomainError } from "@/server/errors";

export const TEST_HOST = "localhost:3000";
export const TEST_ORIGIN = "http://localhost:3000";
export const FIXED_NOW = new Date("2026-03-01T12:00:00.000Z");

let ipCounter = 0;
// A fresh client IP, so per-IP rate limits of one test never leak into the next.
export function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export function testMeta(overrides: Partial<RequestMeta> = {}): RequestMeta {
  return {
    ip: nextIp(),
    userAgent: "vitest",
    requestId: `req-${crypto.randomUUID()}`,
    host: TEST_HOST,
    origin: TEST_ORIGIN,
    ...overrides,
  };
}

export type ContextOptions = { userId?: string | null; now?: Date; meta?: Partial<RequestMeta> };

export function testContext(db: Db, opts: ContextOptions = {}): Context {
  const now = opts.now ?? FIXED_NOW;
  return {
    db,
    session: opts.userId ? { user: { id: opts.userId } } : null,
    meta: testMeta(opts.meta),
    now: () => now,
  };
}

export function callerFor(db: Db, opts: ContextOptions = {}) {
  return createCaller(testContext(db, opts));
}

export type ProcedureType = "query" | "mutation" | "subscription";

// Every procedure of appRouter by dotted path ("user.me") with its type. Walks the router
// record, so a procedure added later is covered by the tests that use this list.
export function listProcedures(): { path: string; type: ProcedureType; hasInput: boolean }[] {
  // At run time _def.procedures is flat, keyed by dotted path (its static type is nested).
  const record = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType; inputs: unknown[] } }>;
  return Object.entries(record)
    .map(([path, proc]) => ({ path, type: proc._def.type, hasInput: proc._def.inputs.length > 0 }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

// An HTTP round trip through tRPC's fetch adapter (what app/api/trpc/[trpc]/route.ts runs),
// without Next: queries as GET ?input=, mutations as POST, superjson-encoded.
export async function httpCall(
  ctx: Context,
  path: string,
  type: ProcedureType,
  input: unknown,
  opts: { rawBody?: string } = {},
): Promise<{ status: number; body: HttpErrorBody | HttpOkBody; headers: Headers }> {
  const encoded = JSON.stringify(superjson.serialize(input));
  const url =
    type === "query"
      ? `${TEST_ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(encoded)}`
      : `${TEST_ORIGIN}/api/trpc/${path}`;
  const req = new Request(url, {
    method: type === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json", host: TEST_HOST, origin: TEST_ORIGIN },
    body: type === "query" ? undefined : (opts.rawBody ?? encoded),
  });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => ctx,
    // Mirrors the route's responseMeta (Retry-After from a DomainError).
    responseMeta({ errors }) {
      const retry = errors
        .map((e) => (e.cause instanceof DomainError ? e.cause.retryAfterSeconds : undefined))
        .find((s) => typeof s === "number");
      return retry ? { headers: new Headers({ "Retry-After": String(retry) }) } : {};
    },
  });
  const body = (await res.json()) as HttpErrorBody | HttpOkBody;
  return { status: res.status, body, headers: res.headers };
}

export type HttpErrorBody = {
  error: {
    json: {
      message: string;
      code: number;
      data: { code: string; httpStatus: number; path?: string; zodError: unknown; domainCode: string | null };
    };
  };
};
export type HttpOkBody = { result: { data: unknown } };

export function isErrorBody(b: HttpErrorBody | HttpOkBody): b is HttpErrorBody {
  return "error" in b;
}
