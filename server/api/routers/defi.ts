import { balancesInput } from "@/lib/schemas/defi";
import * as defi from "@/server/services/defi";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const defiRouter = createTRPCRouter({
  chains: publicProcedure.query(() => defi.chainStatus()),
  nativeBalances: protectedProcedure
    .input(balancesInput)
    .query(({ ctx, input }) => defi.nativeBalances(ctx.db, ctx.userId, input.chainId)),
});
