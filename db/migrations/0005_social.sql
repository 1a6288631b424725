CREATE TYPE "public"."copy_status" AS ENUM('active', 'paused', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."copy_trade_status" AS ENUM('pending', 'filled', 'skipped', 'failed');--> statement-breakpoint
CREATE TYPE "public"."signal_provider_kind" AS ENUM('person', 'bot', 'generated');--> statement-breakpoint
CREATE TYPE "public"."signal_status" AS ENUM('open', 'target_hit', 'stop_hit', 'expired');--> statement-breakpoint
CREATE TYPE "public"."trader_kind" AS ENUM('person', 'bot');--> statement-breakpoint
CREATE TYPE "public"."verified_trade_source" AS ENUM('paper', 'chain', 'vault');--> statement-breakpoint
CREATE TABLE "copy_positions" (
	"copy_id" text NOT NULL,
	"token" text NOT NULL,
	"amount_raw" numeric(78, 0) NOT NULL,
	"cost_usd" numeric(38, 18) DEFAULT '0' NOT NULL,
	CONSTRAINT "copy_positions_copy_id_token_pk" PRIMARY KEY("copy_id","token")
);
--> statement-breakpoint
CREATE TABLE "copy_relations" (
	"id" text PRIMARY KEY NOT NULL,
	"follower_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"rail" "automation_rail" DEFAULT 'paper' NOT NULL,
	"chain_id" integer NOT NULL,
	"vault_id" text,
	"settings" jsonb NOT NULL,
	"status" "copy_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"used_allocation_usd" numeric(38, 18) DEFAULT '0' NOT NULL,
	"peak_equity_usd" numeric(38, 18),
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "copy_trades" (
	"id" text PRIMARY KEY NOT NULL,
	"copy_id" text NOT NULL,
	"follower_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"kind" text DEFAULT 'copy' NOT NULL,
	"leader_trade_id" text,
	"order_key" text NOT NULL,
	"status" "copy_trade_status" NOT NULL,
	"code" text,
	"reason" text DEFAULT '' NOT NULL,
	"token_in" text,
	"token_out" text,
	"amount_in" numeric(78, 0),
	"amount_out" numeric(78, 0),
	"value_usd" numeric(38, 18),
	"paper_fill_id" text,
	"keeper_tx_id" text,
	"tx_hash" text,
	"diff_bps" double precision,
	"delay_ms" bigint,
	"delay_blocks" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"filled_at" timestamp with time zone,
	CONSTRAINT "copy_trades_order_key_unique" UNIQUE("order_key")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"follower_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_follower_id_leader_id_pk" PRIMARY KEY("follower_id","leader_id"),
	CONSTRAINT "follows_not_self" CHECK ("follows"."follower_id" <> "follows"."leader_id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text,
	"provider_kind" "signal_provider_kind" NOT NULL,
	"rule" text,
	"asset" text NOT NULL,
	"chain_id" integer,
	"direction" text NOT NULL,
	"entry" numeric(38, 18) NOT NULL,
	"targets" jsonb NOT NULL,
	"stop" numeric(38, 18) NOT NULL,
	"horizon_days" integer NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"basis" text DEFAULT 'live' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" "signal_status" DEFAULT 'open' NOT NULL,
	"targets_reached" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_price" numeric(38, 18),
	"return_1d" double precision,
	"return_7d" double precision,
	"return_30d" double precision,
	"last_price" numeric(38, 18),
	"high_since" numeric(38, 18),
	"low_since" numeric(38, 18),
	"last_observed_at" timestamp with time zone,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signals_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "trader_equity_daily" (
	"user_id" text NOT NULL,
	"day" integer NOT NULL,
	"value_usd" numeric(38, 18) NOT NULL,
	"flow_usd" numeric(38, 18) DEFAULT '0' NOT NULL,
	"holdings_usd" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trader_equity_daily_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "verified_trades" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"source" "verified_trade_source" NOT NULL,
	"source_ref" text NOT NULL,
	"origin" text NOT NULL,
	"chain_id" integer NOT NULL,
	"token_in" text NOT NULL,
	"token_out" text NOT NULL,
	"symbol_in" text NOT NULL,
	"symbol_out" text NOT NULL,
	"amount_in" numeric(78, 0) NOT NULL,
	"amount_out" numeric(78, 0) NOT NULL,
	"value_usd" numeric(38, 18) NOT NULL,
	"book_value_usd" numeric(38, 18),
	"balance_in_before" numeric(78, 0),
	"block" bigint,
	"tx_hash" text,
	"executed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "kind" "trader_kind" DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "avatar" text;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "trade_delay_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "sources" jsonb DEFAULT '{"paper":true,"vaults":true,"portfolioIds":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "bot_strategy" text;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "bot_version" text;--> statement-breakpoint
ALTER TABLE "trader_profiles" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "copy_positions" ADD CONSTRAINT "copy_positions_copy_id_copy_relations_id_fk" FOREIGN KEY ("copy_id") REFERENCES "public"."copy_relations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_relations" ADD CONSTRAINT "copy_relations_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_relations" ADD CONSTRAINT "copy_relations_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_trades" ADD CONSTRAINT "copy_trades_copy_id_copy_relations_id_fk" FOREIGN KEY ("copy_id") REFERENCES "public"."copy_relations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_trades" ADD CONSTRAINT "copy_trades_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_trades" ADD CONSTRAINT "copy_trades_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_trades" ADD CONSTRAINT "copy_trades_leader_trade_id_verified_trades_id_fk" FOREIGN KEY ("leader_trade_id") REFERENCES "public"."verified_trades"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trader_equity_daily" ADD CONSTRAINT "trader_equity_daily_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verified_trades" ADD CONSTRAINT "verified_trades_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "copy_relations_pair_uq" ON "copy_relations" USING btree ("follower_id","leader_id");--> statement-breakpoint
CREATE INDEX "copy_relations_leader_idx" ON "copy_relations" USING btree ("leader_id","status");--> statement-breakpoint
CREATE INDEX "copy_trades_copy_idx" ON "copy_trades" USING btree ("copy_id","created_at");--> statement-breakpoint
CREATE INDEX "copy_trades_leader_idx" ON "copy_trades" USING btree ("leader_id","created_at");--> statement-breakpoint
CREATE INDEX "copy_trades_follower_idx" ON "copy_trades" USING btree ("follower_id","created_at");--> statement-breakpoint
CREATE INDEX "follows_leader_idx" ON "follows" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "signals_provider_idx" ON "signals" USING btree ("provider_id","published_at");--> statement-breakpoint
CREATE INDEX "signals_status_idx" ON "signals" USING btree ("status","basis");--> statement-breakpoint
CREATE INDEX "signals_published_idx" ON "signals" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "verified_trades_source_uq" ON "verified_trades" USING btree ("source","source_ref");--> statement-breakpoint
CREATE INDEX "verified_trades_user_idx" ON "verified_trades" USING btree ("user_id","executed_at");--> statement-breakpoint
CREATE INDEX "verified_trades_executed_idx" ON "verified_trades" USING btree ("executed_at");