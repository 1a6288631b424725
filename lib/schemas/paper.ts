// Inputs of the paper account (server/api/routers/automation-paper.ts) and its forms.
// Token amounts are base-unit integer strings (the wire convention, CONVENTIONS §5): the form
// converts what the user types with the token's decimals (parseUnits) before sending. The
// service then checks each amount against the token's own cap (it knows the decimals).
import { z } from "zod";
import { addressSchema, chainIdSchema } from "@/lib/schemas/defi";

/** Most tokens a starting balance set may hold (the local registries list about ten). */
export const PAPER_MAX_STARTING_TOKENS = 20;
/** Starting balances are at most this many whole tokens each (checked with the token's decimals). */
export const PAPER_MAX_WHOLE_TOKENS = 1_000_000_000n;
/** Total starting value cap, in USD at the pools' prices when the account is reset. */
export const PAPER_MAX_STARTING_VALUE_USD = 100_000_000;
/** Paper orders accept up to 50 % slippage, like the swap form. */
export const PAPER_MAX_SLIPPAGE_BPS = 5_000;
export const PAPER_DEFAULT_SLIPPAGE_BPS = 50;
/** Fills per page on /automation/paper (the page prefetches the first one). */
export const PAPER_FILLS_PAGE_SIZE = 25;

const baseUnits = (what: string) =>
  z
    .union([z.bigint(), z.string().trim().regex(/^[0-9]{1,78}$/, `${what} must be a whole number of base units (digits only).`)])
    .transform((v) => BigInt(v))
    .refine((v) => v > 0n, `${what} must be greater than zero.`)
    .refine((v) => v < 2n ** 128n, `${what} is too large.`);

export const paperAccountInput = z.object({ chainId: chainIdSchema });

export const resetPaperInput = z.object({
  chainId: chainIdSchema,
  balances: z
    .array(z.object({ token: addressSchema, amount: baseUnits("Amount") }))
    .min(1, "Choose at least one starting balance.")
    .max(PAPER_MAX_STARTING_TOKENS, `Choose at most ${PAPER_MAX_STARTING_TOKENS} tokens.`)
    .refine((list) => new Set(list.map((b) => b.token.toLowerCase())).size === list.length, "Each token can appear only once."),
});

export const paperFillsInput = z.object({
  chainId: chainIdSchema,
  limit: z.number().int().min(1).max(100).default(25),
  /** The id of the last fill of the previous page. */
  cursor: z.uuid("Unknown cursor.").nullish(),
});

export const paperOrderInput = z
  .object({
    chainId: chainIdSchema,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountIn: baseUnits("Amount"),
    slippageBps: z
      .number()
      .int("Slippage must be a whole number of basis points.")
      .min(1, "Slippage must be at least 0.01 %.")
      .max(PAPER_MAX_SLIPPAGE_BPS, "Slippage can be at most 50 %.")
      .default(PAPER_DEFAULT_SLIPPAGE_BPS),
    /** Client-chosen id: a retried submit of the same form fills at most once (key "manual:<id>"). */
    clientOrderId: z.uuid("Unknown order id.").optional(),
  })
  .refine((o) => o.tokenIn.toLowerCase() !== o.tokenOut.toLowerCase(), { message: "Choose two different tokens.", path: ["tokenOut"] });

export type ResetPaperInput = z.output<typeof resetPaperInput>;
export type PaperFillsInput = z.output<typeof paperFillsInput>;
export type PaperOrderInput = z.output<typeof paperOrderInput>;
