// Risk tools on a rail's holdings: risk.assess (VaR/CVaR historical, parametric and seeded
// Monte Carlo; correlation; concentration), position sizing from the user's risk settings and
// the breaker in force, and the circuit breaker settings, state and log.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import type { positionSizeInput, riskAssessInput, updateRiskSettingsInput } from "@/lib/schemas/automation";
import { riskSettingsSchema } from "@/lib/schemas/automation";
import * as breakers from "@/server/automation/breakers";
import { assessRisk as assessCore } from "@/server/automation/risk";
import { fixedFractionSize, kellySize, volatilityScaledSize } from "@/server/automation/sizing";
import type { RiskSettings } from "@/server/automation/types";
import { DomainError } from "@/server/errors";
import { getHistoricalCandles } from "@/server/services/prices";
import type { z } from "zod";
import { automatedEquityUsd, hysteresisOf, levelsOf } from "./breakers";
import { isStableToken, snapshotRail, tokenMeta, venueFor } from "./rails";

const DAY = 86_400_000;


/** Daily closes by date (YYYY-MM-DD) of a token's market symbol over the window. */
async function dailyCloses(db: Db, symbol: string, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await getHistoricalCandles(db, { symbol, interval: "1d", from, to });
  return new Map(rows.map((r) => [r.time, r.close]));
}

export async function assessRailRisk(db: Db, userId: string, input: z.output<typeof riskAssessInput>, opts: { now: Date }) {
  const snap = await snapshotRail(venueFor(db, userId, input.rail, input.chainId));
  const held = snap.holdings.filter((h) => h.valueUsd > 0);
  if (held.length === 0) throw new DomainError("automation.NOTHING_HELD", "invalid", `Your ${input.rail === "paper" ? "paper account" : "vault"} holds nothing priced to assess.`);
  // History ends where the shipped data ends: the window is the lookback before the last candle.
  // (With only stablecoins held, ETH's history still bounds the window: it ends with the data.)
  const probe = held.find((h) => !isStableToken(input.chainId, h.token)) ?? { symbol: "ETH" };
  let to = opts.now;
  {
    const last = await getHistoricalCandles(db, { symbol: probe.symbol, interval: "1d", to: opts.now, limit: 1 });
    const lastDay = last.at(-1)?.time;
    if (lastDay) to = new Date(`${lastDay}T00:00:00Z`);
  }
  const from = new Date(to.getTime() - input.lookbackDays * DAY);
  const series = await Promise.all(held.map((h) => (isStableToken(input.chainId, h.token) ? Promise.resolve(null) : dailyCloses(db, h.symbol, from, to))));
  // Dates every volatile asset has a close for.
  let dates: string[] | null = null;
  for (const s of series) {
    if (!s) continue;
    const d = [...s.keys()].sort();
    dates = dates === null ? d : dates.filter((x) => s.has(x));
  }
  if (dates === null) {
    dates = [];
    for (let t = from.getTime(); t <= to.getTime(); t += DAY) dates.push(new Date(t).toISOString().slice(0, 10));
  }
  if (dates.length < 3) throw new DomainError("automation.NO_HISTORY", "invalid", "Not enough shared price history for these holdings.");
  const returns = series.map((s) => {
    const r: number[] = [];
    for (let i = 1; i < dates!.length; i++) r.push(s ? s.get(dates![i]!)! / s.get(dates![i - 1]!)! - 1 : 0);
    return r;
  });
  const a = assessCore({ returns, weights: held.map((h) => h.valueUsd), valueUsd: snap.totalUsd, paths: input.paths, seed: input.seed });
  return {
    rail: input.rail,
    chainId: input.chainId,
    valueUsd: snap.totalUsd,
    assets: held.map((h) => ({ token: h.token, symbol: h.symbol, valueUsd: h.valueUsd })),
    window: { from: dates[0]!, to: dates.at(-1)!, days: dates.length },
    ...a,
  };
}

async function settingsOf(db: Db, userId: string): Promise<RiskSettings> {
  const row = await q.findRiskSettings(db, userId);
  return riskSettingsSchema.parse(row?.sizing ?? {});
}

export async function positionSize(db: Db, userId: string, input: z.output<typeof positionSizeInput>, opts: { now: Date }) {
  const snap = await snapshotRail(venueFor(db, userId, input.rail, input.chainId));
  const meta = tokenMeta(input.chainId, input.token);
  const priceUsd = snap.prices.get(meta.address);
  if (!priceUsd) throw new DomainError("automation.NO_PRICE", "invalid", `No price for ${meta.symbol} right now.`);
  const settings = await settingsOf(db, userId);
  const row = await q.findRiskSettings(db, userId);
  const levels = levelsOf(row);
  const level = row?.breakerLevel ?? 0;
  const ctx = { equityUsd: snap.totalUsd, priceUsd, decimals: meta.decimals, settings, breakerMultiplierBps: breakers.sizeMultiplierBps(levels, level) };
  let size;
  if (input.method === "fixed_fraction") {
    size = fixedFractionSize(ctx, { entryPriceUsd: input.entryPriceUsd ?? priceUsd, stopPriceUsd: input.stopPriceUsd });
  } else if (input.method === "kelly") {
    size = kellySize(ctx, { winProb: input.winRateBps / 10_000, payoffRatio: input.payoffRatio });
  } else {
    const closes = await getHistoricalCandles(db, { symbol: meta.symbol, interval: "1d", to: opts.now });
    const window = closes.slice(-input.lookbackDays - 1);
    const rets = window.slice(1).map((c, i) => Math.log(c.close / window[i]!.close));
    const mean = rets.reduce((s, r) => s + r, 0) / Math.max(1, rets.length);
    const varDaily = rets.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(1, rets.length - 1);
    size = volatilityScaledSize(ctx, { assetVolAnnual: isStableToken(input.chainId, meta.address) ? 0 : Math.sqrt(varDaily * 365) });
  }
  return { ...size, amountRaw: size.amountRaw.toString(), token: meta.address, symbol: meta.symbol, decimals: meta.decimals, priceUsd, equityUsd: snap.totalUsd, breakerLevel: level, settings };
}

export async function getRiskState(db: Db, userId: string) {
  const row = await q.findRiskSettings(db, userId);
  const levels = levelsOf(row);
  const equity = await automatedEquityUsd(db, userId);
  const peak = row?.peakValueUsd ? Number(row.peakValueUsd) : null;
  // The breaker measures its flow-neutral index (see breakers.ts nextIndex) as of its last tick.
  const indexUsd = row?.equitySnapshot?.index ?? equity.totalUsd;
  return {
    sizing: riskSettingsSchema.parse(row?.sizing ?? {}),
    levels,
    hysteresisBps: hysteresisOf(row),
    level: row?.breakerLevel ?? 0,
    action: breakers.breakerAction(levels, row?.breakerLevel ?? 0),
    peakUsd: peak,
    equityUsd: equity.totalUsd,
    equityParts: equity.parts,
    indexUsd,
    drawdownBps: breakers.drawdownBps(peak, indexUsd),
    trippedAt: row?.trippedAt ?? null,
    events: await q.listBreakerEvents(db, userId, 20),
  };
}

export async function updateRiskSettings(db: Db, userId: string, input: z.output<typeof updateRiskSettingsInput>) {
  const row = await q.findRiskSettings(db, userId);
  const patch: Parameters<typeof q.upsertRiskSettings>[2] = {};
  if (input.sizing) patch.sizing = { ...riskSettingsSchema.parse(row?.sizing ?? {}), ...input.sizing };
  if (input.breakers) patch.breakers = { levels: input.breakers.levels, hysteresisBps: input.breakers.hysteresisBps };
  await q.upsertRiskSettings(db, userId, patch);
  return getRiskState(db, userId);
}

/** Re-arm the breaker at the current value (new peak), logged. Paused automations stay paused. */
export async function resetBreaker(db: Db, userId: string, opts: { now: Date }) {
  const row = await q.findRiskSettings(db, userId);
  const equity = await automatedEquityUsd(db, userId);
  const state = { level: row?.breakerLevel ?? 0, peakUsd: row?.peakValueUsd ? Number(row.peakValueUsd) : null, changedAt: row?.trippedAt ?? null };
  const r = breakers.resetBreaker(state, equity.totalUsd, opts.now);
  await db.transaction(async (tx) => {
    await q.upsertRiskSettings(tx, userId, {
      breakerLevel: 0,
      peakValueUsd: r.state.peakUsd.toFixed(18),
      trippedAt: null,
      equitySnapshot: { index: equity.totalUsd, positions: equity.positions },
    });
    await q.insertBreakerEvent(tx, { userId, fromLevel: r.event.from, toLevel: 0, drawdownBps: 0, action: "resume", reason: r.event.reason, inputs: { equityUsd: equity.totalUsd, parts: equity.parts } });
  });
  return getRiskState(db, userId);
}
