import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { automationRuns, automations, breakerEvents, keeperTxs, paperFills, riskSettings } from "@/db/schema";

export type AutomationRow = typeof automations.$inferSelect;
export type AutomationRunRow = typeof automationRuns.$inferSelect;
type Kind = AutomationRow["kind"];
type Status = AutomationRow["status"];

/** The user's automations (deleted ones are gone from every user-facing read; their runs stay). */
const visible = (userId: string) => and(eq(automations.userId, userId), isNull(automations.deletedAt));

export async function listAutomationsForUser(db: Db, userId: string) {
  return db.select().from(automations).where(visible(userId)).orderBy(desc(automations.createdAt), asc(automations.id));
}

export async function countAutomationsForUser(db: Db, userId: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(automations)
    .where(visible(userId));
  return rows[0]?.n ?? 0;
}

export async function findAutomationForUser(db: Db, userId: string, id: string) {
  const rows = await db
    .select()
    .from(automations)
    .where(and(eq(automations.id, id), visible(userId)));
  return rows[0] ?? null;
}

/** For the runner only (a job carries the automation id, the row carries its owner). */
export async function findAutomationById(db: Db, id: string) {
  const rows = await db.select().from(automations).where(eq(automations.id, id));
  return rows[0] ?? null;
}

export async function insertAutomation(
  db: Db,
  values: { userId: string; kind: Kind; name: string; status: Status; rail: "paper" | "vault"; chainId: number; config: Record<string, unknown>; state: Record<string, unknown>; nextRunAt: Date | null },
) {
  const rows = await db.insert(automations).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateAutomationForUser(
  db: Db,
  userId: string,
  id: string,
  patch: Partial<Pick<AutomationRow, "name" | "status" | "statusReason" | "config" | "state" | "nextRunAt" | "lastRunAt">>,
) {
  const rows = await db
    .update(automations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(automations.id, id), visible(userId)))
    .returning();
  return rows[0] ?? null;
}

/** Soft delete: stopped for good and hidden; its runs remain in the audit log. */
export async function deleteAutomationForUser(db: Db, userId: string, id: string) {
  const rows = await db
    .update(automations)
    .set({ deletedAt: new Date(), status: "stopped", statusReason: "Deleted by you", nextRunAt: null, updatedAt: new Date() })
    .where(and(eq(automations.id, id), visible(userId)))
    .returning({ id: automations.id });
  return rows[0] ?? null;
}

/** Active scheduled automations whose next run is due (the scheduler tick). */
export async function listDueAutomations(db: Db, now: Date, limit = 200) {
  return db
    .select()
    .from(automations)
    .where(and(eq(automations.status, "active"), isNotNull(automations.nextRunAt), lte(automations.nextRunAt, now)))
    .orderBy(asc(automations.nextRunAt))
    .limit(limit);
}

export async function listActiveAutomations(db: Db, kinds?: Kind[]) {
  const where = kinds?.length ? and(eq(automations.status, "active"), inArray(automations.kind, kinds)) : eq(automations.status, "active");
  return db.select().from(automations).where(where).orderBy(asc(automations.createdAt));
}

export async function listActiveAutomationsForUser(db: Db, userId: string) {
  return db
    .select()
    .from(automations)
    .where(and(visible(userId), eq(automations.status, "active")));
}

export async function usersWithActiveAutomations(db: Db) {
  const rows = await db.selectDistinct({ userId: automations.userId }).from(automations).where(eq(automations.status, "active"));
  return rows.map((r) => r.userId);
}

/** Upsert the one run row of a job key (a retried job updates its row). */
export async function upsertRun(
  db: Db,
  values: {
    automationId: string;
    userId: string;
    jobKey: string;
    status: AutomationRunRow["status"];
    inputs: Record<string, unknown>;
    decision: Record<string, unknown>;
    rationale: string;
    paperFillId?: string | null;
    keeperTxId?: string | null;
    error?: string | null;
    scheduledFor?: Date | null;
    finishedAt?: Date | null;
  },
) {
  const rows = await db
    .insert(automationRuns)
    .values(values)
    .onConflictDoUpdate({
      target: automationRuns.jobKey,
      set: {
        status: values.status,
        inputs: values.inputs,
        decision: values.decision,
        rationale: values.rationale,
        paperFillId: values.paperFillId ?? null,
        keeperTxId: values.keeperTxId ?? null,
        error: values.error ?? null,
        finishedAt: values.finishedAt ?? null,
      },
    })
    .returning();
  return rows[0]!;
}

export async function findRunByKey(db: Db, jobKey: string) {
  const rows = await db.select().from(automationRuns).where(eq(automationRuns.jobKey, jobKey));
  return rows[0] ?? null;
}

/** Runs of the caller's automations (optionally one), newest first, with their fill or keeper tx. */
export async function listRunsForUser(db: Db, userId: string, opts: { automationId?: string; limit: number; before?: Date }) {
  const conds = [eq(automationRuns.userId, userId)];
  if (opts.automationId) conds.push(eq(automationRuns.automationId, opts.automationId));
  if (opts.before) conds.push(lt(automationRuns.createdAt, opts.before));
  return db
    .select({
      run: automationRuns,
      automationName: automations.name,
      automationKind: automations.kind,
      automationDeletedAt: automations.deletedAt,
      fill: {
        id: paperFills.id,
        tokenIn: paperFills.tokenIn,
        tokenOut: paperFills.tokenOut,
        amountIn: paperFills.amountIn,
        amountOut: paperFills.amountOut,
        block: paperFills.block,
        priceImpactBps: paperFills.priceImpactBps,
      },
      keeperTx: {
        id: keeperTxs.id,
        hash: keeperTxs.hash,
        status: keeperTxs.status,
        tokenIn: keeperTxs.tokenIn,
        tokenOut: keeperTxs.tokenOut,
        amountIn: keeperTxs.amountIn,
        amountOut: keeperTxs.amountOut,
        blockNumber: keeperTxs.blockNumber,
        triggerBlock: keeperTxs.triggerBlock,
        chainId: keeperTxs.chainId,
      },
    })
    .from(automationRuns)
    .innerJoin(automations, eq(automations.id, automationRuns.automationId))
    .leftJoin(paperFills, eq(paperFills.id, automationRuns.paperFillId))
    .leftJoin(keeperTxs, eq(keeperTxs.id, automationRuns.keeperTxId))
    .where(and(...conds))
    .orderBy(desc(automationRuns.createdAt), desc(automationRuns.id))
    .limit(opts.limit);
}

/** Last run per automation of the user (list badges). */
export async function lastRunsForUser(db: Db, userId: string) {
  return db
    .selectDistinctOn([automationRuns.automationId], {
      automationId: automationRuns.automationId,
      status: automationRuns.status,
      rationale: automationRuns.rationale,
      error: automationRuns.error,
      createdAt: automationRuns.createdAt,
    })
    .from(automationRuns)
    .where(eq(automationRuns.userId, userId))
    .orderBy(automationRuns.automationId, desc(automationRuns.createdAt));
}

/** Consecutive failures at the head of an automation's run history (health). */
export async function recentRunStatuses(db: Db, automationId: string, n = 5) {
  const rows = await db
    .select({ status: automationRuns.status })
    .from(automationRuns)
    .where(eq(automationRuns.automationId, automationId))
    .orderBy(desc(automationRuns.createdAt))
    .limit(n);
  return rows.map((r) => r.status);
}

/** The last n run statuses of each of the user's automations, newest first (one query). */
export async function recentRunStatusesForUser(db: Db, userId: string, n = 5): Promise<Map<string, string[]>> {
  const rows = await db.execute<{ automation_id: string; status: string }>(sql`
    select automation_id, status from (
      select ${automationRuns.automationId} as automation_id, ${automationRuns.status} as status,
             row_number() over (partition by ${automationRuns.automationId} order by ${automationRuns.createdAt} desc, ${automationRuns.id} desc) as rn
      from ${automationRuns} where ${automationRuns.userId} = ${userId}
    ) r where rn <= ${n} order by automation_id, rn`);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.automation_id, [...(out.get(r.automation_id) ?? []), r.status]);
  return out;
}

// ---------------------------------------------------------------- risk settings and breakers

export type RiskSettingsRow = typeof riskSettings.$inferSelect;

export async function findRiskSettings(db: Db, userId: string) {
  const rows = await db.select().from(riskSettings).where(eq(riskSettings.userId, userId));
  return rows[0] ?? null;
}

export async function upsertRiskSettings(
  db: Db,
  userId: string,
  patch: Partial<Pick<RiskSettingsRow, "sizing" | "breakers" | "breakerLevel" | "peakValueUsd" | "trippedAt" | "equitySnapshot">>,
) {
  const rows = await db
    .insert(riskSettings)
    .values({ userId, ...patch })
    .onConflictDoUpdate({ target: riskSettings.userId, set: { ...patch, updatedAt: new Date() } })
    .returning();
  return rows[0]!;
}

export async function insertBreakerEvent(db: Db, values: typeof breakerEvents.$inferInsert) {
  const rows = await db.insert(breakerEvents).values(values).returning();
  return rows[0]!;
}

export async function listBreakerEvents(db: Db, userId: string, limit = 20) {
  return db.select().from(breakerEvents).where(eq(breakerEvents.userId, userId)).orderBy(desc(breakerEvents.createdAt)).limit(limit);
}
