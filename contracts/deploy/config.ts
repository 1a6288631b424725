// What the deploy puts on each local chain: tokens, venues, pools and their depths and prices.
import fs from "node:fs";
import path from "node:path";
import type { TokenCategory, VenueId } from "@/lib/web3/registry/schema";
import { adjustBps, parsePriceE8 } from "./math";

export type TokenSpec = {
  symbol: string;
  name: string;
  decimals: number;
  category: TokenCategory;
  // data/market/daily/<market>-USD.csv, or null for a USD stablecoin.
  market: string | null;
  // What each of anvil's dev accounts 0–9 receives (whole tokens); WETH: none (they wrap ETH).
  faucet: bigint;
};

export const TOKENS: readonly TokenSpec[] = [
  { symbol: "WETH", name: "Wrapped Ether", decimals: 18, category: "L1", market: "ETH", faucet: 0n },
  { symbol: "USDC", name: "USD Coin", decimals: 6, category: "stablecoin", market: null, faucet: 100_000n },
  { symbol: "USDT", name: "Tether USD", decimals: 6, category: "stablecoin", market: null, faucet: 100_000n },
  { symbol: "DAI", name: "Dai Stablecoin", decimals: 18, category: "stablecoin", market: null, faucet: 100_000n },
  { symbol: "WBTC", name: "Wrapped BTC", decimals: 8, category: "L1", market: "BTC", faucet: 10n },
  { symbol: "LINK", name: "Chainlink", decimals: 18, category: "DeFi", market: "LINK", faucet: 5_000n },
  { symbol: "UNI", name: "Uniswap", decimals: 18, category: "DeFi", market: "UNI", faucet: 5_000n },
  { symbol: "AAVE", name: "Aave", decimals: 18, category: "DeFi", market: "AAVE", faucet: 200n },
  { symbol: "SOL", name: "Wrapped SOL", decimals: 18, category: "L1", market: "SOL", faucet: 500n },
];

export type VenueSpec = { id: VenueId; name: string; kind: "v2" | "v3" };
export const VENUES: readonly VenueSpec[] = [
  { id: "uniswap-v2", name: "Uniswap V2", kind: "v2" },
  { id: "sushiswap", name: "SushiSwap", kind: "v2" },
  { id: "uniswap-v3", name: "Uniswap V3", kind: "v3" },
];

// Stablecoins are a touch off 1 USD, differently on each venue; other assets are offset by a
// few tens of bps per venue, so the best route depends on the pair and the size.
const STABLE_USD: Record<VenueId, Record<string, string>> = {
  "uniswap-v2": { USDC: "1.0000", USDT: "0.9998", DAI: "1.0003" },
  sushiswap: { USDC: "0.9997", USDT: "1.0002", DAI: "0.9995" },
  "uniswap-v3": { USDC: "1.0001", USDT: "0.9996", DAI: "1.0005" },
};
const VOLATILE_OFFSET_BPS: Record<VenueId, Record<string, number>> = {
  "uniswap-v2": { WETH: 0, WBTC: 0, LINK: 0, UNI: 0, AAVE: 0, SOL: 0 },
  sushiswap: { WETH: 25, WBTC: -15, LINK: 40, UNI: -30, AAVE: 20, SOL: -25 },
  "uniswap-v3": { WETH: -12, WBTC: 10, LINK: -20, UNI: 15, AAVE: -10, SOL: 18 },
};

// V2 pools: pair and total value locked in USD on Uniswap V2 (SushiSwap gets SUSHI_DEPTH of it).
export const V2_POOLS: readonly { a: string; b: string; tvlUsd: number }[] = [
  { a: "WETH", b: "USDC", tvlUsd: 20_000_000 },
  { a: "WETH", b: "USDT", tvlUsd: 8_000_000 },
  { a: "WETH", b: "DAI", tvlUsd: 6_000_000 },
  { a: "WBTC", b: "WETH", tvlUsd: 10_000_000 },
  { a: "USDC", b: "USDT", tvlUsd: 5_000_000 },
  { a: "USDC", b: "DAI", tvlUsd: 4_000_000 },
  { a: "LINK", b: "WETH", tvlUsd: 3_000_000 },
  { a: "UNI", b: "WETH", tvlUsd: 2_500_000 },
  { a: "AAVE", b: "WETH", tvlUsd: 2_000_000 },
  { a: "SOL", b: "WETH", tvlUsd: 1_500_000 },
  { a: "WBTC", b: "USDC", tvlUsd: 4_000_000 },
];
export const SUSHI_DEPTH_PCT = 35;

// V3 pools: pair, fee tier, and the USD value of the positions minted in it.
export const V3_POOLS: readonly { a: string; b: string; fee: number; tvlUsd: number }[] = [
  { a: "WETH", b: "USDC", fee: 500, tvlUsd: 12_000_000 },
  { a: "WETH", b: "USDC", fee: 3000, tvlUsd: 4_000_000 },
  { a: "WETH", b: "USDC", fee: 10000, tvlUsd: 500_000 },
  { a: "WETH", b: "USDT", fee: 500, tvlUsd: 4_000_000 },
  { a: "WETH", b: "USDT", fee: 3000, tvlUsd: 1_500_000 },
  { a: "WETH", b: "DAI", fee: 3000, tvlUsd: 2_000_000 },
  { a: "USDC", b: "USDT", fee: 500, tvlUsd: 6_000_000 },
  { a: "USDC", b: "DAI", fee: 500, tvlUsd: 3_000_000 },
  { a: "WBTC", b: "WETH", fee: 500, tvlUsd: 5_000_000 },
  { a: "WBTC", b: "WETH", fee: 3000, tvlUsd: 3_000_000 },
  { a: "WBTC", b: "USDC", fee: 3000, tvlUsd: 2_000_000 },
  { a: "LINK", b: "WETH", fee: 3000, tvlUsd: 1_500_000 },
  { a: "LINK", b: "WETH", fee: 10000, tvlUsd: 300_000 },
  { a: "UNI", b: "WETH", fee: 3000, tvlUsd: 1_200_000 },
  { a: "UNI", b: "WETH", fee: 10000, tvlUsd: 250_000 },
  { a: "AAVE", b: "WETH", fee: 3000, tvlUsd: 1_000_000 },
  { a: "SOL", b: "WETH", fee: 3000, tvlUsd: 800_000 },
  { a: "SOL", b: "WETH", fee: 10000, tvlUsd: 200_000 },
];

// Positions minted in every V3 pool: ±width in bps (≈ ticks) and the share of the pool's value.
// Narrow ranges give depth at the price; wider ones are crossed by large trades.
export const V3_RANGES: readonly { widthBps: number; sharePct: number }[] = [
  { widthBps: 200, sharePct: 40 },
  { widthBps: 1_000, sharePct: 30 },
  { widthBps: 5_000, sharePct: 20 },
  { widthBps: 20_000, sharePct: 10 },
];

// The latest daily close of each market in data/market/daily (8-decimal USD).
export function latestClosesE8(repoRoot: string): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const t of TOKENS) {
    if (!t.market) continue;
    const file = path.join(repoRoot, "data/market/daily", `${t.market}-USD.csv`);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    const last = lines[lines.length - 1]!.split(",");
    const close = last[4];
    if (!close || !/^\d{4}-\d{2}-\d{2}$/.test(last[0] ?? "")) throw new Error(`unreadable last row in ${file}`);
    out[t.symbol] = parsePriceE8(close);
  }
  return out;
}

// The USD price (8 decimals) a venue's pools are seeded at, per token.
export function venuePriceE8(venue: VenueId, symbol: string, closes: Record<string, bigint>): bigint {
  const stable = STABLE_USD[venue][symbol];
  if (stable) return parsePriceE8(stable);
  const close = closes[symbol];
  if (close === undefined) throw new Error(`no market price for ${symbol}`);
  return adjustBps(close, VOLATILE_OFFSET_BPS[venue][symbol] ?? 0);
}
