// Notifications, webhooks and alerts on PGlite and PostgreSQL: notify() dedupes and is
// transactional; deliveries reach a real HTTP receiver (node:http on an ephemeral port) with a
// signature the receiver verifies, failures are recorded and retried by the job runner; the
// webhook secret leaves the server once; users never see each other's rows; evaluateAlerts
// fires a price alert once per crossing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/user";
import { jobs, notifications, webhookDeliveries } from "@/db/schema";
import { useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { getRegistry } from "@/server/chain/registry";
import { DomainError } from "@/server/errors";
import { runDue } from "@/server/jobs/runner";
import { verifySignature } from "@/server/notifications/hmac";
import { alertsRouter, notificationsRouter, webhooksRouter } from "@/server/api/routers/automation-alerts";
import { portfolioRouter } from "@/server/api/routers/portfolio";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { evaluateAlerts } from "./alerts";
import { notify, openNotificationStream, unreadCount, webhookJobKey } from "./notifications";
import { createWebhook, webhookHandlers } from "./webhooks";

let t: TestDatabase;
let userA: string;
let userB: string;

// ---------------------------------------------------------------- a webhook receiver

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** Status codes to answer with, in order; 200 once exhausted. */
let replies: number[] = [];
let server: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  t = await useTestDatabase();
  userA = (await insertUser(t.db, { email: "na@example.com", name: "A" }))!.id;
  userB = (await insertUser(t.db, { email: "nb@example.com", name: "B" }))!.id;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = replies.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/lodestar`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.close();
});

// The routers as the app mounts them (automation.alerts / .notifications / .webhooks), with the
// same procedures and middleware, without depending on every other router of the app.
const router = createTRPCRouter({
  portfolio: portfolioRouter,
  automation: createTRPCRouter({ alerts: alertsRouter, notifications: notificationsRouter, webhooks: webhooksRouter }),
});
const FIXED_NOW = new Date("2026-03-01T12:00:00.000Z");
const callerFor = (userId: string) =>
  createCallerFactory(router)({
    db: t.db,
    session: { user: { id: userId } },
    meta: { ip: "10.9.9.9", userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => FIXED_NOW,
  });
const a = () => callerFor(userA);
const b = () => callerFor(userB);

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe(code);
  return err as TRPCError;
}

async function jobByKey(key: string) {
  const [row] = await t.db.select().from(jobs).where(eq(jobs.key, key));
  return row ?? null;
}

async function deliveryOf(webhookId: string, notificationId: string) {
  const [row] = await t.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.notificationId, notificationId)));
  return row!;
}

describe("notify", () => {
  it("dedupes by (user, dedupe key) and counts unread", async () => {
    const first = await notify(t.db, userA, { kind: "automation.stale", severity: "warning", title: "DCA is stale", dedupeKey: "stale:x:1" });
    const again = await notify(t.db, userA, { kind: "automation.stale", severity: "warning", title: "DCA is stale", dedupeKey: "stale:x:1" });
    expect(first?.id).toBeTruthy();
    expect(again).toBeNull();
    // The same key for another user is another notification.
    expect(await notify(t.db, userB, { kind: "automation.stale", title: "B's", dedupeKey: "stale:x:1" })).not.toBeNull();
    // No key: never deduped.
    await notify(t.db, userA, { kind: "automation.run_done", title: "Run done" });
    await notify(t.db, userA, { kind: "automation.run_done", title: "Run done" });
    const rows = await t.db.select().from(notifications).where(eq(notifications.userId, userA));
    expect(rows).toHaveLength(3);
    expect(await unreadCount(t.db, userA)).toEqual({ count: 3 });
  });

  it("is part of the caller's transaction: a rollback leaves no notification", async () => {
    await t.db
      .transaction(async (tx) => {
        await notify(tx, userA, { kind: "automation.failed", title: "rolled back", dedupeKey: "rb:1" });
        throw new Error("abort");
      })
      .catch(() => {});
    const rows = await t.db.select().from(notifications).where(eq(notifications.dedupeKey, "rb:1"));
    expect(rows).toHaveLength(0);
  });

  it("lists newest first, marks read and all read", async () => {
    const list = await a().automation.notifications.list({ limit: 10 });
    expect(list.length).toBe(3);
    expect(list[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(list[2]!.createdAt.getTime());
    expect(await a().automation.notifications.markRead({ ids: [list[0]!.id] })).toEqual({ updated: 1 });
    expect(await a().automation.notifications.unreadCount()).toEqual({ count: 2 });
    expect((await a().automation.notifications.list({ limit: 10, unreadOnly: true })).map((n) => n.id)).not.toContain(list[0]!.id);
    expect(await a().automation.notifications.markAllRead()).toEqual({ updated: 2 });
    expect(await a().automation.notifications.unreadCount()).toEqual({ count: 0 });
  });
});

describe("webhooks", () => {
  let hookId: string;
  let secret: string;

  it("refuses plain http to other hosts (field error) and http://localhost in production", async () => {
    const err = await expectCode(a().automation.webhooks.create({ url: "http://example.com/hook" }), "BAD_REQUEST");
    expect(err.message).toMatch(/https/);
    await expect(createWebhook(t.db, userA, { url: "http://localhost:9/hook", events: [] }, { production: true })).rejects.toBeInstanceOf(DomainError);
    await expect(createWebhook(t.db, userA, { url: "https://10.0.0.5/hook", events: [] }, { production: true })).rejects.toThrow(/public address/);
  });

  it("returns the secret once; list and deliveries never carry it", async () => {
    const created = await a().automation.webhooks.create({ url: receiverUrl });
    hookId = created.webhook.id;
    secret = created.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await a().automation.webhooks.list();
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty("secret");
    expect(list[0]!.secretMasked).toBe(`whsec_…${secret.slice(-4)}`);
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it("delivers a notification signed, verified by the receiver", async () => {
    received.length = 0;
    const n = (await notify(t.db, userA, { kind: "automation.failed", severity: "critical", title: "DCA failed", body: "Out of funds", data: { automationId: "x" } }))!;
    const key = webhookJobKey(hookId, n.id);
    expect(await jobByKey(key)).toMatchObject({ queue: "webhook.deliver", status: "queued", payload: { webhookId: hookId, notificationId: n.id }, userId: userA });
    expect((await deliveryOf(hookId, n.id)).status).toBe("pending");

    expect(await runDue(t.db, webhookHandlers)).toBe(1);
    expect(received).toHaveLength(1);
    const req = received[0]!;
    const verified = verifySignature({ secret, body: req.body, header: req.headers["x-lodestar-signature"] as string, nowSeconds: Math.floor(Date.now() / 1000) });
    expect(verified.ok).toBe(true);
    expect(verifySignature({ secret: "whsec_wrong", body: req.body, header: req.headers["x-lodestar-signature"] as string, nowSeconds: Math.floor(Date.now() / 1000) }).ok).toBe(false);
    expect(req.headers["x-lodestar-event"]).toBe("automation.failed");
    expect(req.headers["content-type"]).toBe("application/json");
    const d = await deliveryOf(hookId, n.id);
    expect(req.headers["x-lodestar-delivery"]).toBe(d.id);
    expect(JSON.parse(req.body)).toEqual({
      id: n.id,
      kind: "automation.failed",
      severity: "critical",
      title: "DCA failed",
      body: "Out of funds",
      data: { automationId: "x" },
      createdAt: n.createdAt.toISOString(),
    });
    expect(d).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null });
    expect((await jobByKey(key))!.status).toBe("done");
    // Running again delivers nothing more.
    expect(await runDue(t.db, webhookHandlers)).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("records a failed attempt, retries with backoff, then succeeds", async () => {
    received.length = 0;
    replies = [500];
    const n = (await notify(t.db, userA, { kind: "breaker.tripped", severity: "critical", title: "Breaker tripped" }))!;
    const key = webhookJobKey(hookId, n.id);
    // The runner's clock, explicit: the backoff is measured from it, not from the wall clock.
    const t0 = new Date(Date.now() + 1_000);
    await runDue(t.db, webhookHandlers, { now: t0 });
    expect(received).toHaveLength(1);
    expect(await deliveryOf(hookId, n.id)).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    const job = (await jobByKey(key))!;
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job.lastError).toMatch(/HTTP 500/);
    // Not due yet: the backoff (≥ 0.5 s for the first retry) put run_at after t0.
    expect(job.runAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 500);
    expect(await runDue(t.db, webhookHandlers, { now: t0 })).toBe(0);
    const later = new Date(t0.getTime() + 10 * 60_000);
    expect(await runDue(t.db, webhookHandlers, { now: later })).toBe(1);
    expect(received).toHaveLength(2);
    const sig = received[1]!.headers["x-lodestar-signature"] as string;
    // Signed with the runner's clock at the retry.
    expect(verifySignature({ secret, body: received[1]!.body, header: sig, nowSeconds: Math.floor(later.getTime() / 1000) }).ok).toBe(true);
    expect(received[1]!.headers["x-lodestar-delivery"]).toBe(received[0]!.headers["x-lodestar-delivery"]);
    expect(await deliveryOf(hookId, n.id)).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    const deliveries = await a().automation.webhooks.deliveries({ webhookId: hookId });
    expect(deliveries.map((d) => d.title)).toContain("Breaker tripped");
    expect(JSON.stringify(deliveries)).not.toContain(secret);
  });

  it("a network error is a failed attempt too", async () => {
    const dead = await createWebhook(t.db, userB, { url: "http://127.0.0.1:1/unreachable", events: ["alert.price"] });
    // Not subscribed to this kind: no delivery.
    const other = (await notify(t.db, userB, { kind: "automation.failed", title: "x" }))!;
    expect(await jobByKey(webhookJobKey(dead.webhook.id, other.id))).toBeNull();
    const n = (await notify(t.db, userB, { kind: "alert.price", title: "ETH above" }))!;
    let at = Date.now() + 1_000;
    await runDue(t.db, webhookHandlers, { now: new Date(at) });
    const d = await deliveryOf(dead.webhook.id, n.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(d.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    // Every attempt fails: after the last one (8) the delivery is failed and the job dead.
    for (let i = 2; i <= 8; i++) {
      at += 10 * 60_000;
      expect(await runDue(t.db, webhookHandlers, { now: new Date(at) })).toBe(1);
    }
    expect(await deliveryOf(dead.webhook.id, n.id)).toMatchObject({ status: "failed", attempts: 8 });
    expect((await jobByKey(webhookJobKey(dead.webhook.id, n.id)))!.status).toBe("dead");
  });

  it("send test delivers to that webhook only", async () => {
    received.length = 0;
    const { notificationId } = await a().automation.webhooks.sendTest({ id: hookId });
    await runDue(t.db, webhookHandlers);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["x-lodestar-event"]).toBe("webhook.test");
    expect((await deliveryOf(hookId, notificationId)).status).toBe("delivered");
  });
});

describe("isolation between users", () => {
  it("B cannot list, read or mark A's notifications", async () => {
    const aIds = (await a().automation.notifications.list({ limit: 50 })).map((n) => n.id);
    const bList = await b().automation.notifications.list({ limit: 50 });
    expect(bList.some((n) => aIds.includes(n.id))).toBe(false);
    const mine = (await notify(t.db, userA, { kind: "automation.run_done", title: "A's secret run" }))!;
    await expectCode(b().automation.notifications.markRead({ ids: [mine.id] }), "NOT_FOUND");
    await b().automation.notifications.markAllRead();
    expect((await a().automation.notifications.list({ limit: 50, unreadOnly: true })).map((n) => n.id)).toContain(mine.id);
  });

  it("B cannot see or change A's webhooks or deliveries", async () => {
    const [hook] = await a().automation.webhooks.list();
    expect((await b().automation.webhooks.list()).map((w) => w.id)).not.toContain(hook!.id);
    await expectCode(b().automation.webhooks.delete({ id: hook!.id }), "NOT_FOUND");
    await expectCode(b().automation.webhooks.sendTest({ id: hook!.id }), "NOT_FOUND");
    await expectCode(b().automation.webhooks.deliveries({ webhookId: hook!.id }), "NOT_FOUND");
    const bDeliveries = await b().automation.webhooks.deliveries({});
    expect(bDeliveries.every((d) => d.webhookId !== hook!.id)).toBe(true);
    expect(await a().automation.webhooks.list()).toHaveLength(1);
  });

  it("B cannot see, pause or delete A's alerts, nor alert on A's portfolio", async () => {
    const portfolio = await a().portfolio.create({ name: "Main", costBasisMethod: "fifo" });
    const alert = await a().automation.alerts.create({ kind: "drawdown", portfolioId: portfolio.id, limitBps: 1500 });
    expect(alert).toMatchObject({ kind: "drawdown", status: "active", description: "“Main” 15.00 % or more below its peak" });
    expect(await b().automation.alerts.list()).toEqual([]);
    await expectCode(b().automation.alerts.setPaused({ id: alert.id, paused: true }), "NOT_FOUND");
    await expectCode(b().automation.alerts.delete({ id: alert.id }), "NOT_FOUND");
    await expectCode(b().automation.alerts.create({ kind: "concentration", portfolioId: portfolio.id, limitBps: 5000 }), "NOT_FOUND");
    expect((await a().automation.alerts.setPaused({ id: alert.id, paused: true })).status).toBe("paused");
    expect((await a().automation.alerts.setPaused({ id: alert.id, paused: false })).status).toBe("active");
    expect(await a().automation.alerts.delete({ id: alert.id })).toEqual({ id: alert.id });
    expect(await a().automation.alerts.list()).toEqual([]);
  });
});

describe("alerts", () => {
  it("shows zod field errors for a bad alert", async () => {
    const err = await expectCode(a().automation.alerts.create({ kind: "price_above", chainId: 1, token: "0x123", priceUsd: "-5" }), "BAD_REQUEST");
    const fe = (err.cause as { issues?: { path: (string | number)[] }[] }).issues?.map((i) => i.path.join("."));
    expect(fe).toEqual(expect.arrayContaining(["token", "priceUsd"]));
  });

  it("evaluateAlerts fires a price alert once per crossing and notifies with the numbers", async () => {
    const weth = getRegistry(1)!.tokens.find((x) => x.symbol === "WETH")!;
    const alert = await a().automation.alerts.create({ kind: "price_above", chainId: 1, token: weth.address, priceUsd: "3000" });
    expect(alert.description).toBe("WETH at or above $3,000.00");
    let price = 2900;
    const sources = { prices: async () => [{ address: weth.address.toLowerCase(), priceUsd: price }] };
    const evaluate = (ms: number) => evaluateAlerts(t.db, { now: new Date(FIXED_NOW.getTime() + ms), sources });
    const priceNotifications = async () =>
      t.db.select().from(notifications).where(and(eq(notifications.userId, userA), eq(notifications.kind, "alert.price")));

    expect(await evaluate(0)).toMatchObject({ evaluated: 1, triggered: 0, errors: [] });
    price = 3010;
    expect(await evaluate(60_000)).toMatchObject({ evaluated: 1, triggered: 1 });
    price = 3050;
    expect(await evaluate(120_000)).toMatchObject({ evaluated: 1, triggered: 0 });
    expect(await evaluate(180_000)).toMatchObject({ triggered: 0 });
    const sent = await priceNotifications();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      title: "WETH rose above $3,000.00",
      body: "WETH is at $3,010.00, above your alert level of $3,000.00. The alert re-arms once the price is back below $2,970.00.",
      severity: "warning",
      href: "/automation/alerts",
      dedupeKey: `alert:${alert.id}:1`,
    });
    const [listed] = await a().automation.alerts.list();
    expect(listed).toMatchObject({ status: "triggered", lastValue: "3050", lastTriggeredAt: new Date(FIXED_NOW.getTime() + 60_000) });
    // A's webhook (all kinds) got a delivery job for it.
    const [hook] = await a().automation.webhooks.list();
    expect(await jobByKey(webhookJobKey(hook!.id, sent[0]!.id))).not.toBeNull();

    // Back below 2970 re-arms; crossing again is a second, distinct notification.
    price = 2960;
    expect(await evaluate(240_000)).toMatchObject({ triggered: 0 });
    expect((await a().automation.alerts.list())[0]!.status).toBe("active");
    price = 3100;
    expect(await evaluate(300_000)).toMatchObject({ triggered: 1 });
    expect(await priceNotifications()).toHaveLength(2);

    // A paused alert is not evaluated; a price source failure is reported, not thrown.
    await a().automation.alerts.setPaused({ id: alert.id, paused: true });
    expect(await evaluate(360_000)).toMatchObject({ evaluated: 0, triggered: 0 });
    await a().automation.alerts.setPaused({ id: alert.id, paused: false });
    const broken = await evaluateAlerts(t.db, { now: FIXED_NOW, sources: { prices: async () => Promise.reject(new Error("chain down")) } });
    expect(broken.errors).toEqual([{ alertId: alert.id, message: "chain down" }]);
  });
});

describe("portfolio alerts from portfolio analytics (default sources)", () => {
  it("drawdown and concentration read the portfolio and fire with its numbers", async () => {
    // BTC bought at 60,000 on 2024-06-01, closes at 30,000 the day after (carried forward to
    // now): the only holding (100 % weight), 50 % below its peak.
    await t.sql`insert into candles (symbol, interval, time, open, high, low, close, volume) values
      ('BTC', '1d', '2024-06-01T00:00:00Z', 60000, 60000, 60000, 60000, 1),
      ('BTC', '1d', '2024-06-02T00:00:00Z', 30000, 30000, 30000, 30000, 1) on conflict do nothing`;
    const p = await b().portfolio.create({ name: "Risky", costBasisMethod: "fifo" });
    await b().portfolio.transactions.create({ portfolioId: p.id, type: "buy", asset: "BTC", quantity: "1", priceUsd: "60000", occurredAt: new Date("2024-06-01T12:00:00Z") });
    const dd = await b().automation.alerts.create({ kind: "drawdown", portfolioId: p.id, limitBps: 2000 });
    const conc = await b().automation.alerts.create({ kind: "concentration", portfolioId: p.id, limitBps: 5000 });
    // Price alerts of other tests are not this test's business: no price source answers.
    const res = await evaluateAlerts(t.db, { now: FIXED_NOW, sources: { prices: async () => [] } });
    expect(res.errors).toEqual([]);
    const sent = await t.db.select().from(notifications).where(eq(notifications.userId, userB));
    const ddN = sent.find((n) => n.dedupeKey === `alert:${dd.id}:1`);
    const concN = sent.find((n) => n.dedupeKey === `alert:${conc.id}:1`);
    expect(ddN?.title).toBe("“Risky” is 50.00 % below its peak");
    expect(concN?.title).toBe("BTC is 100.00 % of “Risky”");
    expect(concN?.kind).toBe("alert.concentration");
    // Portfolio alerts are re-read at most once a minute; when they are, nothing fires twice.
    expect(await evaluateAlerts(t.db, { now: new Date(FIXED_NOW.getTime() + 2_000), sources: { prices: async () => [] } })).toMatchObject({ evaluated: 0, triggered: 0 });
    expect(await evaluateAlerts(t.db, { now: new Date(FIXED_NOW.getTime() + 61_000), sources: { prices: async () => [] } })).toMatchObject({ evaluated: 2, triggered: 0 });
  });
});

describe("live stream", () => {
  /** Reads SSE events until `count` notification events arrived (or the stream ends). */
  async function readEvents(stream: ReadableStream<Uint8Array>, count: number) {
    const reader = stream.getReader();
    const dec = new TextDecoder();
    let text = "";
    const events: { id: string; data: { id: string; title: string } }[] = [];
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value);
      let i;
      while ((i = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, i);
        text = text.slice(i + 2);
        const lines = block.split("\n");
        if (!lines.includes("event: notification")) continue;
        const id = lines.find((l) => l.startsWith("id: "))!.slice(4);
        events.push({ id, data: JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice(6)) });
      }
    }
    reader.releaseLock();
    return events;
  }

  it("sends new notifications of the user only, resumes after Last-Event-ID, ends on abort", async () => {
    await notify(t.db, userA, { kind: "automation.run_done", title: "before the stream" });
    const ac = new AbortController();
    const stream = await openNotificationStream(t.db, userA, { signal: ac.signal, pollMs: 20 });
    await notify(t.db, userB, { kind: "automation.run_done", title: "B's, not A's" });
    const first = (await notify(t.db, userA, { kind: "automation.run_done", title: "live 1" }))!;
    const second = (await notify(t.db, userA, { kind: "automation.run_done", title: "live 2" }))!;
    const events = await readEvents(stream, 2);
    expect(events.map((e) => e.data.title)).toEqual(["live 1", "live 2"]);
    expect(events[0]!.id).toBe(first.id);
    ac.abort();
    const reader = stream.getReader();
    // Drain what was queued before the abort; then the stream is done.
    for (let r = await reader.read(); !r.done; r = await reader.read());

    // Reconnect after the first event: the second is sent again, the first is not.
    const ac2 = new AbortController();
    const resumed = await openNotificationStream(t.db, userA, { signal: ac2.signal, pollMs: 20, lastEventId: first.id });
    const again = await readEvents(resumed, 1);
    expect(again.map((e) => e.id)).toEqual([second.id]);
    ac2.abort();
  });
});
