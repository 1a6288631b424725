import fs from "node:fs/promises";
import path from "node:path";
import { parseCandleCsv, symbolFromFileName, type Candle } from "@/server/market/candles";
import { DomainError } from "@/server/errors";

const MARKET_DIR = path.join(process.cwd(), "data", "market");
const cache = new Map<string, Promise<Candle[]>>();

export async function loadDailyCandles(symbol: string): Promise<Candle[]> {
  const key = `daily:${symbol}`;
  let p = cache.get(key);
  if (!p) {
    p = fs
      .readFile(path.join(MARKET_DIR, "daily", `${symbol}-USD.csv`), "utf8")
      .then(parseCandleCsv)
      .catch((err: unknown) => {
        cache.delete(key);
        if ((err as NodeJS.ErrnoException).code === "ENOENT") {
          throw new DomainError("market.UNKNOWN_ASSET", "not_found", `No market data for ${symbol}.`);
        }
        throw err;
      });
    cache.set(key, p);
  }
  return p;
}

export async function listDailySymbols(): Promise<string[]> {
  const files = await fs.readdir(path.join(MARKET_DIR, "daily"));
  return files.map(symbolFromFileName).filter((s): s is string => s !== null).sort();
}

export async function listAssets() {
  const symbols = await listDailySymbols();
  return Promise.all(
    symbols.map(async (symbol) => {
      const candles = await loadDailyCandles(symbol);
      const first = candles[0];
      const last = candles[candles.length - 1];
      const prev = candles[candles.length - 2];
      return {
        symbol,
        firstDate: first?.time ?? null,
        lastDate: last?.time ?? null,
        lastClose: last?.close ?? null,
        change1dPct: last && prev ? (last.close / prev.close - 1) * 100 : null,
        candles: candles.length,
        source: "Binance spot klines",
      };
    }),
  );
}
