// The automation engine: job handlers the worker runs.
//   automation.tick  (recurring) enqueue due runs (one job per slot: the job key is the slot),
//                    flag stale automations, evaluate circuit breakers and alerts
//   automation.run   one scheduled run of a DCA or rebalance on its rail
//   automation.stop  execute a triggered stop-loss / trailing stop / take-profit (once per stop)
// Every run writes one automation_runs row (inputs, decision, rationale: the audit log) in the
// same effect transaction as the strategy's state change, so a retried job never applies twice;
// the fill itself is idempotent by the job key on the venue (paper_fills.key, keeper_txs.key).
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import { pruneFinishedJobs } from "@/db/queries/jobs";
import type { AutomationRow } from "@/db/queries/automation";
import type { Addr, ExecuteResult, Fill } from "@/server/automation/venue";
import { enqueue, type JobContext } from "@/server/jobs/runner";
import { logger } from "@/server/logger";
import { evaluateAlerts } from "@/server/services/alerts";
import { notify } from "@/server/services/notifications";
import { breakerGate, evaluateBreakersForAll } from "./breakers";
import { dcaStep, nextRunAfter, rebalanceStep, slotDue, staleCheck, stopOrder, type StepOutcome } from "./strategies";
import { tokenMeta, usdPrices, venueFor } from "./rails";

export const TICK_QUEUE = "automation.tick";
export const RUN_QUEUE = "automation.run";
export const STOP_QUEUE = "automation.stop";
/** Finished job rows are kept this long (the audit log is automation_runs, kept for good). */
export const JOB_RETENTION_MS = 7 * 86_400_000;

const log = logger.child({ module: "automation" });

type RunPayload = { automationId: string; slot: number; scheduledFor: string };
type StopPayload = { automationId: string; triggerBlock: string; priceUsd: number; quoteUsd?: number | null; reason: string };

// ---------------------------------------------------------------- tick

/** Enqueue every due run (idempotent per slot) and advance next_run_at. */
export async function scheduleDue(db: Db, now: Date): Promise<number> {
  const due = await q.listDueAutomations(db, now);
  let n = 0;
  for (const a of due) {
    const slot = slotDue(a, now);
    if (slot === null) {
      await q.updateAutomationForUser(db, a.userId, a.id, { nextRunAt: nextRunAfter(a, now) });
      continue;
    }
    const { created } = await enqueue(db, {
      queue: RUN_QUEUE,
      key: `run:${a.id}:${slot.key}`,
      payload: { automationId: a.id, slot: slot.index, scheduledFor: slot.at.toISOString() } satisfies RunPayload,
      runAt: now,
      userId: a.userId,
      automationId: a.id,
      maxAttempts: 4,
    });
    if (created) n++;
    await q.updateAutomationForUser(db, a.userId, a.id, { nextRunAt: slot.next });
  }
  return n;
}

export async function tick(ctx: JobContext) {
  const now = ctx.now();
  const scheduled = await scheduleDue(ctx.db, now);
  const stale = await flagStale(ctx.db, now);
  const breakers = await evaluateBreakersForAll(ctx.db, now).catch((err: unknown) => {
    log.warn({ err }, "breaker evaluation failed");
    return 0;
  });
  const alerts = await evaluateAlertsSafe(ctx.db, now);
  // Finished runs older than a week go (threshold rebalances look every 30 s: a row each).
  const pruned = await pruneFinishedJobs(ctx.db, { olderThanMs: JOB_RETENTION_MS, limit: 500 });
  return { scheduled, stale, breakers, alerts, pruned };
}

async function evaluateAlertsSafe(db: Db, now: Date) {
  try {
    return (await evaluateAlerts(db, { now })).triggered;
  } catch (err) {
    log.warn({ err }, "alert evaluation failed");
    return 0;
  }
}

async function flagStale(db: Db, now: Date): Promise<number> {
  let n = 0;
  for (const a of await q.listActiveAutomations(db, ["dca", "rebalance"])) {
    const s = staleCheck(a, now);
    if (!s) continue;
    const created = await notify(db, a.userId, {
      kind: "automation.stale",
      severity: "warning",
      title: `${a.name} is overdue`,
      body: s.reason,
      href: `/automation/${a.id}`,
      data: { automationId: a.id, slot: s.slot },
      dedupeKey: `stale:${a.id}:${s.slot}`,
    });
    if (created) n++;
  }
  return n;
}

// ---------------------------------------------------------------- runs

function fillSummary(f: Fill) {
  return {
    venue: f.venue,
    tokenIn: f.tokenIn,
    tokenOut: f.tokenOut,
    amountIn: f.amountIn.toString(),
    amountOut: f.amountOut.toString(),
    quotedAmountOut: f.quotedAmountOut.toString(),
    block: f.block.toString(),
    priceImpactBps: f.priceImpactBps,
    txHash: f.txHash ?? null,
    paperFillId: f.paperFillId ?? null,
    keeperTxId: f.keeperTxId ?? null,
  };
}

function fmt(raw: bigint, token: Addr, chainId: number) {
  const m = tokenMeta(chainId, token);
  const v = Number(raw) / 10 ** m.decimals;
  return `${v.toLocaleString("en-US", { maximumFractionDigits: v >= 100 ? 2 : 6 })} ${m.symbol}`;
}

/** Persist a step's outcome once (effect keyed by the job) and tell the user. */
async function record(ctx: JobContext, a: AutomationRow, out: StepOutcome, scheduledFor: Date | null) {
  const now = ctx.now();
  const fills = out.fills.map(fillSummary);
  const first = out.fills[0];
  const applied = await ctx.effect(`apply:${ctx.job.key}`, async (tx) => {
    await q.upsertRun(tx, {
      automationId: a.id,
      userId: a.userId,
      jobKey: ctx.job.key,
      status: out.status,
      inputs: out.inputs,
      decision: { ...out.decision, fills },
      rationale: out.rationale,
      paperFillId: first?.paperFillId ?? null,
      keeperTxId: first?.keeperTxId ?? null,
      error: out.error ?? null,
      scheduledFor,
      finishedAt: now,
    });
    await q.updateAutomationForUser(tx, a.userId, a.id, {
      state: out.state ?? a.state,
      lastRunAt: now,
      ...(out.finish ? { status: "stopped" as const, statusReason: out.finish, nextRunAt: null } : {}),
    });
    return true;
  });
  if (!applied.applied) return;
  if (out.status === "ok" && out.fills.length) {
    const body = out.fills.map((f) => `${fmt(f.amountIn, f.tokenIn, a.chainId)} → ${fmt(f.amountOut, f.tokenOut, a.chainId)}`).join("; ");
    await notify(ctx.db, a.userId, {
      kind: "automation.run_done",
      severity: a.kind === "dca" || a.kind === "rebalance" ? "success" : "warning",
      title: out.title ?? `${a.name} ran`,
      body: `${body}${first?.txHash ? ` (tx ${first.txHash.slice(0, 10)}…)` : " (paper)"}`,
      href: `/automation/${a.id}`,
      data: { automationId: a.id, jobKey: ctx.job.key, fills },
      dedupeKey: `run:${ctx.job.key}`,
    });
  } else if (out.status === "failed") {
    await notify(ctx.db, a.userId, {
      kind: "automation.failed",
      severity: "critical",
      title: `${a.name} failed`,
      body: out.error ?? out.rationale,
      href: `/automation/${a.id}`,
      data: { automationId: a.id, jobKey: ctx.job.key },
      dedupeKey: `failed:${ctx.job.key}`,
    });
  }
  if (out.finish) {
    await notify(ctx.db, a.userId, {
      kind: "automation.finished",
      severity: "info",
      title: `${a.name} finished`,
      body: out.finish,
      href: `/automation/${a.id}`,
      data: { automationId: a.id },
      dedupeKey: `finished:${a.id}`,
    });
  }
}

/** A pending keeper transaction is retried by the runner (the venue finds it by key). */
function assertSettled(r: ExecuteResult): asserts r is Exclude<ExecuteResult, { status: "pending" }> {
  if (r.status === "pending") throw new Error(`transaction ${r.txHash ?? "(not yet sent)"} is not confirmed yet`);
}

export async function runScheduled(ctx: JobContext) {
  const p = ctx.job.payload as RunPayload;
  const a = await q.findAutomationById(ctx.db, p.automationId);
  if (!a) return { skipped: "deleted" };
  if (a.status !== "active") return { skipped: a.status };
  const now = ctx.now();
  const gate = await breakerGate(ctx.db, a.userId);
  const venue = venueFor(ctx.db, a.userId, a.rail, a.chainId);
  const step = a.kind === "dca" ? dcaStep : a.kind === "rebalance" ? rebalanceStep : null;
  if (!step) return { skipped: `kind ${a.kind} is not scheduled` };
  const out = await step({ a, venue, slot: p.slot, now, key: ctx.job.key, gate, execute: async (o) => {
    const r = await venue.execute(o);
    assertSettled(r);
    return r;
  } });
  if (!out) return { skipped: "nothing to do" };
  await record(ctx, a, out, new Date(p.scheduledFor));
  return { status: out.status, fills: out.fills.length };
}

export async function runStop(ctx: JobContext) {
  const p = ctx.job.payload as StopPayload;
  const a = await q.findAutomationById(ctx.db, p.automationId);
  if (!a) return { skipped: "deleted" };
  if (a.status !== "active") return { skipped: a.status };
  const gate = await breakerGate(ctx.db, a.userId);
  const venue = venueFor(ctx.db, a.userId, a.rail, a.chainId);
  const out = await stopOrder({
    a,
    venue,
    now: ctx.now(),
    key: ctx.job.key,
    gate,
    trigger: { block: BigInt(p.triggerBlock), priceUsd: p.priceUsd, quoteUsd: p.quoteUsd ?? null, reason: p.reason },
    execute: async (o) => {
      const r = await venue.execute(o);
      assertSettled(r);
      return r;
    },
  });
  await record(ctx, a, out, null);
  return { status: out.status, triggerBlock: p.triggerBlock, fills: out.fills.map(fillSummary) };
}

export async function enqueueStop(db: Db, a: AutomationRow, trigger: { block: bigint; priceUsd: number; quoteUsd?: number | null; reason: string }) {
  return enqueue(db, {
    queue: STOP_QUEUE,
    key: `stop:${a.id}`,
    payload: { automationId: a.id, triggerBlock: trigger.block.toString(), priceUsd: trigger.priceUsd, quoteUsd: trigger.quoteUsd ?? null, reason: trigger.reason } satisfies StopPayload,
    userId: a.userId,
    automationId: a.id,
    priority: 10,
    maxAttempts: 5,
  });
}

export { usdPrices };
