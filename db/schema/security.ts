import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, bigserial } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure"]);

// Who did what, when, from where. Written for every state-changing procedure
// and every authentication event. Never holds secrets or passwords.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    // No FK: the trail must survive the deletion of the user it names.
    userId: text("user_id"),
    action: text("action").notNull(),
    outcome: auditOutcome("outcome").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_user_idx").on(t.userId, t.createdAt), index("audit_log_action_idx").on(t.action, t.createdAt)],
);

// Fixed-window counters shared by every app instance (key = bucket + subject).
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { mode: "date", withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);
