import { index, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const automationKind = pgEnum("automation_kind", ["rebalance", "dca", "stop_loss", "trailing_stop", "take_profit"]);
export const automationStatus = pgEnum("automation_status", ["active", "paused", "stopped"]);

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
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automations_user_idx").on(t.userId)],
);
