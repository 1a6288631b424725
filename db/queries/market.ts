// Market data: assets and OHLCV candles (db/schema/market.ts). SQL only, no rules.
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assets, candles, type CandleInterval } from "@/db/schema";

export type CandleRow = { time: Date; open: number; high: number; low: number; close: number; volume: number };
export type CandleInsert = { time: string; open: number; high: number; low: number; close: number; volume: number };

export async function upsertAssets(db: DbOrTx, rows: { symbol: string; source: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(assets)
    .values(rows)
    .onConflictDoUpdate({ target: assets.symbol, set: { source: sql`excluded.source` } });
}

/** Per symbol and interval: how many candles and the last open time (what the loader compares). */
export async function candleCoverage(db: DbOrTx): Promise<{ symbol: string; interval: CandleInterval; count: number; last: Date }[]> {
  return db
    .select({
      symbol: candles.symbol,
      interval: candles.interval,
      count: sql<number>`count(*)::int`,
      last: sql<Date>`max(${candles.time})`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(candles)
    .groupBy(candles.symbol, candles.interval);
}

/**
 * Bulk insert in ONE statement: each column travels as one array parameter and Postgres
 * expands them with unnest — several times faster than a multi-row VALUES list (8 parameters
 * per row, 65,535 at most per statement). Existing (symbol, interval, time) rows are kept.
 */
export async function insertCandles(db: DbOrTx, symbol: string, interval: CandleInterval, rows: readonly CandleInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Array literals: ISO times and plain decimal numbers need no quoting.
  const col = (pick: (r: CandleInsert) => string | number) => `{${rows.map(pick).join(",")}}`;
  const res = await db.execute(sql`
    insert into ${candles} (symbol, interval, time, open, high, low, close, volume)
    select ${symbol}, ${interval}::candle_interval, r.*
    from unnest(${col((r) => r.time)}::timestamptz[], ${col((r) => r.open)}::numeric[], ${col((r) => r.high)}::numeric[],
                ${col((r) => r.low)}::numeric[], ${col((r) => r.close)}::numeric[], ${col((r) => r.volume)}::numeric[]) as r
    on conflict do nothing`);
  return res.count ?? 0;
}

export type AssetSummaryRow = {
  symbol: string;
  source: string;
  count: number;
  first: Date | null;
  last: Date | null;
  lastClose: number | null;
  prevClose: number | null;
};

/** Every asset with its daily range, candle count and the last two daily closes. */
export async function listAssetSummaries(db: DbOrTx): Promise<AssetSummaryRow[]> {
  const rows = await db.execute<{
    symbol: string;
    source: string;
    count: number;
    first: Date | string | null;
    last: Date | string | null;
    last_close: number | null;
    prev_close: number | null;
  }>(sql`
    select a.symbol, a.source, s.count, s.first, s.last,
      (select close::float8 from ${candles} c where c.symbol = a.symbol and c.interval = '1d' order by c.time desc limit 1) as last_close,
      (select close::float8 from ${candles} c where c.symbol = a.symbol and c.interval = '1d' order by c.time desc offset 1 limit 1) as prev_close
    from ${assets} a
    left join lateral (
      select count(*)::int as count, min(time) as first, max(time) as last
      from ${candles} c where c.symbol = a.symbol and c.interval = '1d'
    ) s on true
    order by a.symbol`);
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    symbol: r.symbol,
    source: r.source,
    count: r.count ?? 0,
    first: date(r.first),
    last: date(r.last),
    lastClose: r.last_close,
    prevClose: r.prev_close,
  }));
}

/** Candles of one symbol and interval, ascending, optionally within [from, to] (open times). */
export async function listCandles(
  db: DbOrTx,
  q: { symbol: string; interval: CandleInterval; from?: Date; to?: Date; limit?: number },
): Promise<CandleRow[]> {
  const where = and(
    eq(candles.symbol, q.symbol),
    eq(candles.interval, q.interval),
    q.from ? gte(candles.time, q.from) : undefined,
    q.to ? lte(candles.time, q.to) : undefined,
  );
  const cols = { time: candles.time, open: candles.open, high: candles.high, low: candles.low, close: candles.close, volume: candles.volume };
  if (q.limit !== undefined && !q.from) {
    // The most recent `limit` candles, returned ascending.
    const rows = await db.select(cols).from(candles).where(where).orderBy(desc(candles.time)).limit(q.limit);
    return rows.reverse();
  }
  const base = db.select(cols).from(candles).where(where).orderBy(asc(candles.time));
  return q.limit !== undefined ? base.limit(q.limit) : base;
}

/** The last candle opened at or before `at` (the price "as of" a time), or null. */
export async function candleAtOrBefore(db: DbOrTx, symbol: string, interval: CandleInterval, at: Date): Promise<CandleRow | null> {
  const [row] = await db
    .select({ time: candles.time, open: candles.open, high: candles.high, low: candles.low, close: candles.close, volume: candles.volume })
    .from(candles)
    .where(and(eq(candles.symbol, symbol), eq(candles.interval, interval), lte(candles.time, at)))
    .orderBy(desc(candles.time))
    .limit(1);
  return row ?? null;
}
