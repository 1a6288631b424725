import { z } from "zod";

export const costBasisMethodSchema = z.enum(["fifo", "lifo", "hifo", "average"]);

export const portfolioNameSchema = z.string().trim().min(1, "Enter a name.").max(64, "Use at most 64 characters.");

export const createPortfolioInput = z.object({
  name: portfolioNameSchema,
  costBasisMethod: costBasisMethodSchema.default("fifo"),
});

export const portfolioIdInput = z.object({ id: z.uuid("Unknown portfolio.") });

export const renamePortfolioInput = z.object({ id: z.uuid("Unknown portfolio."), name: portfolioNameSchema });

const portfolioId = z.uuid("Unknown portfolio.");
const decimalString = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d{1,18})?$/, `${what} must be a positive decimal number with at most 18 decimals.`);
const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.]{1,15}$/, "Enter an asset symbol like BTC or ETH.");

export const rangeSchema = z.enum(["1D", "7D", "30D", "YTD", "1Y", "ALL"]);

export const updatePortfolioInput = z.object({
  id: portfolioId,
  costBasisMethod: costBasisMethodSchema.optional(),
  rules: z
    .object({
      maxAssetBps: z.number().int().min(100).max(10_000).optional(),
      maxChainBps: z.number().int().min(100).max(10_000).optional(),
      minStablecoinBps: z.number().int().min(0).max(10_000).optional(),
      maxStablecoinBps: z.number().int().min(0).max(10_000).optional(),
      maxProtocolBps: z.number().int().min(100).max(10_000).optional(),
      drawdownLimitBps: z.number().int().min(100).max(10_000).optional(),
    })
    .optional(),
});

export const portfolioScopedInput = z.object({ portfolioId });
export const rangeInput = z.object({ portfolioId, range: rangeSchema.default("30D") });

export const addWalletInput = z.object({
  portfolioId,
  address: z
    .string()
    .trim()
    .regex(/^0x[0-9a-fA-F]{40}$/, "Enter a wallet address (0x followed by 40 hex characters).")
    .transform((s) => s.toLowerCase()),
  label: z.string().trim().max(40, "Use at most 40 characters.").optional(),
});
export const removeWalletInput = z.object({ portfolioId, walletId: z.uuid("Unknown wallet.") });

export const TX_TYPES = ["buy", "sell", "transfer_in", "transfer_out", "fee", "income"] as const;
export const createTransactionInput = z
  .object({
    portfolioId,
    account: z.string().trim().min(1, "Name the account (e.g. Binance, Cold storage).").max(40).default("Manual"),
    type: z.enum(TX_TYPES),
    incomeKind: z.enum(["staking_reward", "lp_fee", "farm_reward", "airdrop"]).optional(),
    asset: symbolSchema,
    quantity: decimalString("Quantity").refine((s) => /[1-9]/.test(s), "Quantity must be greater than zero."),
    priceUsd: decimalString("Price").optional(),
    feeUsd: decimalString("Fee").optional(),
    occurredAt: z.coerce.date({ error: "Enter a valid date." }),
    note: z.string().trim().max(200).optional(),
  })
  .refine((t) => !(t.type === "buy" || t.type === "sell" || t.type === "income") || t.priceUsd !== undefined, {
    message: "Enter the unit price in USD for buys, sells and income.",
    path: ["priceUsd"],
  })
  .refine((t) => t.type !== "income" || t.incomeKind !== undefined, { message: "Choose the kind of income.", path: ["incomeKind"] });
export const transactionIdInput = z.object({ portfolioId, id: z.uuid("Unknown transaction.") });
export const updateTransactionInput = z.object({ id: z.uuid("Unknown transaction."), values: createTransactionInput });

export const importInput = z.object({
  portfolioId,
  text: z.string().min(1, "The file is empty.").max(5 * 1024 * 1024, "The file is larger than 5 MB."),
  filename: z.string().max(200).optional(),
  format: z.enum(["generic", "binance-trades", "binance-statement", "coinbase"]).optional(),
  account: z.string().trim().min(1).max(40).optional(),
});

export const explainInput = z.object({
  portfolioId,
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("holding"), assetId: z.string().min(1).max(120) }),
    z.object({ kind: z.literal("return"), range: rangeSchema, measure: z.enum(["twr", "mwr"]) }),
  ]),
});

export const publishInput = z.object({
  portfolioId,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/, "Use 3–40 lowercase letters, digits and dashes."),
  privacyMode: z.enum(["values", "percentages", "delayed"]).default("percentages"),
  showWallets: z.boolean().default(false),
});
export const publicSlugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) });
