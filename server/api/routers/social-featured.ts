// social.portfolios.*: featured public portfolios (public) and "copy this allocation" (the
// caller's rebalance targets from a portfolio's weights; creates nothing).
import { copyAllocationInput, featuredInput } from "@/lib/schemas/social";
import { copyAllocation, listFeatured } from "@/server/services/social/featured";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const featuredRouter = createTRPCRouter({
  featured: publicProcedure.input(featuredInput).query(({ ctx, input }) => listFeatured(ctx.db, input, ctx.now())),
  copyAllocation: protectedProcedure.input(copyAllocationInput).query(({ ctx, input }) => copyAllocation(ctx.db, ctx.userId, input, ctx.now())),
});
