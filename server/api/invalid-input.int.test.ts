// Every procedure of appRouter, over HTTP (tRPC's fetch adapter, as the Next route runs it),
// with inputs of the wrong shape: a 4xx with a message, never a 500, and nothing written.
// The list of procedures is read from the router, so new procedures are covered automatically.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { issueSiweNonce, signInWithEthereum } from "@/server/services/user";
import { freshAccount, signedProof } from "@/test/siwe";
import { FIXED_NOW, httpCall, isErrorBody, listProcedures, testContext, testMeta } from "@/test/trpc";

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await useTestDatabase();
  const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), FIXED_NOW);
  userId = (await signInWithEthereum(t.db, await signedProof(freshAccount(), nonce, FIXED_NOW), testMeta(), FIXED_NOW)).id;
  await t.sql`update users set email = 'invalid-input@example.com', password_hash = null where id = ${userId}`;
});
afterAll(async () => {
  await t?.close();
});

// Wrong in every way we can think of, for whatever shape the procedure expects.
const WRONG_FIELDS = {
  id: 42,
  walletId: { not: "a uuid" },
  name: ["array"],
  email: false,
  password: 1234567890123,
  purpose: "admin",
  message: 7,
  signature: "not hex",
  chainId: "one",
  symbol: { $ne: null },
  windowDays: -1,
  limit: "many",
  displayName: 5,
  bio: 6,
  isPublic: "yes",
  costBasisMethod: "magic",
};
const INVALID_INPUTS: [string, unknown][] = [
  ["a number", 12345],
  ["a string", "'; drop table users; --"],
  ["an array", [1, 2, 3]],
  ["an object of wrong types", WRONG_FIELDS],
];

const TABLES = ["users", "wallets", "portfolios", "trader_profiles", "siwe_nonces", "automations", "accounts", "sessions", "rate_limits", "chain_txs",
  "jobs", "job_effects", "automation_runs", "paper_accounts", "paper_balances", "paper_fills", "vaults", "keeper_txs", "risk_settings", "breaker_events",
  "notifications", "alerts", "webhooks", "webhook_deliveries", "verified_trades", "trader_equity_daily", "follows", "copy_relations", "copy_positions",
  "copy_trades", "signals"];

async function tableCounts(): Promise<Record<string, number>> {
  const columns = TABLES.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(", ");
  const rows = await t.sql.unsafe<Record<string, number>[]>(`select ${columns}`);
  return { ...rows[0]! };
}

const procedures = listProcedures();
const hasInput = (path: string) => procedures.find((p) => p.path === path)!.hasInput;

describe.each([
  ["signed in", true],
  ["anonymous", false],
])("every procedure, %s, with invalid input", (_, signedIn) => {
  const cases = procedures.flatMap((p) => INVALID_INPUTS.map(([label, input]) => [p.path, p.type, label, input] as const));

  it.each(cases)("%s (%s) with %s → 4xx, never 500, nothing written", async (path, type, _label, input) => {
    const before = await tableCounts();
    const ctx = testContext(t.db, { userId: signedIn ? userId : null });
    const res = await httpCall(ctx, path, type, input);

    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    if (hasInput(path)) {
      expect(isErrorBody(res.body)).toBe(true);
      const allowed = signedIn ? [400] : [400, 401];
      expect(allowed, `${path}: ${JSON.stringify(res.body)}`).toContain(res.status);
    } else {
      // No input declared: extra input is ignored (200) or refused (4xx), never a crash.
      expect([200, 400, 401]).toContain(res.status);
    }
    if (isErrorBody(res.body)) {
      expect(res.body.error.json.message.length).toBeGreaterThan(0);
      expect(res.body.error.json.data.httpStatus).toBe(res.status);
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("malformed requests", () => {
  it("a mutation body that is not JSON → 400", async () => {
    const ctx = testContext(t.db, { userId });
    const res = await httpCall(ctx, "portfolio.create", "mutation", null, { rawBody: "{not json" });
    expect(res.status).toBe(400);
  });

  it("a query sent as POST, a mutation sent as GET → 405, not 500", async () => {
    const ctx = testContext(t.db, { userId });
    expect((await httpCall(ctx, "user.me", "mutation", undefined)).status).toBe(405);
    expect((await httpCall(ctx, "portfolio.create", "query", { name: "x" })).status).toBe(405);
  });

  it("an unknown procedure → 404", async () => {
    const ctx = testContext(t.db, { userId });
    expect((await httpCall(ctx, "user.doesNotExist", "query", undefined)).status).toBe(404);
  });

  it("valid input over the same path succeeds (the harness is not refusing everything)", async () => {
    const before = await tableCounts();
    const res = await httpCall(testContext(t.db, { userId }), "portfolio.create", "mutation", { name: "  Real one " });
    expect(res.status).toBe(200);
    expect((await tableCounts()).portfolios).toBe(before.portfolios! + 1);
  });
});
