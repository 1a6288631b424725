import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { auditLog, rateLimits } from "@/db/schema";

// Atomically counts one hit in the key's current window (starting a new window when the
// old one has ended) and returns the window's state after the hit.
export async function hitRateLimit(db: Db, key: string, windowMs: number, now: Date) {
  // postgres.js cannot bind a Date inside a raw sql fragment: pass ISO strings, cast.
  const windowFloor = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${windowFloor} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowFloor} then ${nowTs} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  return row;
}

// The key's current window without counting a hit (null when none is open).
export async function peekRateLimit(db: Db, key: string, windowMs: number, now: Date) {
  const windowFloor = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const rows = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), sql`${rateLimits.windowStart} > ${windowFloor}`));
  return rows[0] ?? null;
}

export async function clearRateLimit(db: Db, key: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

export async function pruneRateLimits(db: Db, olderThan: Date) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}

export type AuditEntry = {
  userId: string | null;
  action: string;
  outcome: "success" | "failure";
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
};

export async function insertAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 512) : null,
    requestId: entry.requestId ?? null,
    detail: entry.detail ?? null,
  });
}

export async function listAuditForUser(db: Db, userId: string, limit: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      outcome: auditLog.outcome,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(eq(auditLog.userId, userId))
    .orderBy(sql`${auditLog.createdAt} desc, ${auditLog.id} desc`)
    .limit(limit);
}
