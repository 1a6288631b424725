import { z } from "zod";

export const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,10}$/, "Use a ticker symbol such as BTC.");

export const assetStatsInput = z.object({
  symbol: symbolSchema,
  windowDays: z.number().int().min(2).max(3650).default(30),
});
