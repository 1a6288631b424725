// Notifications, alerts, webhooks and webhook deliveries. Every user-facing read and write is
// scoped by user_id in the WHERE clause (someone else's row is simply not found).
import { and, count, desc, eq, gt, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { alerts, notifications, webhookDeliveries, webhooks } from "@/db/schema";

export type NotificationRow = typeof notifications.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

const notificationColumns = {
  id: notifications.id,
  kind: notifications.kind,
  severity: notifications.severity,
  title: notifications.title,
  body: notifications.body,
  href: notifications.href,
  data: notifications.data,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};
export type NotificationView = Pick<NotificationRow, keyof typeof notificationColumns>;

// ---------------------------------------------------------------- notifications

/** Inserts unless (user, dedupe key) exists: null when it was a duplicate. */
export async function insertNotification(db: Db, row: typeof notifications.$inferInsert): Promise<NotificationRow | null> {
  const [inserted] = await db.insert(notifications).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function listNotificationsForUser(db: Db, userId: string, opts: { limit: number; unreadOnly: boolean }): Promise<NotificationView[]> {
  return db
    .select(notificationColumns)
    .from(notifications)
    .where(and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

/** Notifications created after `since` (oldest first) other than `excludeIds`: what a live stream has not sent yet. */
export async function listNotificationsCreatedAfter(
  db: Db,
  userId: string,
  opts: { since: Date; excludeIds: string[]; limit: number },
): Promise<NotificationView[]> {
  return db
    .select(notificationColumns)
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        gt(notifications.createdAt, opts.since),
        opts.excludeIds.length > 0 ? notInArray(notifications.id, opts.excludeIds) : undefined,
      ),
    )
    .orderBy(notifications.createdAt, notifications.id)
    .limit(opts.limit);
}

export async function getNotificationForUser(db: Db, userId: string, id: string): Promise<NotificationView | null> {
  const [row] = await db
    .select(notificationColumns)
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return row ?? null;
}

export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's unread notifications among `ids` (all when ids is null) read; returns how many. */
export async function markNotificationsRead(db: Db, userId: string, ids: string[] | null, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---------------------------------------------------------------- webhooks

export async function insertWebhook(db: Db, row: typeof webhooks.$inferInsert): Promise<WebhookRow> {
  const [inserted] = await db.insert(webhooks).values(row).returning();
  return inserted!;
}

export async function listWebhooksForUser(db: Db, userId: string): Promise<WebhookRow[]> {
  return db.select().from(webhooks).where(eq(webhooks.userId, userId)).orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export async function getWebhookForUser(db: Db, userId: string, id: string): Promise<WebhookRow | null> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.userId, userId), eq(webhooks.id, id)));
  return row ?? null;
}

export async function deleteWebhookForUser(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhooks)
    .where(and(eq(webhooks.userId, userId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}

/** The user's active webhooks subscribed to `kind` (an empty event list means all kinds). */
export async function activeWebhooksForKind(db: Db, userId: string, kind: string): Promise<Pick<WebhookRow, "id">[]> {
  return db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.userId, userId),
        eq(webhooks.active, 1),
        sql`(jsonb_array_length(${webhooks.events}) = 0 or ${webhooks.events} @> ${JSON.stringify([kind])}::jsonb)`,
      ),
    );
}

export async function insertDelivery(db: Db, row: { webhookId: string; notificationId: string }): Promise<boolean> {
  const rows = await db.insert(webhookDeliveries).values(row).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** A delivery with its webhook (secret included: the job signs with it) and notification. */
export async function loadDelivery(db: Db, webhookId: string, notificationId: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, webhook: webhooks, notification: notifications })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(notifications, eq(notifications.id, webhookDeliveries.notificationId))
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.notificationId, notificationId)));
  return row ?? null;
}

export async function updateDelivery(
  db: Db,
  id: string,
  patch: Partial<Pick<WebhookDeliveryRow, "status" | "attempts" | "lastStatusCode" | "lastError" | "deliveredAt">>,
): Promise<void> {
  await db.update(webhookDeliveries).set(patch).where(eq(webhookDeliveries.id, id));
}

export async function listDeliveriesForUser(db: Db, userId: string, opts: { webhookId?: string; limit: number }) {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      notificationId: webhookDeliveries.notificationId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      kind: notifications.kind,
      title: notifications.title,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(notifications, eq(notifications.id, webhookDeliveries.notificationId))
    .where(and(eq(webhooks.userId, userId), opts.webhookId ? eq(webhookDeliveries.webhookId, opts.webhookId) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit);
}

// ---------------------------------------------------------------- alerts

export async function insertAlert(db: Db, row: typeof alerts.$inferInsert): Promise<AlertRow> {
  const [inserted] = await db.insert(alerts).values(row).returning();
  return inserted!;
}

export async function listAlertsForUser(db: Db, userId: string): Promise<AlertRow[]> {
  return db.select().from(alerts).where(eq(alerts.userId, userId)).orderBy(desc(alerts.createdAt), desc(alerts.id));
}

export async function getAlertForUser(db: Db, userId: string, id: string): Promise<AlertRow | null> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.userId, userId), eq(alerts.id, id)));
  return row ?? null;
}

export async function deleteAlertForUser(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(alerts)
    .where(and(eq(alerts.userId, userId), eq(alerts.id, id)))
    .returning({ id: alerts.id });
  return rows.length > 0;
}

export async function setAlertStatusForUser(db: Db, userId: string, id: string, status: AlertRow["status"]): Promise<AlertRow | null> {
  const [row] = await db
    .update(alerts)
    .set({ status })
    .where(and(eq(alerts.userId, userId), eq(alerts.id, id)))
    .returning();
  return row ?? null;
}

/** Alerts the evaluator looks at: active, and triggered ones (they may re-arm). Not paused. */
export async function listEvaluableAlerts(db: Db): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(inArray(alerts.status, ["active", "triggered"]))
    .orderBy(alerts.createdAt, alerts.id);
}

/**
 * Writes an evaluation only if the alert is still as it was read (same status and state):
 * two evaluators racing on one alert apply one result. False when it changed meanwhile.
 */
export async function updateAlertEvaluation(
  db: Db,
  id: string,
  expected: Pick<AlertRow, "status" | "state">,
  patch: Pick<AlertRow, "status" | "state" | "lastValue"> & { lastTriggeredAt?: Date },
): Promise<boolean> {
  const rows = await db
    .update(alerts)
    .set(patch)
    .where(and(eq(alerts.id, id), eq(alerts.status, expected.status), sql`${alerts.state} = ${JSON.stringify(expected.state)}::jsonb`))
    .returning({ id: alerts.id });
  return rows.length > 0;
}
