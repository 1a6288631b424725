import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { automationRail } from "./automation";

const tokenAmount = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });
const usd = (name: string) => numeric(name, { precision: 38, scale: 18 });
const ts = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

export const traderKind = pgEnum("trader_kind", ["person", "bot"]);

/** Which of the trader's books make up the public record (lib/schemas/social.ts). */
export type TraderSources = { paper: boolean; vaults: boolean; portfolioIds: string[] };

// Opt-in public trader profile. Statistics are computed from verified_trades and
// trader_equity_daily, never stored here. Bots (kind 'bot') are Lodestar's labelled strategy
// traders; their user row has no e-mail and no password.
export const traderProfiles = pgTable("trader_profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  bio: text("bio").notNull().default(""),
  isPublic: boolean("is_public").notNull().default(false),
  kind: traderKind("kind").notNull().default("person"),
  // A data: URL (PNG/JPEG/WebP, ≤ 64 KB) or null for the generated monogram.
  avatar: text("avatar"),
  // Public viewers see trades this many minutes late (followers' copies are not delayed).
  tradeDelayMinutes: integer("trade_delay_minutes").notNull().default(0),
  sources: jsonb("sources").$type<TraderSources>().notNull().default({ paper: true, vaults: true, portfolioIds: [] }),
  // Bots: the strategy id (server/social/bots) and a version; a new version re-runs the record.
  botStrategy: text("bot_strategy"),
  botVersion: text("bot_version"),
  publishedAt: ts("published_at"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const verifiedTradeSource = pgEnum("verified_trade_source", ["paper", "chain", "vault"]);

// Every trade Lodestar can vouch for: a paper fill (executed by us), a swap whose receipt we
// verified on chain (chain_txs confirmed), a vault keeper transaction (confirmed). One row per
// source row; written by the recorder (server/services/social/records.ts), never by the client.
export const verifiedTrades = pgTable(
  "verified_trades",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: verifiedTradeSource("source").notNull(),
    // paper_fills.id, chain_txs.id or keeper_txs.id.
    sourceRef: text("source_ref").notNull(),
    // What placed the order: manual, automation, copy, bot (copies are not copied again).
    origin: text("origin").notNull(),
    chainId: integer("chain_id").notNull(),
    tokenIn: text("token_in").notNull(),
    tokenOut: text("token_out").notNull(),
    symbolIn: text("symbol_in").notNull(),
    symbolOut: text("symbol_out").notNull(),
    amountIn: tokenAmount("amount_in").notNull(),
    amountOut: tokenAmount("amount_out").notNull(),
    // USD value of what was given up, at execution.
    valueUsd: usd("value_usd").notNull(),
    // The book's value just before the trade and the trader's tokenIn balance then (copy sizing).
    bookValueUsd: usd("book_value_usd"),
    balanceInBefore: tokenAmount("balance_in_before"),
    block: bigint("block", { mode: "bigint" }),
    txHash: text("tx_hash"),
    executedAt: ts("executed_at").notNull(),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("verified_trades_source_uq").on(t.source, t.sourceRef), index("verified_trades_user_idx").on(t.userId, t.executedAt), index("verified_trades_executed_idx").on(t.executedAt)],
);

// The daily close of a trader's verified book (USD), the day's net external flow and the close
// value per asset symbol. Day = UTC day number (days since 1970-01-01). Written by the snapshot
// tick (the current day is overwritten until it ends) and by the bots' runs.
export const traderEquityDaily = pgTable(
  "trader_equity_daily",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: integer("day").notNull(),
    valueUsd: usd("value_usd").notNull(),
    flowUsd: usd("flow_usd").notNull().default("0"),
    holdingsUsd: jsonb("holdings_usd").$type<Record<string, number>>().notNull().default({}),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export const follows = pgTable(
  "follows",
  {
    followerId: text("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    leaderId: text("leader_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.leaderId] }), index("follows_leader_idx").on(t.leaderId), check("follows_not_self", sql`${t.followerId} <> ${t.leaderId}`)],
);

export const copyStatus = pgEnum("copy_status", ["active", "paused", "stopped"]);

/** Copy settings (server/social/copy-sizing.ts CopySettings without `paused`, which is the status). */
export type CopySettingsRecord = {
  allocatedUsd: number;
  mode: "proportional" | "fixed";
  fixedTradeUsd?: number;
  maxPerTradeUsd: number | null;
  copyStopLossBps: number | null;
  minTradeUsd?: number;
  slippageBps: number;
};

// A follower copying a leader on one rail (the follower's paper account on chain_id, or the
// follower's vault there). One row per (follower, leader): configuring again updates it, a
// stopped copy can be started again. The copy's allocation is tracked here: USD deployed in
// open copied positions (used_allocation_usd) and its equity's high-water mark (copy stop-loss).
export const copyRelations = pgTable(
  "copy_relations",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    followerId: text("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    leaderId: text("leader_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rail: automationRail("rail").notNull().default("paper"),
    chainId: integer("chain_id").notNull(),
    vaultId: text("vault_id"),
    settings: jsonb("settings").$type<CopySettingsRecord>().notNull(),
    status: copyStatus("status").notNull().default("active"),
    statusReason: text("status_reason"),
    usedAllocationUsd: usd("used_allocation_usd").notNull().default("0"),
    peakEquityUsd: usd("peak_equity_usd"),
    // Leader trades executed before this instant are never copied (a copy starts from now).
    startedAt: ts("started_at").notNull().defaultNow(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    stoppedAt: ts("stopped_at"),
  },
  (t) => [uniqueIndex("copy_relations_pair_uq").on(t.followerId, t.leaderId), index("copy_relations_leader_idx").on(t.leaderId, t.status)],
);

// Tokens a copy holds because of copied trades (base units): the copied positions a copy
// stop-loss closes, and what a leader's sell is mirrored against.
export const copyPositions = pgTable(
  "copy_positions",
  {
    copyId: text("copy_id")
      .notNull()
      .references(() => copyRelations.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    amountRaw: tokenAmount("amount_raw").notNull(),
    // USD of the allocation deployed into this position (at entry), released when it is sold.
    costUsd: usd("cost_usd").notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.copyId, t.token] })],
);

export const copyTradeStatus = pgEnum("copy_trade_status", ["pending", "filled", "skipped", "failed"]);

// What a copy did about one leader trade (kind 'copy', unique per copy and leader trade), or a
// closing sale of a copied position when the copy stopped (kind 'close', leader_trade_id null).
// A fill links to the follower's paper fill or keeper tx; fidelity columns compare it with the
// leader's fill (server/social/fidelity.ts).
export const copyTrades = pgTable(
  "copy_trades",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    copyId: text("copy_id")
      .notNull()
      .references(() => copyRelations.id, { onDelete: "cascade" }),
    followerId: text("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    leaderId: text("leader_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull().default("copy"),
    leaderTradeId: text("leader_trade_id").references(() => verifiedTrades.id, { onDelete: "set null" }),
    // Idempotency key of the follower's order (paper_fills.key / keeper_txs.key).
    orderKey: text("order_key").notNull().unique(),
    status: copyTradeStatus("status").notNull(),
    code: text("code"),
    reason: text("reason").notNull().default(""),
    tokenIn: text("token_in"),
    tokenOut: text("token_out"),
    amountIn: tokenAmount("amount_in"),
    amountOut: tokenAmount("amount_out"),
    valueUsd: usd("value_usd"),
    paperFillId: text("paper_fill_id"),
    keeperTxId: text("keeper_tx_id"),
    txHash: text("tx_hash"),
    // Follower vs leader: + = the follower got less per unit given up (bps); delay ms / blocks.
    diffBps: doublePrecision("diff_bps"),
    delayMs: bigint("delay_ms", { mode: "number" }),
    delayBlocks: integer("delay_blocks"),
    createdAt: ts("created_at").notNull().defaultNow(),
    filledAt: ts("filled_at"),
  },
  (t) => [index("copy_trades_copy_idx").on(t.copyId, t.createdAt), index("copy_trades_leader_idx").on(t.leaderId, t.createdAt), index("copy_trades_follower_idx").on(t.followerId, t.createdAt)],
);

export const signalProviderKind = pgEnum("signal_provider_kind", ["person", "bot", "generated"]);
export const signalStatus = pgEnum("signal_status", ["open", "target_hit", "stop_hit", "expired"]);

// A trade signal: published by a trader (provider_id), by a bot, or generated by Lodestar from
// indicators (provider_id null, rule set). `basis` says what its outcome is measured on: 'live'
// signals on the local chain's pool prices observed by the tick; 'history' signals on the
// shipped daily candles (server/social/signal-outcomes.ts).
export const signals = pgTable(
  "signals",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    providerId: text("provider_id").references(() => users.id, { onDelete: "cascade" }),
    providerKind: signalProviderKind("provider_kind").notNull(),
    rule: text("rule"),
    // Market symbol (ETH, BTC, LINK...).
    asset: text("asset").notNull(),
    chainId: integer("chain_id"),
    direction: text("direction").notNull(),
    entry: usd("entry").notNull(),
    targets: jsonb("targets").$type<number[]>().notNull(),
    stop: usd("stop").notNull(),
    horizonDays: integer("horizon_days").notNull(),
    rationale: text("rationale").notNull().default(""),
    basis: text("basis").notNull().default("live"),
    publishedAt: ts("published_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    status: signalStatus("status").notNull().default("open"),
    targetsReached: integer("targets_reached").notNull().default(0),
    resolvedAt: ts("resolved_at"),
    resolvedPrice: usd("resolved_price"),
    return1d: doublePrecision("return_1d"),
    return7d: doublePrecision("return_7d"),
    return30d: doublePrecision("return_30d"),
    lastPrice: usd("last_price"),
    highSince: usd("high_since"),
    lowSince: usd("low_since"),
    lastObservedAt: ts("last_observed_at"),
    // Generated signals: `${rule}:${asset}:${day}` so a re-run inserts nothing twice.
    dedupeKey: text("dedupe_key").unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("signals_provider_idx").on(t.providerId, t.publishedAt), index("signals_status_idx").on(t.status, t.basis), index("signals_published_idx").on(t.publishedAt)],
);
