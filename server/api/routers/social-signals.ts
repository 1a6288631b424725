// social.signals.* and social.feed: thin adapters over server/services/social/{signals,feed}.ts.
// Every procedure is scoped to the caller: the list and get show public providers' and generated
// signals plus the caller's own; the feed is the caller's follows.
import { feedInput, publishSignalInput, signalIdInput, signalsListInput } from "@/lib/schemas/social";
import { getFeed } from "@/server/services/social/feed";
import { getSignal, listSignals, publishSignal } from "@/server/services/social/signals";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const signalsRouter = createTRPCRouter({
  list: protectedProcedure.input(signalsListInput).query(({ ctx, input }) => listSignals(ctx.db, ctx.userId, input)),
  publish: protectedProcedure.input(publishSignalInput).mutation(({ ctx, input }) => publishSignal(ctx.db, ctx.userId, input, ctx.now())),
  get: protectedProcedure.input(signalIdInput).query(({ ctx, input }) => getSignal(ctx.db, ctx.userId, input.id)),
});

export const feedProcedure = protectedProcedure.input(feedInput).query(({ ctx, input }) => getFeed(ctx.db, ctx.userId, input, ctx.now()));
