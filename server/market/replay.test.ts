import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCandleCsv } from "./candles";
import { buildReplayPath, replayFactorAt, replayHoursAfter, replayTargets, type ClosePoint } from "./replay";

const hours = (start: string, closes: number[]): ClosePoint[] =>
  closes.map((close, k) => ({ time: new Date(Date.parse(start) + k * 3_600_000).toISOString().replace(".000Z", "Z"), close }));
// ETH: 48 hours of 2024-01-01..02 going 100 → 147 (+1 per hour); daily closes at the day's last hour.
const ethHourly = hours("2024-01-01T00:00:00Z", Array.from({ length: 48 }, (_, k) => 100 + k));
const ethDaily: ClosePoint[] = [
  { time: "2023-12-31", close: 99 },
  { time: "2024-01-01", close: 123 },
  { time: "2024-01-02", close: 147 },
];
const linkDaily: ClosePoint[] = [
  { time: "2023-12-31", close: 10 },
  { time: "2024-01-01", close: 20 },
  { time: "2024-01-02", close: 10 },
];
const series = { ETH: { hourly: ethHourly, daily: ethDaily }, LINK: { daily: linkDaily } };

describe("buildReplayPath", () => {
  const path = buildReplayPath({ series, symbols: ["ETH", "LINK", "AAVE"] });

  it("hourly symbols follow their closes from the start (factor 1 at hour 0)", () => {
    expect(path.hours).toBe(48);
    expect(path.from).toBe("2024-01-01T00:00:00.000Z");
    expect(replayFactorAt(path, "ETH", 0)).toBe(1);
    expect(replayFactorAt(path, "ETH", 10)).toBeCloseTo(110 / 100, 12);
    // Between hours: geometric interpolation.
    expect(replayFactorAt(path, "ETH", 10.5)).toBeCloseTo(Math.sqrt((110 / 100) * (111 / 100)), 12);
    expect(path.methods.get("ETH")).toBe("hourly");
  });

  it("daily-only symbols hit their daily closes at day ends and wiggle with ETH within the day", () => {
    expect(path.methods.get("LINK")).toBe("daily+intraday");
    // Hour 0 closes 2024-01-01T01:00; 2024-01-01's close (20) is at hour index 23 (24:00).
    const at = (k: number) => replayFactorAt(path, "LINK", k);
    const link0 = Math.exp((23 / 24) * Math.log(10) + (1 / 24) * Math.log(20) + Math.log(100) - ((23 / 24) * Math.log(99) + (1 / 24) * Math.log(123)));
    expect(at(23)).toBeCloseTo(20 / link0, 9);
    expect(at(47)).toBeCloseTo(10 / link0, 9);
    // Unknown history: the reference's path.
    expect(path.methods.get("AAVE")).toBe("reference");
    expect(replayFactorAt(path, "AAVE", 10)).toBe(replayFactorAt(path, "ETH", 10));
  });

  it("repeats past the end, compounding; unknown symbols stay at 1", () => {
    const end = replayFactorAt(path, "ETH", 47);
    expect(end).toBeCloseTo(147 / 100, 12);
    expect(replayFactorAt(path, "ETH", 47 + 10)).toBeCloseTo(end * (110 / 100), 12);
    expect(replayFactorAt(path, "XYZ", 5)).toBe(1);
  });

  it("targets = start prices × factors; speed converts wall time to history hours", () => {
    const t = replayTargets(path, new Map([["ETH", 2500], ["USDC", 1]]), 10);
    expect(t.get("ETH")).toBeCloseTo(2750, 9);
    expect(t.has("USDC")).toBe(false);
    expect(replayHoursAfter(60_000, 60)).toBe(1);
    expect(replayHoursAfter(5_000, 3600)).toBe(5);
  });

  it("refuses a start that is not in the hourly history, or a window under 2 hours", () => {
    expect(() => buildReplayPath({ series, symbols: ["ETH"], from: "2024-01-01T00:30:00Z" })).toThrow(/not an hour/);
    expect(() => buildReplayPath({ series, symbols: ["ETH"], hours: 1 })).toThrow(/at least 2/);
    expect(() => buildReplayPath({ series: {}, symbols: ["ETH"] })).toThrow(/no hourly history/);
  });

  it("is deterministic on the shipped data (two builds, same factors)", () => {
    const read = (p: string) => parseCandleCsv(fs.readFileSync(p, "utf8"));
    const data = {
      ETH: { hourly: read("data/market/hourly/ETH-USD.csv"), daily: read("data/market/daily/ETH-USD.csv") },
      BTC: { hourly: read("data/market/hourly/BTC-USD.csv") },
      SOL: { daily: read("data/market/daily/SOL-USD.csv") },
    };
    const a = buildReplayPath({ series: data, symbols: ["ETH", "BTC", "SOL"], from: "2024-06-01T00:00:00Z", hours: 500 });
    const b = buildReplayPath({ series: data, symbols: ["ETH", "BTC", "SOL"], from: "2024-06-01T00:00:00Z", hours: 500 });
    expect([...a.factors.get("SOL")!]).toEqual([...b.factors.get("SOL")!]);
    expect(a.methods.get("SOL")).toBe("daily+intraday");
    // Hourly moves are realistic: no hour moves more than 15 %.
    for (const s of ["ETH", "BTC", "SOL"]) {
      const f = a.factors.get(s)!;
      for (let k = 1; k < f.length; k++) expect(Math.abs(Math.log(f[k]! / f[k - 1]!))).toBeLessThan(0.15);
    }
  });
});
