import * as market from "@/server/services/market";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const marketRouter = createTRPCRouter({
  // Assets with shipped daily history (data/market): range, last close, 1-day change.
  assets: publicProcedure.query(({ ctx }) => market.listAssets(ctx.db)),
});
