import { createTRPCRouter } from "../trpc";

// STUB (featured helper replaces): portfolios.featured, portfolios.copyAllocation.
export const featuredRouter = createTRPCRouter({});
