// The one DomainError → tRPC/HTTP mapping, the error formatter (what a client may see) and
// the audit middleware, on a tiny router built with the real procedures.
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError, ErrorKind } from "@/server/errors";
import { logger } from "@/server/logger";
import { createCallerFactory, createTRPCRouter, ERROR_KIND_TO_TRPC, protectedProcedure, publicProcedure, type Context } from "./trpc";

// Captures audit_log inserts (insertAudit does db.insert(auditLog).values(row)).
function fakeDb() {
  const rows: Record<string, unknown>[] = [];
  const db = {
    insert: () => ({
      values: async (row: Record<string, unknown>) => {
        rows.push(row);
      },
    }),
  } as unknown as Db;
  return { db, rows };
}

function ctx(db: Db, userId: string | null = null): Context {
  return {
    db,
    session: userId ? { user: { id: userId } } : null,
    meta: { ip: "192.0.2.1", userAgent: "vitest", requestId: "req-1", host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => new Date("2026-03-01T12:00:00Z"),
  };
}

const kindSchema = z.enum(Object.values(ErrorKind) as [ErrorKind, ...ErrorKind[]]);

const router = createTRPCRouter({
  fail: publicProcedure.input(z.object({ kind: kindSchema })).query(({ input }) => {
    throw new DomainError(`test.${input.kind}`, input.kind, `Shown to the user: ${input.kind}.`, {
      message: "internal detail for the logs",
      retryAfterSeconds: input.kind === "rate_limited" ? 42 : undefined,
    });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("secret internal detail: password=hunter2");
  }),
  internalTrpc: publicProcedure.query(() => {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "raw internal TRPCError" });
  }),
  badOutput: publicProcedure.output(z.object({ n: z.number() })).query(() => ({ n: "not a number" }) as unknown as { n: number }),
  validated: publicProcedure
    .input(z.object({ a: z.number().int(), b: z.string().min(2), c: z.boolean(), d: z.email(), e: z.uuid(), f: z.number() }))
    .query(() => "ok"),
  whoami: protectedProcedure.query(({ ctx }) => ctx.userId),
  change: publicProcedure.input(z.object({ fail: z.boolean() })).mutation(({ input }) => {
    if (input.fail) throw new DomainError("test.NOPE", "conflict", "Nope.");
    return "done";
  }),
  crashMutation: publicProcedure.mutation(() => {
    throw new Error("boom");
  }),
  selfAudited: publicProcedure.meta({ audit: "service" }).mutation(() => "done"),
});

const createCaller = createCallerFactory(router);

async function http(c: Context, path: string, input: unknown, method: "GET" | "POST" = "GET") {
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = method === "GET" ? `http://localhost:3000/api/trpc/${path}?input=${encodeURIComponent(encoded)}` : `http://localhost:3000/api/trpc/${path}`;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, { method, body: method === "POST" ? encoded : undefined, headers: { "content-type": "application/json" } }),
    router,
    createContext: () => c,
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { error: { json: { message: string; data: Record<string, unknown> } } } };
}

afterEach(() => vi.restoreAllMocks());

describe("DomainError → tRPC code and HTTP status", () => {
  // Written out independently of ERROR_KIND_TO_TRPC: a change to the table must change this test.
  const expected: [ErrorKind, string, number][] = [
    ["invalid", "BAD_REQUEST", 400],
    ["unauthenticated", "UNAUTHORIZED", 401],
    ["forbidden", "FORBIDDEN", 403],
    ["not_found", "NOT_FOUND", 404],
    ["conflict", "CONFLICT", 409],
    ["rate_limited", "TOO_MANY_REQUESTS", 429],
    ["unavailable", "SERVICE_UNAVAILABLE", 503],
  ];

  it("covers every kind", () => {
    expect(expected.map(([k]) => k).sort()).toEqual(Object.values(ErrorKind).sort());
    expect(Object.keys(ERROR_KIND_TO_TRPC).sort()).toEqual(Object.values(ErrorKind).sort());
  });

  it.each(expected)("%s → %s (%i) with the user message, never the internal one", async (kind, code, status) => {
    const caller = createCaller(ctx(fakeDb().db));
    await expect(caller.fail({ kind })).rejects.toMatchObject({ code, message: `Shown to the user: ${kind}.` });

    const res = await http(ctx(fakeDb().db), "fail", { kind });
    expect(res.status).toBe(status);
    expect(res.body.error.json.message).toBe(`Shown to the user: ${kind}.`);
    expect(res.body.error.json.data).toMatchObject({ code, httpStatus: status, domainCode: `test.${kind}`, zodError: null });
    expect(res.text).not.toContain("internal detail");
  });

  it("carries retryAfterSeconds of a rate-limit error to the client", async () => {
    const res = await http(ctx(fakeDb().db), "fail", { kind: "rate_limited" });
    expect(res.body.error.json.data.retryAfterSeconds).toBe(42);
    const other = await http(ctx(fakeDb().db), "fail", { kind: "conflict" });
    expect(other.body.error.json.data.retryAfterSeconds).toBeNull();
  });
});

describe("internal errors", () => {
  it("hide the message and stack from the client, and are logged with the request id", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const res = await http(ctx(fakeDb().db, "u1"), "crash", undefined);
    expect(res.status).toBe(500);
    expect(res.body.error.json.message).toBe("Something went wrong on our side. Please try again.");
    expect(res.text).not.toContain("secret");
    expect(res.text).not.toContain("hunter2");
    expect(res.body.error.json.data).not.toHaveProperty("stack");
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ requestId: "req-1", userId: "u1", procedure: "crash" }), "procedure failed");
  });

  it("hide a TRPCError thrown as INTERNAL_SERVER_ERROR too, logging the error itself", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const res = await http(ctx(fakeDb().db), "internalTrpc", undefined);
    expect(res.status).toBe(500);
    expect(res.text).not.toContain("raw internal TRPCError");
    const [fields] = spy.mock.calls[0] as unknown as [{ err: unknown; userId: unknown }];
    expect(fields.userId).toBeNull();
    expect(fields.err).toBeInstanceOf(TRPCError);
  });

  it("include output that fails its schema (500, hidden)", async () => {
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const res = await http(ctx(fakeDb().db), "badOutput", undefined);
    expect(res.status).toBe(500);
    expect(res.body.error.json.message).toBe("Something went wrong on our side. Please try again.");
  });

  it("are not logged for expected domain errors", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    await http(ctx(fakeDb().db), "fail", { kind: "not_found" });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("invalid input", () => {
  it("is a 400 with a flattened zod error and a readable summary of at most 5 issues", async () => {
    const res = await http(ctx(fakeDb().db), "validated", { a: 1.5, b: "x", c: "yes", d: "nope", e: "nope", f: "nope" });
    expect(res.status).toBe(400);
    const data = res.body.error.json.data as { code: string; zodError: { formErrors: string[]; fieldErrors: Record<string, string[]> } };
    expect(data.code).toBe("BAD_REQUEST");
    expect(Object.keys(data.zodError.fieldErrors).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(data.zodError.formErrors).toEqual([]);
    const parts = res.body.error.json.message.split("; ");
    expect(parts).toHaveLength(5);
    expect(parts[0]).toMatch(/^a: /);
    expect(parts[1]).toMatch(/^b: /);
  });

  it("summarises an issue without a path by its message alone", async () => {
    const res = await http(ctx(fakeDb().db), "validated", 7);
    expect(res.status).toBe(400);
    expect(res.body.error.json.message).not.toMatch(/^: /);
    expect(res.body.error.json.message.length).toBeGreaterThan(0);
    expect((res.body.error.json.data.zodError as { formErrors: string[] }).formErrors.length).toBe(1);
  });
});

describe("protectedProcedure", () => {
  it("refuses a request without a session", async () => {
    await expect(createCaller(ctx(fakeDb().db)).whoami()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  });
  it("hands the session's user id to the procedure", async () => {
    await expect(createCaller(ctx(fakeDb().db, "user-7")).whoami()).resolves.toBe("user-7");
  });
});

describe("audit trail", () => {
  it("writes one success row for a mutation, with who and where", async () => {
    const { db, rows } = fakeDb();
    await createCaller(ctx(db, "u1")).change({ fail: false });
    expect(rows).toEqual([
      { userId: "u1", action: "change", outcome: "success", ip: "192.0.2.1", userAgent: "vitest", requestId: "req-1", detail: null },
    ]);
  });

  it("writes one failure row with the domain code", async () => {
    const { db, rows } = fakeDb();
    await expect(createCaller(ctx(db)).change({ fail: true })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, action: "change", outcome: "failure", detail: { code: "test.NOPE" } });
  });

  it("records the tRPC code for non-domain failures", async () => {
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const { db, rows } = fakeDb();
    await expect(createCaller(ctx(db)).crashMutation()).rejects.toBeTruthy();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "failure", detail: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("writes nothing for queries or for procedures whose service audits itself", async () => {
    const { db, rows } = fakeDb();
    const caller = createCaller(ctx(db));
    await caller.selfAudited();
    await expect(caller.fail({ kind: "invalid" })).rejects.toBeTruthy();
    expect(rows).toEqual([]);
  });

  it("never turns a completed mutation into an error when the audit write fails", async () => {
    const spy = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const db = { insert: () => ({ values: async () => Promise.reject(new Error("db down")) }) } as unknown as Db;
    await expect(createCaller(ctx(db)).change({ fail: false })).resolves.toBe("done");
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ action: "change", requestId: "req-1" }), "audit write failed");
  });
});
