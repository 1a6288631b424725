// Webhooks: a user's HTTPS endpoints that receive their notifications, signed.
//
// Delivery (the "webhook.deliver" job, enqueued by notify()): POST of
//   {"id","kind","severity","title","body","data","createdAt"}
// with
//   Content-Type: application/json
//   X-Lodestar-Event: <kind>
//   X-Lodestar-Delivery: <delivery id>   (stable across retries: receivers dedupe on it)
//   X-Lodestar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${raw body}`)>
// Receivers verify with server/notifications/hmac.ts's verifySignature (or any HMAC library:
// the scheme is Stripe's) and reject timestamps older than a few minutes. A 2xx within 10 s is
// a success; anything else (non-2xx, redirect, timeout, network error) throws, so the runner
// retries with exponential backoff; after the last attempt the delivery is marked failed.
//
// The secret is generated here (32 random bytes) and returned once, by create; list shows
// only its last four characters. It is stored as is: signing needs it.
import crypto from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as q from "@/db/queries/notifications";
import type { WebhookRow } from "@/db/queries/notifications";
import type { createWebhookInput } from "@/lib/schemas/notifications";
import { DomainError, ErrorKind } from "@/server/errors";
import type { JobContext, JobHandler } from "@/server/jobs/runner";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload } from "@/server/notifications/hmac";
import { notify, WEBHOOK_QUEUE } from "./notifications";

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const MAX_WEBHOOKS_PER_USER = 10;

export type WebhookView = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  /** "whsec_…a1b2": enough to tell secrets apart, useless to sign with. */
  secretMasked: string;
  createdAt: Date;
};

export const maskSecret = (secret: string) => `whsec_…${secret.slice(-4)}`;

function view(w: WebhookRow): WebhookView {
  return { id: w.id, url: w.url, events: w.events, active: w.active === 1, secretMasked: maskSecret(w.secret), createdAt: w.createdAt };
}

const notFound = () => new DomainError("webhooks.NOT_FOUND", ErrorKind.notFound, "That webhook does not exist.");

/** Loopback, private, link-local and unique-local literals (a webhook must not reach our own network). */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".internal") || h.endsWith(".local")) return true;
  const v = isIP(h);
  if (v === 4) {
    const [a, b] = h.split(".").map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (v === 6) return h === "::1" || h === "::" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80") || h.startsWith("::ffff:");
  return false;
}

/**
 * https only in production, to public hosts (literal private addresses refused; a public name
 * that resolves to a private address is not caught here: run the worker without access to
 * internal services). Elsewhere also http://localhost and http://127.0.0.1 for local receivers.
 */
export function checkWebhookUrl(raw: string, opts: { production: boolean }): URL {
  const bad = (msg: string) => new DomainError("webhooks.INVALID_URL", ErrorKind.invalid, msg);
  if (!URL.canParse(raw)) throw bad("Enter a full URL, e.g. https://example.com/hooks/lodestar.");
  const url = new URL(raw);
  if (url.username || url.password) throw bad("Credentials in the URL are not allowed.");
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "https:") {
    if (opts.production && isPrivateHost(url.hostname)) throw bad("Webhooks must point at a public address.");
    return url;
  }
  if (url.protocol === "http:" && local && !opts.production) return url;
  throw bad(opts.production ? "Use an https:// URL." : "Use an https:// URL (plain http is only allowed to localhost).");
}

export async function createWebhook(
  db: DbOrTx,
  userId: string,
  input: z.output<typeof createWebhookInput>,
  opts: { production?: boolean } = {},
): Promise<{ webhook: WebhookView; secret: string }> {
  const url = checkWebhookUrl(input.url, { production: opts.production ?? process.env.NODE_ENV === "production" });
  const existing = await q.listWebhooksForUser(db, userId);
  if (existing.length >= MAX_WEBHOOKS_PER_USER) {
    throw new DomainError("webhooks.LIMIT", ErrorKind.conflict, `You can have at most ${MAX_WEBHOOKS_PER_USER} webhooks.`);
  }
  const secret = `whsec_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await q.insertWebhook(db, { userId, url: url.toString(), secret, events: [...new Set(input.events)], active: 1 });
  return { webhook: view(row), secret };
}

export async function listWebhooks(db: DbOrTx, userId: string): Promise<WebhookView[]> {
  return (await q.listWebhooksForUser(db, userId)).map(view);
}

export async function deleteWebhook(db: DbOrTx, userId: string, id: string): Promise<{ id: string }> {
  if (!(await q.deleteWebhookForUser(db, userId, id))) throw notFound();
  return { id };
}

/** Sends a "webhook.test" notification to this webhook only (through the same job as any other). */
export async function sendTestWebhook(db: DbOrTx, userId: string, id: string, opts: { now: Date }): Promise<{ notificationId: string }> {
  const hook = await q.getWebhookForUser(db, userId, id);
  if (!hook) throw notFound();
  const n = await notify(
    db,
    userId,
    {
      kind: "webhook.test",
      severity: "info",
      title: "Webhook test",
      body: `A test delivery to ${hook.url}.`,
      href: "/automation/alerts",
      data: { webhookId: hook.id, test: true },
      dedupeKey: `webhook-test:${hook.id}:${opts.now.getTime()}`,
    },
    { onlyWebhookId: hook.id },
  );
  if (!n) throw new DomainError("webhooks.TEST_DUPLICATE", ErrorKind.conflict, "A test was just sent; try again in a moment.");
  return { notificationId: n.id };
}

export async function listDeliveries(db: DbOrTx, userId: string, input: { webhookId?: string; limit: number }) {
  if (input.webhookId && !(await q.getWebhookForUser(db, userId, input.webhookId))) throw notFound();
  return q.listDeliveriesForUser(db, userId, input);
}

// ---------------------------------------------------------------- delivery job

const payloadSchema = z.object({ webhookId: z.string().min(1), notificationId: z.string().min(1) });

export type DeliveryResult =
  | { delivered: true; status: number; attempts: number }
  | { skipped: "gone" | "already_delivered" | "inactive" };

/** The "webhook.deliver" handler. Throws on failure so the runner retries with backoff. */
export async function deliverWebhook(ctx: JobContext): Promise<DeliveryResult> {
  const { webhookId, notificationId } = payloadSchema.parse(ctx.job.payload);
  const row = await q.loadDelivery(ctx.db, webhookId, notificationId);
  // The webhook or the notification was deleted (cascade): nothing to send.
  if (!row) return { skipped: "gone" };
  const { delivery, webhook, notification: n } = row;
  if (delivery.status === "delivered") return { skipped: "already_delivered" };
  if (webhook.active !== 1) {
    await q.updateDelivery(ctx.db, delivery.id, { status: "failed", lastError: "Webhook is paused." });
    return { skipped: "inactive" };
  }
  const body = JSON.stringify({
    id: n.id,
    kind: n.kind,
    severity: n.severity,
    title: n.title,
    body: n.body,
    data: n.data,
    createdAt: n.createdAt.toISOString(),
  });
  const t = Math.floor(ctx.now().getTime() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(webhook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Lodestar-Webhooks/1",
        [SIGNATURE_HEADER]: signPayload(webhook.secret, body, t),
        [EVENT_HEADER]: n.kind,
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
      // A redirect is a failure: following it would send the signed body somewhere unverified.
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error && e.name === "TimeoutError" ? `Timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s` : describeFetchError(e);
  }
  const attempts = ctx.job.attempts;
  if (error === null) {
    await q.updateDelivery(ctx.db, delivery.id, { status: "delivered", attempts, lastStatusCode: status, lastError: null, deliveredAt: ctx.now() });
    return { delivered: true, status: status!, attempts };
  }
  const last = attempts >= ctx.job.maxAttempts;
  await q.updateDelivery(ctx.db, delivery.id, { status: last ? "failed" : "pending", attempts, lastStatusCode: status, lastError: error });
  throw new Error(`webhook ${webhook.id} delivery ${delivery.id} attempt ${attempts}: ${error}`);
}

function describeFetchError(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 300);
  const cause = e.cause as { code?: string; message?: string } | undefined;
  return (cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ""}` : e.message).slice(0, 300);
}

/** For server/jobs/handlers.ts. */
export const webhookHandlers: Record<typeof WEBHOOK_QUEUE, JobHandler> = { [WEBHOOK_QUEUE]: deliverWebhook };
