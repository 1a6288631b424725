import { createPortfolioInput, portfolioIdInput, renamePortfolioInput } from "@/lib/schemas/portfolio";
import * as portfolio from "@/server/services/portfolio";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const portfolioRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => portfolio.listPortfolios(ctx.db, ctx.userId)),
  get: protectedProcedure.input(portfolioIdInput).query(({ ctx, input }) => portfolio.getPortfolio(ctx.db, ctx.userId, input.id)),
  create: protectedProcedure
    .input(createPortfolioInput)
    .mutation(({ ctx, input }) => portfolio.createPortfolio(ctx.db, ctx.userId, input)),
  rename: protectedProcedure
    .input(renamePortfolioInput)
    .mutation(({ ctx, input }) => portfolio.renamePortfolio(ctx.db, ctx.userId, input)),
  delete: protectedProcedure
    .input(portfolioIdInput)
    .mutation(({ ctx, input }) => portfolio.deletePortfolio(ctx.db, ctx.userId, input.id)),
});
