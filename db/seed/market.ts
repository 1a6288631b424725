// Loads the shipped market data (data/market, provenance in data/SOURCES.md) into the assets
// and candles tables. Idempotent and cheap when already loaded: a file is parsed and inserted
// only when the table's row count or last candle for it differs from the file's (line count
// and last line, read without parsing). Missing rows are added; existing rows are kept.
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { candleCoverage, insertCandles, upsertAssets } from "@/db/queries/market";
import type { CandleInterval } from "@/db/schema";
import { parseCandleCsv, symbolFromFileName } from "@/server/market/candles";

export const MARKET_SOURCE = "Binance spot klines";

type MarketFile = { symbol: string; interval: CandleInterval; file: string };
export type MarketSeedResult = { files: number; loaded: { symbol: string; interval: CandleInterval; rows: number }[]; ms: number };

async function listMarketFiles(dir: string): Promise<MarketFile[]> {
  const out: MarketFile[] = [];
  for (const [sub, interval] of [["daily", "1d"], ["hourly", "1h"]] as const) {
    const names = await fs.readdir(path.join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const symbol = symbolFromFileName(name);
      if (symbol) out.push({ symbol, interval, file: path.join(dir, sub, name) });
    }
  }
  return out;
}

// Data rows and the last row's time, from the raw text (no parsing).
function fileShape(text: string): { rows: number; last: Date | null } {
  const lines = text.trimEnd().split("\n");
  const lastLine = lines.length > 1 ? lines[lines.length - 1] : undefined;
  const time = lastLine?.slice(0, lastLine.indexOf(","));
  return { rows: lines.length - 1, last: time ? new Date(time.length === 10 ? `${time}T00:00:00Z` : time) : null };
}

export async function seedMarket(db: Db, opts: { dir?: string } = {}): Promise<MarketSeedResult> {
  const started = performance.now();
  const dir = opts.dir ?? path.join(process.cwd(), "data", "market");
  const files = await listMarketFiles(dir);
  const [texts, coverage] = await Promise.all([Promise.all(files.map((f) => fs.readFile(f.file, "utf8"))), candleCoverage(db)]);
  const have = new Map(coverage.map((c) => [`${c.symbol}:${c.interval}`, c]));
  const stale = files
    .map((f, i) => ({ ...f, text: texts[i]! }))
    .filter((f) => {
      const h = have.get(`${f.symbol}:${f.interval}`);
      const shape = fileShape(f.text);
      return !h || h.count !== shape.rows || h.last.getTime() !== shape.last?.getTime();
    });
  const loaded: MarketSeedResult["loaded"] = [];
  if (stale.length > 0) {
    await db.transaction(async (tx) => {
      await upsertAssets(
        tx,
        [...new Set(files.map((f) => f.symbol))].map((symbol) => ({ symbol, source: MARKET_SOURCE })),
      );
      for (const f of stale) {
        const rows = parseCandleCsv(f.text).map((c) => ({ ...c, time: c.time.length === 10 ? `${c.time}T00:00:00Z` : c.time }));
        loaded.push({ symbol: f.symbol, interval: f.interval, rows: await insertCandles(tx, f.symbol, f.interval, rows) });
      }
    });
  }
  return { files: files.length, loaded, ms: Math.round(performance.now() - started) };
}
