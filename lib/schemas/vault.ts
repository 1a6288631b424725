// Inputs of the vault rail (server/api/routers/automation-vault.ts). Token amounts are base
// units: integer strings on the wire (or bigint via superjson). ETH is NATIVE_TOKEN (0xEeee…).
import { z } from "zod";
import { addressSchema, amountRawSchema, chainIdSchema, txHashSchema } from "@/lib/schemas/defi";

const MAX_UINT128 = 2n ** 128n - 1n;

/** A non-negative base-unit amount (0 allowed: a cap of 0 blocks the token, a bound of 0 removes it). */
const amountOrZeroSchema = z
  .union([z.bigint(), z.string().regex(/^[0-9]{1,78}$/, "Amount must be a whole number of base units.")])
  .transform((v) => BigInt(v))
  .refine((v) => v >= 0n && v < 2n ** 256n, "Amount is out of range.");

const capSchema = amountOrZeroSchema.refine((v) => v <= MAX_UINT128, "A cap can be at most 2^128 − 1 base units.");

const differentTokens = (q: { tokenIn: string; tokenOut: string }) => q.tokenIn.toLowerCase() !== q.tokenOut.toLowerCase();

export const vaultPairSchema = z.object({ tokenIn: addressSchema, tokenOut: addressSchema }).refine(differentTokens, { message: "Choose two different tokens.", path: ["tokenOut"] });

export const vaultStateInput = z.object({
  chainId: chainIdSchema,
  /** One of the user's linked wallets; omitted = every linked wallet. */
  owner: addressSchema.optional(),
  /** Price bounds to read; omitted = every ordered pair of the vault's allowed tokens. */
  pairs: z.array(vaultPairSchema).max(50).optional(),
});

export const buildCreateVaultInput = z.object({ chainId: chainIdSchema, owner: addressSchema });

export const registerVaultInput = z.object({ chainId: chainIdSchema, hash: txHashSchema });

const vaultRef = { chainId: chainIdSchema, vault: addressSchema };

export const buildVaultDepositInput = z.object({ ...vaultRef, token: addressSchema, amount: amountRawSchema });

export const buildVaultWithdrawInput = z.object({ ...vaultRef, token: addressSchema, amount: amountRawSchema });

export const buildSetTokenLimitsInput = z
  .object({ ...vaultRef, token: addressSchema, allowed: z.boolean(), maxPerExecution: capSchema, maxPerDay: capSchema })
  .refine((q) => q.maxPerExecution <= q.maxPerDay || !q.allowed, { message: "The per-execution cap cannot exceed the daily cap.", path: ["maxPerExecution"] });

export const buildSetPriceBoundInput = z
  .object({
    ...vaultRef,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    /** Minimum tokenOut base units per 1e18 base units of tokenIn; 0 removes the bound. */
    minOutPerInX18: amountOrZeroSchema,
  })
  .refine(differentTokens, { message: "Choose two different tokens.", path: ["tokenOut"] });

export const vaultRefInput = z.object(vaultRef);

export const keeperTxsInput = z.object({
  chainId: chainIdSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
