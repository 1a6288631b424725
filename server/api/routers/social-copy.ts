import { createTRPCRouter } from "../trpc";

// STUB (copy helper replaces): follow, unfollow, following; copy.configure/pause/resume/stop/list/trades.
export const followProcedures = {};
export const copyRouter = createTRPCRouter({});
