// Market and insights services over the shipped data files (no database).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/errors";
import { assetStats } from "./insights";
import { listAssets, listDailySymbols, loadDailyCandles } from "./market";

// Independent reading of the CSV: last lines as numbers.
function tail(symbol: string, n: number): { time: string; close: number }[] {
  const lines = fs.readFileSync(path.resolve("data/market/daily", `${symbol}-USD.csv`), "utf8").trim().split("\n").slice(-n);
  return lines.map((l) => {
    const cols = l.split(",");
    return { time: cols[0]!, close: Number(cols[4]) };
  });
}

describe("market service", () => {
  it("lists every shipped daily file's symbol, sorted", async () => {
    const symbols = await listDailySymbols();
    expect(symbols).toContain("BTC");
    expect(symbols).toContain("ETH");
    expect([...symbols].sort()).toEqual(symbols);
  });

  it("summarises each asset: range, last close, 1-day change", async () => {
    const assets = await listAssets();
    const btc = assets.find((a) => a.symbol === "BTC")!;
    const [prev, last] = tail("BTC", 2);
    expect(btc).toMatchObject({ firstDate: "2017-08-17", lastDate: last!.time, lastClose: last!.close, candles: 2875 });
    // 107146.5 / 108356.93 − 1 = −1.1170…%
    expect(btc.change1dPct).toBeCloseTo((last!.close / prev!.close - 1) * 100, 10);
    expect(btc.change1dPct).toBeCloseTo(-1.11707, 4);
  });

  it("refuses an unknown asset with market.UNKNOWN_ASSET (not found), and retries the file next time", async () => {
    const err = await loadDailyCandles("NOPE").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: "market.UNKNOWN_ASSET", kind: "not_found" });
    // The failure is not cached as a permanent answer: a second call reads again (same result here).
    await expect(loadDailyCandles("NOPE")).rejects.toMatchObject({ code: "market.UNKNOWN_ASSET" });
  });

  it("caches a symbol's candles (same array on the second call)", async () => {
    expect(await loadDailyCandles("ETH")).toBe(await loadDailyCandles("ETH"));
  });
});

describe("insights.assetStats", () => {
  it("computes stats over the last window of daily closes", async () => {
    const s = await assetStats({ symbol: "BTC", windowDays: 30 });
    const closes = tail("BTC", 31).map((c) => c.close);
    expect(s).toMatchObject({ symbol: "BTC", asOf: "2025-06-30", windowDays: 30, observations: 30, lastClose: 107146.5 });
    expect(s.changePct).toBeCloseTo((closes[30]! / closes[0]! - 1) * 100, 10);
    expect(s.annualisedVolatilityPct).toBeGreaterThan(0);
    expect(s.maxDrawdownPct).toBeGreaterThanOrEqual(0);
  });
});
