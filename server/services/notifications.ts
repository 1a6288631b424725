// The in-app notification centre and the source of webhook deliveries.
//
// notify() is the one way anything tells a user something (automation runs, breakers, alerts):
// it inserts the notification (idempotent through its dedupe key) and, in the same
// transaction, one webhook_deliveries row plus one "webhook.deliver" job per active webhook
// subscribed to the kind (a transactional outbox: the deliveries exist iff the notification
// does). The header's live stream (app/api/notifications/stream/route.ts) polls for new rows,
// so notifications written by the worker process reach the browser too.
import type { DbOrTx } from "@/db/client";
import * as q from "@/db/queries/notifications";
import type { NotificationView } from "@/db/queries/notifications";
import type { NotificationSeverity } from "@/lib/schemas/notifications";
import { DomainError, ErrorKind } from "@/server/errors";
import { enqueue } from "@/server/jobs/runner";

export type { NotificationView };

export const WEBHOOK_QUEUE = "webhook.deliver";
/** Attempts per delivery: with the runner's backoff (1 s × 2ⁿ, cap 5 min) about 10 minutes of retries. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

export type NotifyInput = {
  /** e.g. automation.run_done, automation.failed, automation.stale, breaker.tripped, alert.price */
  kind: string;
  severity?: NotificationSeverity;
  title: string;
  body?: string;
  /** In-app link (a path such as /automation/alerts). */
  href?: string | null;
  data?: Record<string, unknown>;
  /** Same (user, key) twice → one notification; the second call returns null. */
  dedupeKey?: string | null;
};

export const webhookJobKey = (webhookId: string, notificationId: string) => `webhook:${webhookId}:${notificationId}`;

/**
 * Inserts a notification for `userId` and enqueues its webhook deliveries, atomically. Pass a
 * transaction to make it part of the caller's (e.g. the automation run that it reports):
 * it then commits or rolls back with it. Returns the notification, or null when deduped.
 */
export async function notify(db: DbOrTx, userId: string, input: NotifyInput, opts: { onlyWebhookId?: string } = {}): Promise<NotificationView | null> {
  if (!input.kind || !input.title) throw new DomainError("notifications.INVALID", ErrorKind.invalid, "A notification needs a kind and a title.");
  // In-app paths only ("//host" is another site): the centre renders href as a link.
  if (input.href && (!input.href.startsWith("/") || input.href.startsWith("//") || input.href.startsWith("/\\"))) {
    throw new DomainError("notifications.INVALID_HREF", ErrorKind.invalid, "Notification links must be in-app paths.");
  }
  // On a transaction this is a savepoint: nested in the caller's transaction.
  return db.transaction(async (tx) => {
    const row = await q.insertNotification(tx, {
      userId,
      kind: input.kind,
      severity: input.severity ?? "info",
      title: input.title.slice(0, 200),
      body: (input.body ?? "").slice(0, 2_000),
      href: input.href ?? null,
      data: input.data ?? {},
      dedupeKey: input.dedupeKey ?? null,
    });
    if (!row) return null;
    const hooks = opts.onlyWebhookId ? [{ id: opts.onlyWebhookId }] : await q.activeWebhooksForKind(tx, userId, row.kind);
    for (const hook of hooks) {
      await q.insertDelivery(tx, { webhookId: hook.id, notificationId: row.id });
      // Payload carries ids only: the job reads the current webhook (URL, secret, active) itself.
      await enqueue(tx, {
        queue: WEBHOOK_QUEUE,
        key: webhookJobKey(hook.id, row.id),
        payload: { webhookId: hook.id, notificationId: row.id },
        maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        userId,
      });
    }
    return {
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      title: row.title,
      body: row.body,
      href: row.href,
      data: row.data,
      readAt: row.readAt,
      createdAt: row.createdAt,
    };
  });
}

export async function listNotifications(db: DbOrTx, userId: string, input: { limit: number; unreadOnly: boolean }): Promise<NotificationView[]> {
  return q.listNotificationsForUser(db, userId, input);
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<{ count: number }> {
  return { count: await q.countUnreadNotifications(db, userId) };
}

/** Marks the given notifications read; ids of other users (or unknown ids) are NOT_FOUND. */
export async function markRead(db: DbOrTx, userId: string, input: { ids: string[] }, opts: { now: Date }): Promise<{ updated: number }> {
  const ids = [...new Set(input.ids)];
  for (const id of ids) {
    if (!(await q.getNotificationForUser(db, userId, id))) {
      throw new DomainError("notifications.NOT_FOUND", ErrorKind.notFound, "That notification does not exist.");
    }
  }
  return { updated: await q.markNotificationsRead(db, userId, ids, opts.now) };
}

export async function markAllRead(db: DbOrTx, userId: string, opts: { now: Date }): Promise<{ updated: number }> {
  return { updated: await q.markNotificationsRead(db, userId, null, opts.now) };
}

/**
 * For the live stream: the user's notifications created after `since` that it has not sent
 * (`excludeIds`), oldest first. The stream asks with a look-back, because a notification
 * committed late carries its transaction's start time and may sort before one already sent.
 */
export async function notificationsCreatedAfter(
  db: DbOrTx,
  userId: string,
  opts: { since: Date; excludeIds?: string[]; limit?: number },
): Promise<NotificationView[]> {
  return q.listNotificationsCreatedAfter(db, userId, { since: opts.since, excludeIds: opts.excludeIds ?? [], limit: opts.limit ?? 50 });
}

/** One of the user's notifications, or null (the stream resumes after Last-Event-ID with it). */
export async function findNotification(db: DbOrTx, userId: string, id: string): Promise<NotificationView | null> {
  return q.getNotificationForUser(db, userId, id);
}

// ---------------------------------------------------------------- live stream (SSE)

export type StreamOptions = {
  signal: AbortSignal;
  /** The Last-Event-ID the browser sends on reconnect (a notification id): resume after it. */
  lastEventId?: string | null;
  pollMs?: number;
  heartbeatMs?: number;
  /** How far before the newest sent notification to look again (late commits). */
  lookbackMs?: number;
  now?: () => Date;
  onError?: (err: unknown) => void;
};

/**
 * A text/event-stream body: `event: notification` with each new notification's JSON (and its
 * id as the event id), a `: heartbeat` comment every heartbeatMs so proxies keep the
 * connection open, until `signal` aborts. Polls the database (every pollMs), so notifications
 * written by any process (the worker) arrive. Only notifications created after the stream
 * opened (or after Last-Event-ID) are sent; the list query covers the rest.
 */
export async function openNotificationStream(db: DbOrTx, userId: string, opts: StreamOptions): Promise<ReadableStream<Uint8Array>> {
  const pollMs = opts.pollMs ?? 1_000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const lookbackMs = opts.lookbackMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  // Sent (or already known) ids → created_at ms, kept for the look-back window.
  const sent = new Map<string, number>();
  let cursor = now().getTime();
  const resume = opts.lastEventId ? await q.getNotificationForUser(db, userId, opts.lastEventId.slice(0, 64)) : null;
  if (resume) cursor = resume.createdAt.getTime();
  // What already exists up to the cursor was sent before (or predates the stream): never resend.
  // On resume, rows in the same millisecond as the last event (timestamps are truncated to ms
  // here) are sent again rather than risk losing one: the client dedupes by id.
  for (const n of await q.listNotificationsCreatedAfter(db, userId, { since: new Date(cursor - lookbackMs), excludeIds: [], limit: 500 })) {
    const at = n.createdAt.getTime();
    if (resume ? at < cursor || n.id === resume.id : at <= cursor) sent.set(n.id, at);
  }

  const enc = new TextEncoder();
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let ctrl: ReadableStreamDefaultController<Uint8Array> | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    clearInterval(heartbeat);
    try {
      ctrl?.close();
    } catch {
      // already closed by the consumer
    }
  };
  const send = (text: string) => {
    if (closed || !ctrl) return;
    try {
      ctrl.enqueue(enc.encode(text));
    } catch {
      close();
    }
  };
  const poll = async () => {
    if (closed) return;
    try {
      const rows = await q.listNotificationsCreatedAfter(db, userId, { since: new Date(cursor - lookbackMs), excludeIds: [...sent.keys()], limit: 100 });
      for (const n of rows) {
        sent.set(n.id, n.createdAt.getTime());
        cursor = Math.max(cursor, n.createdAt.getTime());
        send(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
      }
      for (const [id, at] of sent) if (at < cursor - lookbackMs) sent.delete(id);
    } catch (err) {
      // A database hiccup: keep the connection and try again on the next poll.
      opts.onError?.(err);
    }
    if (!closed) timer = setTimeout(() => void poll(), pollMs);
  };

  if (opts.signal.aborted) closed = true;
  opts.signal.addEventListener("abort", close, { once: true });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      ctrl = controller;
      if (closed) {
        controller.close();
        return;
      }
      // Reconnect after 5 s if the connection drops; an opening comment flushes the headers.
      send(`retry: 5000\n: connected\n\n`);
      heartbeat = setInterval(() => send(`: heartbeat\n\n`), heartbeatMs);
      void poll();
    },
    cancel() {
      close();
    },
  });
}
