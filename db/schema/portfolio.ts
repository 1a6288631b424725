import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const costBasisMethod = pgEnum("cost_basis_method", ["fifo", "lifo", "hifo", "average"]);
// What a public page shows: values; only percentages; or percentages only, delayed by 24 h.
export const privacyMode = pgEnum("portfolio_privacy_mode", ["values", "percentages", "delayed"]);

/** User-tunable thresholds of the portfolio rules (server/portfolio/rules.ts), in basis points. */
export type PortfolioRuleSettings = {
  maxAssetBps?: number;
  maxChainBps?: number;
  minStablecoinBps?: number;
  maxStablecoinBps?: number;
  maxProtocolBps?: number;
  drawdownLimitBps?: number;
};

const tokenAmount = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });
const usd = (name: string) => numeric(name, { precision: 38, scale: 18 });

export const portfolios = pgTable(
  "portfolios",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    costBasisMethod: costBasisMethod("cost_basis_method").notNull().default("fifo"),
    isPublic: boolean("is_public").notNull().default(false),
    // Public page at /p/<slug> when isPublic.
    slug: text("slug"),
    privacyMode: privacyMode("privacy_mode").notNull().default("percentages"),
    // Public page lists wallet addresses only when the owner chose to.
    showWallets: boolean("show_wallets").notNull().default(false),
    publishedAt: timestamp("published_at", { mode: "date", withTimezone: true }),
    rules: jsonb("rules").$type<PortfolioRuleSettings>().notNull().default({}),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolios_user_idx").on(t.userId), uniqueIndex("portfolios_slug_uq").on(t.slug)],
);

// Addresses whose balances a portfolio reads live on every configured chain (watch-only:
// no ownership proof needed to track; swaps made in Lodestar from them become transactions).
export const portfolioWallets = pgTable(
  "portfolio_wallets",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    portfolioId: text("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    label: text("label"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolio_wallets_uq").on(t.portfolioId, t.address),
    index("portfolio_wallets_user_idx").on(t.userId),
    index("portfolio_wallets_address_idx").on(t.address),
    check("portfolio_wallets_address_lower", sql`${t.address} = lower(${t.address})`),
  ],
);

// Manual accounts (an exchange, cold storage, …) that hold manually entered or imported transactions.
export const portfolioAccounts = pgTable(
  "portfolio_accounts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    portfolioId: text("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("portfolio_accounts_uq").on(t.portfolioId, t.name), index("portfolio_accounts_user_idx").on(t.userId)],
);

export const portfolioImports = pgTable(
  "portfolio_imports",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    portfolioId: text("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    filename: text("filename"),
    rowCount: integer("row_count").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_imports_portfolio_idx").on(t.portfolioId)],
);

export const txType = pgEnum("portfolio_tx_type", ["buy", "sell", "transfer_in", "transfer_out", "fee", "income", "swap"]);
export const incomeKind = pgEnum("portfolio_income_kind", ["staking_reward", "lp_fee", "farm_reward", "airdrop"]);
export const txSource = pgEnum("portfolio_tx_source", ["manual", "import"]);

// Manual and imported transactions. Assets are market symbols (BTC, ETH, USDC, …); quantities
// are base units with 18 decimals (manual assets have no chain decimals); USD at 18 decimals.
export const portfolioTransactions = pgTable(
  "portfolio_transactions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    portfolioId: text("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => portfolioAccounts.id, { onDelete: "cascade" }),
    type: txType("type").notNull(),
    incomeKind: incomeKind("income_kind"),
    asset: text("asset").notNull(),
    quantity: tokenAmount("quantity").notNull(),
    priceUsd: usd("price_usd"),
    // Swaps: what was received (asset/quantity) and the market value of the exchange.
    toAsset: text("to_asset"),
    toQuantity: tokenAmount("to_quantity"),
    valueUsd: usd("value_usd"),
    feeAsset: text("fee_asset"),
    feeQuantity: tokenAmount("fee_quantity"),
    feeUsd: usd("fee_usd"),
    occurredAt: timestamp("occurred_at", { mode: "date", withTimezone: true }).notNull(),
    note: text("note"),
    source: txSource("source").notNull().default("manual"),
    importId: text("import_id").references(() => portfolioImports.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    // Identity of the economic row (imports: the parser's key; manual: derived) for duplicate detection.
    dedupKey: text("dedup_key").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolio_transactions_dedup_uq").on(t.portfolioId, t.dedupKey),
    index("portfolio_transactions_portfolio_idx").on(t.portfolioId, t.occurredAt),
    index("portfolio_transactions_user_idx").on(t.userId),
    check("portfolio_transactions_quantity_pos", sql`${t.quantity} > 0`),
  ],
);
