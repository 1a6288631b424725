import { updateTraderProfileInput } from "@/lib/schemas/social";
import * as social from "@/server/services/social";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const socialRouter = createTRPCRouter({
  myProfile: protectedProcedure.query(({ ctx }) => social.getOwnProfile(ctx.db, ctx.userId)),
  updateProfile: protectedProcedure
    .input(updateTraderProfileInput)
    .mutation(({ ctx, input }) => social.updateOwnProfile(ctx.db, ctx.userId, input, ctx.now())),
});
