import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { listAssetSummaries } from "@/db/queries/market";
import { parseCandleCsv, symbolFromFileName, type Candle } from "@/server/market/candles";
import { buildReplayPath, type ReplayPath, type ReplaySeries } from "@/server/market/replay";
import { DomainError } from "@/server/errors";

// Market data: the shipped files (data/market) are the source; db/seed/market.ts loads them
// into Postgres (assets, candles) at startup, and the database is what ranges and queries read
// (server/services/prices.ts for candles and prices as of a time). The file readers below stay
// for callers without a database handle (the quote engine's volatility, insights, the replay
// keeper) — same numbers, read once per process.

const MARKET_DIR = path.join(process.cwd(), "data", "market");
const cache = new Map<string, Promise<Candle[]>>();

export function loadDailyCandles(symbol: string): Promise<Candle[]> {
  return loadCandleFile("daily", symbol);
}

/** Hourly candles (BTC, ETH); market.UNKNOWN_ASSET for symbols without hourly history. */
export function loadHourlyCandles(symbol: string): Promise<Candle[]> {
  return loadCandleFile("hourly", symbol);
}

function loadCandleFile(kind: "daily" | "hourly", symbol: string): Promise<Candle[]> {
  const key = `${kind}:${symbol}`;
  let p = cache.get(key);
  if (!p) {
    p = fs
      .readFile(path.join(MARKET_DIR, kind, `${symbol}-USD.csv`), "utf8")
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

const SOURCE = "Binance spot klines";

/**
 * Assets with daily history: range, last close, 1-day change. With a database handle it reads
 * the assets/candles tables (falling back to the files while they are empty, e.g. before the
 * first seed); without one, the files.
 */
export async function listAssets(db?: Db) {
  if (db) {
    const rows = await listAssetSummaries(db);
    if (rows.some((r) => r.count > 0)) {
      return rows
        .filter((r) => r.count > 0)
        .map((r) => ({
          symbol: r.symbol,
          firstDate: r.first?.toISOString().slice(0, 10) ?? null,
          lastDate: r.last?.toISOString().slice(0, 10) ?? null,
          lastClose: r.lastClose,
          change1dPct: r.lastClose !== null && r.prevClose ? (r.lastClose / r.prevClose - 1) * 100 : null,
          candles: r.count,
          source: r.source,
        }));
    }
  }
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
        source: SOURCE,
      };
    }),
  );
}

/**
 * The replay keeper's reference path (server/market/replay.ts) over the shipped history:
 * hourly BTC/ETH, daily closes for the other tokens' markets. Deterministic for given inputs.
 */
export async function loadReplayPath(opts: { from?: string; hours?: number; symbols?: string[] } = {}): Promise<ReplayPath> {
  const symbols = opts.symbols ?? ["ETH", "BTC", "LINK", "UNI", "AAVE", "SOL"];
  const series: Record<string, ReplaySeries> = {};
  for (const symbol of new Set([...symbols, "ETH"])) {
    const [hourly, daily] = await Promise.all([loadHourlyCandles(symbol).catch(() => undefined), loadDailyCandles(symbol).catch(() => undefined)]);
    series[symbol] = { hourly, daily };
  }
  return buildReplayPath({ series, symbols, reference: "ETH", from: opts.from, hours: opts.hours });
}
