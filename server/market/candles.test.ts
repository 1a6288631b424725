import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCandleCsv, symbolFromFileName } from "./candles";

const DAILY = path.resolve("data/market/daily");
const HEADER = "date,open,high,low,close,volume";

describe("parseCandleCsv on the shipped data", () => {
  const btc = parseCandleCsv(fs.readFileSync(path.join(DAILY, "BTC-USD.csv"), "utf8"));

  it("parses BTC-USD.csv from its first to its last day", () => {
    expect(btc.length).toBe(2875);
    expect(btc[0]).toEqual({ time: "2017-08-17", open: 4261.48, high: 4485.39, low: 4200.74, close: 4285.08, volume: 795.150377 });
    expect(btc.at(-1)).toEqual({ time: "2025-06-30", open: 108356.93, high: 108789.99, low: 106733.33, close: 107146.5, volume: 9754.12491 });
  });

  it("every shipped daily file parses: dates strictly ascending, OHLC consistent", () => {
    const files = fs.readdirSync(DAILY).filter((f) => symbolFromFileName(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const candles = parseCandleCsv(fs.readFileSync(path.join(DAILY, f), "utf8"));
      expect(candles.length, f).toBeGreaterThan(100);
      // Collected, then asserted once: ~45 000 rows.
      const bad = candles.filter((c, i) => {
        const prev = candles[i - 1];
        const ordered = !prev || c.time > prev.time;
        return !ordered || c.low > Math.min(c.open, c.close) || c.high < Math.max(c.open, c.close);
      });
      expect(bad, f).toEqual([]);
    }
  });
});

describe("parseCandleCsv", () => {
  it("accepts hourly timestamps, CRLF and blank lines", () => {
    const text = "timestamp,open,high,low,close,volume\r\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\r\n\r\n2024-01-01T01:00:00Z,1.5,2,1,1.8,0\r\n";
    expect(parseCandleCsv(text)).toEqual([
      { time: "2024-01-01T00:00:00Z", open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
      { time: "2024-01-01T01:00:00Z", open: 1.5, high: 2, low: 1, close: 1.8, volume: 0 },
    ]);
  });

  it("refuses an unexpected header, naming it", () => {
    expect(() => parseCandleCsv("time,o,h,l,c,v\n2024-01-01,1,1,1,1,1")).toThrow("unexpected candle header: time,o,h,l,c,v");
    expect(() => parseCandleCsv("")).toThrow("unexpected candle header: undefined");
  });

  it.each([
    ["a price that is not a number", "2024-01-02,1,2,0.5,abc,10", /candle line 3: .*number/i],
    ["an infinite price", "2024-01-02,1,Infinity,0.5,1,10", /candle line 3: .*(Infinity|not a number)/],
    ["a zero price", "2024-01-02,1,2,0,1,10", /candle line 3: /],
    ["a negative volume", "2024-01-02,1,2,0.5,1,-1", /candle line 3: /],
    ["a bad date", "2024/01/02,1,2,0.5,1,10", /candle line 3: bad timestamp/],
    ["a non-hour timestamp", "2024-01-02T10:30:00Z,1,2,0.5,1,10", /candle line 3: bad timestamp/],
    ["missing columns", "2024-01-02,1,2", /candle line 3: /],
    ["a high below the close", "2024-01-02,1,1.5,0.5,2,10", /candle line 3: high\/low do not contain/],
    ["a low above the open", "2024-01-02,1,2,1.2,1.5,10", /candle line 3: high\/low do not contain/],
  ])("reports %s with its line number", (_, bad, re) => {
    expect(() => parseCandleCsv(`${HEADER}\n2024-01-01,1,2,0.5,1,10\n${bad}\n2024-01-03,1,2,0.5,1,10`)).toThrow(re);
  });

  // Regression guard (was a bug in server/market/candles.ts parseCandleCsv): blank lines are dropped before the rows
  // are numbered, so every row after a blank line is reported with a line number that is
  // too small. Here the bad row is on line 4 of the file and is reported as "line 3".
  it("reports the file's line number when blank lines precede the bad row", () => {
    expect(() => parseCandleCsv(`${HEADER}\n2024-01-01,1,2,0.5,1,10\n\n2024-01-02,1,2,0.5,x,10`)).toThrow(/candle line 4:/);
  });
});

describe("symbolFromFileName", () => {
  it.each([
    ["BTC-USD.csv", "BTC"],
    ["1INCH-USD.csv", "1INCH"],
    ["btc-USD.csv", null],
    ["BTC-EUR.csv", null],
    ["BTC-USD.csv.bak", null],
    ["../BTC-USD.csv", null],
  ])("%s → %s", (file, symbol) => {
    expect(symbolFromFileName(file)).toBe(symbol);
  });
});
