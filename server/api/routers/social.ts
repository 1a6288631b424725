// social.*: profiles, the leaderboard, follow and copy, signals and the feed, featured portfolios.
// One router for the domain, assembled from the files beside it (each thin: input, one service call).
import { copyRouter, followProcedures } from "./social-copy";
import { featuredRouter } from "./social-featured";
import { profileRouter, tradersRouter } from "./social-traders";
import { feedProcedure, signalsRouter } from "./social-signals";
import { createTRPCRouter } from "../trpc";

export const socialRouter = createTRPCRouter({
  profile: profileRouter,
  traders: tradersRouter,
  ...followProcedures,
  copy: copyRouter,
  signals: signalsRouter,
  feed: feedProcedure,
  portfolios: featuredRouter,
});
