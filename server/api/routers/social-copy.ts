// social.follow / unfollow / following and social.copy.*: thin adapters over
// server/services/social/follow.ts and copy.ts; every procedure is scoped to the signed-in user.
import { copyConfigureInput, copyIdInput, copyTradesInput, followInput } from "@/lib/schemas/social";
import * as copy from "@/server/services/social/copy-manage";
import * as follow from "@/server/services/social/follow";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Spread into the social router (social.follow, social.unfollow, social.following). */
export const followProcedures = {
  follow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => follow.follow(ctx.db, ctx.userId, input, ctx.now())),
  unfollow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => follow.unfollow(ctx.db, ctx.userId, input)),
  following: protectedProcedure.query(({ ctx }) => follow.listFollowing(ctx.db, ctx.userId)),
};

export const copyRouter = createTRPCRouter({
  configure: protectedProcedure.input(copyConfigureInput).mutation(({ ctx, input }) => copy.configureCopy(ctx.db, ctx.userId, input, ctx.now())),
  pause: protectedProcedure.input(copyIdInput).mutation(({ ctx, input }) => copy.pauseCopy(ctx.db, ctx.userId, input.copyId, ctx.now())),
  resume: protectedProcedure.input(copyIdInput).mutation(({ ctx, input }) => copy.resumeCopy(ctx.db, ctx.userId, input.copyId, ctx.now())),
  stop: protectedProcedure.input(copyIdInput).mutation(({ ctx, input }) => copy.stopOwnCopy(ctx.db, ctx.userId, input.copyId, ctx.now())),
  list: protectedProcedure.query(({ ctx }) => copy.listOwnCopies(ctx.db, ctx.userId)),
  trades: protectedProcedure.input(copyTradesInput).query(({ ctx, input }) => copy.listOwnCopyTrades(ctx.db, ctx.userId, input)),
});
