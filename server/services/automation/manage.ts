// Automations the user manages: list with health, detail, pause/resume/delete, run history
// (the audit log), dead runs. Everything is scoped to the caller; someone else's automation
// is NOT_FOUND.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import type { AutomationRow } from "@/db/queries/automation";
import * as jobs from "@/db/queries/jobs";
import { DomainError } from "@/server/errors";
import { healthOf, nextRunAfter, type Health } from "./strategies";

const notFound = () => new DomainError("automation.NOT_FOUND", "not_found", "Automation not found.");

export type AutomationView = {
  id: string;
  kind: AutomationRow["kind"];
  name: string;
  status: AutomationRow["status"];
  statusReason: string | null;
  rail: AutomationRow["rail"];
  chainId: number;
  config: Record<string, unknown>;
  state: Record<string, unknown>;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  createdAt: Date;
  lastRun: { status: string; rationale: string; error: string | null; at: Date } | null;
  health: Health;
};

function view(a: AutomationRow, last: { status: string; rationale: string; error: string | null; createdAt: Date } | undefined, recent: string[], now: Date): AutomationView {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    status: a.status,
    statusReason: a.statusReason,
    rail: a.rail,
    chainId: a.chainId,
    config: a.config,
    state: a.state,
    nextRunAt: a.nextRunAt,
    lastRunAt: a.lastRunAt,
    createdAt: a.createdAt,
    lastRun: last ? { status: last.status, rationale: last.rationale, error: last.error, at: last.createdAt } : null,
    health: healthOf(a, recent, now),
  };
}

export async function listAutomations(db: Db, userId: string, opts: { now: Date; kind?: AutomationRow["kind"][] }): Promise<AutomationView[]> {
  const [rows, lasts, recent] = await Promise.all([q.listAutomationsForUser(db, userId), q.lastRunsForUser(db, userId), q.recentRunStatusesForUser(db, userId)]);
  const lastBy = new Map(lasts.map((l) => [l.automationId, l]));
  const filtered = opts.kind ? rows.filter((r) => opts.kind!.includes(r.kind)) : rows;
  return filtered.map((a) => view(a, lastBy.get(a.id), recent.get(a.id) ?? [], opts.now));
}

export async function getAutomation(db: Db, userId: string, id: string, opts: { now: Date }): Promise<AutomationView> {
  const a = await q.findAutomationForUser(db, userId, id);
  if (!a) throw notFound();
  const recent = await q.recentRunStatuses(db, a.id);
  const lasts = await q.lastRunsForUser(db, userId);
  return view(a, lasts.find((l) => l.automationId === id), recent, opts.now);
}

export async function pauseAutomation(db: Db, userId: string, id: string) {
  const a = await q.findAutomationForUser(db, userId, id);
  if (!a) throw notFound();
  if (a.status === "stopped") throw new DomainError("automation.STOPPED", "conflict", "This automation has finished; create a new one instead.");
  const row = await q.updateAutomationForUser(db, userId, id, { status: "paused", statusReason: "Paused by you" });
  return row!;
}

export async function resumeAutomation(db: Db, userId: string, id: string, opts: { now: Date }) {
  const a = await q.findAutomationForUser(db, userId, id);
  if (!a) throw notFound();
  if (a.status === "stopped") throw new DomainError("automation.STOPPED", "conflict", "This automation has finished; create a new one instead.");
  const risk = await q.findRiskSettings(db, userId);
  const levels = (risk?.breakers as { levels?: { action: string }[] } | undefined)?.levels;
  const action = risk && risk.breakerLevel > 0 ? (levels?.[risk.breakerLevel - 1]?.action ?? (risk.breakerLevel >= 3 ? "stop_all" : null)) : null;
  if (action === "stop_all") {
    throw new DomainError("automation.BREAKER", "conflict", "The circuit breaker has stopped all automations. Reset it on the risk page before resuming.");
  }
  // Resuming runs the latest slot that fell due while paused (once) and never back-fills the
  // older ones (they count as missed), as after any downtime.
  const row = await q.updateAutomationForUser(db, userId, id, { status: "active", statusReason: null, nextRunAt: nextRunAfter(a, opts.now) });
  return row!;
}

export async function deleteAutomation(db: Db, userId: string, id: string) {
  const row = await q.deleteAutomationForUser(db, userId, id);
  if (!row) throw notFound();
  return row;
}

export async function renameAutomation(db: Db, userId: string, input: { id: string; name: string }) {
  const row = await q.updateAutomationForUser(db, userId, input.id, { name: input.name });
  if (!row) throw notFound();
  return row;
}

export async function listRuns(db: Db, userId: string, input: { automationId?: string; limit: number; before?: Date }) {
  if (input.automationId && !(await q.findAutomationForUser(db, userId, input.automationId))) throw notFound();
  const rows = await q.listRunsForUser(db, userId, input);
  return rows.map((r) => ({
    id: r.run.id,
    automationId: r.run.automationId,
    automationName: r.automationName,
    automationKind: r.automationKind,
    automationDeleted: r.automationDeletedAt !== null,
    status: r.run.status,
    rationale: r.run.rationale,
    inputs: r.run.inputs,
    decision: r.run.decision,
    error: r.run.error,
    scheduledFor: r.run.scheduledFor,
    createdAt: r.run.createdAt,
    finishedAt: r.run.finishedAt,
    fill: r.fill?.id
      ? { ...r.fill, amountIn: r.fill.amountIn.toString(), amountOut: r.fill.amountOut.toString(), block: r.fill.block.toString() }
      : null,
    keeperTx: r.keeperTx?.id
      ? {
          ...r.keeperTx,
          amountIn: r.keeperTx.amountIn.toString(),
          amountOut: r.keeperTx.amountOut?.toString() ?? null,
          blockNumber: r.keeperTx.blockNumber?.toString() ?? null,
          triggerBlock: r.keeperTx.triggerBlock?.toString() ?? null,
          latencyBlocks: r.keeperTx.blockNumber != null && r.keeperTx.triggerBlock != null ? Number(r.keeperTx.blockNumber - r.keeperTx.triggerBlock) : null,
        }
      : null,
  }));
}

/** Job runs of the caller that exhausted their retries (dead), with the last error. */
export async function listDeadRuns(db: Db, userId: string) {
  const { items } = await jobs.listJobs(db, { userId, status: "dead", limit: 50 });
  return items.map((j) => ({
    id: j.id,
    queue: j.queue,
    key: j.key,
    automationId: j.automationId,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    lastError: j.lastError,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  }));
}

export async function retryDeadRun(db: Db, userId: string, jobId: string) {
  const ok = await jobs.retryDead(db, jobId, userId);
  if (!ok) throw new DomainError("automation.RUN_NOT_FOUND", "not_found", "Run not found.");
  return { ok: true };
}
