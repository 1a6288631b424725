// Prices. Local chains: the pools' mid prices, liquidity-weighted across venues and pools
// (server/market/usd-prices.ts: stablecoins priced from their own pools, never assumed to be
// exactly 1). History: the candles in Postgres (daily for every asset, hourly for BTC/ETH).
// Online (opt-in, MARKET_PROVIDER): a public market-data API behind server/market/providers.
import type { Db } from "@/db/client";
import { candleAtOrBefore, listCandles } from "@/db/queries/market";
import type { CandleInterval } from "@/db/schema";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { publicClientFor } from "@/server/chain/clients";
import { readMarketState } from "@/server/chain/pool-state";
import { getRegistry } from "@/server/chain/registry";
import type { Addr } from "@/server/defi/routing/types";
import { DomainError, ErrorKind } from "@/server/errors";
import { createBinanceProvider } from "@/server/market/providers/binance";
import type { MarketDataProvider, ProviderQuote } from "@/server/market/providers/types";
import { computeUsdPrices, type TokenUsdPrice } from "@/server/market/usd-prices";

export type { TokenUsdPrice };

/** Market-data symbol of a token (data/market file, exchange ticker): WETH → ETH, WBTC → BTC. */
export function marketSymbolOf(tokenSymbol: string): string {
  return { WETH: "ETH", WBTC: "BTC" }[tokenSymbol] ?? tokenSymbol;
}

export type LocalPrices = {
  chainId: number;
  block: bigint;
  prices: TokenUsdPrice[];
  /** The stablecoin basket whose depth-weighted geometric mean is 1 USD (the numeraire). */
  anchor: { address: Addr; symbol: string; weight: number }[];
};

function registryOrThrow(chainId: number): ChainRegistry {
  const registry = getRegistry(chainId);
  if (!registry) throw new DomainError("market.NO_REGISTRY", ErrorKind.notFound, `No protocols are known on chain ${chainId}.`);
  return registry;
}

/** USD price of every registry token of a chain that is connected to a stablecoin by a pool. */
export async function getLocalPrices(chainId: number, opts: { block?: bigint } = {}): Promise<LocalPrices> {
  const registry = registryOrThrow(chainId);
  const state = await readMarketState(publicClientFor(chainId), registry, opts);
  const tokens = registry.tokens.map((t) => ({
    address: t.address.toLowerCase() as Addr,
    symbol: t.symbol,
    decimals: t.decimals,
    stable: t.category === "stablecoin",
  }));
  const result = computeUsdPrices(state.edges, tokens);
  const symbolOf = new Map(tokens.map((t) => [t.address, t.symbol]));
  return {
    chainId,
    block: state.block,
    prices: tokens.flatMap((t) => result.prices.get(t.address) ?? []),
    anchor: result.anchor.map((a) => ({ address: a.address, symbol: symbolOf.get(a.address) ?? "", weight: a.weight })),
  };
}

/** One token's USD price on a local chain, by address or symbol; market.NO_PRICE when it has none. */
export async function getLocalTokenPrice(chainId: number, token: string): Promise<TokenUsdPrice> {
  const { prices } = await getLocalPrices(chainId);
  const key = token.toLowerCase();
  const hit = prices.find((p) => p.address === key || p.symbol.toLowerCase() === key);
  if (!hit) throw new DomainError("market.NO_PRICE", ErrorKind.notFound, `No price for ${token} on chain ${chainId}.`);
  return hit;
}

export type HistoricalCandle = { time: string; open: number; high: number; low: number; close: number; volume: number };

/** Candles from Postgres, ascending; `time` is the candle's open (UTC ISO; daily: YYYY-MM-DD). */
export async function getHistoricalCandles(
  db: Db,
  input: { symbol: string; interval: CandleInterval; from?: Date; to?: Date; limit?: number },
): Promise<HistoricalCandle[]> {
  const rows = await listCandles(db, { ...input, symbol: marketSymbolOf(input.symbol) });
  return rows.map((r) => ({ ...r, time: input.interval === "1d" ? r.time.toISOString().slice(0, 10) : r.time.toISOString() }));
}

/**
 * The USD price of a market symbol as of `at`: the close of the last hourly candle opened at
 * or before it where hourly history exists, else the last daily candle's. Null before history.
 */
export async function getHistoricalPrice(
  db: Db,
  symbol: string,
  at: Date,
): Promise<{ symbol: string; priceUsd: number; candleTime: string; interval: CandleInterval } | null> {
  const market = marketSymbolOf(symbol);
  for (const interval of ["1h", "1d"] as const) {
    const c = await candleAtOrBefore(db, market, interval, at);
    // An hourly series that ended before `at` by more than a day is stale: use the daily one.
    if (c && (interval === "1d" || at.getTime() - c.time.getTime() < 86_400_000)) {
      return { symbol: market, priceUsd: c.close, candleTime: c.time.toISOString(), interval };
    }
  }
  return null;
}

let provider: MarketDataProvider | null | undefined;

/** The configured online provider (MARKET_PROVIDER), or null when it is "none" (the default). */
export function onlineProvider(env: NodeJS.ProcessEnv = process.env): MarketDataProvider | null {
  if (provider !== undefined) return provider;
  const kind = env.MARKET_PROVIDER ?? "none";
  if (kind === "none") provider = null;
  else if (kind === "binance") provider = createBinanceProvider({ fetch: globalThis.fetch, baseUrl: env.MARKET_PROVIDER_URL || undefined });
  else throw new DomainError("market.BAD_PROVIDER", ErrorKind.invalid, `Unknown MARKET_PROVIDER ${kind}.`);
  return provider;
}

/** Latest USD prices from the online provider; market.PROVIDER_DISABLED when none is configured. */
export async function getOnlinePrices(symbols: string[]): Promise<ProviderQuote[]> {
  const p = onlineProvider();
  if (!p) throw new DomainError("market.PROVIDER_DISABLED", ErrorKind.unavailable, "Online market data is not enabled on this server.");
  return p.latestPrices(symbols.map(marketSymbolOf));
}
