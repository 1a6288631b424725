import {
  addWalletInput,
  createPortfolioInput,
  createTransactionInput,
  explainInput,
  importInput,
  portfolioIdInput,
  portfolioScopedInput,
  publicSlugInput,
  publishInput,
  rangeInput,
  removeWalletInput,
  renamePortfolioInput,
  transactionIdInput,
  updatePortfolioInput,
  updateTransactionInput,
} from "@/lib/schemas/portfolio";
import * as portfolio from "@/server/services/portfolio";
import * as analytics from "@/server/services/portfolio-analytics";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const portfolioRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => portfolio.listPortfolios(ctx.db, ctx.userId)),
  get: protectedProcedure.input(portfolioIdInput).query(({ ctx, input }) => portfolio.getPortfolio(ctx.db, ctx.userId, input.id)),
  create: protectedProcedure
    .input(createPortfolioInput)
    .mutation(({ ctx, input }) => portfolio.createPortfolio(ctx.db, ctx.userId, input)),
  rename: protectedProcedure
    .input(renamePortfolioInput)
    .mutation(({ ctx, input }) => portfolio.renamePortfolio(ctx.db, ctx.userId, input)),
  update: protectedProcedure
    .input(updatePortfolioInput)
    .mutation(({ ctx, input }) => portfolio.updatePortfolio(ctx.db, ctx.userId, input)),
  delete: protectedProcedure
    .input(portfolioIdInput)
    .mutation(({ ctx, input }) => portfolio.deletePortfolio(ctx.db, ctx.userId, input.id)),

  wallets: createTRPCRouter({
    list: protectedProcedure.input(portfolioScopedInput).query(({ ctx, input }) => portfolio.listWallets(ctx.db, ctx.userId, input.portfolioId)),
    add: protectedProcedure.input(addWalletInput).mutation(({ ctx, input }) => portfolio.addWallet(ctx.db, ctx.userId, input)),
    remove: protectedProcedure.input(removeWalletInput).mutation(({ ctx, input }) => portfolio.removeWallet(ctx.db, ctx.userId, input)),
  }),

  transactions: createTRPCRouter({
    list: protectedProcedure
      .input(portfolioScopedInput)
      .query(({ ctx, input }) => analytics.listTransactions(ctx.db, ctx.userId, input.portfolioId, { now: ctx.now() })),
    create: protectedProcedure
      .input(createTransactionInput)
      .mutation(({ ctx, input }) => portfolio.createTransaction(ctx.db, ctx.userId, input)),
    update: protectedProcedure
      .input(updateTransactionInput)
      .mutation(({ ctx, input }) => portfolio.updateTransaction(ctx.db, ctx.userId, input)),
    delete: protectedProcedure.input(transactionIdInput).mutation(({ ctx, input }) => portfolio.deleteTransaction(ctx.db, ctx.userId, input)),
  }),

  import: createTRPCRouter({
    preview: protectedProcedure.input(importInput).mutation(({ ctx, input }) => portfolio.previewImport(ctx.db, ctx.userId, input)),
    commit: protectedProcedure.input(importInput).mutation(({ ctx, input }) => portfolio.commitImport(ctx.db, ctx.userId, input)),
  }),

  summary: protectedProcedure.input(portfolioScopedInput).query(({ ctx, input }) => analytics.summary(ctx.db, ctx.userId, input.portfolioId, { now: ctx.now() })),
  holdings: protectedProcedure.input(portfolioScopedInput).query(({ ctx, input }) => analytics.holdings(ctx.db, ctx.userId, input.portfolioId, { now: ctx.now() })),
  performance: protectedProcedure.input(rangeInput).query(({ ctx, input }) => analytics.performance(ctx.db, ctx.userId, input.portfolioId, input.range, { now: ctx.now() })),
  allocation: protectedProcedure.input(portfolioScopedInput).query(({ ctx, input }) => analytics.allocation(ctx.db, ctx.userId, input.portfolioId, { now: ctx.now() })),
  risk: protectedProcedure.input(rangeInput).query(({ ctx, input }) => analytics.risk(ctx.db, ctx.userId, input.portfolioId, input.range, { now: ctx.now() })),
  explain: protectedProcedure.input(explainInput).query(({ ctx, input }) => analytics.explain(ctx.db, ctx.userId, input.portfolioId, input.target, { now: ctx.now() })),

  publish: protectedProcedure.input(publishInput).mutation(({ ctx, input }) => portfolio.publish(ctx.db, ctx.userId, input, { now: ctx.now() })),
  unpublish: protectedProcedure.input(portfolioScopedInput).mutation(({ ctx, input }) => portfolio.unpublish(ctx.db, ctx.userId, input.portfolioId)),

  public: createTRPCRouter({
    get: publicProcedure.input(publicSlugInput).query(({ ctx, input }) => analytics.publicPortfolio(ctx.db, input.slug, { now: ctx.now() })),
    list: publicProcedure.query(({ ctx }) => analytics.publicPortfolios(ctx.db, { now: ctx.now() })),
  }),
});
