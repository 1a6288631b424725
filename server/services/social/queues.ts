// Queue names of the social jobs (server/services/social/jobs.ts has the handlers).
export const SOCIAL_TICK_QUEUE = "social.tick";
/** One run per leader trade, key `social.fanout:<verifiedTradeId>`, payload { tradeId }. */
export const FANOUT_QUEUE = "social.fanout";
/** One run per (copy, leader trade), key `social.copy:<copyId>:<verifiedTradeId>`, payload { copyId, tradeId }. */
export const COPY_QUEUE = "social.copy";
export const SEED_QUEUE = "social.seed";
