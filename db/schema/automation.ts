import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

const tokenAmount = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });
const ts = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

export const automationKind = pgEnum("automation_kind", ["rebalance", "dca", "stop_loss", "trailing_stop", "take_profit"]);
export const automationStatus = pgEnum("automation_status", ["active", "paused", "stopped"]);
export const automationRail = pgEnum("automation_rail", ["paper", "vault"]);
export const runStatus = pgEnum("automation_run_status", ["ok", "skipped", "failed", "pending"]);

// A user's automation: what it does (kind + config, zod-validated in lib/schemas/automation.ts),
// where it executes (rail: the paper account or the user's vault on chain_id), and the
// strategy's own state (DCA slots done and spent, a trailing stop's high-water mark...).
export const automations = pgTable(
  "automations",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: automationKind("kind").notNull(),
    name: text("name").notNull(),
    status: automationStatus("status").notNull().default("paused"),
    rail: automationRail("rail").notNull().default("paper"),
    chainId: integer("chain_id").notNull().default(31337),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
    // Why it stopped (completed, cancelled, breaker, copy stop...), shown in the list.
    statusReason: text("status_reason"),
    nextRunAt: ts("next_run_at"),
    lastRunAt: ts("last_run_at"),
    // Deleting hides an automation and stops it for good; its runs (the audit log) stay.
    deletedAt: ts("deleted_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("automations_user_idx").on(t.userId), index("automations_due_idx").on(t.status, t.nextRunAt)],
);

// One decision of an automation (audit): what it saw (inputs), what it decided and why,
// and what came of it (a paper fill, a keeper transaction, an error). Unique per job key,
// so a retried run updates its one row.
export const automationRuns = pgTable(
  "automation_runs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    automationId: text("automation_id")
      .notNull()
      .references(() => automations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobKey: text("job_key").notNull().unique(),
    status: runStatus("status").notNull(),
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull().default({}),
    decision: jsonb("decision").$type<Record<string, unknown>>().notNull().default({}),
    rationale: text("rationale").notNull().default(""),
    paperFillId: text("paper_fill_id"),
    keeperTxId: text("keeper_tx_id"),
    error: text("error"),
    scheduledFor: ts("scheduled_for"),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("automation_runs_automation_idx").on(t.automationId, t.createdAt), index("automation_runs_user_idx").on(t.userId, t.createdAt)],
);

// The paper rail: one account per user and chain, balances in base units, fills at the
// quote engine's exact output against the pool state of the block it was quoted at.
export const paperAccounts = pgTable(
  "paper_accounts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chainId: integer("chain_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    // Fills made before reset_at belong to an earlier run of the account (kept for the record).
    resetAt: ts("reset_at").notNull().defaultNow(),
    // The starting balances' USD value at the pools' prices when the account was (re)set, and
    // that block: P&L is measured against it (null when the chain had no prices then).
    startingValueUsd: numeric("starting_value_usd", { precision: 38, scale: 18 }),
    resetBlock: bigint("reset_block", { mode: "bigint" }),
  },
  (t) => [uniqueIndex("paper_accounts_user_chain_uq").on(t.userId, t.chainId)],
);

export const paperBalances = pgTable(
  "paper_balances",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    // Lowercase token address (WETH for ETH).
    token: text("token").notNull(),
    amountRaw: tokenAmount("amount_raw").notNull(),
    startingRaw: tokenAmount("starting_raw").notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.token] })],
);

export const paperFills = pgTable(
  "paper_fills",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    accountId: text("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Idempotency key of the order (the run's key, or "manual:<uuid>").
    key: text("key").notNull().unique(),
    source: text("source").notNull().default("automation"),
    automationId: text("automation_id"),
    chainId: integer("chain_id").notNull(),
    tokenIn: text("token_in").notNull(),
    tokenOut: text("token_out").notNull(),
    amountIn: tokenAmount("amount_in").notNull(),
    amountOut: tokenAmount("amount_out").notNull(),
    block: bigint("block", { mode: "bigint" }).notNull(),
    priceImpactBps: integer("price_impact_bps").notNull(),
    gasCostOut: tokenAmount("gas_cost_out"),
    route: jsonb("route").$type<unknown>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("paper_fills_account_idx").on(t.accountId, t.createdAt)],
);

// Vaults the user created through the factory (address read back from the factory's event).
export const vaults = pgTable(
  "vaults",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chainId: integer("chain_id").notNull(),
    // Lowercase.
    address: text("address").notNull(),
    owner: text("owner").notNull(),
    createdTx: text("created_tx"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("vaults_chain_address_uq").on(t.chainId, t.address), index("vaults_user_idx").on(t.userId)],
);

export const keeperTxStatus = pgEnum("keeper_tx_status", ["pending", "confirmed", "failed"]);

// Transactions the keeper sent to a vault. The row (with its key) is written before the
// transaction is broadcast and its hash right after, so a retried run finds it and waits
// for that receipt instead of sending a second swap.
export const keeperTxs = pgTable(
  "keeper_txs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    key: text("key").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vaultId: text("vault_id")
      .notNull()
      .references(() => vaults.id, { onDelete: "cascade" }),
    automationId: text("automation_id"),
    chainId: integer("chain_id").notNull(),
    hash: text("hash"),
    nonce: integer("nonce"),
    status: keeperTxStatus("status").notNull().default("pending"),
    tokenIn: text("token_in").notNull(),
    tokenOut: text("token_out").notNull(),
    amountIn: tokenAmount("amount_in").notNull(),
    minAmountOut: tokenAmount("min_amount_out").notNull(),
    quotedAmountOut: tokenAmount("quoted_amount_out"),
    amountOut: tokenAmount("amount_out"),
    // Block at which the trigger was observed and the block the tx was mined in.
    triggerBlock: bigint("trigger_block", { mode: "bigint" }),
    blockNumber: bigint("block_number", { mode: "bigint" }),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    confirmedAt: ts("confirmed_at"),
  },
  (t) => [index("keeper_txs_vault_idx").on(t.vaultId, t.createdAt)],
);

// Per-user risk settings: position sizing inputs and circuit breaker levels (jsonb, zod in
// lib/schemas/automation.ts), plus the breaker's current state.
export const riskSettings = pgTable("risk_settings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  sizing: jsonb("sizing").$type<Record<string, unknown>>().notNull().default({}),
  breakers: jsonb("breakers").$type<Record<string, unknown>>().notNull().default({}),
  // 0 = normal; otherwise the index+1 of the tripped level.
  breakerLevel: integer("breaker_level").notNull().default(0),
  // Portfolio high-water mark in USD (numeric(38,18)) the drawdown is measured from.
  peakValueUsd: numeric("peak_value_usd", { precision: 38, scale: 18 }),
  trippedAt: ts("tripped_at"),
  // The automated capital at the last evaluation (positions and prices) and its flow-neutral
  // performance index: deposits and withdrawals change positions, not the index.
  equitySnapshot: jsonb("equity_snapshot").$type<{ index: number; positions: { key: string; raw: string; decimals: number; priceUsd: number }[] }>(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const breakerEvents = pgTable(
  "breaker_events",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromLevel: integer("from_level").notNull(),
    toLevel: integer("to_level").notNull(),
    drawdownBps: integer("drawdown_bps").notNull(),
    action: text("action").notNull(),
    reason: text("reason").notNull(),
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("breaker_events_user_idx").on(t.userId, t.createdAt)],
);
