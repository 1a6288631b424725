import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

// A wallet address proven (by an EIP-4361 signature) to belong to a user.
// An address belongs to at most one user: it is also a sign-in credential.
export const wallets = pgTable(
  "wallets",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Lowercase 0x-address.
    address: text("address").notNull(),
    // Chain the ownership proof was signed on (EOAs are the same on every EVM chain).
    chainId: integer("chain_id").notNull(),
    label: text("label"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("wallets_address_uq").on(t.address),
    index("wallets_user_id_idx").on(t.userId),
    check("wallets_address_lower", sql`${t.address} = lower(${t.address})`),
  ],
);

export const siweNoncePurpose = pgEnum("siwe_nonce_purpose", ["sign_in", "link"]);

// Server-issued SIWE nonces: single use (used_at set atomically) and short-lived.
export const siweNonces = pgTable(
  "siwe_nonces",
  {
    nonce: text("nonce").primaryKey(),
    purpose: siweNoncePurpose("purpose").notNull(),
    // Set for "link" nonces: only this user may consume it.
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { mode: "date", withTimezone: true }),
  },
  (t) => [index("siwe_nonces_expires_idx").on(t.expiresAt)],
);
