// Alerts: CRUD for the owner, and evaluateAlerts() for the automation tick. Evaluation loads
// every active or triggered alert, observes its value (a token's USD price on a local chain
// from the pools, a portfolio's current drawdown or largest holding from portfolio analytics),
// runs the pure core (server/automation/alerts.ts), writes the new state only if the alert is
// unchanged since it was read, and notifies in the same transaction (dedupe key per trigger),
// so two overlapping ticks notify once.
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import * as q from "@/db/queries/notifications";
import type { AlertRow } from "@/db/queries/notifications";
import type { createAlertInput } from "@/lib/schemas/notifications";
import {
  describeAlert,
  evaluateAlert,
  isPortfolioConfig,
  type AlertConfig,
  type AlertState,
  type AlertStatus,
  type EvaluableAlert,
  type Observation,
} from "@/server/automation/alerts";
import { getRegistry } from "@/server/chain/registry";
import { DomainError, ErrorKind } from "@/server/errors";
import { logger } from "@/server/logger";
import { notify } from "./notifications";
import * as analytics from "./portfolio-analytics";
import { getPortfolio } from "./portfolio";
import { getLocalPrices } from "./prices";

export const MAX_ALERTS_PER_USER = 50;
const HOUR_MS = 3_600_000;

const notFound = () => new DomainError("alerts.NOT_FOUND", ErrorKind.notFound, "That alert does not exist.");

// The stored config (alerts.config), validated on the way out of the database.
const storedConfigSchema: z.ZodType<AlertConfig> = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["price_above", "price_below"]),
    chainId: z.number().int(),
    token: z.string(),
    symbol: z.string(),
    priceUsd: z.string(),
    hysteresisBps: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal("price_change"),
    chainId: z.number().int(),
    token: z.string(),
    symbol: z.string(),
    changeBps: z.number().int().positive(),
    windowMs: z.number().int().positive(),
    direction: z.enum(["up", "down", "both"]),
    cooldownMs: z.number().int().min(0),
  }),
  z.object({
    kind: z.enum(["drawdown", "concentration"]),
    portfolioId: z.string(),
    portfolioName: z.string(),
    limitBps: z.number().int().positive(),
    hysteresisBps: z.number().int().min(0),
  }),
]);
const storedStateSchema: z.ZodType<AlertState> = z.object({
  armed: z.boolean().optional(),
  fires: z.number().int().min(0).optional(),
  samples: z.array(z.object({ t: z.number(), p: z.number() })).optional(),
});

export type AlertView = {
  id: string;
  kind: AlertConfig["kind"];
  status: AlertStatus;
  repeat: boolean;
  config: AlertConfig;
  /** "ETH at or above $3,000.00" */
  description: string;
  /** The last observed value: USD price for price alerts, basis points for portfolio alerts. */
  lastValue: string | null;
  lastTriggeredAt: Date | null;
  createdAt: Date;
};

function view(row: AlertRow): AlertView {
  const config = storedConfigSchema.parse(row.config);
  return {
    id: row.id,
    kind: config.kind,
    status: row.status,
    repeat: row.repeat === 1,
    config,
    description: describeAlert(config),
    lastValue: row.lastValue,
    lastTriggeredAt: row.lastTriggeredAt,
    createdAt: row.createdAt,
  };
}

function tokenOrThrow(chainId: number, token: string): { address: string; symbol: string } {
  const registry = getRegistry(chainId);
  const hit = registry?.tokens.find((t) => t.address.toLowerCase() === token.toLowerCase());
  if (!hit) throw new DomainError("alerts.UNKNOWN_TOKEN", ErrorKind.invalid, `That token is not known on chain ${chainId}.`);
  return { address: hit.address.toLowerCase(), symbol: hit.symbol };
}

export async function createAlert(db: Db, userId: string, input: z.output<typeof createAlertInput>): Promise<AlertView> {
  const existing = await q.listAlertsForUser(db, userId);
  if (existing.length >= MAX_ALERTS_PER_USER) {
    throw new DomainError("alerts.LIMIT", ErrorKind.conflict, `You can have at most ${MAX_ALERTS_PER_USER} alerts.`);
  }
  let config: AlertConfig;
  if (input.kind === "price_above" || input.kind === "price_below") {
    const t = tokenOrThrow(input.chainId, input.token);
    config = { kind: input.kind, chainId: input.chainId, token: t.address, symbol: t.symbol, priceUsd: input.priceUsd, hysteresisBps: input.hysteresisBps };
  } else if (input.kind === "price_change") {
    const t = tokenOrThrow(input.chainId, input.token);
    config = {
      kind: "price_change",
      chainId: input.chainId,
      token: t.address,
      symbol: t.symbol,
      changeBps: input.changeBps,
      windowMs: input.windowHours * HOUR_MS,
      direction: input.direction,
      cooldownMs: (input.cooldownHours ?? input.windowHours) * HOUR_MS,
    };
  } else if (input.kind === "drawdown" || input.kind === "concentration") {
    // Someone else's portfolio is portfolio.NOT_FOUND, as everywhere.
    const p = await getPortfolio(db, userId, input.portfolioId);
    config = { kind: input.kind, portfolioId: p.id, portfolioName: p.name, limitBps: input.limitBps, hysteresisBps: input.hysteresisBps };
  } else {
    throw new DomainError("alerts.INVALID_KIND", ErrorKind.invalid, "Unknown alert kind.");
  }
  const row = await q.insertAlert(db, { userId, kind: config.kind, config, status: "active", repeat: input.repeat ? 1 : 0, state: {} });
  return view(row);
}

export async function listAlerts(db: DbOrTx, userId: string): Promise<AlertView[]> {
  return (await q.listAlertsForUser(db, userId)).map(view);
}

/** Pause, or resume (the alert keeps its armed state: a fired alert still waits to re-arm). */
export async function setAlertPaused(db: DbOrTx, userId: string, input: { id: string; paused: boolean }): Promise<AlertView> {
  const row = await q.getAlertForUser(db, userId, input.id);
  if (!row) throw notFound();
  const state = storedStateSchema.parse(row.state);
  const resumed: AlertStatus = state.armed === false || (row.repeat === 0 && (state.fires ?? 0) > 0) ? "triggered" : "active";
  const updated = await q.setAlertStatusForUser(db, userId, input.id, input.paused ? "paused" : resumed);
  if (!updated) throw notFound();
  return view(updated);
}

export async function deleteAlert(db: DbOrTx, userId: string, id: string): Promise<{ id: string }> {
  if (!(await q.deleteAlertForUser(db, userId, id))) throw notFound();
  return { id };
}

// ---------------------------------------------------------------- evaluation

/** Where observations come from; tests replace them (no chain, no portfolio history). */
export type AlertSources = {
  /** USD prices of a chain's tokens (lowercase addresses). */
  prices: (chainId: number) => Promise<{ address: string; priceUsd: number }[]>;
  /** Current drawdown from peak, basis points; null when the portfolio has no history. */
  drawdownBps: (db: Db, userId: string, portfolioId: string, now: Date) => Promise<number | null>;
  /** The largest holding's weight; null when nothing is held. */
  largestHolding: (db: Db, userId: string, portfolioId: string, now: Date) => Promise<{ symbol: string; weightBps: number } | null>;
};

export const defaultAlertSources: AlertSources = {
  prices: async (chainId) => (await getLocalPrices(chainId)).prices,
  drawdownBps: async (db, userId, portfolioId, now) => {
    const r = await analytics.risk(db, userId, portfolioId, "ALL", { now });
    return r.days > 0 ? Math.round(r.currentDrawdownPct * 10_000) : null;
  },
  largestHolding: async (db, userId, portfolioId, now) => {
    const a = await analytics.allocation(db, userId, portfolioId, { now });
    const top = a.byAsset.reduce<(typeof a.byAsset)[number] | null>((m, s) => (!m || s.weightBps > m.weightBps ? s : m), null);
    // Labels read "ETH · Anvil": the symbol is the part before the chain.
    return top && top.weightBps > 0 ? { symbol: top.label.split(" · ")[0] ?? top.label, weightBps: top.weightBps } : null;
  },
};

export type EvaluateAlertsResult = {
  evaluated: number;
  triggered: number;
  /** Alerts without an observation this time (chain unreachable, token unpriced, empty portfolio). */
  skipped: number;
  errors: { alertId: string; message: string }[];
};

/** Portfolio metrics (a full analytics pass each) are re-read at most this often per alert. */
export const PORTFOLIO_ALERT_EVERY_MS = 60_000;

// Per process: when each portfolio alert was last evaluated, and when a failing source was
// last logged (the tick runs every few seconds; a chain that is down must not flood the log).
const lastPortfolioCheck = new WeakMap<Db, Map<string, number>>();
const lastWarned = new Map<string, number>();
function warnThrottled(key: string, nowMs: number, obj: Record<string, unknown>, msg: string) {
  if (nowMs - (lastWarned.get(key) ?? -Infinity) < 60_000) return;
  lastWarned.set(key, nowMs);
  logger.warn(obj, msg);
}

/** A price or portfolio source failed (logged once per source, not once per alert). */
class SourceError extends Error {}

/**
 * One pass over every active/triggered alert. Called by the automation tick. Price alerts are
 * evaluated every pass; portfolio alerts at most every `portfolioEveryMs` (default 60 s).
 */
export async function evaluateAlerts(
  db: Db,
  opts: { now: Date; sources?: Partial<AlertSources>; portfolioEveryMs?: number },
): Promise<EvaluateAlertsResult> {
  const src = { ...defaultAlertSources, ...opts.sources };
  const nowMs = opts.now.getTime();
  const portfolioEveryMs = opts.portfolioEveryMs ?? PORTFOLIO_ALERT_EVERY_MS;
  let checked = lastPortfolioCheck.get(db);
  if (!checked) lastPortfolioCheck.set(db, (checked = new Map()));
  const rows = await q.listEvaluableAlerts(db);
  const result: EvaluateAlertsResult = { evaluated: 0, triggered: 0, skipped: 0, errors: [] };
  // One read per chain and per portfolio per pass, however many alerts share it.
  const prices = new Map<number, Promise<Map<string, number>>>();
  const metrics = new Map<string, Promise<Observation | null>>();
  const sourceFailed = (key: string, err: unknown): never => {
    warnThrottled(key, nowMs, { err }, `alert source ${key} failed`);
    throw new SourceError(err instanceof DomainError ? err.code : err instanceof Error ? err.message : String(err), { cause: err });
  };
  const priceOf = (chainId: number, token: string) => {
    if (!prices.has(chainId)) {
      prices.set(
        chainId,
        src.prices(chainId).then(
          (ps) => new Map(ps.map((p) => [p.address.toLowerCase(), p.priceUsd])),
          (err: unknown) => sourceFailed(`prices:${chainId}`, err),
        ),
      );
    }
    return prices.get(chainId)!.then((m) => m.get(token.toLowerCase()) ?? null);
  };
  const observe = async (row: AlertRow, c: AlertConfig): Promise<Observation | null> => {
    if (!isPortfolioConfig(c)) {
      const p = await priceOf(c.chainId, c.token);
      return p !== null && Number.isFinite(p) && p > 0 ? { kind: "price", priceUsd: p } : null;
    }
    const key = `${c.kind}:${row.userId}:${c.portfolioId}`;
    if (!metrics.has(key)) {
      const fail = (err: unknown) => sourceFailed(`portfolio:${c.portfolioId}`, err);
      metrics.set(
        key,
        c.kind === "drawdown"
          ? src.drawdownBps(db, row.userId, c.portfolioId, opts.now).then((bps) => (bps === null ? null : { kind: "drawdown" as const, drawdownBps: bps }), fail)
          : src.largestHolding(db, row.userId, c.portfolioId, opts.now).then((h) => (h ? { kind: "concentration" as const, ...h } : null), fail),
      );
    }
    return metrics.get(key)!;
  };

  for (const row of rows) {
    try {
      const config = storedConfigSchema.parse(row.config);
      const state = storedStateSchema.parse(row.state);
      if (isPortfolioConfig(config)) {
        if (nowMs - (checked.get(row.id) ?? -Infinity) < portfolioEveryMs) {
          result.skipped++;
          continue;
        }
        checked.set(row.id, nowMs);
      }
      const obs = await observe(row, config);
      if (!obs) {
        result.skipped++;
        continue;
      }
      result.evaluated++;
      const alert: EvaluableAlert = { id: row.id, config, status: row.status, repeat: row.repeat === 1, state, lastTriggeredAt: row.lastTriggeredAt };
      const r = evaluateAlert(alert, obs, opts.now);
      const unchanged = !r.trigger && r.status === row.status && r.lastValue === row.lastValue && JSON.stringify(r.state) === JSON.stringify(row.state);
      if (unchanged) continue;
      const fired = await db.transaction(async (tx) => {
        const applied = await q.updateAlertEvaluation(tx, row.id, { status: row.status, state: row.state }, {
          status: r.status,
          state: r.state as Record<string, unknown>,
          lastValue: r.lastValue,
          ...(r.trigger ? { lastTriggeredAt: opts.now } : {}),
        });
        if (!applied || !r.trigger) return false;
        const t = r.trigger;
        await notify(tx, row.userId, {
          kind: t.notificationKind,
          severity: t.severity,
          title: t.title,
          body: t.body,
          href: "/automation/alerts",
          data: t.data,
          dedupeKey: t.dedupeKey,
        });
        return true;
      });
      if (fired) result.triggered++;
    } catch (err) {
      const message = err instanceof DomainError ? err.code : err instanceof Error ? err.message : String(err);
      // One broken alert (a chain down, a deleted portfolio) must not stop the others.
      if (!(err instanceof SourceError)) warnThrottled(`alert:${row.id}`, nowMs, { err, alertId: row.id }, "alert evaluation failed");
      result.errors.push({ alertId: row.id, message });
    }
  }
  return result;
}
