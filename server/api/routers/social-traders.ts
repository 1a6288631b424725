// social.profile (the caller's own trader profile) and social.traders (the public leaderboard,
// a trader's page and trades; a signed-in viewer also sees their own private record).
import { traderIdInput, tradersTopInput, traderTradesInput, updateTraderProfileInput } from "@/lib/schemas/social";
import { getTrader, listTraderTrades, topTraders } from "@/server/services/social/leaderboard";
import { getOwnProfile, updateOwnProfile } from "@/server/services/social/profile";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getOwnProfile(ctx.db, ctx.userId)),
  update: protectedProcedure.input(updateTraderProfileInput).mutation(({ ctx, input }) => updateOwnProfile(ctx.db, ctx.userId, input, ctx.now())),
});

export const tradersRouter = createTRPCRouter({
  top: publicProcedure.input(tradersTopInput).query(({ ctx, input }) => topTraders(ctx.db, input, ctx.session?.user.id ?? null, ctx.now())),
  get: publicProcedure.input(traderIdInput).query(({ ctx, input }) => getTrader(ctx.db, input.id, ctx.session?.user.id ?? null, ctx.now())),
  trades: publicProcedure.input(traderTradesInput).query(({ ctx, input }) => listTraderTrades(ctx.db, input.id, ctx.session?.user.id ?? null, input, ctx.now())),
});
