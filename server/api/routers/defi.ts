import {
  balancesInput,
  buildSwapInput,
  historyInput,
  quoteInput,
  submitSwapInput,
  swapStatusInput,
  tokenBalancesInput,
  tokensInput,
} from "@/lib/schemas/defi";
import * as defi from "@/server/services/defi";
import * as defiQuote from "@/server/services/defi-quote";
import * as swaps from "@/server/services/swaps";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const defiRouter = createTRPCRouter({
  chains: publicProcedure.query(() => defi.chainStatus()),
  nativeBalances: protectedProcedure
    .input(balancesInput)
    .query(({ ctx, input }) => defi.nativeBalances(ctx.db, ctx.userId, input.chainId)),
  tokens: publicProcedure.input(tokensInput).query(({ input }) => defiQuote.listTokens(input.chainId)),
  balances: protectedProcedure.input(tokenBalancesInput).query(({ input }) => defiQuote.tokenBalances(input.chainId, input.address)),
  quote: protectedProcedure.input(quoteInput).query(({ ctx, input }) => defiQuote.quote(input, { now: ctx.now() })),
  buildSwap: protectedProcedure.input(buildSwapInput).mutation(({ ctx, input }) => defiQuote.buildSwap(input, { now: ctx.now() })),
  submitSwap: protectedProcedure
    .input(submitSwapInput)
    .mutation(({ ctx, input }) => swaps.submitSwap(ctx.db, ctx.userId, input, { now: ctx.now() })),
  swapStatus: protectedProcedure
    .input(swapStatusInput)
    .query(({ ctx, input }) => swaps.swapStatus(ctx.db, ctx.userId, input, { now: ctx.now() })),
  history: protectedProcedure.input(historyInput).query(({ ctx, input }) => swaps.history(ctx.db, ctx.userId, input, { now: ctx.now() })),
});
