import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

const ts = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

export const notificationSeverity = pgEnum("notification_severity", ["info", "success", "warning", "critical"]);

// The in-app notification centre (streamed live to the header) and the source of webhook
// deliveries. dedupe_key makes "notify once" idempotent (e.g. "stale:<automationId>:<slot>").
export const notifications = pgTable(
  "notifications",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // e.g. automation.run_done, automation.failed, automation.stale, breaker.tripped,
    // alert.price, alert.drawdown, alert.concentration
    kind: text("kind").notNull(),
    severity: notificationSeverity("severity").notNull().default("info"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    href: text("href"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text("dedupe_key"),
    readAt: ts("read_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey)],
);

export const alertKind = pgEnum("alert_kind", ["price_above", "price_below", "price_change", "drawdown", "concentration"]);
export const alertStatus = pgEnum("alert_status", ["active", "triggered", "paused"]);

export const alerts = pgTable(
  "alerts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: alertKind("kind").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    status: alertStatus("status").notNull().default("active"),
    // Re-arms after the condition clears (or after cooldown for percent moves).
    repeat: integer("repeat").notNull().default(0),
    // Evaluation state owned by server/automation/alerts.ts: armed flag, trigger count (the
    // notification dedupe key), recent price samples of percent-move alerts.
    state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
    lastValue: text("last_value"),
    lastTriggeredAt: ts("last_triggered_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("alerts_user_idx").on(t.userId)],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    // HMAC-SHA256 key; shown to the user once at creation.
    secret: text("secret").notNull(),
    // Notification kinds delivered ([] = all).
    events: jsonb("events").$type<string[]>().notNull().default([]),
    active: integer("active").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhooks_user_idx").on(t.userId)],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [uniqueIndex("webhook_deliveries_uq").on(t.webhookId, t.notificationId)],
);
