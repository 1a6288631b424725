// The Binance adapter on recorded-format responses (fixtures/: Binance's documented response
// shapes for /api/v3/klines and /api/v3/ticker/price, filled with the shipped Binance rows of
// data/market — the build machines have no network, so they were not captured live), with an
// injected fetch and clock: parsing, validation errors, HTTP errors, caching and rate limits.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createBinanceProvider } from "./binance";
import type { FetchLike } from "./http";
import { ProviderError } from "./types";

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8"));
const reply = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  ok: status >= 200 && status < 300,
  status,
  headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
  json: () => Promise.resolve(body),
});

function setup(route: (url: string) => ReturnType<typeof reply>, o: { requestsPerMinute?: number } = {}) {
  let t = 1_750_000_000_000;
  const fetch = vi.fn<FetchLike>((url) => Promise.resolve(route(url)));
  const provider = createBinanceProvider({ fetch, now: () => t, cacheTtlMs: 10_000, requestsPerMinute: o.requestsPerMinute, baseUrl: "https://api.test/" });
  return { provider, fetch, advance: (ms: number) => (t += ms) };
}

describe("Binance provider", () => {
  it("parses klines into candles (open time UTC, numbers)", async () => {
    const { provider, fetch } = setup(() => reply(fixture("binance-klines-btcusdt-1d.json")));
    const candles = await provider.candles("BTC", "1d", { limit: 3, from: new Date("2025-06-28T00:00:00Z") });
    expect(fetch.mock.calls[0]![0]).toBe("https://api.test/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=3&startTime=1751068800000");
    expect(candles).toHaveLength(3);
    // The last one is data/market/daily/BTC-USD.csv's 2025-06-30 row.
    expect(candles[2]).toEqual({ time: "2025-06-30T00:00:00.000Z", open: 108356.93, high: 108789.99, low: 106733.33, close: 107146.5, volume: 9754.12491 });
  });

  it("parses ticker prices, in the order asked, skipping pairs it did not return", async () => {
    const { provider, fetch } = setup(() => reply(fixture("binance-ticker-price.json")));
    const quotes = await provider.latestPrices(["ETH", "BTC", "BTC"]);
    expect(decodeURIComponent(fetch.mock.calls[0]![0])).toContain('symbols=["BTCUSDT","ETHUSDT"]');
    expect(quotes.map((q) => q.symbol)).toEqual(["BTC", "ETH"]);
    expect(quotes[0]).toMatchObject({ priceUsd: 107146.5, source: "Binance spot klines" });
    expect(await provider.latestPrices([])).toEqual([]);
  });

  it("refuses malformed bodies (zod) and upstream errors with typed errors", async () => {
    const bad = setup(() => reply([[1751068800000, "abc", "1", "1", "1", "1", 1]]));
    await expect(bad.provider.candles("BTC", "1d")).rejects.toMatchObject({ kind: "invalid_response" });
    const err = setup(() => reply(fixture("binance-error-invalid-symbol.json"), 400));
    await expect(err.provider.latestPrices(["NOPE"])).rejects.toMatchObject({ kind: "http", message: "upstream 400" });
    const down = setup(() => {
      throw new Error("ECONNREFUSED");
    });
    await expect(down.provider.latestPrices(["BTC"])).rejects.toMatchObject({ kind: "network" });
    await expect(down.provider.candles("btc; drop", "1h")).rejects.toBeInstanceOf(ProviderError);
  });

  it("caches a URL for its TTL, shares concurrent requests, and does not cache failures", async () => {
    let fail = true;
    const { provider, fetch, advance } = setup(() => (fail ? reply({}, 500) : reply(fixture("binance-ticker-price.json"))));
    await expect(provider.latestPrices(["BTC"])).rejects.toMatchObject({ kind: "http" });
    fail = false;
    const [a, b] = await Promise.all([provider.latestPrices(["BTC"]), provider.latestPrices(["BTC"])]);
    expect(a).toEqual(b);
    expect(fetch).toHaveBeenCalledTimes(2);
    advance(9_000);
    await provider.latestPrices(["BTC"]);
    expect(fetch).toHaveBeenCalledTimes(2);
    advance(2_000);
    await provider.latestPrices(["BTC"]);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("rate-limits on our side (token bucket) and backs off for an upstream 429's Retry-After", async () => {
    const local = setup(() => reply(fixture("binance-ticker-price.json")), { requestsPerMinute: 2 });
    await local.provider.latestPrices(["BTC"]);
    await local.provider.latestPrices(["ETH"]);
    const err = await local.provider.latestPrices(["BTC", "ETH"]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
    local.advance(30_000);
    await expect(local.provider.latestPrices(["BTC", "ETH"])).resolves.toHaveLength(2);

    let limited = true;
    const up = setup(() => (limited ? reply({}, 429, { "retry-after": "5" }) : reply(fixture("binance-ticker-price.json"))));
    await expect(up.provider.latestPrices(["BTC"])).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 5_000 });
    limited = false;
    // Still blocked for 5 s, without asking upstream.
    await expect(up.provider.latestPrices(["BTC"])).rejects.toMatchObject({ kind: "rate_limited" });
    expect(up.fetch).toHaveBeenCalledTimes(1);
    up.advance(5_001);
    await expect(up.provider.latestPrices(["BTC"])).resolves.toHaveLength(1);
  });
});
