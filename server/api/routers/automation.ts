import * as automation from "@/server/services/automation";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const automationRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => automation.listAutomations(ctx.db, ctx.userId)),
});
