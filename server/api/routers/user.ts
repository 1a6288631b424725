import { z } from "zod";
import { siweNonceInput, siweProofInput, signUpInput, updateProfileInput, walletIdInput } from "@/lib/schemas/user";
import * as user from "@/server/services/user";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

const walletOut = z.object({
  id: z.string(),
  address: z.string(),
  chainId: z.number(),
  label: z.string().nullable(),
  createdAt: z.date(),
});

export const userRouter = createTRPCRouter({
  me: protectedProcedure
    .output(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        image: z.string().nullable(),
        isDemo: z.boolean(),
        hasPassword: z.boolean(),
        createdAt: z.date(),
      }),
    )
    .query(({ ctx }) => user.getMe(ctx.db, ctx.userId)),

  wallets: protectedProcedure.output(z.array(walletOut)).query(({ ctx }) => user.listWallets(ctx.db, ctx.userId)),

  activity: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => user.listActivity(ctx.db, ctx.userId, input.limit)),

  signUp: publicProcedure
    .meta({ audit: "service" })
    .input(signUpInput)
    .output(z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const u = await user.signUp(ctx.db, input, ctx.meta, ctx.now());
      return { id: u.id, email: u.email, name: u.name };
    }),

  // Issues a single-use SIWE nonce; "link" nonces are bound to the signed-in user.
  siweNonce: publicProcedure.input(siweNonceInput).mutation(({ ctx, input }) =>
    user.issueSiweNonce(
      ctx.db,
      { purpose: input.purpose, userId: input.purpose === "link" ? (ctx.session?.user.id ?? null) : null },
      ctx.meta,
      ctx.now(),
    ),
  ),

  linkWallet: protectedProcedure
    .input(siweProofInput)
    .output(walletOut)
    .mutation(({ ctx, input }) => user.linkWallet(ctx.db, ctx.userId, input, ctx.meta, ctx.now())),

  unlinkWallet: protectedProcedure
    .input(walletIdInput)
    .mutation(({ ctx, input }) => user.unlinkWallet(ctx.db, ctx.userId, input.walletId)),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => user.updateProfile(ctx.db, ctx.userId, input)),
});
