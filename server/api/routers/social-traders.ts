import { updateTraderProfileInput } from "@/lib/schemas/social";
import * as social from "@/server/services/social/profile";
import { createTRPCRouter, protectedProcedure } from "../trpc";

// STUB (records/leaderboard helper replaces): profile.get/update, traders.top/get/trades.
export const profileRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => social.getOwnProfile(ctx.db, ctx.userId)),
  update: protectedProcedure.input(updateTraderProfileInput).mutation(({ ctx, input }) => social.updateOwnProfile(ctx.db, ctx.userId, input, ctx.now())),
});
export const tradersRouter = createTRPCRouter({});
