ALTER TABLE "paper_accounts" ADD COLUMN "starting_value_usd" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "paper_accounts" ADD COLUMN "reset_block" bigint;