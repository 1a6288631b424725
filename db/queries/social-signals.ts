// Signals and the feed: SQL only. Keyset pagination is on (time, id) newest first, with ids
// compared under the "C" collation so SQL and the feed's in-memory merge agree on the order, and
// times truncated to milliseconds (what a cursor can carry).
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { follows, signals, traderProfiles, verifiedTrades } from "@/db/schema";

export type SignalRow = typeof signals.$inferSelect;
export type NewSignalRow = typeof signals.$inferInsert;
export type SignalWithProvider = { signal: SignalRow; providerName: string | null; providerPublic: boolean | null };

export type TimeCursor = { atMs: number; id: string };

const ms = (col: SQL | typeof signals.publishedAt | typeof verifiedTrades.executedAt) => sql`date_trunc('milliseconds', ${col})`;
const before = (col: typeof signals.publishedAt | typeof verifiedTrades.executedAt, idCol: typeof signals.id | typeof verifiedTrades.id, c: TimeCursor) =>
  sql`(${ms(col)}, ${idCol} collate "C") < (${new Date(c.atMs).toISOString()}::timestamptz, ${c.id}::text collate "C")`;

/** Who may see a provider's signals: generated ones, public providers', and the viewer's own. */
function visibleTo(viewerId: string): SQL {
  return or(eq(signals.providerKind, "generated"), eq(traderProfiles.isPublic, true), eq(signals.providerId, viewerId))!;
}

export async function insertSignal(db: Db, values: NewSignalRow): Promise<SignalRow> {
  const [row] = await db.insert(signals).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Inserts in batches, skipping rows whose dedupe key exists; returns how many were inserted. */
export async function insertSignalsSkippingDuplicates(db: Db, rows: NewSignalRow[], batch = 500): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const res = await db
      .insert(signals)
      .values(rows.slice(i, i + batch))
      .onConflictDoNothing({ target: signals.dedupeKey })
      .returning({ id: signals.id });
    inserted += res.length;
  }
  return inserted;
}

/** Live signals still watched: open, or with a 1/7/30-day return not measured yet. */
export async function listLiveSignalsToObserve(db: Db): Promise<SignalRow[]> {
  return db
    .select()
    .from(signals)
    .where(and(eq(signals.basis, "live"), or(eq(signals.status, "open"), isNull(signals.return1d), isNull(signals.return7d), isNull(signals.return30d))));
}

export async function updateSignalObservation(db: Db, id: string, patch: Partial<NewSignalRow>): Promise<void> {
  await db.update(signals).set(patch).where(eq(signals.id, id));
}

export async function findSignalWithProvider(db: Db, id: string): Promise<SignalWithProvider | null> {
  const rows = await db
    .select({ signal: signals, providerName: traderProfiles.displayName, providerPublic: traderProfiles.isPublic })
    .from(signals)
    .leftJoin(traderProfiles, eq(traderProfiles.userId, signals.providerId))
    .where(eq(signals.id, id));
  return rows[0] ?? null;
}

export type SignalFilter = {
  viewerId: string;
  providerKind?: "person" | "bot" | "generated";
  followedBy?: string;
  providerId?: string;
  rule?: string;
  asset?: string;
  status?: "open" | "target_hit" | "stop_hit" | "expired";
  direction?: "long" | "short";
  basis?: "live" | "history";
};

function filterWhere(f: SignalFilter): SQL {
  const where: (SQL | undefined)[] = [visibleTo(f.viewerId)];
  if (f.providerKind) where.push(eq(signals.providerKind, f.providerKind));
  if (f.followedBy) where.push(sql`${signals.providerId} in (select ${follows.leaderId} from ${follows} where ${follows.followerId} = ${f.followedBy})`);
  if (f.providerId) where.push(eq(signals.providerId, f.providerId));
  if (f.rule) where.push(eq(signals.rule, f.rule));
  if (f.asset) where.push(sql`upper(${signals.asset}) = upper(${f.asset})`);
  if (f.status) where.push(eq(signals.status, f.status));
  if (f.direction) where.push(eq(signals.direction, f.direction));
  if (f.basis) where.push(eq(signals.basis, f.basis));
  return and(...where)!;
}

/** Visible signals matching the filter, newest first (published_at desc, id desc). */
export async function listSignals(db: Db, f: SignalFilter, opts: { limit: number; cursor: TimeCursor | null }): Promise<SignalWithProvider[]> {
  const where = opts.cursor ? and(filterWhere(f), before(signals.publishedAt, signals.id, opts.cursor)) : filterWhere(f);
  return db
    .select({ signal: signals, providerName: traderProfiles.displayName, providerPublic: traderProfiles.isPublic })
    .from(signals)
    .leftJoin(traderProfiles, eq(traderProfiles.userId, signals.providerId))
    .where(where)
    .orderBy(sql`${ms(signals.publishedAt)} desc`, sql`${signals.id} collate "C" desc`)
    .limit(opts.limit);
}

export type ProviderKey = { providerId: string | null; providerKind: "person" | "bot" | "generated"; rule: string | null; name: string | null };

/** The distinct providers (generated ones per rule) of the signals matching the filter. */
export async function listFilteredProviders(db: Db, f: SignalFilter): Promise<ProviderKey[]> {
  return db
    .selectDistinct({
      providerId: signals.providerId,
      providerKind: signals.providerKind,
      rule: sql<string | null>`case when ${signals.providerKind} = 'generated' then ${signals.rule} else null end`,
      name: traderProfiles.displayName,
    })
    .from(signals)
    .leftJoin(traderProfiles, eq(traderProfiles.userId, signals.providerId))
    .where(filterWhere(f));
}

/** Status of every signal of these providers and generated rules (for hit rates). */
export async function listProviderStatuses(
  db: Db,
  providerIds: string[],
  generatedRules: string[],
): Promise<{ providerId: string | null; providerKind: "person" | "bot" | "generated"; rule: string | null; status: SignalRow["status"] }[]> {
  const parts: SQL[] = [];
  if (providerIds.length) parts.push(inArray(signals.providerId, providerIds));
  if (generatedRules.length) parts.push(and(eq(signals.providerKind, "generated"), inArray(signals.rule, generatedRules))!);
  if (!parts.length) return [];
  return db
    .select({ providerId: signals.providerId, providerKind: signals.providerKind, rule: signals.rule, status: signals.status })
    .from(signals)
    .where(or(...parts));
}

// ---------------------------------------------------------------- feed

export async function countFollowing(db: Db, followerId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(follows).where(eq(follows.followerId, followerId));
  return row?.n ?? 0;
}

const followedPublic = (viewerId: string, leaderCol: typeof verifiedTrades.userId | typeof signals.providerId) =>
  sql`${leaderCol} in (select f.leader_id from ${follows} f join ${traderProfiles} p on p.user_id = f.leader_id where f.follower_id = ${viewerId} and p.is_public)`;

export type FeedTradeRow = { trade: typeof verifiedTrades.$inferSelect; name: string; kind: "person" | "bot" };

/**
 * Verified trades of the public traders the viewer follows, each visible once it is older than
 * its trader's delay (executed_at ≤ now − trade_delay_minutes), newest first.
 */
export async function listFeedTrades(db: Db, viewerId: string, opts: { now: Date; limit: number; cursor: TimeCursor | null }): Promise<FeedTradeRow[]> {
  const where: SQL[] = [
    followedPublic(viewerId, verifiedTrades.userId),
    sql`${verifiedTrades.executedAt} <= ${opts.now.toISOString()}::timestamptz - make_interval(mins => ${traderProfiles.tradeDelayMinutes})`,
  ];
  if (opts.cursor) where.push(before(verifiedTrades.executedAt, verifiedTrades.id, opts.cursor));
  return db
    .select({ trade: verifiedTrades, name: traderProfiles.displayName, kind: traderProfiles.kind })
    .from(verifiedTrades)
    .innerJoin(traderProfiles, eq(traderProfiles.userId, verifiedTrades.userId))
    .where(and(...where))
    .orderBy(sql`${ms(verifiedTrades.executedAt)} desc`, sql`${verifiedTrades.id} collate "C" desc`)
    .limit(opts.limit);
}

/** Signals of the public traders the viewer follows, newest first. */
export async function listFeedSignals(db: Db, viewerId: string, opts: { limit: number; cursor: TimeCursor | null }): Promise<SignalWithProvider[]> {
  const where: SQL[] = [followedPublic(viewerId, signals.providerId)];
  if (opts.cursor) where.push(before(signals.publishedAt, signals.id, opts.cursor));
  return db
    .select({ signal: signals, providerName: traderProfiles.displayName, providerPublic: traderProfiles.isPublic })
    .from(signals)
    .leftJoin(traderProfiles, eq(traderProfiles.userId, signals.providerId))
    .where(and(...where))
    .orderBy(sql`${ms(signals.publishedAt)} desc`, sql`${signals.id} collate "C" desc`)
    .limit(opts.limit);
}
