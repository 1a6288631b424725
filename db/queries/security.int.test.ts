import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { clearRateLimit, hitRateLimit, insertAudit, listAuditForUser, peekRateLimit, pruneRateLimits } from "./security";

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const T0 = new Date("2026-03-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const WINDOW = 60_000;

describe("hitRateLimit", () => {
  it("counts hits in one window and starts a new window once it has ended", async () => {
    const key = "test:rollover";
    expect(await hitRateLimit(t.db, key, WINDOW, T0)).toEqual({ count: 1, windowStart: T0 });
    expect(await hitRateLimit(t.db, key, WINDOW, at(1_000))).toEqual({ count: 2, windowStart: T0 });
    // 1 ms before the window ends: still the same window.
    expect(await hitRateLimit(t.db, key, WINDOW, at(WINDOW - 1))).toEqual({ count: 3, windowStart: T0 });
    // The window [T0, T0 + 60 s) is over: a new one starts at the hit.
    expect(await hitRateLimit(t.db, key, WINDOW, at(WINDOW))).toEqual({ count: 1, windowStart: at(WINDOW) });
    expect(await hitRateLimit(t.db, key, WINDOW, at(WINDOW + 5))).toEqual({ count: 2, windowStart: at(WINDOW) });
  });

  it("keeps keys apart", async () => {
    await hitRateLimit(t.db, "test:a", WINDOW, T0);
    await hitRateLimit(t.db, "test:a", WINDOW, T0);
    expect((await hitRateLimit(t.db, "test:b", WINDOW, T0)).count).toBe(1);
  });

  it("counts concurrent hits exactly (20 in parallel → 20)", async () => {
    const key = "test:concurrent";
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(t.db, key, WINDOW, T0)));
    // Each hit saw a distinct count: no lost update, no duplicate insert.
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await peekRateLimit(t.db, key, WINDOW, T0)).toEqual({ count: 20, windowStart: T0 });
  });
});

describe("peekRateLimit / clearRateLimit / pruneRateLimits", () => {
  it("peeks without counting and forgets an ended window", async () => {
    const key = "test:peek";
    expect(await peekRateLimit(t.db, key, WINDOW, T0)).toBeNull();
    await hitRateLimit(t.db, key, WINDOW, T0);
    expect(await peekRateLimit(t.db, key, WINDOW, at(10))).toEqual({ count: 1, windowStart: T0 });
    expect(await peekRateLimit(t.db, key, WINDOW, at(10))).toEqual({ count: 1, windowStart: T0 });
    expect(await peekRateLimit(t.db, key, WINDOW, at(WINDOW))).toBeNull();
  });

  it("clears one key", async () => {
    await hitRateLimit(t.db, "test:clear", WINDOW, T0);
    await hitRateLimit(t.db, "test:keep", WINDOW, T0);
    await clearRateLimit(t.db, "test:clear");
    expect(await peekRateLimit(t.db, "test:clear", WINDOW, T0)).toBeNull();
    expect(await peekRateLimit(t.db, "test:keep", WINDOW, T0)).not.toBeNull();
  });

  it("prunes windows that started before a time", async () => {
    await hitRateLimit(t.db, "test:old", WINDOW, at(-3_600_000));
    await hitRateLimit(t.db, "test:new", WINDOW, T0);
    await pruneRateLimits(t.db, at(-1_000));
    const keys = (await t.sql<{ key: string }[]>`select key from rate_limits where key in ('test:old', 'test:new')`).map((r) => r.key);
    expect(keys).toEqual(["test:new"]);
  });
});

describe("audit log", () => {
  it("stores an entry, truncating the user agent to 512 characters", async () => {
    await insertAudit(t.db, {
      userId: "audit-user-1",
      action: "test.action",
      outcome: "success",
      ip: "192.0.2.1",
      userAgent: "u".repeat(600),
      requestId: "req-1",
      detail: { k: 1 },
    });
    const [row] = await t.sql<{ user_agent: string; detail: unknown; ip: string }[]>`
      select user_agent, detail, ip from audit_log where user_id = 'audit-user-1'`;
    expect(row!.user_agent).toHaveLength(512);
    expect(row!.detail).toEqual({ k: 1 });
    expect(row!.ip).toBe("192.0.2.1");
  });

  it("lists a user's entries newest first, limited", async () => {
    for (const action of ["first", "second", "third"]) {
      await insertAudit(t.db, { userId: "audit-user-2", action, outcome: "success" });
    }
    await insertAudit(t.db, { userId: "someone-else", action: "other", outcome: "failure" });
    const rows = await listAuditForUser(t.db, "audit-user-2", 2);
    expect(rows.map((r) => r.action)).toEqual(["third", "second"]);
    expect(rows[0]).toMatchObject({ outcome: "success", ip: null, userAgent: null });
    const total = await t.db.execute(sql`select count(*)::int as n from audit_log where user_id = 'audit-user-2'`);
    expect(total[0]).toEqual({ n: 3 });
  });
});
