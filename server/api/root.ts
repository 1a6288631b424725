import { automationRouter } from "./routers/automation";
import { defiRouter } from "./routers/defi";
import { insightsRouter } from "./routers/insights";
import { marketRouter } from "./routers/market";
import { portfolioRouter } from "./routers/portfolio";
import { socialRouter } from "./routers/social";
import { userRouter } from "./routers/user";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  user: userRouter,
  portfolio: portfolioRouter,
  market: marketRouter,
  defi: defiRouter,
  social: socialRouter,
  automation: automationRouter,
  insights: insightsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
