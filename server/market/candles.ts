// Parsing of the shipped candle files (data/market, see data/SOURCES.md). Pure.
import { z } from "zod";

export type Candle = { time: string; open: number; high: number; low: number; close: number; volume: number };

const num = z.coerce.number().refine(Number.isFinite, "not a number");
const row = z.object({
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:00:00Z)?$/, "bad timestamp"),
  open: num.pipe(z.number().positive()),
  high: num.pipe(z.number().positive()),
  low: num.pipe(z.number().positive()),
  close: num.pipe(z.number().positive()),
  volume: num.pipe(z.number().nonnegative()),
});

export function parseCandleCsv(text: string): Candle[] {
  // Number lines before dropping blank ones so errors name the file's real line.
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter((l) => l.line.trim() !== "");
  const header = lines.shift()?.line;
  if (!header || !/^(date|timestamp),open,high,low,close,volume$/.test(header.trim())) {
    throw new Error(`unexpected candle header: ${header}`);
  }
  return lines.map(({ line, number }) => {
    const [time, open, high, low, close, volume] = line.split(",");
    const parsed = row.safeParse({ time, open, high, low, close, volume });
    if (!parsed.success) throw new Error(`candle line ${number}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    const c = parsed.data;
    // The files' invariant (data/SOURCES.md); the database relies on it (no CHECK there).
    if (c.high < Math.max(c.open, c.close) || c.low > Math.min(c.open, c.close)) {
      throw new Error(`candle line ${number}: high/low do not contain open and close`);
    }
    return c;
  });
}

export function symbolFromFileName(file: string): string | null {
  const m = /^([A-Z0-9]+)-USD\.csv$/.exec(file);
  return m?.[1] ?? null;
}
