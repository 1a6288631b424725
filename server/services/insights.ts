import { computeSeriesStats } from "@/server/insights/stats";
import { loadDailyCandles } from "./market";

export async function assetStats(input: { symbol: string; windowDays: number }) {
  const candles = await loadDailyCandles(input.symbol);
  const stats = computeSeriesStats(
    candles.map((c) => c.close),
    input.windowDays,
  );
  return { symbol: input.symbol, asOf: candles[candles.length - 1]?.time ?? null, windowDays: input.windowDays, ...stats };
}
