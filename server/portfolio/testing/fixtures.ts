// Test fixtures for the portfolio core: a small asset registry, day-based activity builders and
// price tables. Used by the *.test.ts files beside the core; not product code.
import { dayFromIso, MS_PER_DAY, priceLookupFromTable, usd, type Activity, type AssetRegistry, type Fee, type PriceLookup, type UsdE18 } from "../types";

export const ASSETS: AssetRegistry = {
  eth: { decimals: 18, symbol: "ETH", chain: "ethereum", category: "l1" },
  btc: { decimals: 8, symbol: "BTC", chain: "bitcoin", category: "l1" },
  usdc: { decimals: 6, symbol: "USDC", chain: "ethereum", category: "stablecoin" },
  ausdc: { decimals: 6, symbol: "aUSDC", chain: "ethereum", category: "defi", protocol: "aave" },
  uni: { decimals: 18, symbol: "UNI", chain: "ethereum", category: "defi", protocol: "uniswap" },
  arb: { decimals: 18, symbol: "ARB", chain: "arbitrum", category: "l2" },
};

export const D0 = dayFromIso("2024-01-01");
/** Noon UTC of day D0 + k (plus `seq` ms to order same-day activities). */
export const at = (k: number, seq = 0) => (D0 + k) * MS_PER_DAY + 43_200_000 + seq;

/** Whole units → base units: q("1.5", 18). */
export function q(amount: string, decimals: number): bigint {
  const [w = "0", f = ""] = amount.split(".");
  return BigInt(w) * 10n ** BigInt(decimals) + BigInt((f + "0".repeat(decimals)).slice(0, decimals) || "0");
}
export const eth = (a: string) => q(a, 18);
export const btc = (a: string) => q(a, 8);
export const usdcQ = (a: string) => q(a, 6);

let n = 0;
const id = () => `t${++n}`;
type Opt = { account?: string; seq?: number; fee?: Fee; id?: string };
const base = (k: number, o: Opt) => ({ id: o.id ?? id(), timestampMs: at(k, o.seq ?? 0), accountId: o.account ?? "w1", ...(o.fee ? { fee: o.fee } : {}) });

export const buy = (k: number, assetId: string, quantityRaw: bigint, price: string, o: Opt = {}): Activity => ({ ...base(k, o), type: "buy", assetId, quantityRaw, priceUsdE18: usd(price) });
export const sell = (k: number, assetId: string, quantityRaw: bigint, price: string, o: Opt = {}): Activity => ({ ...base(k, o), type: "sell", assetId, quantityRaw, priceUsdE18: usd(price) });
export const income = (k: number, assetId: string, quantityRaw: bigint, price: string, o: Opt = {}): Activity => ({
  ...base(k, o),
  type: "income",
  subtype: "staking_reward",
  assetId,
  quantityRaw,
  priceUsdE18: usd(price),
});
export const feeAct = (k: number, assetId: string, quantityRaw: bigint, o: Opt = {}): Activity => ({ ...base(k, o), type: "fee", assetId, quantityRaw });
export const tIn = (k: number, assetId: string, quantityRaw: bigint, o: Opt & { price?: string; transferId?: string; costBasis?: string; internal?: boolean; from?: string } = {}): Activity => ({
  ...base(k, o),
  type: "transfer_in",
  assetId,
  quantityRaw,
  ...(o.price ? { priceUsdE18: usd(o.price) } : {}),
  ...(o.transferId ? { transferId: o.transferId } : {}),
  ...(o.costBasis ? { costBasisUsdE18: usd(o.costBasis) } : {}),
  ...(o.internal ? { internal: true } : {}),
  ...(o.from ? { fromAccountId: o.from } : {}),
});
export const tOut = (k: number, assetId: string, quantityRaw: bigint, o: Opt & { price?: string; transferId?: string; internal?: boolean; to?: string } = {}): Activity => ({
  ...base(k, o),
  type: "transfer_out",
  assetId,
  quantityRaw,
  ...(o.price ? { priceUsdE18: usd(o.price) } : {}),
  ...(o.transferId ? { transferId: o.transferId } : {}),
  ...(o.internal ? { internal: true } : {}),
  ...(o.to ? { toAccountId: o.to } : {}),
});
export const swap = (k: number, from: [string, bigint], to: [string, bigint], value: string, o: Opt = {}): Activity => ({
  ...base(k, o),
  type: "swap",
  from: { assetId: from[0], quantityRaw: from[1] },
  to: { assetId: to[0], quantityRaw: to[1] },
  valueUsdE18: usd(value),
});

/** Price table from day offsets: prices({ eth: { 0: "1000", 5: "1200" } }) holds the last price forward until `days`. */
export function pricesFrom(spec: Record<string, Record<number, string | null>>, days = 400): PriceLookup {
  const table: Record<string, { startDay: number; prices: (UsdE18 | null)[] }> = {};
  for (const [asset, points] of Object.entries(spec)) {
    const prices: (UsdE18 | null)[] = [];
    let last: UsdE18 | null = null;
    for (let k = 0; k <= days; k++) {
      if (k in points) last = points[k] === null ? null : usd(points[k]!);
      prices.push(last);
    }
    table[asset] = { startDay: D0, prices };
  }
  return priceLookupFromTable(table);
}
