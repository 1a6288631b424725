// An online market-data source (exchange or aggregator API). Adapters parse every response with
// zod at the edge and map it to these types; they take fetch and the clock as dependencies.

export type ProviderInterval = "1d" | "1h";
export type ProviderQuote = { readonly symbol: string; readonly priceUsd: number; readonly source: string };
export type ProviderCandle = {
  /** Open time, UTC ISO. */
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
};

export interface MarketDataProvider {
  readonly id: string;
  /** The credit the UI shows ("Market data: Binance spot klines"). */
  readonly source: string;
  latestPrices(symbols: readonly string[]): Promise<ProviderQuote[]>;
  candles(symbol: string, interval: ProviderInterval, opts?: { from?: Date; limit?: number }): Promise<ProviderCandle[]>;
}

export type ProviderErrorKind = "http" | "invalid_response" | "rate_limited" | "network";

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
