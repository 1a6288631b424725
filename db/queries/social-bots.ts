// SQL of the labelled strategy bots (server/services/social/bots.ts): their user and profile
// rows, the state of their record, and the batch writes of a run (verified trades, daily equity).
import { and, count, eq, max, min, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { paperAccounts, paperFills, traderEquityDaily, traderProfiles, users, verifiedTrades } from "@/db/schema";

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

export type NewVerifiedTrade = Omit<typeof verifiedTrades.$inferInsert, "id" | "recordedAt">;
export type NewEquityDay = Omit<typeof traderEquityDaily.$inferInsert, "updatedAt">;

/** A bot's user: fixed id, its display name, no e-mail, no password (it can never sign in). */
export async function upsertBotUser(db: Db, values: { id: string; name: string }): Promise<void> {
  await db
    .insert(users)
    .values({ id: values.id, name: values.name, email: null, passwordHash: null, isDemo: false })
    .onConflictDoUpdate({ target: users.id, set: { name: values.name } });
}

/** The bot's public profile; bot_version stays null until its record is complete (setBotVersion). */
export async function upsertBotProfile(
  db: Db,
  values: { userId: string; displayName: string; bio: string; botStrategy: string; publishedAt: Date; now: Date },
): Promise<void> {
  const row = {
    displayName: values.displayName,
    bio: values.bio,
    isPublic: true,
    kind: "bot" as const,
    botStrategy: values.botStrategy,
    botVersion: null,
    publishedAt: values.publishedAt,
    updatedAt: values.now,
  };
  await db
    .insert(traderProfiles)
    .values({ userId: values.userId, ...row })
    .onConflictDoUpdate({ target: traderProfiles.userId, set: row });
}

export async function setBotVersion(db: Db, userId: string, version: string, now: Date): Promise<void> {
  await db.update(traderProfiles).set({ botVersion: version, updatedAt: now }).where(eq(traderProfiles.userId, userId));
}

export type BotRecordStatus = {
  botVersion: string | null;
  kind: "person" | "bot" | null;
  equityDays: number;
  firstDay: number | null;
  lastDay: number | null;
  fills: number;
  trades: number;
};

/** What is stored of a bot's record (profile version, equity days, fills vs verified trades). */
export async function findBotRecordStatus(db: Db, userId: string): Promise<BotRecordStatus> {
  const [profile] = await db.select({ botVersion: traderProfiles.botVersion, kind: traderProfiles.kind }).from(traderProfiles).where(eq(traderProfiles.userId, userId));
  const [equity] = await db
    .select({ n: count(), first: min(traderEquityDaily.day), last: max(traderEquityDaily.day) })
    .from(traderEquityDaily)
    .where(eq(traderEquityDaily.userId, userId));
  const [fills] = await db.select({ n: count() }).from(paperFills).where(eq(paperFills.userId, userId));
  const [trades] = await db
    .select({ n: count() })
    .from(verifiedTrades)
    .where(and(eq(verifiedTrades.userId, userId), eq(verifiedTrades.source, "paper")));
  return {
    botVersion: profile?.botVersion ?? null,
    kind: profile?.kind ?? null,
    equityDays: equity?.n ?? 0,
    firstDay: equity?.first ?? null,
    lastDay: equity?.last ?? null,
    fills: fills?.n ?? 0,
    trades: trades?.n ?? 0,
  };
}

/** Deletes a bot's record: its verified trades, daily equity and paper fills. */
export async function deleteBotRecord(db: Db, userId: string): Promise<void> {
  await db.delete(verifiedTrades).where(eq(verifiedTrades.userId, userId));
  await db.delete(traderEquityDaily).where(eq(traderEquityDaily.userId, userId));
  await db.delete(paperFills).where(eq(paperFills.userId, userId));
}

/** A replayed account was "reset" when its history starts, not when the replay ran. */
export async function setPaperAccountResetAt(db: Db, accountId: string, resetAt: Date): Promise<void> {
  await db.update(paperAccounts).set({ resetAt }).where(eq(paperAccounts.id, accountId));
}

/** The bot's replay is the authority on its fills' trades: a row recorded for them otherwise is overwritten. */
export async function upsertVerifiedTrades(db: Db, rows: NewVerifiedTrade[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insert(verifiedTrades)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [verifiedTrades.source, verifiedTrades.sourceRef],
        set: {
          userId: sqlExcluded("user_id"),
          origin: sqlExcluded("origin"),
          chainId: sqlExcluded("chain_id"),
          tokenIn: sqlExcluded("token_in"),
          tokenOut: sqlExcluded("token_out"),
          symbolIn: sqlExcluded("symbol_in"),
          symbolOut: sqlExcluded("symbol_out"),
          amountIn: sqlExcluded("amount_in"),
          amountOut: sqlExcluded("amount_out"),
          valueUsd: sqlExcluded("value_usd"),
          bookValueUsd: sqlExcluded("book_value_usd"),
          balanceInBefore: sqlExcluded("balance_in_before"),
          block: sqlExcluded("block"),
          txHash: sqlExcluded("tx_hash"),
          executedAt: sqlExcluded("executed_at"),
        },
      });
  }
}

/** Batch upsert of equity days (one statement per 200 rows). */
export async function upsertEquityDays(db: Db, rows: NewEquityDay[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r) => ({ ...r, updatedAt: now }));
    await db
      .insert(traderEquityDaily)
      .values(chunk)
      .onConflictDoUpdate({
        target: [traderEquityDaily.userId, traderEquityDaily.day],
        set: { valueUsd: sqlExcluded("value_usd"), flowUsd: sqlExcluded("flow_usd"), holdingsUsd: sqlExcluded("holdings_usd"), updatedAt: now },
      });
  }
}
