import { feedInput } from "@/lib/schemas/social";
import { createTRPCRouter, protectedProcedure } from "../trpc";

// STUB (signals helper replaces): signals.list/publish/get/hitRates, feed.
export const signalsRouter = createTRPCRouter({});
export const feedProcedure = protectedProcedure.input(feedInput).query(() => ({ items: [], nextCursor: null, following: 0 }));
