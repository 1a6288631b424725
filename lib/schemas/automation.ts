// Zod schemas of the automation domain, shared by forms and routers; their outputs are the
// config types of the pure cores (server/automation/types.ts, checked in types.test.ts).
//
// Wire formats (CONVENTIONS §5)
//   token amounts   base-unit INTEGER strings ("1000000" = 1 USDC); a bigint is accepted too
//                   (superjson). Parsed to bigint. Decimal token amounts are converted with
//                   parseUnits at the UI edge, never here.
//   prices, USD     decimal strings ("2450.5") or numbers; parsed to number (float analytics).
//   percentages     integer basis points (50 = 0.5 %).
//   addresses       0x + 40 hex characters, lowercased.
//   instants        ISO strings or Date; parsed to Date.
// Configs stored as jsonb go through `toJsonValue` (bigint → string, Date → ISO) and are read
// back with `parseAutomationConfig`, so a stored config re-parses with the same schema.
import { z } from "zod";

// ---------------------------------------------------------------- primitives

export const addressSchema = z
  .string({ error: "Enter a token address." })
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, "Enter a token address (0x followed by 40 hex characters).")
  .transform((s) => s.toLowerCase() as `0x${string}`);

/** A positive amount in base units: an integer string (or bigint), e.g. "1000000" for 1 USDC. */
export const baseUnitAmountSchema = (what: string) =>
  z
    .union([z.string(), z.bigint()], { error: `Enter ${what} in base units (a whole number).` })
    .transform((v, ctx) => {
      const s = typeof v === "bigint" ? v.toString() : v.trim();
      if (!/^\d{1,78}$/.test(s)) {
        ctx.addIssue({ code: "custom", message: `${cap(what)} must be a whole number of base units (e.g. 1000000 for 1 USDC), without decimals.` });
        return z.NEVER;
      }
      const n = BigInt(s);
      if (n === 0n) {
        ctx.addIssue({ code: "custom", message: `${cap(what)} must be greater than zero.` });
        return z.NEVER;
      }
      return n;
    });

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A USD amount or price: decimal string or number → number (> 0, or ≥ 0 with allowZero). */
export const usdSchema = (what: string, opts: { allowZero?: boolean; max?: number } = {}) =>
  z.union([z.string(), z.number()], { error: `Enter ${what}.` }).transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^\d+(\.\d{1,18})?$/.test(v.trim()) ? Number(v.trim()) : NaN;
    const ok = Number.isFinite(n) && (opts.allowZero ? n >= 0 : n > 0) && (opts.max === undefined || n <= opts.max);
    if (!ok) {
      const bound = opts.max === undefined ? "" : ` up to ${opts.max}`;
      ctx.addIssue({ code: "custom", message: `${cap(what)} must be a ${opts.allowZero ? "" : "positive "}decimal number${bound} (e.g. 2450.5).` });
      return z.NEVER;
    }
    return n;
  });

export const bpsSchema = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} in basis points.` })
    .int(`${cap(what)} must be a whole number of basis points (100 bps = 1 %).`)
    .min(min, `${cap(what)} must be at least ${min} bps (${min / 100} %).`)
    .max(max, `${cap(what)} must be at most ${max} bps (${max / 100} %).`);

const instant = (what: string) => z.coerce.date({ error: `Enter a valid ${what}.` });

export const INTERVAL_UNITS = ["minute", "hour", "day", "week", "month"] as const;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;

/** Every n minutes/hours/days/weeks/months, from 1 minute to 1 year (365 days or 12 months). */
export const intervalSchema = z
  .object({
    every: z.number({ error: "Enter how often." }).int("Use a whole number.").min(1, "Use at least 1."),
    unit: z.enum(INTERVAL_UNITS, { error: "Choose minutes, hours, days, weeks or months." }),
  })
  .refine((i) => (i.unit === "month" ? i.every <= 12 : i.every * UNIT_MS[i.unit] <= 365 * UNIT_MS.day), {
    message: "The interval must be between 1 minute and 1 year.",
    path: ["every"],
  });

export const automationNameSchema = z.string().trim().min(1, "Enter a name.").max(64, "Use at most 64 characters.");
export const railSchema = z.enum(["paper", "vault"], { error: "Choose paper trading or your vault." });
export const chainIdSchema = z.number({ error: "Choose a chain." }).int().positive("Choose a chain.");
export const automationKindSchema = z.enum(["rebalance", "dca", "stop_loss", "trailing_stop", "take_profit"]);
const slippage = bpsSchema("slippage", 1, 1000);

// ---------------------------------------------------------------- rebalance

export const targetWeightsSchema = z
  .array(z.object({ token: addressSchema, weightBps: bpsSchema("the target weight", 0, 10_000) }), { error: "Add target weights." })
  .min(1, "Add at least one target.")
  .max(25, "Use at most 25 targets.")
  .refine((ts) => new Set(ts.map((t) => t.token)).size === ts.length, { message: "Each token can have only one target." })
  .superRefine((ts, ctx) => {
    const sum = ts.reduce((a, t) => a + t.weightBps, 0);
    if (sum !== 10_000) ctx.addIssue({ code: "custom", message: `Target weights must add up to 100 % (10,000 bps); they add up to ${sum / 100} % (${sum} bps).` });
  });

export const rebalanceConfigSchema = z
  .object({
    targets: targetWeightsSchema,
    mode: z.enum(["threshold", "periodic"]).default("threshold"),
    /** Drift (bps) beyond which to trade; in periodic mode 0 = always trade at each period. */
    thresholdBps: bpsSchema("the drift threshold", 0, 5000).default(500),
    interval: intervalSchema.optional(),
    /** Anchor of periodic slots; the service sets it to the creation time when absent. */
    startAt: instant("start time").optional(),
    minTradeUsd: usdSchema("the minimum trade", { allowZero: true, max: 1e9 }).default(10),
    slippageBps: slippage.default(50),
    maxPriceImpactBps: bpsSchema("the maximum price impact", 1, 5000).optional(),
  })
  .refine((c) => c.mode !== "periodic" || c.interval !== undefined, { message: "Choose how often to rebalance.", path: ["interval"] })
  .refine((c) => c.mode !== "threshold" || c.thresholdBps >= 1, { message: "Set a drift threshold of at least 1 bps.", path: ["thresholdBps"] });

// ---------------------------------------------------------------- DCA

export const dcaConfigSchema = z
  .object({
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountInRaw: baseUnitAmountSchema("the amount per buy"),
    interval: intervalSchema,
    startAt: instant("start time"),
    endAt: instant("end time").optional(),
    maxRuns: z.number().int("Use a whole number of buys.").min(1, "At least 1 buy.").max(100_000, "At most 100,000 buys.").optional(),
    pauseAbovePriceUsd: usdSchema("the pause-above price").optional(),
    pauseBelowPriceUsd: usdSchema("the pause-below price").optional(),
    slippageBps: slippage.default(50),
  })
  .refine((c) => c.tokenIn !== c.tokenOut, { message: "Buy a different token than the one you spend.", path: ["tokenOut"] })
  .refine((c) => !c.endAt || c.endAt.getTime() > c.startAt.getTime(), { message: "The end must be after the start.", path: ["endAt"] })
  .refine((c) => c.pauseAbovePriceUsd === undefined || c.pauseBelowPriceUsd === undefined || c.pauseBelowPriceUsd < c.pauseAbovePriceUsd, {
    message: "The pause-below price must be lower than the pause-above price.",
    path: ["pauseBelowPriceUsd"],
  });

// ---------------------------------------------------------------- stops

export const stopAmountSchema = z.discriminatedUnion(
  "type",
  [z.object({ type: z.literal("all") }), z.object({ type: z.literal("raw"), amountRaw: baseUnitAmountSchema("the amount to sell") })],
  { error: "Choose to sell everything or a fixed amount." },
);

const stopBase = {
  token: addressSchema,
  quoteToken: addressSchema,
  /** usd: trigger prices in USD; quote: the token's price in quoteToken. */
  basis: z.enum(["usd", "quote"]).default("usd"),
  amount: stopAmountSchema.default({ type: "all" }),
  slippageBps: slippage.default(100),
};
const distinctTokens = { message: "Sell the token for a different token.", path: ["quoteToken"] };

export const stopLossConfigSchema = z
  .object({ kind: z.literal("stop_loss").default("stop_loss"), ...stopBase, triggerPrice: usdSchema("the stop price") })
  .refine((c) => c.token !== c.quoteToken, distinctTokens);
export const takeProfitConfigSchema = z
  .object({ kind: z.literal("take_profit").default("take_profit"), ...stopBase, triggerPrice: usdSchema("the target price") })
  .refine((c) => c.token !== c.quoteToken, distinctTokens);
export const trailingStopConfigSchema = z
  .object({
    kind: z.literal("trailing_stop").default("trailing_stop"),
    ...stopBase,
    trailBps: bpsSchema("the trailing distance", 10, 5000),
    activationPrice: usdSchema("the activation price").optional(),
  })
  .refine((c) => c.token !== c.quoteToken, distinctTokens);

// ---------------------------------------------------------------- create / update

export const automationConfigSchemas = {
  rebalance: rebalanceConfigSchema,
  dca: dcaConfigSchema,
  stop_loss: stopLossConfigSchema,
  trailing_stop: trailingStopConfigSchema,
  take_profit: takeProfitConfigSchema,
} as const;
export type AutomationKindInput = keyof typeof automationConfigSchemas;

const common = { name: automationNameSchema, rail: railSchema.default("paper"), chainId: chainIdSchema };
export const createAutomationInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rebalance"), ...common, config: rebalanceConfigSchema }),
  z.object({ kind: z.literal("dca"), ...common, config: dcaConfigSchema }),
  z.object({ kind: z.literal("stop_loss"), ...common, config: stopLossConfigSchema }),
  z.object({ kind: z.literal("trailing_stop"), ...common, config: trailingStopConfigSchema }),
  z.object({ kind: z.literal("take_profit"), ...common, config: takeProfitConfigSchema }),
]);
export type CreateAutomationInput = z.output<typeof createAutomationInput>;

/** Rename and/or replace the whole config (the kind must match the stored one; rail and chain are fixed). */
const id = z.uuid("Unknown automation.");
export const updateAutomationInput = z.discriminatedUnion("kind", [
  z.object({ id, kind: z.literal("rebalance"), name: automationNameSchema.optional(), config: rebalanceConfigSchema.optional() }),
  z.object({ id, kind: z.literal("dca"), name: automationNameSchema.optional(), config: dcaConfigSchema.optional() }),
  z.object({ id, kind: z.literal("stop_loss"), name: automationNameSchema.optional(), config: stopLossConfigSchema.optional() }),
  z.object({ id, kind: z.literal("trailing_stop"), name: automationNameSchema.optional(), config: trailingStopConfigSchema.optional() }),
  z.object({ id, kind: z.literal("take_profit"), name: automationNameSchema.optional(), config: takeProfitConfigSchema.optional() }),
]);
export type UpdateAutomationInput = z.output<typeof updateAutomationInput>;

/** Re-parse a stored config (jsonb) of a kind; throws a ZodError if it no longer validates. */
export function parseAutomationConfig<K extends AutomationKindInput>(kind: K, json: unknown): z.output<(typeof automationConfigSchemas)[K]> {
  return automationConfigSchemas[kind].parse(json) as z.output<(typeof automationConfigSchemas)[K]>;
}

/** JSON-safe copy for jsonb: bigint → decimal string, Date → ISO string (re-parses with the schemas). */
export function toJsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

// ---------------------------------------------------------------- strategy state (jsonb)

const rawOrZero = z.union([z.string().regex(/^\d{1,78}$/), z.bigint()]).transform((v) => BigInt(v));
const blockSchema = z.union([z.string().regex(/^\d{1,30}$/), z.bigint(), z.number().int().min(0)]).transform((v) => BigInt(v));
const slotIndex = z.number().int().min(0).nullable();

export const dcaStateSchema = z.object({
  lastSlot: slotIndex.default(null),
  runs: z.number().int().min(0).default(0),
  spentRaw: rawOrZero.default(0n),
  skipped: z.number().int().min(0).default(0),
  missed: z.number().int().min(0).default(0),
});
export const stopStateSchema = z.object({
  highWater: z.number().positive().nullable().default(null),
  triggered: z.boolean().default(false),
  triggeredBlock: blockSchema.nullable().default(null),
  lastBlock: blockSchema.nullable().default(null),
});
export const rebalanceStateSchema = z.object({ lastSlot: slotIndex.default(null), lastRunAt: z.coerce.date().nullable().default(null) });

// ---------------------------------------------------------------- risk settings and breakers

export const BREAKER_ACTIONS = ["halve_size", "conservative_only", "stop_all"] as const;
const SEVERITY = { halve_size: 1, conservative_only: 2, stop_all: 3 } as const;

export const breakerLevelsSchema = z
  .array(z.object({ drawdownBps: bpsSchema("the drawdown", 1, 9000), action: z.enum(BREAKER_ACTIONS, { error: "Choose an action." }) }))
  .max(5, "Use at most 5 levels.")
  .superRefine((ls, ctx) => {
    for (let i = 1; i < ls.length; i++) {
      if (ls[i]!.drawdownBps <= ls[i - 1]!.drawdownBps) {
        ctx.addIssue({ code: "custom", message: "Each level's drawdown must be larger than the one before.", path: [i, "drawdownBps"] });
      }
      if (SEVERITY[ls[i]!.action] < SEVERITY[ls[i - 1]!.action]) {
        ctx.addIssue({ code: "custom", message: "A deeper level cannot have a milder action than the one before.", path: [i, "action"] });
      }
    }
  });

export const riskSettingsSchema = z.object({
  maxPositionBps: bpsSchema("the maximum position", 1, 10_000).default(1000),
  riskPerTradeBps: bpsSchema("the risk per trade", 1, 1000).default(100),
  kellyCapBps: bpsSchema("the Kelly cap", 1, 10_000).default(2000),
  kellyFractionBps: bpsSchema("the Kelly fraction", 1, 10_000).default(5000),
  targetVolBps: bpsSchema("the target volatility", 1, 20_000).default(2000),
});
export const updateRiskSettingsInput = z
  .object({
    sizing: riskSettingsSchema.partial().optional(),
    breakers: z.object({ levels: breakerLevelsSchema, hysteresisBps: bpsSchema("the hysteresis", 0, 1000).default(100) }).optional(),
  })
  .refine((v) => v.sizing !== undefined || v.breakers !== undefined, { message: "Change the sizing settings or the breaker levels." });

// ---------------------------------------------------------------- position size and risk.assess

const sizeTarget = { rail: railSchema.default("paper"), chainId: chainIdSchema, token: addressSchema };
export const positionSizeInput = z.discriminatedUnion("method", [
  z
    .object({ method: z.literal("fixed_fraction"), ...sizeTarget, entryPriceUsd: usdSchema("the entry price").optional(), stopPriceUsd: usdSchema("the stop price") })
    .refine((p) => p.entryPriceUsd === undefined || p.stopPriceUsd < p.entryPriceUsd, { message: "The stop must be below the entry price.", path: ["stopPriceUsd"] }),
  z.object({ method: z.literal("volatility_scaled"), ...sizeTarget, lookbackDays: z.number().int().min(7, "Use at least 7 days.").max(730, "Use at most 730 days.").default(90) }),
  z.object({
    method: z.literal("kelly"),
    ...sizeTarget,
    winRateBps: bpsSchema("the win rate", 0, 10_000),
    payoffRatio: usdSchema("the payoff ratio (average win / average loss)", { max: 1000 }),
  }),
]);

export const riskAssessInput = z.object({
  rail: railSchema.default("paper"),
  chainId: chainIdSchema,
  lookbackDays: z.number().int().min(30, "Use at least 30 days.").max(730, "Use at most 730 days.").default(180),
  paths: z.number().int().min(1000, "Use at least 1,000 paths.").max(100_000, "Use at most 100,000 paths.").default(10_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
