// Circuit breakers on the automated capital: the USD value of everything the user's
// automations trade (their paper accounts and vaults on the chains their automations use),
// measured against its high-water mark at every scheduler tick. Levels (default 5 % → halve
// position sizes, 10 % → conservative only, 15 % → stop all automations) are the user's; each
// trip and each recovery is logged (breaker_events) with its inputs and reason and notified.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import * as core from "@/server/automation/breakers";
import type { BreakerLevel } from "@/server/automation/types";
import { logger } from "@/server/logger";
import { notify } from "@/server/services/notifications";
import { snapshotRail, venueFor, type Rail } from "./rails";

const log = logger.child({ module: "breakers" });

export type Gate = { level: number; levels: readonly BreakerLevel[]; action: string | null; check: (intent: core.TradeIntent) => core.BreakerVerdict };

export function levelsOf(row: q.RiskSettingsRow | null): readonly BreakerLevel[] {
  const stored = (row?.breakers as { levels?: BreakerLevel[] } | undefined)?.levels;
  return stored?.length ? stored : core.DEFAULT_BREAKER_LEVELS;
}

export function hysteresisOf(row: q.RiskSettingsRow | null): number {
  const h = (row?.breakers as { hysteresisBps?: number } | undefined)?.hysteresisBps;
  return typeof h === "number" ? h : core.DEFAULT_HYSTERESIS_BPS;
}

/** The breaker in force for a user: its level and a check for each trade intent. */
export async function breakerGate(db: Db, userId: string): Promise<Gate> {
  const row = await q.findRiskSettings(db, userId);
  const level = row?.breakerLevel ?? 0;
  const levels = levelsOf(row);
  return { level, levels, action: core.breakerAction(levels, level), check: (intent) => core.allowedBy(levels, level, intent) };
}

type Position = { key: string; raw: string; decimals: number; priceUsd: number };

/** Value of the automated capital: every distinct (rail, chain) the user's automations use. */
export async function automatedEquityUsd(db: Db, userId: string): Promise<{ totalUsd: number; parts: { rail: Rail; chainId: number; usd: number }[]; positions: Position[] }> {
  const rows = await q.listAutomationsForUser(db, userId);
  const keys = new Map<string, { rail: Rail; chainId: number }>();
  for (const a of rows) if (a.status !== "stopped" || a.statusReason?.startsWith("Circuit breaker")) keys.set(`${a.rail}:${a.chainId}`, { rail: a.rail, chainId: a.chainId });
  const parts: { rail: Rail; chainId: number; usd: number }[] = [];
  const positions: Position[] = [];
  for (const k of keys.values()) {
    try {
      const snap = await snapshotRail(venueFor(db, userId, k.rail, k.chainId));
      parts.push({ ...k, usd: snap.totalUsd });
      for (const h of snap.holdings) positions.push({ key: `${k.rail}:${k.chainId}:${h.token}`, raw: h.amountRaw.toString(), decimals: h.decimals, priceUsd: h.priceUsd });
    } catch (err) {
      log.debug({ err, userId, ...k }, "rail unavailable for the breaker");
    }
  }
  return { totalUsd: parts.reduce((s, p) => s + p.usd, 0), parts, positions };
}

/**
 * The flow-neutral performance index: the previous positions revalued at today's prices over
 * their value at the previous prices, chained. A deposit, a withdrawal or a paper reset changes
 * the positions but not the index, so only market moves (and trading costs) make a drawdown.
 * Starts at the capital's value, so it reads in USD.
 */
export function nextIndex(prev: { index: number; positions: Position[] } | null | undefined, now: Position[], totalUsd: number): number {
  if (!prev || !(prev.index > 0)) return totalUsd;
  const price = new Map(now.map((p) => [p.key, p.priceUsd]));
  let before = 0;
  let after = 0;
  for (const p of prev.positions) {
    const pNow = price.get(p.key);
    if (!(p.priceUsd > 0) || pNow === undefined || !(pNow > 0)) continue;
    const qty = Number(p.raw) / 10 ** p.decimals;
    before += qty * p.priceUsd;
    after += qty * pNow;
  }
  return before > 0 ? prev.index * (after / before) : prev.index;
}

export async function evaluateBreakerFor(db: Db, userId: string, now: Date) {
  const row = await q.findRiskSettings(db, userId);
  const levels = levelsOf(row);
  const equity = await automatedEquityUsd(db, userId);
  if (equity.parts.length === 0 || equity.totalUsd <= 0) return null;
  const index = nextIndex(row?.equitySnapshot, equity.positions, equity.totalUsd);
  const state: core.BreakerState = { level: row?.breakerLevel ?? 0, peakUsd: row?.peakValueUsd ? Number(row.peakValueUsd) : null, changedAt: row?.trippedAt ?? null };
  const r = core.evaluateBreaker(levels, state, index, now, { hysteresisBps: hysteresisOf(row) });
  await db.transaction(async (tx) => {
    await q.upsertRiskSettings(tx, userId, {
      breakerLevel: r.state.level,
      peakValueUsd: r.state.peakUsd.toFixed(18),
      equitySnapshot: { index, positions: equity.positions },
      ...(r.event ? { trippedAt: r.event.to > r.event.from ? now : null } : {}),
    });
    if (r.event) {
      await q.insertBreakerEvent(tx, {
        userId,
        fromLevel: r.event.from,
        toLevel: r.event.to,
        drawdownBps: r.event.drawdownBps,
        action: r.event.action,
        reason: r.event.reason,
        inputs: { indexUsd: index, equityUsd: equity.totalUsd, peakUsd: r.state.peakUsd, parts: equity.parts, levels },
      });
    }
  });
  if (!r.event) return null;
  if (r.event.action === "stop_all" && r.event.to > r.event.from) {
    for (const a of await q.listActiveAutomationsForUser(db, userId)) {
      await q.updateAutomationForUser(db, userId, a.id, { status: "paused", statusReason: `Circuit breaker: ${r.event.reason}` });
    }
  }
  await notify(db, userId, {
    kind: "breaker.tripped",
    severity: r.event.to > r.event.from ? "critical" : "info",
    title: r.event.to > r.event.from ? `Circuit breaker level ${r.event.to}: ${core.actionLabel(r.event.action)}` : "Circuit breaker eased",
    body: r.event.reason,
    href: "/automation/risk",
    data: { from: r.event.from, to: r.event.to, drawdownBps: r.event.drawdownBps },
    dedupeKey: `breaker:${now.getTime()}:${r.event.to}`,
  });
  return r.event;
}

export async function evaluateBreakersForAll(db: Db, now: Date): Promise<number> {
  let events = 0;
  for (const userId of await q.usersWithActiveAutomations(db)) {
    if (await evaluateBreakerFor(db, userId, now)) events++;
  }
  return events;
}
