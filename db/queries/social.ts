// SQL of trader profiles, verified trades (the recorder's anti-joins), the daily equity
// snapshots and the leaderboard's aggregates.
import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import {
  chainTxs,
  copyRelations,
  copyTrades,
  follows,
  keeperTxs,
  paperAccounts,
  paperBalances,
  paperFills,
  portfolios,
  traderEquityDaily,
  traderProfiles,
  vaults,
  verifiedTrades,
  type TraderSources,
} from "@/db/schema";

export type TraderProfileRow = typeof traderProfiles.$inferSelect;
export type VerifiedTradeRow = typeof verifiedTrades.$inferSelect;
export type NewVerifiedTrade = Omit<typeof verifiedTrades.$inferInsert, "id" | "recordedAt">;
export type EquityRow = typeof traderEquityDaily.$inferSelect;

// ---------------------------------------------------------------- profiles

export async function findTraderProfile(db: Db, userId: string): Promise<TraderProfileRow | null> {
  const rows = await db.select().from(traderProfiles).where(eq(traderProfiles.userId, userId));
  return rows[0] ?? null;
}

/**
 * Inserts or updates a person's profile (never a bot's: the update is skipped and this throws).
 * Fields left undefined keep their stored value (or the column default on insert; publishedAt
 * then defaults to now when public).
 */
export async function upsertTraderProfile(
  db: Db,
  values: {
    userId: string;
    displayName: string;
    bio: string;
    isPublic: boolean;
    avatar?: string | null;
    tradeDelayMinutes?: number;
    sources?: TraderSources;
    publishedAt?: Date | null;
    now: Date;
  },
): Promise<TraderProfileRow> {
  const optional = {
    ...(values.avatar !== undefined ? { avatar: values.avatar } : {}),
    ...(values.tradeDelayMinutes !== undefined ? { tradeDelayMinutes: values.tradeDelayMinutes } : {}),
    ...(values.sources !== undefined ? { sources: values.sources } : {}),
    ...(values.publishedAt !== undefined ? { publishedAt: values.publishedAt } : {}),
  };
  const set = { displayName: values.displayName, bio: values.bio, isPublic: values.isPublic, updatedAt: values.now, ...optional };
  const rows = await db
    .insert(traderProfiles)
    .values({ userId: values.userId, kind: "person", publishedAt: values.isPublic ? values.now : null, ...set })
    .onConflictDoUpdate({ target: traderProfiles.userId, set, where: eq(traderProfiles.kind, "person") })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("upsert returned no row (a bot's profile is not editable)");
  return row;
}

/** Which of `ids` are portfolios of the user. */
export async function listOwnPortfolioIds(db: Db, userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: portfolios.id })
    .from(portfolios)
    .where(and(eq(portfolios.userId, userId), inArray(portfolios.id, ids)));
  return rows.map((r) => r.id);
}

/** Public profiles (both kinds), with the user's account name. */
export async function listPublicProfiles(db: Db): Promise<TraderProfileRow[]> {
  return db.select().from(traderProfiles).where(eq(traderProfiles.isPublic, true)).orderBy(asc(traderProfiles.userId));
}

/** Public person profiles with the time their today's equity row was written (null: none yet). */
export async function listSnapshotCandidates(db: Db, day: number, userId?: string) {
  return db
    .select({ userId: traderProfiles.userId, sources: traderProfiles.sources, profileUpdatedAt: traderProfiles.updatedAt, todayUpdatedAt: traderEquityDaily.updatedAt })
    .from(traderProfiles)
    .leftJoin(traderEquityDaily, and(eq(traderEquityDaily.userId, traderProfiles.userId), eq(traderEquityDaily.day, day)))
    .where(and(eq(traderProfiles.isPublic, true), eq(traderProfiles.kind, "person"), userId ? eq(traderProfiles.userId, userId) : undefined))
    .orderBy(asc(traderProfiles.userId));
}

// ---------------------------------------------------------------- the recorder's sources

/** Paper fills without a verified trade yet (bot fills excluded: the bots record their own), oldest first. */
export async function listUnrecordedPaperFills(db: Db, limit: number) {
  return db
    .select({ fill: paperFills, resetAt: paperAccounts.resetAt })
    .from(paperFills)
    .innerJoin(paperAccounts, eq(paperAccounts.id, paperFills.accountId))
    .leftJoin(verifiedTrades, and(eq(verifiedTrades.source, "paper"), eq(verifiedTrades.sourceRef, paperFills.id)))
    .where(and(sql`${verifiedTrades.id} is null`, sql`${paperFills.source} <> 'bot'`))
    .orderBy(asc(paperFills.createdAt), asc(paperFills.id))
    .limit(limit);
}

/** Receipt-confirmed swaps without a verified trade yet, oldest first. */
export async function listUnrecordedChainSwaps(db: Db, limit: number) {
  return db
    .select({ tx: chainTxs })
    .from(chainTxs)
    .leftJoin(verifiedTrades, and(eq(verifiedTrades.source, "chain"), eq(verifiedTrades.sourceRef, chainTxs.id)))
    .where(
      and(
        sql`${verifiedTrades.id} is null`,
        eq(chainTxs.kind, "swap"),
        eq(chainTxs.status, "confirmed"),
        sql`${chainTxs.tokenIn} is not null and ${chainTxs.tokenOut} is not null and ${chainTxs.amountIn} is not null and ${chainTxs.amountOut} is not null`,
      ),
    )
    .orderBy(asc(chainTxs.confirmedAt), asc(chainTxs.id))
    .limit(limit)
    .then((rows) => rows.map((r) => r.tx));
}

/** Confirmed keeper (vault) transactions without a verified trade yet, oldest first. */
export async function listUnrecordedKeeperTxs(db: Db, limit: number) {
  return db
    .select({ tx: keeperTxs })
    .from(keeperTxs)
    .leftJoin(verifiedTrades, and(eq(verifiedTrades.source, "vault"), eq(verifiedTrades.sourceRef, keeperTxs.id)))
    .where(and(sql`${verifiedTrades.id} is null`, eq(keeperTxs.status, "confirmed"), sql`${keeperTxs.amountOut} is not null`))
    .orderBy(asc(keeperTxs.confirmedAt), asc(keeperTxs.id))
    .limit(limit)
    .then((rows) => rows.map((r) => r.tx));
}

/**
 * A paper account's balances just before a fill: the current balances minus the effects of that
 * fill and of every later fill of the account's current run (created at or after its reset). One
 * statement, so balances and fills come from one snapshot even while fills commit. Fills of an
 * earlier run (before the reset) cannot be reconstructed this way: null.
 */
export async function paperBalancesBeforeFill(db: Db, fill: { id: string; accountId: string; createdAt: Date }, resetAt: Date): Promise<Map<string, bigint> | null> {
  if (fill.createdAt < resetAt) return null;
  const at = fill.createdAt.toISOString();
  const rows = await db.execute<{ token: string; amount: string }>(sql`
    select token, sum(delta)::text as amount from (
      select ${paperBalances.token} as token, ${paperBalances.amountRaw} as delta from ${paperBalances} where ${paperBalances.accountId} = ${fill.accountId}
      union all
      select f.token_out, -f.amount_out from paper_fills f
        where f.account_id = ${fill.accountId} and f.created_at >= (select reset_at from paper_accounts where id = ${fill.accountId})
          and (f.created_at > ${at}::timestamptz or (f.created_at = ${at}::timestamptz and f.id >= ${fill.id}))
      union all
      select f.token_in, f.amount_in from paper_fills f
        where f.account_id = ${fill.accountId} and f.created_at >= (select reset_at from paper_accounts where id = ${fill.accountId})
          and (f.created_at > ${at}::timestamptz or (f.created_at = ${at}::timestamptz and f.id >= ${fill.id}))
    ) d group by token`);
  return new Map(Array.from(rows, (r) => [r.token, BigInt(r.amount.split(".")[0]!)]));
}

/** Inserts a verified trade unless its source row is recorded already; null then. */
export async function insertVerifiedTrade(db: Db, values: NewVerifiedTrade): Promise<VerifiedTradeRow | null> {
  const rows = await db.insert(verifiedTrades).values(values).onConflictDoNothing({ target: [verifiedTrades.source, verifiedTrades.sourceRef] }).returning();
  return rows[0] ?? null;
}

// ---------------------------------------------------------------- books (equity snapshots)

export async function listPaperBooks(db: Db, userId: string) {
  const accounts = await db.select().from(paperAccounts).where(eq(paperAccounts.userId, userId)).orderBy(asc(paperAccounts.chainId));
  if (accounts.length === 0) return [];
  const balances = await db
    .select()
    .from(paperBalances)
    .where(inArray(paperBalances.accountId, accounts.map((a) => a.id)));
  return accounts.map((a) => ({ account: a, balances: balances.filter((b) => b.accountId === a.id) }));
}

export async function listUserVaults(db: Db, userId: string) {
  return db.select().from(vaults).where(eq(vaults.userId, userId)).orderBy(asc(vaults.chainId), asc(vaults.createdAt));
}

/** The trader's latest equity row on or before `day`. */
export async function findLatestEquityRow(db: Db, userId: string, day: number): Promise<EquityRow | null> {
  const rows = await db
    .select()
    .from(traderEquityDaily)
    .where(and(eq(traderEquityDaily.userId, userId), sql`${traderEquityDaily.day} <= ${day}`))
    .orderBy(desc(traderEquityDaily.day))
    .limit(1);
  return rows[0] ?? null;
}

export async function upsertEquityRow(db: Db, row: { userId: string; day: number; valueUsd: number; flowUsd: number; holdingsUsd: Record<string, number>; now: Date }): Promise<void> {
  const values = { valueUsd: row.valueUsd.toFixed(6), flowUsd: row.flowUsd.toFixed(6), holdingsUsd: row.holdingsUsd, updatedAt: row.now };
  await db
    .insert(traderEquityDaily)
    .values({ userId: row.userId, day: row.day, ...values })
    .onConflictDoUpdate({ target: [traderEquityDaily.userId, traderEquityDaily.day], set: values });
}

// ---------------------------------------------------------------- records (leaderboard, detail)

/** The users' daily equity points for metrics (USD as float8: analytics, and ~2× faster to read). */
export async function listEquityFor(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: traderEquityDaily.userId,
      day: traderEquityDaily.day,
      valueUsd: sql<number>`${traderEquityDaily.valueUsd}::float8`.mapWith(Number),
      flowUsd: sql<number>`${traderEquityDaily.flowUsd}::float8`.mapWith(Number),
      holdingsUsd: traderEquityDaily.holdingsUsd,
    })
    .from(traderEquityDaily)
    .where(inArray(traderEquityDaily.userId, userIds))
    .orderBy(asc(traderEquityDaily.userId), asc(traderEquityDaily.day));
}
export type EquityPointRow = Awaited<ReturnType<typeof listEquityFor>>[number];

/** The verified trades of the users, for metrics (the columns the core needs). */
export async function listTradesForMetrics(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: verifiedTrades.id,
      userId: verifiedTrades.userId,
      chainId: verifiedTrades.chainId,
      symbolIn: verifiedTrades.symbolIn,
      symbolOut: verifiedTrades.symbolOut,
      amountIn: verifiedTrades.amountIn,
      amountOut: verifiedTrades.amountOut,
      valueUsd: sql<number>`${verifiedTrades.valueUsd}::float8`.mapWith(Number),
      executedAt: verifiedTrades.executedAt,
    })
    .from(verifiedTrades)
    .where(inArray(verifiedTrades.userId, userIds))
    .orderBy(asc(verifiedTrades.executedAt), asc(verifiedTrades.id));
}

/** A trader's verified trades, newest first, executed before `before` (the public delay), keyset-paged. */
export async function listTraderTradesPage(db: Db, userId: string, opts: { before: Date | null; cursor: { executedAt: Date; id: string } | null; limit: number }): Promise<VerifiedTradeRow[]> {
  const c = opts.cursor;
  return db
    .select()
    .from(verifiedTrades)
    .where(
      and(
        eq(verifiedTrades.userId, userId),
        opts.before ? lt(verifiedTrades.executedAt, opts.before) : undefined,
        c ? or(lt(verifiedTrades.executedAt, c.executedAt), and(eq(verifiedTrades.executedAt, c.executedAt), lt(verifiedTrades.id, c.id))) : undefined,
      ),
    )
    .orderBy(desc(verifiedTrades.executedAt), desc(verifiedTrades.id))
    .limit(opts.limit);
}

export async function countFollowers(db: Db, leaderIds: string[]): Promise<Map<string, number>> {
  if (leaderIds.length === 0) return new Map();
  const rows = await db
    .select({ leaderId: follows.leaderId, n: sql<number>`count(*)::int` })
    .from(follows)
    .where(inArray(follows.leaderId, leaderIds))
    .groupBy(follows.leaderId);
  return new Map(rows.map((r) => [r.leaderId, Number(r.n)]));
}

export async function countCopiers(db: Db, leaderIds: string[]): Promise<Map<string, number>> {
  if (leaderIds.length === 0) return new Map();
  const rows = await db
    .select({ leaderId: copyRelations.leaderId, n: sql<number>`count(*)::int` })
    .from(copyRelations)
    .where(and(inArray(copyRelations.leaderId, leaderIds), inArray(copyRelations.status, ["active", "paused"])))
    .groupBy(copyRelations.leaderId);
  return new Map(rows.map((r) => [r.leaderId, Number(r.n)]));
}

/** Filled copies' fidelity columns per leader. */
export async function listFidelityRows(db: Db, leaderIds: string[]) {
  if (leaderIds.length === 0) return [];
  return db
    .select({ leaderId: copyTrades.leaderId, diffBps: copyTrades.diffBps, delayMs: copyTrades.delayMs, delayBlocks: copyTrades.delayBlocks })
    .from(copyTrades)
    .where(and(inArray(copyTrades.leaderId, leaderIds), eq(copyTrades.status, "filled"), eq(copyTrades.kind, "copy"), sql`${copyTrades.diffBps} is not null`));
}

export async function isFollowing(db: Db, followerId: string, leaderId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.leaderId, leaderId)));
  return rows.length > 0;
}

