// The audit trail through the real appRouter: every mutation leaves one audit_log row (who,
// what, outcome, from where); services that audit themselves (user.signUp) write their own;
// no row ever holds a password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { verifyPasswordSignIn } from "@/server/services/user";
import { callerFor, FIXED_NOW, testMeta } from "@/test/trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Row = { user_id: string | null; action: string; outcome: string; ip: string | null; user_agent: string | null; request_id: string | null; detail: unknown };

async function rowsFor(requestId: string): Promise<Row[]> {
  return t.sql<Row[]>`
    select user_id, action, outcome::text as outcome, ip, user_agent, request_id, detail
    from audit_log where request_id = ${requestId} order by id`;
}

const PASSWORD = "a very long secret 9f3c";
let userId: string;

beforeAll(async () => {
  const u = await callerFor(t.db).user.signUp({ name: "Auditor", email: "auditor@example.com", password: PASSWORD });
  userId = u.id;
});

describe("audit_log", () => {
  it("a successful mutation writes one row: action = procedure path, success, ip, request id, user", async () => {
    const meta = { ip: "203.0.113.10", requestId: "req-audit-ok", userAgent: "Mozilla/5.0 test" };
    await callerFor(t.db, { userId, meta }).portfolio.create({ name: "Audited" });
    expect(await rowsFor("req-audit-ok")).toEqual([
      { user_id: userId, action: "portfolio.create", outcome: "success", ip: "203.0.113.10", user_agent: "Mozilla/5.0 test", request_id: "req-audit-ok", detail: null },
    ]);
  });

  it("a failed mutation writes one failure row with the error code", async () => {
    const meta = { ip: "203.0.113.11", requestId: "req-audit-fail" };
    await expect(
      callerFor(t.db, { userId, meta }).portfolio.rename({ id: crypto.randomUUID(), name: "x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await rowsFor("req-audit-fail")).toEqual([
      expect.objectContaining({ user_id: userId, action: "portfolio.rename", outcome: "failure", ip: "203.0.113.11", detail: { code: "portfolio.NOT_FOUND" } }),
    ]);
  });

  it("a mutation refused for invalid input is recorded as a failure", async () => {
    await expect(callerFor(t.db, { userId, meta: { requestId: "req-audit-invalid" } }).portfolio.create({ name: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await rowsFor("req-audit-invalid")).toEqual([expect.objectContaining({ action: "portfolio.create", outcome: "failure", detail: { code: "BAD_REQUEST" } })]);
  });

  it("an anonymous mutation is recorded without a user", async () => {
    await callerFor(t.db, { meta: { requestId: "req-audit-anon" } }).user.siweNonce({ purpose: "sign_in" });
    expect(await rowsFor("req-audit-anon")).toEqual([expect.objectContaining({ user_id: null, action: "user.siweNonce", outcome: "success" })]);
  });

  it("queries are not audited", async () => {
    await callerFor(t.db, { userId, meta: { requestId: "req-audit-query" } }).portfolio.list();
    expect(await rowsFor("req-audit-query")).toEqual([]);
  });

  it("user.signUp writes exactly one row of its own, naming the new user", async () => {
    const u = await callerFor(t.db, { meta: { requestId: "req-audit-signup", ip: "203.0.113.12" } }).user.signUp({
      name: "New",
      email: "new-audited@example.com",
      password: PASSWORD,
    });
    expect(await rowsFor("req-audit-signup")).toEqual([
      expect.objectContaining({ user_id: u.id, action: "user.signUp", outcome: "success", ip: "203.0.113.12", detail: null }),
    ]);
  });

  it("a sign-up with a taken email writes one failure row", async () => {
    await expect(
      callerFor(t.db, { meta: { requestId: "req-audit-signup-dup" } }).user.signUp({ name: "Dup", email: "auditor@example.com", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await rowsFor("req-audit-signup-dup")).toEqual([
      expect.objectContaining({ user_id: null, action: "user.signUp", outcome: "failure", detail: { reason: "email_taken" } }),
    ]);
  });

  // Regression guard (was a bug in server/services/user.ts signUp + the audit: "service" meta on user.signUp): the
  // middleware leaves signUp's auditing to the service, but the service audits only the
  // email-taken failure. A sign-up refused for a weak password, for the rate limit, or for
  // invalid input leaves no audit_log row, against "every mutation leaves an audit_log row,
  // success or failure" (server/api/trpc.ts) — a sign-up flood from one IP is invisible.
  it("a sign-up refused for a weak password writes one failure row", async () => {
    await expect(
      callerFor(t.db, { meta: { requestId: "req-audit-signup-weak" } }).user.signUp({ name: "Weak", email: "weak@example.com", password: "password123" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await rowsFor("req-audit-signup-weak")).toEqual([expect.objectContaining({ action: "user.signUp", outcome: "failure" })]);
  });

  it("no row contains a password, in any column", async () => {
    // Password sign-ins (good and bad) write rows too.
    await verifyPasswordSignIn(t.db, { email: "auditor@example.com", password: PASSWORD }, testMeta(), FIXED_NOW);
    await verifyPasswordSignIn(t.db, { email: "auditor@example.com", password: `${PASSWORD} typo` }, testMeta(), FIXED_NOW).catch(() => null);
    const total = await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
    expect(total[0]!.n).toBeGreaterThanOrEqual(8);
    const leaks = await t.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log a
      where a::text like ${`%${PASSWORD}%`} or coalesce(a.detail::text, '') ilike '%password%'`;
    expect(leaks[0]!.n).toBe(0);
  });
});
