import { paperAccountInput, paperFillsInput, paperOrderInput, resetPaperInput } from "@/lib/schemas/paper";
import * as paper from "@/server/services/paper";
import { createTRPCRouter, protectedProcedure } from "../trpc";

// The paper account (automation.paper.*): every procedure is scoped to the signed-in user.
export const paperRouter = createTRPCRouter({
  account: protectedProcedure.input(paperAccountInput).query(({ ctx, input }) => paper.getAccount(ctx.db, ctx.userId, input.chainId)),
  reset: protectedProcedure.input(resetPaperInput).mutation(({ ctx, input }) => paper.resetAccount(ctx.db, ctx.userId, input)),
  fills: protectedProcedure.input(paperFillsInput).query(({ ctx, input }) => paper.listFills(ctx.db, ctx.userId, input)),
  order: protectedProcedure.input(paperOrderInput).mutation(({ ctx, input }) => paper.placeOrder(ctx.db, ctx.userId, input, { now: ctx.now() })),
});
