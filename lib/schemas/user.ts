// zod schemas shared by the sign-up/sign-in forms and the user router.
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

// Length bounds only: the full policy (common passwords, etc.) runs on the server.
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(256, "Use at most 256 characters.");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[^<>]*$/, "Names cannot contain < or >.");

export const signUpInput = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(256),
});

export const siweNonceInput = z.object({ purpose: z.enum(["sign_in", "link"]) });

export const siweProofInput = z.object({
  message: z.string().min(1).max(4096, "The sign-in message is too long."),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "Signature must be hex.").max(20_000),
});

export const walletIdInput = z.object({ walletId: z.uuid("Unknown wallet.") });

export const updateProfileInput = z.object({ name: displayNameSchema });
