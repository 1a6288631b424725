import { assetStatsInput } from "@/lib/schemas/market";
import * as insights from "@/server/services/insights";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const insightsRouter = createTRPCRouter({
  assetStats: publicProcedure.input(assetStatsInput).query(({ input }) => insights.assetStats(input)),
});
