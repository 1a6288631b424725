// Zod schemas for the inputs of the social cores (server/social), shared by forms and routers.
// Their outputs are the cores' input types (CopySettings in copy-sizing.ts, TrackedSignal's
// levels in signal-outcomes.ts; checked in server/social/copy-sizing.test.ts). Wire formats as
// lib/schemas/automation.ts: USD as decimal strings or numbers, percentages as integer bps.
import { z } from "zod";
import { bpsSchema, usdSchema } from "./automation";

export const metricWindowSchema = z.enum(["7d", "30d", "90d", "365d", "all"]);

/** Copy settings (copy-sizing.ts CopySettings). */
export const copySettingsSchema = z
  .object({
    allocatedUsd: usdSchema("the amount to allocate", { max: 1e12 }),
    mode: z.enum(["proportional", "fixed"]).default("proportional"),
    fixedTradeUsd: usdSchema("the amount per trade", { max: 1e12 }).optional(),
    maxPerTradeUsd: usdSchema("the maximum per trade", { max: 1e12 }).nullable().default(null),
    copyStopLossBps: bpsSchema("the copy stop-loss", 100, 10_000).nullable().default(null),
    paused: z.boolean().default(false),
    minTradeUsd: usdSchema("the minimum copy", { allowZero: true, max: 1e9 }).default(0),
  })
  .refine((s) => s.mode !== "fixed" || s.fixedTradeUsd !== undefined, { message: "Enter the amount per trade.", path: ["fixedTradeUsd"] })
  .refine((s) => s.fixedTradeUsd === undefined || s.fixedTradeUsd <= s.allocatedUsd, { message: "The amount per trade cannot exceed the allocation.", path: ["fixedTradeUsd"] })
  .refine((s) => s.maxPerTradeUsd === null || s.maxPerTradeUsd <= s.allocatedUsd, { message: "The maximum per trade cannot exceed the allocation.", path: ["maxPerTradeUsd"] });
export type CopySettingsInput = z.input<typeof copySettingsSchema>;

/**
 * A trader's published signal: targets beyond the entry in the signal's direction (nearest first),
 * the stop on the other side, a horizon of 1–365 days.
 */
export const publishSignalSchema = z
  .object({
    asset: z.string().trim().min(1, "Choose an asset.").max(64),
    direction: z.enum(["long", "short"]),
    entry: usdSchema("the entry price"),
    targets: z.array(usdSchema("a target price")).min(1, "Add at least one target.").max(5, "Use at most 5 targets."),
    stop: usdSchema("the stop price"),
    horizonDays: z.number().int("Use whole days.").min(1, "The horizon is at least 1 day.").max(365, "The horizon is at most 365 days."),
    rationale: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
  })
  .superRefine((s, ctx) => {
    const up = s.direction === "long";
    s.targets.forEach((t, i) => {
      if (up ? t <= s.entry : t >= s.entry) ctx.addIssue({ code: "custom", message: `A ${s.direction} target must be ${up ? "above" : "below"} the entry.`, path: ["targets", i] });
      const prev = s.targets[i - 1];
      if (prev !== undefined && (up ? t <= prev : t >= prev)) ctx.addIssue({ code: "custom", message: "List targets nearest first.", path: ["targets", i] });
    });
    if (up ? s.stop >= s.entry : s.stop <= s.entry) ctx.addIssue({ code: "custom", message: `A ${s.direction} stop must be ${up ? "below" : "above"} the entry.`, path: ["stop"] });
  });
export type PublishSignalInput = z.input<typeof publishSignalSchema>;
