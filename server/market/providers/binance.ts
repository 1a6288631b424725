// Binance spot public market data (no key): /api/v3/ticker/price and /api/v3/klines, the
// source of the shipped data (data/SOURCES.md). USDT pairs stand in for USD, as in the files.
// Binance allows 6,000 request weight per minute per IP; we stay far below (60 requests/min).
import { z } from "zod";
import { createHttpJson, type FetchLike } from "./http";
import { ProviderError, type MarketDataProvider, type ProviderCandle, type ProviderInterval } from "./types";

export const BINANCE_BASE_URL = "https://api.binance.com";
const SOURCE = "Binance spot klines";

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "a decimal string").transform(Number);
const tickerSchema = z.array(z.object({ symbol: z.string(), price: decimal }));
// [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]
const klineSchema = z.array(
  z.tuple([z.number().int(), decimal, decimal, decimal, decimal, decimal, z.number().int()]).rest(z.unknown()),
);

const pair = (symbol: string) => {
  if (!/^[A-Z0-9]{2,12}$/.test(symbol)) throw new ProviderError("invalid_response", `not a market symbol: ${symbol}`);
  return `${symbol}USDT`;
};

export function createBinanceProvider(opts: {
  fetch: FetchLike;
  baseUrl?: string;
  now?: () => number;
  cacheTtlMs?: number;
  requestsPerMinute?: number;
}): MarketDataProvider {
  const base = (opts.baseUrl ?? BINANCE_BASE_URL).replace(/\/$/, "");
  const http = createHttpJson({ fetch: opts.fetch, now: opts.now, cacheTtlMs: opts.cacheTtlMs ?? 15_000, requestsPerWindow: opts.requestsPerMinute ?? 60, windowMs: 60_000 });
  return {
    id: "binance",
    source: SOURCE,
    async latestPrices(symbols) {
      const wanted = [...new Set(symbols)].sort();
      if (wanted.length === 0) return [];
      const pairs = wanted.map(pair);
      const url = `${base}/api/v3/ticker/price?symbols=${encodeURIComponent(JSON.stringify(pairs))}`;
      const rows = await http.get(url, tickerSchema);
      const bySymbol = new Map(rows.map((r) => [r.symbol, r.price]));
      return wanted.flatMap((s) => {
        const price = bySymbol.get(pair(s));
        return price && price > 0 ? [{ symbol: s, priceUsd: price, source: SOURCE }] : [];
      });
    },
    async candles(symbol: string, interval: ProviderInterval, o = {}): Promise<ProviderCandle[]> {
      const params = new URLSearchParams({ symbol: pair(symbol), interval, limit: String(Math.min(1000, Math.max(1, o.limit ?? 500))) });
      if (o.from) params.set("startTime", String(o.from.getTime()));
      const rows = await http.get(`${base}/api/v3/klines?${params.toString()}`, klineSchema);
      return rows.map(([openTime, open, high, low, close, volume]) => ({ time: new Date(openTime).toISOString(), open, high, low, close, volume }));
    },
  };
}
