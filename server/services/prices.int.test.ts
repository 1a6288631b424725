// Prices on the local chain (a throwaway anvil with the full deploy) and from the candles in
// Postgres. Local prices come from the pools only: within ~1 % of the deploy's seeded USD
// prices for every registry token; stablecoins are priced from their pools (not exactly 1).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, testDatabaseKind, type TestDatabase } from "@/db/testing/database";
import { seedMarket } from "@/db/seed/market";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { startAnvil, type TestChain } from "@/test/anvil";
import type * as Prices from "./prices";

const PORT = 28955;
const CHAIN_ID = 31337;
const RUNS_CHAIN = testDatabaseKind() === "pglite";

let chain: TestChain | undefined;
let dataDir = "";
let registry: ChainRegistry;
let svc: typeof Prices;
let t: TestDatabase;

beforeAll(async () => {
  t = await useTestDatabase();
  await seedMarket(t.db);
  if (RUNS_CHAIN) {
    chain = await startAnvil(PORT, CHAIN_ID);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-prices-"));
    process.env.RPC_URL_31337 = chain.url;
    process.env.LODESTAR_DATA_DIR = dataDir;
    const { deployChain } = await import("@/contracts/deploy/deploy");
    registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  }
  svc = await import("./prices");
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  await t?.close();
});

describe.runIf(RUNS_CHAIN)("local prices from the pools", () => {
  it("prices every registry token within 1 % of the seeded USD price; stablecoins ≠ 1 but within 0.1 %", async () => {
    const { latestClosesE8, TOKENS } = await import("@/contracts/deploy/config");
    const closes = latestClosesE8(process.cwd());
    const started = performance.now();
    const local = await svc.getLocalPrices(CHAIN_ID);
    console.log(`[prices] ${local.prices.length} tokens priced in ${Math.round(performance.now() - started)} ms (cold read)`);
    expect(local.prices.map((p) => p.symbol).sort()).toEqual(registry.tokens.map((x) => x.symbol).sort());
    for (const spec of TOKENS) {
      const p = local.prices.find((x) => x.symbol === spec.symbol)!;
      if (spec.market === null) {
        expect(p.priceUsd, spec.symbol).not.toBe(1);
        expect(Math.abs(p.priceUsd - 1), spec.symbol).toBeLessThan(0.001);
      } else {
        const seeded = Number(closes[spec.symbol]!) / 1e8;
        expect(Math.abs(p.priceUsd / seeded - 1), spec.symbol).toBeLessThan(0.01);
      }
      expect(p.depthUsd).toBeGreaterThan(0);
    }
    // The numeraire: the stablecoin basket, weights summing to 1.
    expect(local.anchor.map((a) => a.symbol).sort()).toEqual(["DAI", "USDC", "USDT"]);
    expect(local.anchor.reduce((s, a) => s + a.weight, 0)).toBeCloseTo(1, 9);
  });

  it("answers one token by symbol or address, and refuses an unknown one", async () => {
    const weth = registry.tokens.find((x) => x.symbol === "WETH")!;
    const bySymbol = await svc.getLocalTokenPrice(CHAIN_ID, "weth");
    const byAddress = await svc.getLocalTokenPrice(CHAIN_ID, weth.address);
    expect(byAddress.priceUsd).toBe(bySymbol.priceUsd);
    await expect(svc.getLocalTokenPrice(CHAIN_ID, "NOPE")).rejects.toMatchObject({ code: "market.NO_PRICE" });
    await expect(svc.getLocalPrices(999)).rejects.toMatchObject({ code: "market.NO_REGISTRY" });
  });
});

describe("historical prices from Postgres", () => {
  it("serves candles by token or market symbol, daily dates and hourly timestamps", async () => {
    const daily = await svc.getHistoricalCandles(t.db, { symbol: "WETH", interval: "1d", limit: 2 });
    expect(daily.map((c) => c.time)).toEqual(["2025-06-29", "2025-06-30"]);
    const hourly = await svc.getHistoricalCandles(t.db, { symbol: "BTC", interval: "1h", from: new Date("2025-06-30T22:00:00Z") });
    expect(hourly.map((c) => c.time)).toEqual(["2025-06-30T22:00:00.000Z", "2025-06-30T23:00:00.000Z"]);
  });

  it("prices a symbol as of a time: hourly where there is hourly history, daily otherwise", async () => {
    const eth = await svc.getHistoricalPrice(t.db, "WETH", new Date("2025-03-01T12:34:00Z"));
    expect(eth).toMatchObject({ symbol: "ETH", interval: "1h", candleTime: "2025-03-01T12:00:00.000Z" });
    const link = await svc.getHistoricalPrice(t.db, "LINK", new Date("2025-03-01T12:34:00Z"));
    expect(link).toMatchObject({ symbol: "LINK", interval: "1d", candleTime: "2025-03-01T00:00:00.000Z" });
    // Before hourly history: the daily candle.
    expect(await svc.getHistoricalPrice(t.db, "BTC", new Date("2020-01-01T05:00:00Z"))).toMatchObject({ interval: "1d" });
    expect(await svc.getHistoricalPrice(t.db, "BTC", new Date("2010-01-01T00:00:00Z"))).toBeNull();
  });

  it("online prices are off unless MARKET_PROVIDER is set", async () => {
    await expect(svc.getOnlinePrices(["BTC"])).rejects.toMatchObject({ code: "market.PROVIDER_DISABLED" });
  });
});
