import { z } from "zod";

export const chainIdSchema = z.number().int().positive();
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "Enter a valid address (0x followed by 40 hex characters).")
  .transform((s) => s as `0x${string}`);
export const txHashSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "Enter a valid transaction hash (0x followed by 64 hex characters).")
  .transform((s) => s.toLowerCase() as `0x${string}`);
/** A token amount in base units as an integer string (or bigint via superjson). */
export const amountRawSchema = z
  .union([z.bigint(), z.string().regex(/^[0-9]{1,78}$/, "Amount must be a whole number of base units.")])
  .transform((v) => BigInt(v))
  .refine((v) => v > 0n, "Enter an amount greater than zero.")
  .refine((v) => v < 2n ** 256n, "Amount is too large.");

export const MAX_SLIPPAGE_BPS = 5_000;

export const balancesInput = z.object({ chainId: chainIdSchema });
export const tokensInput = z.object({ chainId: chainIdSchema });
export const tokenBalancesInput = z.object({ chainId: chainIdSchema, address: addressSchema });

export const quoteInput = z
  .object({
    chainId: chainIdSchema,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountIn: amountRawSchema,
    /** Omitted = auto (from the pair's volatility and the route's impact). */
    slippageBps: z.number().int().min(1, "Slippage must be at least 0.01 %.").max(MAX_SLIPPAGE_BPS, "Slippage can be at most 50 %.").optional(),
  })
  .refine((q) => q.tokenIn.toLowerCase() !== q.tokenOut.toLowerCase(), {
    message: "Choose two different tokens.",
    path: ["tokenOut"],
  });

export const buildSwapInput = z
  .object({
    chainId: chainIdSchema,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountIn: amountRawSchema,
    slippageBps: z.number().int().min(1).max(MAX_SLIPPAGE_BPS).optional(),
    deadlineMinutes: z.number().int().min(1, "Deadline must be at least 1 minute.").max(4_320, "Deadline can be at most 3 days.").default(20),
    account: addressSchema,
    /** Approve max uint256 instead of the exact input (an explicit user choice). */
    unlimitedApproval: z.boolean().default(false),
  })
  .refine((q) => q.tokenIn.toLowerCase() !== q.tokenOut.toLowerCase(), {
    message: "Choose two different tokens.",
    path: ["tokenOut"],
  });

export const submitSwapInput = z.object({
  chainId: chainIdSchema,
  hash: txHashSchema,
  kind: z.enum(["swap", "approve", "wrap", "unwrap"]).default("swap"),
  /** The route the client signed (from buildSwap); stored as what was asked, never as what happened. */
  quote: z
    .object({
      tokenIn: addressSchema,
      tokenOut: addressSchema,
      amountIn: amountRawSchema,
      amountOut: z.union([z.bigint(), z.string().regex(/^[0-9]{1,78}$/)]).transform((v) => BigInt(v)),
      minAmountOut: z.union([z.bigint(), z.string().regex(/^[0-9]{1,78}$/)]).transform((v) => BigInt(v)),
    })
    .optional(),
});

export const swapStatusInput = z.object({ chainId: chainIdSchema, hash: txHashSchema });
export const historyInput = z.object({
  chainId: chainIdSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().optional(),
});
