import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const chainTxKind = pgEnum("chain_tx_kind", ["swap", "approve", "wrap", "unwrap"]);
export const chainTxStatus = pgEnum("chain_tx_status", ["pending", "confirmed", "failed", "dropped", "replaced"]);

// A route leg as decoded from the executor calldata (JSON: token amounts as integer strings;
// null until the pool's Swap log of the confirmed tx says what it moved).
export type StoredRouteLeg = {
  venue: string;
  venueName: string;
  kind: "v2" | "v3";
  pool: string;
  tokenIn: string;
  tokenOut: string;
  fee: number;
  amountIn: string | null;
  amountOut: string | null;
};
export type StoredRoutePath = { shareBps: number; amountIn: string; amountOut: string | null; legs: StoredRouteLeg[] };

const tokenAmount = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });

// Every transaction hash a user submitted for tracking (swap, approval, wrap, unwrap).
// Token addresses and amounts are decoded from the transaction and its receipt on chain,
// never taken from the client; the only client-supplied figure is quoted_amount_out.
export const chainTxs = pgTable(
  "chain_txs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chainId: integer("chain_id").notNull(),
    // Lowercase 0x-hash.
    hash: text("hash").notNull(),
    // Lowercase sender (one of the user's linked wallets when the row was written).
    account: text("account").notNull(),
    nonce: integer("nonce").notNull(),
    kind: chainTxKind("kind").notNull(),
    status: chainTxStatus("status").notNull().default("pending"),
    // Lowercase; the native-token sentinel for ETH.
    tokenIn: text("token_in"),
    tokenOut: text("token_out"),
    // From the calldata (amount in, minimum out) and the client's quote (quoted out).
    quotedAmountIn: tokenAmount("quoted_amount_in"),
    quotedAmountOut: tokenAmount("quoted_amount_out"),
    minAmountOut: tokenAmount("min_amount_out"),
    // From the receipt's logs only.
    amountIn: tokenAmount("amount_in"),
    amountOut: tokenAmount("amount_out"),
    route: jsonb("route").$type<StoredRoutePath[]>(),
    blockNumber: bigint("block_number", { mode: "bigint" }),
    gasUsed: tokenAmount("gas_used"),
    effectiveGasPrice: tokenAmount("effective_gas_price"),
    error: text("error"),
    replacedBy: text("replaced_by"),
    submittedAt: timestamp("submitted_at", { mode: "date", withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { mode: "date", withTimezone: true }),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("chain_txs_chain_hash_uq").on(t.chainId, t.hash),
    index("chain_txs_user_submitted_idx").on(t.userId, t.submittedAt.desc(), t.id.desc()),
    check("chain_txs_hash_lower", sql`${t.hash} = lower(${t.hash})`),
    check("chain_txs_account_lower", sql`${t.account} = lower(${t.account})`),
  ],
);
