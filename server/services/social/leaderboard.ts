// The leaderboard (traders.top), a trader's detail page (traders.get) and their trades
// (traders.trades). Everything is computed from the verified record (records.ts) by the pure
// cores: metrics (metrics.ts), the risk score and minimum record (risk-score.ts), fidelity.
//
// CLOCK: a person's windows end today (now); a bot's record comes from the shipped history, so
// its windows end at the end of its last equity day (`asOf`). RISK SCORE: from the 365-day
// window (the whole record when shorter), whatever window is shown, so the risk filter is stable.
// RANKED: the all-time record meets SOCIAL_MIN_RECORD_DAYS (30) days and SOCIAL_MIN_RECORD_TRADES
// (10) verified trades; other public traders are listed apart (`unranked`) with what is missing.
// SORT: maxDrawdown, riskScore and fidelity (mean fill difference, + = followers did worse)
// ascending by default (smaller first), every other metric descending; `order` overrides; a
// missing value sorts last.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/social";
import {
  type LEADERBOARD_SORTS,
  tradersTopInput,
  type FidelityDto,
  type LeaderboardDto,
  type MetricsDto,
  type MetricWindow,
  type TradeDto,
  type TraderDetailDto,
  type TraderSummaryDto,
  type TradersTopInput,
} from "@/lib/schemas/social";
import { DomainError, ErrorKind } from "@/server/errors";
import { isoFromDay } from "@/server/portfolio/types";
import { summarizeFidelity } from "@/server/social/fidelity";
import { computeTraderMetrics, recordDays, type TraderMetrics, type TraderRecord } from "@/server/social/metrics";
import { downsample, endOfDayMs, missingForRanking, twrIndexSeries } from "@/server/social/record-book";
import { checkRankingEligibility, computeRiskScore } from "@/server/social/risk-score";
import { computeRoundTrips } from "@/server/social/round-trips";
import { toTraderRecord } from "./records";
import { toTradeDto } from "./trade-dto";
import { getViewerCopy } from "./copy-manage";
import { providerHitRate } from "./signals";

const SPARKLINE_POINTS = 90;
const RECENT_TRADES = 20;
const WINDOWS: MetricWindow[] = ["7d", "30d", "90d", "365d", "all"];

export function rankingRequirements(env: NodeJS.ProcessEnv = process.env): { minDays: number; minTrades: number } {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) && Number(v) >= 0 ? Math.floor(Number(v)) : d);
  return { minDays: num(env.SOCIAL_MIN_RECORD_DAYS, 30), minTrades: num(env.SOCIAL_MIN_RECORD_TRADES, 10) };
}

// ---------------------------------------------------------------- DTOs

function metricsDto(m: TraderMetrics, hasRecord: boolean): MetricsDto {
  const some = hasRecord && m.days > 0;
  return {
    window: m.window,
    days: m.days,
    twr: some ? m.twr : null,
    maxDrawdown: some ? m.maxDrawdown : null,
    volatility: some && m.returnDays > 1 ? m.volatility : null,
    sharpe: m.sharpe,
    sortino: m.sortino,
    winRate: m.winRate,
    trades: m.trades,
    roundTrips: m.roundTrips,
    avgHoldingDays: m.avgHoldingDays,
    exposure: m.exposure,
    turnover: m.turnover,
  };
}


function fidelityDto(rows: { diffBps: number | null; delayMs: number | null; delayBlocks: number | null }[]): FidelityDto | null {
  const comps = rows.filter((r) => r.diffBps !== null).map((r) => ({ diffBps: r.diffBps!, delayMs: r.delayMs ?? 0, delayBlocks: r.delayBlocks }));
  if (comps.length === 0) return null;
  return summarizeFidelity(comps);
}

// ---------------------------------------------------------------- one trader's summary

type Extras = { followers: number; copiers: number; fidelity: FidelityDto | null };

/** The instant a record's windows end at: now for a person, the end of the last equity day for a bot. */
function recordNowMs(profile: q.TraderProfileRow, record: TraderRecord, now: Date): number {
  const last = record.equity.at(-1);
  return profile.kind === "bot" && last ? endOfDayMs(last.day) : now.getTime();
}

function summarize(profile: q.TraderProfileRow, record: TraderRecord, window: MetricWindow, now: Date, extras: Extras) {
  const nowMs = recordNowMs(profile, record, now);
  const trips = computeRoundTrips(record.trades, record.isStable);
  const shown = computeTraderMetrics(record, window, nowMs, {}, trips);
  const year = window === "365d" ? shown : computeTraderMetrics(record, "365d", nowMs, {}, trips);
  const all = window === "all" ? shown : computeTraderMetrics(record, "all", nowMs, {}, trips);
  const hasRecord = record.equity.length > 0;
  const risk = computeRiskScore({
    volatility: year.returnDays > 1 ? year.volatility : null,
    maxDrawdown: hasRecord && year.days > 0 ? year.maxDrawdown : null,
    concentrationHhi: year.concentrationHhi,
  });
  const days = recordDays(record.equity, nowMs);
  const req = rankingRequirements();
  const eligibility = checkRankingEligibility({ recordDays: days, trades: all.trades }, req);
  const sparkline = hasRecord ? downsample(twrIndexSeries(record.equity, shown.startDay, shown.endDay), SPARKLINE_POINTS).map((p) => p.index) : [];
  const summary: TraderSummaryDto = {
    id: profile.userId,
    name: profile.displayName,
    kind: profile.kind,
    avatar: profile.avatar,
    bio: profile.bio,
    botStrategy: profile.botStrategy,
    riskScore: risk.score,
    risk,
    metrics: metricsDto(shown, hasRecord),
    recordDays: days,
    totalTrades: all.trades,
    eligible: eligibility.eligible,
    missing: missingForRanking({ recordDays: days, trades: all.trades }, req),
    followers: extras.followers,
    copiers: extras.copiers,
    fidelity: extras.fidelity,
    asOf: hasRecord ? isoFromDay(all.endDay) : null,
    sparkline,
  };
  return { summary, nowMs, trips };
}

/** Each leader's copy fidelity over all its followers' filled copies (null: none yet). */
export async function leaderFidelity(db: Db, leaderIds: string[]): Promise<Map<string, FidelityDto | null>> {
  const by = groupBy(await q.listFidelityRows(db, leaderIds), (r) => r.leaderId);
  return new Map(leaderIds.map((id) => [id, fidelityDto(by.get(id) ?? [])]));
}

async function loadExtras(db: Db, ids: string[]): Promise<Map<string, Extras>> {
  const [followers, copiers, fidelityRows] = await Promise.all([q.countFollowers(db, ids), q.countCopiers(db, ids), q.listFidelityRows(db, ids)]);
  const fidelityBy = groupBy(fidelityRows, (r) => r.leaderId);
  const out = new Map<string, Extras>();
  for (const id of ids) {
    out.set(id, { followers: followers.get(id) ?? 0, copiers: copiers.get(id) ?? 0, fidelity: fidelityDto(fidelityBy.get(id) ?? []) });
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function loadRecords(db: Db, ids: string[]): Promise<Map<string, TraderRecord>> {
  const [equity, trades] = await Promise.all([q.listEquityFor(db, ids), q.listTradesForMetrics(db, ids)]);
  const eqBy = groupBy(equity, (e) => e.userId);
  const trBy = groupBy(trades, (t) => t.userId);
  return new Map(ids.map((id) => [id, toTraderRecord(eqBy.get(id) ?? [], trBy.get(id) ?? [])]));
}

// ---------------------------------------------------------------- leaderboard

type SortKey = (typeof LEADERBOARD_SORTS)[number];

function sortValue(e: TraderSummaryDto, sort: SortKey): number | null {
  switch (sort) {
    case "riskScore":
      return e.riskScore;
    case "followers":
      return e.followers;
    case "fidelity":
      return e.fidelity?.meanBps ?? null;
    case "trades":
      return e.metrics.trades;
    default:
      return e.metrics[sort];
  }
}

const ASCENDING_BY_DEFAULT = new Set<SortKey>(["maxDrawdown", "riskScore", "fidelity"]);

export async function topTraders(db: Db, raw: TradersTopInput, _viewerId: string | null, now: Date): Promise<LeaderboardDto> {
  const input = tradersTopInput.parse(raw);
  const profiles = (await q.listPublicProfiles(db)).filter((p) => input.kind === "all" || p.kind === input.kind);
  const ids = profiles.map((p) => p.userId);
  const [records, extras] = await Promise.all([loadRecords(db, ids), loadExtras(db, ids)]);
  const rows = profiles
    .map((p) => summarize(p, records.get(p.userId)!, input.window, now, extras.get(p.userId)!).summary)
    .filter((s) => s.riskScore >= input.riskMin && s.riskScore <= input.riskMax);
  const asc = (input.order ?? (ASCENDING_BY_DEFAULT.has(input.sort) ? "asc" : "desc")) === "asc";
  rows.sort((a, b) => {
    const va = sortValue(a, input.sort);
    const vb = sortValue(b, input.sort);
    if (va === null || vb === null) return va === vb ? a.name.localeCompare(b.name) : va === null ? 1 : -1;
    return (asc ? va - vb : vb - va) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
  return {
    window: input.window,
    requirements: rankingRequirements(),
    entries: rows.filter((r) => r.eligible).slice(0, input.limit),
    unranked: rows.filter((r) => !r.eligible).slice(0, input.limit),
  };
}

// ---------------------------------------------------------------- detail and trades

/** The trader's profile when the viewer may see it (public, or their own); social.NOT_FOUND otherwise. */
async function visibleProfile(db: Db, id: string, viewerId: string | null): Promise<q.TraderProfileRow> {
  const profile = await q.findTraderProfile(db, id);
  if (!profile || (!profile.isPublic && profile.userId !== viewerId)) throw new DomainError("social.NOT_FOUND", ErrorKind.notFound, "Trader not found.");
  return profile;
}

/** Others see trades executed before now − the trader's delay; the trader sees all. */
function visibleBefore(profile: q.TraderProfileRow, viewerId: string | null, now: Date): Date | null {
  return profile.userId === viewerId ? null : new Date(now.getTime() - profile.tradeDelayMinutes * 60_000);
}

export async function getTrader(db: Db, id: string, viewerId: string | null, now: Date): Promise<TraderDetailDto> {
  const profile = await visibleProfile(db, id, viewerId);
  const isSelf = profile.userId === viewerId;
  const [records, extras] = await Promise.all([loadRecords(db, [id]), loadExtras(db, [id])]);
  const record = records.get(id)!;
  const { summary, nowMs, trips } = summarize(profile, record, "30d", now, extras.get(id)!);
  const hasRecord = record.equity.length > 0;
  const windows = Object.fromEntries(WINDOWS.map((w) => [w, metricsDto(computeTraderMetrics(record, w, nowMs, {}, trips), hasRecord)])) as Record<MetricWindow, MetricsDto>;
  const first = record.equity[0];
  const last = record.equity.at(-1);
  const index = first && last ? new Map(twrIndexSeries(record.equity, first.day, last.day).map((p) => [p.day, p.index])) : new Map<number, number>();
  const [recent, following, signals, copy] = await Promise.all([
    q.listTraderTradesPage(db, id, { before: visibleBefore(profile, viewerId, now), cursor: null, limit: RECENT_TRADES }),
    viewerId && !isSelf ? q.isFollowing(db, viewerId, id) : Promise.resolve(false),
    providerHitRate(db, id),
    viewerId && !isSelf ? getViewerCopy(db, viewerId, id) : Promise.resolve(null),
  ]);
  return {
    trader: summary,
    windows,
    equity: record.equity.map((p) => ({ day: isoFromDay(p.day), valueUsd: p.valueUsd, index: index.get(p.day) ?? 1 })),
    recentTrades: recent.map(toTradeDto),
    delayMinutes: isSelf ? 0 : profile.tradeDelayMinutes,
    isSelf,
    following,
    copy,
    signals: { total: signals.total, resolved: signals.resolved, targetHits: signals.targetHits, hitRate: signals.hitRate },
  };
}

function decodeTradeCursor(cursor: string | null | undefined): { executedAt: Date; id: string } | null {
  if (!cursor) return null;
  const i = cursor.indexOf("|");
  const at = new Date(cursor.slice(0, i));
  if (i < 0 || Number.isNaN(at.getTime())) throw new DomainError("social.INVALID_CURSOR", ErrorKind.invalid, "This page link is no longer valid.");
  return { executedAt: at, id: cursor.slice(i + 1) };
}

export async function listTraderTrades(
  db: Db,
  id: string,
  viewerId: string | null,
  page: { limit: number; cursor?: string | null },
  now: Date,
): Promise<{ items: TradeDto[]; nextCursor: string | null }> {
  const profile = await visibleProfile(db, id, viewerId);
  const rows = await q.listTraderTradesPage(db, id, { before: visibleBefore(profile, viewerId, now), cursor: decodeTradeCursor(page.cursor), limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const lastRow = items.at(-1);
  return { items: items.map(toTradeDto), nextCursor: rows.length > page.limit && lastRow ? `${lastRow.executedAt.toISOString()}|${lastRow.id}` : null };
}
