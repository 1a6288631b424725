CREATE TYPE "public"."chain_tx_kind" AS ENUM('swap', 'approve', 'wrap', 'unwrap');--> statement-breakpoint
CREATE TYPE "public"."chain_tx_status" AS ENUM('pending', 'confirmed', 'failed', 'dropped', 'replaced');--> statement-breakpoint
CREATE TABLE "chain_txs" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"chain_id" integer NOT NULL,
	"hash" text NOT NULL,
	"account" text NOT NULL,
	"nonce" integer NOT NULL,
	"kind" "chain_tx_kind" NOT NULL,
	"status" "chain_tx_status" DEFAULT 'pending' NOT NULL,
	"token_in" text,
	"token_out" text,
	"quoted_amount_in" numeric(78, 0),
	"quoted_amount_out" numeric(78, 0),
	"min_amount_out" numeric(78, 0),
	"amount_in" numeric(78, 0),
	"amount_out" numeric(78, 0),
	"route" jsonb,
	"block_number" bigint,
	"gas_used" numeric(78, 0),
	"effective_gas_price" numeric(78, 0),
	"error" text,
	"replaced_by" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chain_txs_hash_lower" CHECK ("chain_txs"."hash" = lower("chain_txs"."hash")),
	CONSTRAINT "chain_txs_account_lower" CHECK ("chain_txs"."account" = lower("chain_txs"."account"))
);
--> statement-breakpoint
ALTER TABLE "chain_txs" ADD CONSTRAINT "chain_txs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_txs_chain_hash_uq" ON "chain_txs" USING btree ("chain_id","hash");--> statement-breakpoint
CREATE INDEX "chain_txs_user_submitted_idx" ON "chain_txs" USING btree ("user_id","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);