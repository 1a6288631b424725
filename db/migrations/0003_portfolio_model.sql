CREATE TYPE "public"."portfolio_income_kind" AS ENUM('staking_reward', 'lp_fee', 'farm_reward', 'airdrop');--> statement-breakpoint
CREATE TYPE "public"."portfolio_privacy_mode" AS ENUM('values', 'percentages', 'delayed');--> statement-breakpoint
CREATE TYPE "public"."portfolio_tx_source" AS ENUM('manual', 'import');--> statement-breakpoint
CREATE TYPE "public"."portfolio_tx_type" AS ENUM('buy', 'sell', 'transfer_in', 'transfer_out', 'fee', 'income', 'swap');--> statement-breakpoint
CREATE TABLE "portfolio_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"portfolio_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"portfolio_id" text NOT NULL,
	"user_id" text NOT NULL,
	"format" text NOT NULL,
	"filename" text,
	"row_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"portfolio_id" text NOT NULL,
	"user_id" text NOT NULL,
	"account_id" text NOT NULL,
	"type" "portfolio_tx_type" NOT NULL,
	"income_kind" "portfolio_income_kind",
	"asset" text NOT NULL,
	"quantity" numeric(78, 0) NOT NULL,
	"price_usd" numeric(38, 18),
	"to_asset" text,
	"to_quantity" numeric(78, 0),
	"value_usd" numeric(38, 18),
	"fee_asset" text,
	"fee_quantity" numeric(78, 0),
	"fee_usd" numeric(38, 18),
	"occurred_at" timestamp with time zone NOT NULL,
	"note" text,
	"source" "portfolio_tx_source" DEFAULT 'manual' NOT NULL,
	"import_id" text,
	"external_id" text,
	"dedup_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_transactions_quantity_pos" CHECK ("portfolio_transactions"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "portfolio_wallets" (
	"id" text PRIMARY KEY NOT NULL,
	"portfolio_id" text NOT NULL,
	"user_id" text NOT NULL,
	"address" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_wallets_address_lower" CHECK ("portfolio_wallets"."address" = lower("portfolio_wallets"."address"))
);
--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "privacy_mode" "portfolio_privacy_mode" DEFAULT 'percentages' NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "show_wallets" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "rules" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolio_accounts" ADD CONSTRAINT "portfolio_accounts_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_accounts" ADD CONSTRAINT "portfolio_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_imports" ADD CONSTRAINT "portfolio_imports_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_imports" ADD CONSTRAINT "portfolio_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD CONSTRAINT "portfolio_transactions_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD CONSTRAINT "portfolio_transactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD CONSTRAINT "portfolio_transactions_account_id_portfolio_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portfolio_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD CONSTRAINT "portfolio_transactions_import_id_portfolio_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."portfolio_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_wallets" ADD CONSTRAINT "portfolio_wallets_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_wallets" ADD CONSTRAINT "portfolio_wallets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_accounts_uq" ON "portfolio_accounts" USING btree ("portfolio_id","name");--> statement-breakpoint
CREATE INDEX "portfolio_accounts_user_idx" ON "portfolio_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "portfolio_imports_portfolio_idx" ON "portfolio_imports" USING btree ("portfolio_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_transactions_dedup_uq" ON "portfolio_transactions" USING btree ("portfolio_id","dedup_key");--> statement-breakpoint
CREATE INDEX "portfolio_transactions_portfolio_idx" ON "portfolio_transactions" USING btree ("portfolio_id","occurred_at");--> statement-breakpoint
CREATE INDEX "portfolio_transactions_user_idx" ON "portfolio_transactions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_wallets_uq" ON "portfolio_wallets" USING btree ("portfolio_id","address");--> statement-breakpoint
CREATE INDEX "portfolio_wallets_user_idx" ON "portfolio_wallets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "portfolio_wallets_address_idx" ON "portfolio_wallets" USING btree ("address");