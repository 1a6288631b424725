import { z } from "zod";
import { chainIdSchema } from "@/lib/schemas/automation";
import * as market from "@/server/services/market";
import { getLocalPrices, marketSymbolOf } from "@/server/services/prices";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const marketRouter = createTRPCRouter({
  // Assets with shipped daily history (data/market): range, last close, 1-day change.
  assets: publicProcedure.query(({ ctx }) => market.listAssets(ctx.db)),
  // The pools' USD prices of a local chain's tokens now (the prices swaps, paper fills and
  // signals are measured against), by market symbol.
  prices: publicProcedure.input(z.object({ chainId: chainIdSchema })).query(async ({ input }) => {
    const p = await getLocalPrices(input.chainId);
    return { chainId: p.chainId, block: p.block.toString(), prices: p.prices.map((t) => ({ address: t.address, symbol: marketSymbolOf(t.symbol), priceUsd: t.priceUsd })) };
  }),
});
