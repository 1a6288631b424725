// Inputs of the notification centre, alerts and webhooks (automation.alerts / .notifications /
// .webhooks), shared by the forms and the routers.
import { z } from "zod";
import { addressSchema, chainIdSchema } from "./defi";

export const NOTIFICATION_SEVERITIES = ["info", "success", "warning", "critical"] as const;
export type NotificationSeverity = (typeof NOTIFICATION_SEVERITIES)[number];

// Kinds a webhook can subscribe to ([] = all). automation.* and breaker.* are written by the
// automation service; alert.* by the alert evaluator; webhook.test by "Send test".
export const NOTIFICATION_KINDS = [
  "automation.run_done",
  "automation.failed",
  "automation.stale",
  "breaker.tripped",
  "alert.price",
  "alert.drawdown",
  "alert.concentration",
  "webhook.test",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const id = z.string().trim().min(1, "Missing id.").max(64);

// ---------------------------------------------------------------- notifications

export const listNotificationsInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().default(false),
});
export const markNotificationsReadInput = z.object({ ids: z.array(id).min(1).max(100) });

// ---------------------------------------------------------------- alerts

/** A positive USD price as a decimal string ("3000", "0.00012"). */
export const priceUsdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,18})?$/, "Enter a price in USD, e.g. 3000 or 0.25.")
  .refine((s) => Number(s) > 0, "The price must be greater than zero.");
const bps = (label: string, max: number) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int(`The ${label} must be a whole number of basis points.`)
    .min(1, `The ${label} must be at least 0.01 %.`)
    .max(max, `The ${label} can be at most ${max / 100} %.`);
const hysteresisBps = z.number().int().min(0).max(5_000, "Hysteresis can be at most 50 %.").default(100);

export const createAlertInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["price_above", "price_below"]),
    chainId: chainIdSchema,
    token: addressSchema,
    priceUsd: priceUsdSchema,
    hysteresisBps,
    repeat: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal("price_change"),
    chainId: chainIdSchema,
    token: addressSchema,
    changeBps: bps("move", 10_000),
    windowHours: z.number().int().min(1, "The window must be at least 1 hour.").max(720, "The window can be at most 30 days.").default(24),
    direction: z.enum(["up", "down", "both"]).default("both"),
    /** Default: the window. */
    cooldownHours: z.number().int().min(0).max(720).optional(),
    repeat: z.boolean().default(true),
  }),
  z.object({
    kind: z.enum(["drawdown", "concentration"]),
    portfolioId: z.string().trim().min(1, "Choose a portfolio (create one first if you have none).").max(64),
    limitBps: bps("limit", 10_000),
    hysteresisBps,
    repeat: z.boolean().default(true),
  }),
]);
export type CreateAlertInput = z.input<typeof createAlertInput>;

export const alertIdInput = z.object({ id });
export const setAlertPausedInput = z.object({ id, paused: z.boolean() });

// ---------------------------------------------------------------- webhooks

/**
 * https, or plain http to this machine (localhost / 127.0.0.1) for local development; the
 * service refuses plain http in production whatever the host.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048, "The URL is too long.")
  .refine((s) => URL.canParse(s), "Enter a full URL, e.g. https://example.com/hooks/lodestar.")
  .refine((s) => {
    if (!URL.canParse(s)) return true;
    const u = new URL(s);
    return u.protocol === "https:" || (u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname));
  }, "Use an https:// URL (plain http is only allowed to localhost).")
  .refine((s) => !URL.canParse(s) || (!new URL(s).username && !new URL(s).password), "Credentials in the URL are not allowed.");

export const createWebhookInput = z.object({
  url: webhookUrlSchema,
  events: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).default([]),
});
export const webhookIdInput = z.object({ id });
export const webhookDeliveriesInput = z.object({ webhookId: id.optional(), limit: z.number().int().min(1).max(100).default(20) });
