// Portfolio analytics: loads a portfolio's activities (manual and imported transactions, and
// for each tracked wallet its Lodestar swaps plus its live balances on every configured chain),
// prices them (history: daily candles from Postgres; today: the local chains' pool prices),
// runs the pure core (server/portfolio) and maps results to lib/portfolio/types.ts.
//
// Wallet history we did not see (tokens received before the wallet was added, transfers) is
// reconciled explicitly: an opening balance (transfer in, at market value) before the first
// recorded event, and an "unrecorded" transfer in/out today for any remaining difference with
// the live balance, so lots always match what the chain says is held.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/portfolio";
import { listCandles } from "@/db/queries/market";
import { chainName } from "@/lib/web3/chains";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import type {
  AllocationSlice,
  AllocationView,
  Change,
  ExplainView,
  HoldingRow,
  Performance,
  PortfolioSummary,
  PublicPortfolio,
  Range,
  RangeReturnRow,
  RiskView,
  RuleResult,
  TransactionRow,
} from "@/lib/portfolio/types";
import { configuredChains } from "@/server/chain/config";
import { getRegistry } from "@/server/chain/registry";
import { DomainError } from "@/server/errors";
import { prepareActivities } from "@/server/portfolio/activities";
import { unwrapOrThrow } from "@/server/portfolio/errors";
import { computeInWorker } from "@/server/portfolio/compute-in-worker";
import { explainHoldingPnl, explainReturn } from "@/server/portfolio/explain";
import { computeLots, summarizeHoldings, quantityByAccount, type LotLedger } from "@/server/portfolio/lots";
import { computeRangeReturn, computeReturns, rangeBounds, type RangeReturn } from "@/server/portfolio/returns";
import { computeAllocation, computeRiskReport } from "@/server/portfolio/risk";
import { evaluateRules } from "@/server/portfolio/rules";
import {
  MS_PER_DAY,
  USD_SCALE,
  type Activity,
  type AssetCategory,
  type AssetRegistry,
  type DayNumber,
  type UsdE18,
} from "@/server/portfolio/types";
import { computeValuationSeries, twrIndexAt, valueAt, type ValuationSeries } from "@/server/portfolio/valuation";
import { tokenBalances } from "@/server/services/defi-quote";
import { decimalToRaw, getPortfolio, MANUAL_DECIMALS, portfolioVersion } from "@/server/services/portfolio";
import { getLocalPrices, marketSymbolOf } from "@/server/services/prices";

type Opts = { now: Date };
type Target = { kind: "holding"; assetId: string } | { kind: "return"; range: Range; measure: "twr" | "mwr" };

export const STABLES: ReadonlySet<string> = new Set(["USDC", "USDT", "DAI", "BUSD", "TUSD", "USDP", "FDUSD", "USD"]);
const L1 = new Set(["BTC", "ETH", "SOL", "ADA", "AVAX", "DOT", "ATOM", "BNB", "TRX", "XRP", "XLM", "LTC", "BCH", "ETC", "DOGE", "MATIC", "POL", "SHIB"]);
const DEFI = new Set(["LINK", "UNI", "AAVE", "MKR", "CRV", "COMP", "SUSHI", "LDO", "SNX"]);
const PRICE_SOURCES = ["Daily closes: Binance spot klines (data/SOURCES.md), carried forward after the last close", "Today: local chain pool mid prices (liquidity-weighted)"];

const dayOf = (ms: number): DayNumber => Math.floor(ms / MS_PER_DAY);
const isoDay = (d: DayNumber) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
/** A float USD price as USD×1e18 (10 decimals kept: the sources have ≤ 8). */
const floatToE18 = (n: number): UsdE18 => BigInt(Math.round(n * 1e10)) * 10n ** 8n;
/** "123.45" (≤ 18 decimals: numeric(38,18) columns) → USD×1e18 exactly. */
const decimalToE18 = (s: string): UsdE18 => decimalToRaw(s, 18);
/** USD×1e18 → decimal string with `dp` decimals, truncated toward zero. */
export function formatUsd(v: UsdE18, dp = 2): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / USD_SCALE;
  const frac = (a % USD_SCALE).toString().padStart(18, "0").slice(0, dp);
  return `${neg ? "-" : ""}${whole}${dp > 0 ? `.${frac}` : ""}`;
}
function formatQty(raw: bigint, decimals: number): string {
  const neg = raw < 0n;
  const a = neg ? -raw : raw;
  const s = a.toString().padStart(decimals + 1, "0");
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}
const toNum = (v: UsdE18) => Number(v / 10n ** 10n) / 1e8;

function categoryOf(symbol: string, registryCategory?: string): AssetCategory {
  if (registryCategory === "stablecoin" || STABLES.has(symbol)) return "stablecoin";
  if (registryCategory === "L1" || L1.has(marketSymbolOf(symbol))) return "l1";
  if (registryCategory === "DeFi" || DEFI.has(symbol)) return "defi";
  return "other";
}

// ---------------------------------------------------------------- loading

// Daily candles change only when the market seed runs: kept in memory for a few minutes.
const candleCaches = new WeakMap<Db, Map<string, { at: number; rows: Promise<{ time: Date; close: number }[]> }>>();
function dailyCandles(db: Db, symbol: string) {
  let candleCache = candleCaches.get(db);
  if (!candleCache) candleCaches.set(db, (candleCache = new Map()));
  const hit = candleCache.get(symbol);
  if (hit && Date.now() - hit.at < 300_000) return hit.rows;
  const rows = listCandles(db, { symbol, interval: "1d" }).then((r) => r.map((c) => ({ time: c.time, close: c.close })));
  candleCache.set(symbol, { at: Date.now(), rows });
  rows.catch(() => candleCache.delete(symbol));
  return rows;
}

type Loaded = {
  portfolio: Awaited<ReturnType<typeof getPortfolio>>;
  assets: AssetRegistry;
  /** Market symbol per asset id (price lookups). */
  marketOf: Map<string, string>;
  activities: Activity[];
  rows: TransactionRow[];
  lookup: (assetId: string, day: DayNumber) => UsdE18 | null;
  priceNow: (assetId: string) => UsdE18 | null;
  nowDay: DayNumber;
  nowMs: number;
  accountNames: Map<string, string>;
  walletCount: number;
  unreachable: string[];
  closes: Map<string, { days: Map<DayNumber, UsdE18>; first: DayNumber; last: DayNumber }>;
};

const cache = new Map<string, { at: number; value: Promise<Loaded> }>();
const CACHE_MS = 4_000;

async function load(db: Db, userId: string, portfolioId: string, now: Date): Promise<Loaded> {
  // Writes bump the portfolio's version, a settled Lodestar transaction changes the chain key;
  // other chain state (balances moved outside Lodestar) is re-read after CACHE_MS.
  const chainChange = (await q.lastChainTxChange(db, userId))?.getTime() ?? 0;
  const key = `${userId}:${portfolioId}:${portfolioVersion(portfolioId)}:${chainChange}:${Math.floor(now.getTime() / MS_PER_DAY)}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = loadFresh(db, userId, portfolioId, now);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function loadFresh(db: Db, userId: string, portfolioId: string, now: Date): Promise<Loaded> {
  const portfolio = await getPortfolio(db, userId, portfolioId);
  const [txRows, wallets] = await Promise.all([q.listPortfolioTransactions(db, userId, portfolioId), q.listPortfolioWallets(db, userId, portfolioId)]);
  const nowMs = now.getTime();
  const nowDay = dayOf(nowMs);
  const assets: Record<string, AssetRegistry[string]> = {};
  const marketOf = new Map<string, string>();
  const accountNames = new Map<string, string>();
  const unreachable: string[] = [];

  const manualAsset = (symbol: string) => {
    const id = `m:${symbol}`;
    if (!assets[id]) {
      assets[id] = { decimals: MANUAL_DECIMALS, symbol, chain: "Off-chain", category: categoryOf(symbol) };
      marketOf.set(id, marketSymbolOf(symbol));
    }
    return id;
  };

  // Chains: the configured local ones with a registry (public chains too when configured).
  const chains = configuredChains().filter((c) => c.rpcUrl && getRegistry(c.id));
  const tokenAsset = (chainId: number, address: string) => {
    const r = getRegistry(chainId)!;
    if (address.toLowerCase() === NATIVE_TOKEN.toLowerCase()) {
      const id = `${chainId}:eth`;
      if (!assets[id]) {
        assets[id] = { decimals: 18, symbol: "ETH", chain: chainName(chainId), category: "l1" };
        marketOf.set(id, "ETH");
      }
      return id;
    }
    const t = r.tokens.find((x) => x.address.toLowerCase() === address.toLowerCase());
    const id = `${chainId}:${address.toLowerCase()}`;
    if (!assets[id]) {
      const symbol = t?.symbol ?? address.slice(0, 8);
      assets[id] = { decimals: t?.decimals ?? 18, symbol, chain: chainName(chainId), category: categoryOf(symbol, t?.category) };
      marketOf.set(id, marketSymbolOf(symbol));
    }
    return id;
  };

  // Live prices per chain (pool mids) and balances of every wallet on every chain.
  const livePrices = new Map<string, UsdE18>(); // assetId → price
  const liveBySymbol = new Map<string, UsdE18>(); // market symbol → price (first local chain wins)
  const balances: { chainId: number; address: string; assetId: string; raw: bigint }[] = [];
  await Promise.all(
    chains.map(async (c) => {
      try {
        const prices = await getLocalPrices(c.id);
        for (const p of prices.prices) {
          const id = tokenAsset(c.id, p.address);
          const e18 = floatToE18(p.priceUsd);
          livePrices.set(id, e18);
          if (p.symbol === "WETH") livePrices.set(tokenAsset(c.id, NATIVE_TOKEN), e18);
        }
        for (const w of wallets) {
          const b = await tokenBalances(c.id, w.address as `0x${string}`);
          for (const x of b.balances) if (x.raw > 0n) balances.push({ chainId: c.id, address: w.address, assetId: tokenAsset(c.id, x.token), raw: x.raw });
        }
      } catch {
        unreachable.push(c.name);
      }
    }),
  );
  for (const c of chains) {
    for (const [id, p] of livePrices) {
      if (!id.startsWith(`${c.id}:`)) continue;
      const m = marketOf.get(id);
      if (m && !liveBySymbol.has(m)) liveBySymbol.set(m, p);
    }
  }

  for (const { tx } of txRows) {
    manualAsset(tx.asset);
    if (tx.toAsset) manualAsset(tx.toAsset);
  }
  // Candles (daily) for every market symbol involved, indexed by day.
  const symbols = new Set([...marketOf.values(), "BTC", "ETH"]);
  const closes = new Map<string, { days: Map<DayNumber, UsdE18>; first: DayNumber; last: DayNumber }>();
  await Promise.all(
    [...symbols].map(async (s) => {
      const candles = await dailyCandles(db, s);
      if (candles.length === 0) return;
      const days = new Map<DayNumber, UsdE18>();
      for (const c of candles) days.set(dayOf(c.time.getTime()), floatToE18(c.close));
      closes.set(s, { days, first: dayOf(candles[0]!.time.getTime()), last: dayOf(candles[candles.length - 1]!.time.getTime()) });
    }),
  );
  const historical = (market: string, day: DayNumber): UsdE18 | null => {
    const c = closes.get(market);
    if (c) {
      if (day < c.first) return null;
      for (let d = Math.min(day, c.last); d >= c.first; d--) {
        const v = c.days.get(d);
        if (v !== undefined) return v;
      }
      return null;
    }
    // Stablecoins have no candles: their USD peg before on-chain prices exist (see explain).
    return STABLES.has(market) ? USD_SCALE : null;
  };
  const priceNow = (assetId: string): UsdE18 | null => {
    const live = livePrices.get(assetId);
    if (live !== undefined) return live;
    const m = marketOf.get(assetId);
    if (!m) return null;
    return liveBySymbol.get(m) ?? historical(m, nowDay);
  };
  const lookup = (assetId: string, day: DayNumber): UsdE18 | null => {
    if (day >= nowDay) return priceNow(assetId);
    const m = marketOf.get(assetId);
    return m ? historical(m, day) : null;
  };

  // Activities: manual/imported rows.
  const activities: Activity[] = [];
  const rows: TransactionRow[] = [];
  for (const { tx, accountName } of txRows) {
    const accountId = `a:${tx.accountId}`;
    accountNames.set(accountId, accountName);
    const assetId = manualAsset(tx.asset);
    const ts = tx.occurredAt.getTime();
    // No price in the row (income without one, pairs quoted in another crypto): the day's close.
    const price = tx.priceUsd !== null ? decimalToE18(tx.priceUsd) : (lookup(assetId, dayOf(ts)) ?? undefined);
    const fee = tx.feeUsd !== null ? { kind: "usd" as const, usdE18: decimalToE18(tx.feeUsd) } : undefined;
    const base = { id: tx.id, timestampMs: ts, accountId, ...(fee ? { fee } : {}) };
    switch (tx.type) {
      case "buy":
      case "sell":
        activities.push({ ...base, type: tx.type, assetId, quantityRaw: tx.quantity, priceUsdE18: price ?? 0n });
        break;
      case "income":
        activities.push({ ...base, type: "income", subtype: tx.incomeKind ?? "airdrop", assetId, quantityRaw: tx.quantity, priceUsdE18: price ?? 0n });
        break;
      case "transfer_in":
      case "transfer_out":
        activities.push({ ...base, type: tx.type, assetId, quantityRaw: tx.quantity, ...(price !== undefined ? { priceUsdE18: price } : {}) });
        break;
      case "fee":
        activities.push({ ...base, type: "fee", assetId, quantityRaw: tx.quantity });
        break;
      case "swap":
        if (tx.toAsset && tx.toQuantity) {
          activities.push({ ...base, type: "swap", from: { assetId, quantityRaw: tx.quantity }, to: { assetId: manualAsset(tx.toAsset), quantityRaw: tx.toQuantity }, valueUsdE18: tx.valueUsd ? decimalToE18(tx.valueUsd) : 0n });
        }
        break;
    }
    rows.push({
      id: tx.id,
      source: tx.source,
      type: tx.type,
      incomeKind: tx.incomeKind,
      asset: tx.asset,
      quantity: formatQty(tx.quantity, MANUAL_DECIMALS),
      toAsset: tx.toAsset,
      toQuantity: tx.toQuantity !== null ? formatQty(tx.toQuantity, MANUAL_DECIMALS) : null,
      priceUsd: tx.priceUsd,
      valueUsd: tx.priceUsd !== null ? formatUsd((tx.quantity * decimalToE18(tx.priceUsd)) / 10n ** BigInt(MANUAL_DECIMALS)) : tx.valueUsd,
      feeUsd: tx.feeUsd,
      occurredAt: tx.occurredAt,
      account: accountName,
      note: tx.note,
      chainId: null,
      hash: null,
    });
  }

  // Wallets: Lodestar swaps/wraps from them, then reconciliation with live balances.
  const addresses = wallets.map((w) => w.address);
  const chainTxs = await q.listConfirmedChainTxsFrom(db, userId, addresses);
  const deltas = new Map<string, { ts: number; delta: bigint }[]>(); // chain|address|asset
  const pushDelta = (chainId: number, address: string, assetId: string, ts: number, delta: bigint) => {
    const k = `${chainId}|${address}|${assetId}`;
    const list = deltas.get(k) ?? [];
    list.push({ ts, delta });
    deltas.set(k, list);
  };
  for (const t of chainTxs) {
    if (!getRegistry(t.chainId) || t.amountIn === null || t.amountOut === null || !t.tokenIn || !t.tokenOut) continue;
    const ts = (t.confirmedAt ?? t.submittedAt).getTime();
    const accountId = `w:${t.chainId}:${t.account}`;
    accountNames.set(accountId, `${t.account.slice(0, 6)}…${t.account.slice(-4)} · ${chainName(t.chainId)}`);
    const fromId = tokenAsset(t.chainId, t.tokenIn);
    const toId = tokenAsset(t.chainId, t.tokenOut);
    const ethId = tokenAsset(t.chainId, NATIVE_TOKEN);
    const gas = t.gasUsed !== null && t.effectiveGasPrice !== null ? BigInt(t.gasUsed) * t.effectiveGasPrice : 0n;
    const fromPrice = lookup(fromId, dayOf(ts)) ?? 0n;
    const value = (t.amountIn * fromPrice) / 10n ** BigInt(assets[fromId]!.decimals);
    activities.push({
      id: `chain:${t.id}`,
      timestampMs: ts,
      accountId,
      type: "swap",
      from: { assetId: fromId, quantityRaw: t.amountIn },
      to: { assetId: toId, quantityRaw: t.amountOut },
      valueUsdE18: value,
      ...(gas > 0n ? { fee: { kind: "asset" as const, assetId: ethId, quantityRaw: gas, priceUsdE18: lookup(ethId, dayOf(ts)) ?? 0n } } : {}),
    });
    pushDelta(t.chainId, t.account, fromId, ts, -t.amountIn);
    pushDelta(t.chainId, t.account, toId, ts, t.amountOut);
    if (gas > 0n) pushDelta(t.chainId, t.account, ethId, ts, -gas);
    rows.push({
      id: `chain:${t.id}`,
      source: "wallet",
      type: "swap",
      incomeKind: null,
      asset: assets[fromId]!.symbol,
      quantity: formatQty(t.amountIn, assets[fromId]!.decimals),
      toAsset: assets[toId]!.symbol,
      toQuantity: formatQty(t.amountOut, assets[toId]!.decimals),
      priceUsd: null,
      valueUsd: formatUsd(value),
      feeUsd: gas > 0n ? formatUsd((gas * (lookup(ethId, dayOf(ts)) ?? 0n)) / USD_SCALE) : null,
      occurredAt: new Date(ts),
      account: accountNames.get(accountId)!,
      note: t.kind === "swap" ? "Swap on Lodestar" : t.kind === "wrap" ? "Wrap ETH" : "Unwrap WETH",
      chainId: t.chainId,
      hash: t.hash,
    });
  }
  const walletAdded = new Map(wallets.map((w) => [w.address, w.createdAt.getTime()]));
  const keys = new Set([...deltas.keys(), ...balances.map((b) => `${b.chainId}|${b.address}|${b.assetId}`)]);
  for (const k of keys) {
    const [chainIdText, address, assetId] = k.split("|") as [string, string, string];
    const chainId = Number(chainIdText);
    const accountId = `w:${chainId}:${address}`;
    accountNames.set(accountId, `${address.slice(0, 6)}…${address.slice(-4)} · ${chainName(chainId)}`);
    const list = (deltas.get(k) ?? []).sort((a, b) => a.ts - b.ts);
    let running = 0n;
    let deficit = 0n;
    for (const d of list) {
      running += d.delta;
      if (-running > deficit) deficit = -running;
    }
    const live = balances.find((b) => `${b.chainId}|${b.address}|${b.assetId}` === k)?.raw ?? 0n;
    const firstTs = list[0]?.ts ?? walletAdded.get(address) ?? nowMs;
    const openTs = Math.min(firstTs, walletAdded.get(address) ?? firstTs) - 1000;
    if (deficit > 0n) {
      activities.push({ id: `open:${k}`, timestampMs: openTs, accountId, type: "transfer_in", assetId, quantityRaw: deficit });
      rows.push(reconRow(`open:${k}`, "transfer_in", assets[assetId]!.symbol, formatQty(deficit, assets[assetId]!.decimals), new Date(openTs), accountNames.get(accountId)!, "Opening balance (held before Lodestar saw this wallet)", chainId));
    }
    const diff = live - (deficit + running);
    if (diff !== 0n) {
      const ts = diff > 0n && list.length === 0 ? openTs : nowMs - 1;
      const type = diff > 0n ? ("transfer_in" as const) : ("transfer_out" as const);
      activities.push({ id: `recon:${k}`, timestampMs: ts, accountId, type, assetId, quantityRaw: diff > 0n ? diff : -diff });
      rows.push(
        reconRow(
          `recon:${k}`,
          type,
          assets[assetId]!.symbol,
          formatQty(diff > 0n ? diff : -diff, assets[assetId]!.decimals),
          new Date(ts),
          accountNames.get(accountId)!,
          list.length === 0 ? "Balance when the wallet was added" : diff > 0n ? "Unrecorded inflow (matches the live balance)" : "Unrecorded outflow (gas, transfers)",
          chainId,
        ),
      );
    }
  }
  rows.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  return { portfolio, assets, marketOf, activities, rows, lookup, priceNow, nowDay, nowMs, accountNames, walletCount: wallets.length, unreachable, closes };
}

function reconRow(id: string, type: "transfer_in" | "transfer_out", symbol: string, quantity: string, at: Date, account: string, note: string, chainId: number): TransactionRow {
  return { id, source: "wallet", type, incomeKind: null, asset: symbol, quantity, toAsset: null, toQuantity: null, priceUsd: null, valueUsd: null, feeUsd: null, occurredAt: at, account, note, chainId, hash: null };
}

// ---------------------------------------------------------------- computing

type Computed = Loaded & { ledger: LotLedger; series: ValuationSeries; returns: RangeReturn[] };

/** `cutoffMs`: only what had happened by then, priced at that day's closes (delayed public pages). */
async function compute(db: Db, userId: string, portfolioId: string, now: Date, cutoffMs?: number): Promise<Computed> {
  const loaded = await load(db, userId, portfolioId, now);
  const l: Loaded =
    cutoffMs === undefined
      ? loaded
      : {
          ...loaded,
          activities: loaded.activities.filter((a) => a.timestampMs <= cutoffMs),
          nowDay: dayOf(cutoffMs),
          nowMs: cutoffMs,
          priceNow: (id) => loaded.lookup(id, dayOf(cutoffMs)),
        };
  if (l.activities.length >= offload.minActivities) {
    const off = await computeOffThread(l);
    if (off) return off;
  }
  const events = unwrapOrThrow(prepareActivities(l.activities, l.assets));
  const priceAt = (assetId: string, ts: number) => l.lookup(assetId, dayOf(ts));
  const ledger = unwrapOrThrow(computeLots(events, l.assets, l.portfolio.costBasisMethod, priceAt));
  const series = computeValuationSeries(events, l.assets, l.lookup, { endDay: l.nowDay });
  const returns = computeReturns(series, l.nowDay);
  return { ...l, ledger, series, returns };
}

/** Portfolios this large are computed in the worker thread (bench: 15,000 activities ≈ 0.1–0.2 s of CPU). */
export const offload = { minActivities: 1_500, /** Computations the worker answered (observability, tests). */ runs: 0 };

/**
 * The same computation in the shared worker thread, so the server keeps answering while it
 * runs. Prices cross the thread boundary as a table built from the lookup. Null when no worker
 * can be started in this build (then the caller computes inline).
 */
async function computeOffThread(l: Loaded): Promise<Computed | null> {
  const first = l.activities.reduce((m, a) => Math.min(m, a.timestampMs), Infinity);
  const startDay = Number.isFinite(first) ? dayOf(first) - 1 : l.nowDay;
  const prices: Record<string, { startDay: DayNumber; prices: (UsdE18 | null)[] }> = {};
  for (const id of Object.keys(l.assets)) {
    const row: (UsdE18 | null)[] = [];
    for (let d = startDay; d <= l.nowDay; d++) row.push(l.lookup(id, d));
    prices[id] = { startDay, prices: row };
  }
  let res;
  try {
    res = await computeInWorker({ activities: l.activities, assets: l.assets, prices, nowDay: l.nowDay, lotMethod: l.portfolio.costBasisMethod });
  } catch {
    return null;
  }
  const v = unwrapOrThrow(res);
  if (!v.ledger) return null;
  offload.runs++;
  return { ...l, ledger: v.ledger, series: v.series, returns: v.returns };
}

function returnRow(r: RangeReturn): RangeReturnRow {
  return { range: r.range, twr: r.twr, mwr: r.mwrPeriod, mwrAnnualised: r.mwrAnnualised, roi: r.roi, incomplete: r.incomplete };
}

function change(series: ValuationSeries, nowDay: DayNumber, days: number): Change {
  if (series.valueUsdE18.length === 0 || nowDay - days < series.startDay - 1) return { absUsd: null, pct: null };
  const end = valueAt(series, nowDay);
  const start = valueAt(series, nowDay - days);
  let flows = 0n;
  for (let d = nowDay - days + 1; d <= nowDay; d++) {
    const i = d - series.startDay;
    if (i >= 0 && i < series.externalFlowUsdE18.length) flows += series.externalFlowUsdE18[i]!;
  }
  const abs = end - start - flows;
  const pct = twrIndexAt(series, nowDay - days) > 0 ? twrIndexAt(series, nowDay) / twrIndexAt(series, nowDay - days) - 1 : null;
  return { absUsd: formatUsd(abs), pct };
}

export async function summary(db: Db, userId: string, portfolioId: string, o: Opts): Promise<PortfolioSummary> {
  const c = await compute(db, userId, portfolioId, o.now);
  const hs = summarizeHoldings(c.ledger, c.assets, c.priceNow);
  let value = 0n;
  let cost = 0n;
  let realized = 0n;
  let unrealized = 0n;
  let income = 0n;
  const unpriced: PortfolioSummary["unpriced"] = [];
  for (const h of hs) {
    const meta = c.assets[h.assetId]!;
    cost += h.costBasisUsdE18;
    realized += h.realisedUsdE18 - h.feeCostUsdE18;
    income += h.incomeUsdE18;
    if (h.valueUsdE18 === null) {
      if (h.quantityRaw > 0n) unpriced.push({ assetId: h.assetId, symbol: meta.symbol, chain: meta.chain, quantity: formatQty(h.quantityRaw, meta.decimals) });
    } else {
      value += h.valueUsdE18;
      unrealized += h.unrealisedUsdE18 ?? 0n;
    }
  }
  let wins = 0;
  let closed = 0;
  for (const h of c.ledger.holdings.values()) {
    for (const d of h.disposals) {
      if (d.kind !== "sell" && d.kind !== "swap") continue;
      closed++;
      if (d.realisedUsdE18 > 0n) wins++;
    }
  }
  const d1 = change(c.series, c.nowDay, 1);
  return {
    portfolio: c.portfolio,
    asOf: new Date(c.nowMs),
    valueUsd: formatUsd(value),
    change: { d1, d7: change(c.series, c.nowDay, 7), d30: change(c.series, c.nowDay, 30) },
    dailyPnlUsd: d1.absUsd,
    winRate: closed > 0 ? wins / closed : null,
    costBasisUsd: formatUsd(cost),
    realizedPnlUsd: formatUsd(realized),
    unrealizedPnlUsd: formatUsd(unrealized),
    incomeUsd: formatUsd(income),
    unpriced,
    walletCount: c.walletCount,
    transactionCount: c.rows.length,
    priceSources: [...PRICE_SOURCES, ...c.unreachable.map((n) => `${n} unreachable: its wallets' balances are missing`)],
  };
}

export async function holdings(db: Db, userId: string, portfolioId: string, o: Opts): Promise<HoldingRow[]> {
  const c = await compute(db, userId, portfolioId, o.now);
  const hs = summarizeHoldings(c.ledger, c.assets, c.priceNow).filter((h) => h.quantityRaw > 0n || h.realisedUsdE18 !== 0n || h.incomeUsdE18 !== 0n);
  const total = hs.reduce((s, h) => s + (h.valueUsdE18 ?? 0n), 0n);
  return hs
    .map((h) => {
      const meta = c.assets[h.assetId]!;
      const yesterday = c.lookup(h.assetId, c.nowDay - 1);
      const sources = [...quantityByAccount(c.ledger, h.assetId)].map(([acct, qty]) => ({ account: c.accountNames.get(acct) ?? acct, quantity: formatQty(qty, meta.decimals) }));
      return {
        assetId: h.assetId,
        symbol: meta.symbol,
        chain: meta.chain,
        category: meta.category,
        quantity: formatQty(h.quantityRaw, meta.decimals),
        priceUsd: h.priceUsdE18 === null ? null : formatUsd(h.priceUsdE18, 6),
        change24hPct: h.priceUsdE18 !== null && yesterday ? toNum(h.priceUsdE18) / toNum(yesterday) - 1 : null,
        valueUsd: h.valueUsdE18 === null ? null : formatUsd(h.valueUsdE18),
        costBasisUsd: formatUsd(h.costBasisUsdE18),
        unrealizedPnlUsd: h.unrealisedUsdE18 === null ? null : formatUsd(h.unrealisedUsdE18),
        realizedPnlUsd: formatUsd(h.realisedUsdE18 - h.feeCostUsdE18),
        incomeUsd: formatUsd(h.incomeUsdE18),
        pnlPct: h.unrealisedUsdE18 !== null && h.costBasisUsdE18 > 0n ? toNum(h.unrealisedUsdE18) / toNum(h.costBasisUsdE18) : null,
        weightBps: total > 0n && h.valueUsdE18 !== null ? Number((h.valueUsdE18 * 10_000n) / total) : 0,
        sources,
      };
    })
    .sort((a, b) => Number(b.valueUsd ?? 0) - Number(a.valueUsd ?? 0));
}

export async function performance(db: Db, userId: string, portfolioId: string, range: Range, o: Opts): Promise<Performance> {
  const c = await compute(db, userId, portfolioId, o.now);
  const s = c.series;
  const { startDay, endDay } = rangeBounds(range, c.nowDay, s);
  const from = Math.max(startDay, s.startDay);
  const points: Performance["points"] = [];
  const step = Math.max(1, Math.ceil((endDay - from + 1) / 400));
  for (let d = from; d <= endDay; d += step) points.push({ day: isoDay(d), valueUsd: toNum(valueAt(s, d)), twrIndex: twrIndexAt(s, d) });
  if (points.at(-1)?.day !== isoDay(endDay)) points.push({ day: isoDay(endDay), valueUsd: toNum(valueAt(s, endDay)), twrIndex: twrIndexAt(s, endDay) });
  const base = twrIndexAt(s, from);
  const benchmarks = (["BTC", "ETH"] as const).map((symbol) => {
    const id = `bench:${symbol}`;
    const price = (d: DayNumber) => (d >= c.nowDay ? (c.priceNow(`m:${symbol}`) ?? benchHist(c, symbol, d)) : benchHist(c, symbol, d));
    const p0 = price(from);
    void id;
    return {
      symbol,
      points: p0 ? points.map((p) => {
        const day = dayOf(Date.parse(p.day));
        const v = price(day);
        return { day: p.day, index: v ? (toNum(v) / toNum(p0)) * base : base };
      }) : [],
    };
  });
  return { range, points, benchmarks, returns: c.returns.map(returnRow) };
}

function benchHist(c: Loaded, symbol: string, day: DayNumber): UsdE18 | null {
  const cl = c.closes.get(symbol);
  if (!cl || day < cl.first) return null;
  for (let d = Math.min(day, cl.last); d >= cl.first; d--) {
    const v = cl.days.get(d);
    if (v !== undefined) return v;
  }
  return null;
}

const RULE_LABEL: Record<string, string> = {
  asset_concentration: "Concentration in one asset",
  chain_concentration: "Concentration in one chain",
  stablecoin_share: "Stablecoin share",
  protocol_exposure: "Exposure to one protocol",
};

export async function allocation(db: Db, userId: string, portfolioId: string, o: Opts): Promise<AllocationView> {
  const c = await compute(db, userId, portfolioId, o.now);
  const hs = summarizeHoldings(c.ledger, c.assets, c.priceNow);
  const a = computeAllocation(hs, c.assets);
  const slice = (label: (k: string) => string) => (x: { key: string; valueUsdE18: UsdE18; weightBps: number }): AllocationSlice => ({ key: x.key, label: label(x.key), valueUsd: formatUsd(x.valueUsdE18), weightBps: x.weightBps });
  const rulesCfg = c.portfolio.rules;
  const rules: RuleResult[] = evaluateRules(a, {
    ...(rulesCfg.maxAssetBps ? { maxAssetBps: rulesCfg.maxAssetBps } : {}),
    ...(rulesCfg.maxChainBps ? { maxChainBps: rulesCfg.maxChainBps } : {}),
    ...(rulesCfg.minStablecoinBps !== undefined ? { minStablecoinBps: rulesCfg.minStablecoinBps } : {}),
    ...(rulesCfg.maxStablecoinBps ? { maxStablecoinBps: rulesCfg.maxStablecoinBps } : {}),
    ...(rulesCfg.maxProtocolBps ? { maxProtocolBps: rulesCfg.maxProtocolBps } : {}),
  }).map((r) => {
    const subject = r.subject ? (c.assets[r.subject]?.symbol ?? r.subject) : null;
    const bound = r.maxBps ?? r.minBps ?? 0;
    const range = r.minBps !== undefined && r.maxBps !== undefined ? `${r.minBps / 100}–${r.maxBps / 100} %` : `≤ ${bound / 100} %`;
    return {
      id: r.rule,
      label: RULE_LABEL[r.rule] ?? r.rule,
      ok: r.pass,
      thresholdBps: bound,
      actualBps: r.shareBps,
      detail: `${subject ? `${subject}: ` : ""}${(r.shareBps / 100).toFixed(2)} % (limit ${range})`,
    };
  });
  return {
    byAsset: a.byAsset.map(slice((k) => `${c.assets[k]?.symbol ?? k}${c.assets[k] && c.assets[k]!.chain !== "Off-chain" ? ` · ${c.assets[k]!.chain}` : ""}`)),
    byChain: a.byChain.map(slice((k) => k)),
    byCategory: a.byCategory.map(slice((k) => ({ stablecoin: "Stablecoins", l1: "Layer 1", l2: "Layer 2", defi: "DeFi", meme: "Meme", lp: "LP tokens", other: "Other" })[k] ?? k)),
    rules,
  };
}

export async function risk(db: Db, userId: string, portfolioId: string, range: Range, o: Opts): Promise<RiskView> {
  const c = await compute(db, userId, portfolioId, o.now);
  const { startDay, endDay } = rangeBounds(range, c.nowDay, c.series);
  const btc = (d: DayNumber) => (d >= c.nowDay ? (c.priceNow("m:BTC") ?? benchHist(c, "BTC", d)) : benchHist(c, "BTC", d));
  const r = computeRiskReport(c.series, startDay, endDay, { benchmarkPrice: btc });
  // Current drawdown: distance of the TWR index at the range end below its peak within the range
  // (the same window as the maximum drawdown next to it).
  let peak = 0;
  for (let d = Math.max(startDay, c.series.startDay); d <= endDay; d++) peak = Math.max(peak, twrIndexAt(c.series, d));
  const cur = peak > 0 ? Math.max(0, 1 - twrIndexAt(c.series, endDay) / peak) : 0;
  const dd = r.drawdown;
  const depth = dd.maxDrawdown;
  const v = (x: { confidence: number; historicalVar: number | null; historicalCvar: number | null; parametricVar: number | null; parametricCvar: number | null }) => ({
    confidence: x.confidence,
    historical: x.historicalVar,
    historicalCvar: x.historicalCvar,
    parametric: x.parametricVar,
    parametricCvar: x.parametricCvar,
  });
  return {
    range,
    days: r.days,
    volatility: Number.isFinite(r.volatility) ? r.volatility : null,
    sharpe: r.sharpe,
    sortino: r.sortino,
    maxDrawdown: {
      pct: depth,
      peakDay: dd.peakDay != null ? isoDay(dd.peakDay) : null,
      troughDay: dd.troughDay != null ? isoDay(dd.troughDay) : null,
      recoveryDay: dd.recoveryDay != null ? isoDay(dd.recoveryDay) : null,
    },
    currentDrawdownPct: cur,
    drawdownLimitBps: c.portfolio.rules.drawdownLimitBps ?? 1500,
    var: [v(r.var95), v(r.var99)],
    beta: r.beta,
    correlation: r.correlation,
  };
}

export async function explain(db: Db, userId: string, portfolioId: string, target: Target, o: Opts): Promise<ExplainView> {
  const c = await compute(db, userId, portfolioId, o.now);
  if (target.kind === "holding") {
    const meta = c.assets[target.assetId];
    const t = meta ? explainHoldingPnl(c.ledger, c.assets, target.assetId, c.priceNow(target.assetId)) : null;
    if (!t || !meta) throw new DomainError("portfolio.HOLDING_NOT_FOUND", "not_found", "This holding is not in the portfolio.");
    const method = c.portfolio.costBasisMethod.toUpperCase();
    const lots = [
      ...t.disposals.flatMap((d) => d.consumed.map((l) => ({ acquired: new Date(l.acquiredAtMs).toISOString(), quantity: formatQty(l.quantityRaw, meta.decimals), costUsd: formatUsd(l.costUsdE18), consumed: true }))),
      ...t.openLots.map((l) => ({ acquired: new Date(l.acquiredAtMs).toISOString(), quantity: formatQty(l.quantityRaw, meta.decimals), costUsd: formatUsd(l.costUsdE18), consumed: false })),
    ];
    const proceeds = t.disposals.reduce((s, d) => s + d.proceedsUsdE18, 0n);
    const consumedCost = t.disposals.reduce((s, d) => s + d.costUsdE18, 0n);
    const openCost = t.openLots.reduce((s, l) => s + l.costUsdE18, 0n);
    const openQty = t.openLots.reduce((s, l) => s + l.quantityRaw, 0n);
    return {
      kind: "holding",
      title: `${meta.symbol} P&L (${method})`,
      lines: [
        { label: "Lot method", value: method },
        { label: "Disposals", value: String(t.disposals.length) },
        { label: "Proceeds of disposals", value: `$${formatUsd(proceeds)}` },
        { label: "Cost of lots consumed", value: `$${formatUsd(consumedCost)}` },
        { label: "Realised P&L = proceeds − cost", value: `$${formatUsd(t.realisedUsdE18)}` },
        { label: "Income received (at market value)", value: `$${formatUsd(t.incomeUsdE18)}` },
        { label: "Fees paid in this asset", value: `$${formatUsd(t.feeCostUsdE18)}` },
        { label: "Open quantity", value: formatQty(openQty, meta.decimals) },
        { label: "Price used", value: t.priceUsdE18 === null ? "no price" : `$${formatUsd(t.priceUsdE18, 6)}` },
        { label: "Cost of open lots", value: `$${formatUsd(openCost)}` },
        { label: "Unrealised P&L = quantity × price − cost", value: t.unrealisedUsdE18 === null ? "no price" : `$${formatUsd(t.unrealisedUsdE18)}` },
      ],
      lots,
      result: t.unrealisedUsdE18 === null ? null : formatUsd(t.realisedUsdE18 + t.incomeUsdE18 - t.feeCostUsdE18 + t.unrealisedUsdE18),
    };
  }
  const t = explainReturn(c.series, target.range, c.nowDay);
  const twr = t.twr;
  return {
    kind: "return",
    title: `${target.range} ${target.measure === "twr" ? "time-weighted" : "money-weighted"} return`,
    lines: [
      { label: "Period", value: `${isoDay(t.startDay)} → ${isoDay(t.endDay)}` },
      { label: "Start value", value: `$${formatUsd(t.startValueUsdE18)}` },
      { label: "End value", value: `$${formatUsd(t.endValueUsdE18)}` },
      { label: "External flows", value: `${t.externalFlows.length} (net $${formatUsd(t.externalFlows.reduce((s, f) => s + f.flowUsdE18, 0n))})` },
      target.measure === "twr"
        ? { label: "TWR = Π(1 + daily return) − 1", value: `${(twr * 100).toFixed(4)} %` }
        : { label: "MWR = XIRR of the cash flows (annualised)", value: t.mwrAnnualised === null ? "no solution" : `${(t.mwrAnnualised * 100).toFixed(4)} %` },
    ],
    flows: t.cashFlows.map((f) => ({ day: isoDay(f.day), amountUsd: f.amountUsd })),
    subPeriods: t.subPeriods.filter((p) => p.return !== 0).slice(-120).map((p) => ({ day: isoDay(p.day), r: p.return })),
    result: target.measure === "twr" ? twr : t.mwrAnnualised,
  };
}

export async function listTransactions(db: Db, userId: string, portfolioId: string, o: Opts): Promise<TransactionRow[]> {
  return (await load(db, userId, portfolioId, o.now)).rows;
}

// ---------------------------------------------------------------- public pages

export async function publicPortfolio(db: Db, slug: string, o: Opts): Promise<PublicPortfolio> {
  const p = await q.findPublicPortfolioBySlug(db, slug);
  if (!p || !p.slug) throw new DomainError("portfolio.NOT_FOUND", "not_found", "This page does not exist or is no longer shared.");
  // "delayed": everything as of 24 hours ago.
  const asOf = p.privacyMode === "delayed" ? new Date(o.now.getTime() - MS_PER_DAY) : o.now;
  const c = await compute(db, p.userId, p.id, o.now, p.privacyMode === "delayed" ? asOf.getTime() : undefined);
  const hs = summarizeHoldings(c.ledger, c.assets, c.priceNow).filter((h) => h.quantityRaw > 0n && h.valueUsdE18 !== null);
  const total = hs.reduce((s, h) => s + (h.valueUsdE18 ?? 0n), 0n);
  const showValues = p.privacyMode === "values";
  const a = computeAllocation(hs, c.assets);
  const wallets = p.showWallets ? (await q.listPortfolioWallets(db, p.userId, p.id)).map((w) => w.address) : null;
  const s = c.series;
  const from = s.startDay;
  const points: { day: string; twrIndex: number }[] = [];
  for (let d = from; d <= c.nowDay; d += Math.max(1, Math.ceil((c.nowDay - from + 1) / 200))) points.push({ day: isoDay(d), twrIndex: twrIndexAt(s, d) / twrIndexAt(s, from) });
  return {
    name: p.name,
    slug: p.slug,
    privacyMode: p.privacyMode,
    asOf,
    valueUsd: showValues ? formatUsd(total) : null,
    returns: c.returns.map(returnRow),
    holdings: hs
      .map((h) => ({
        symbol: c.assets[h.assetId]!.symbol,
        chain: c.assets[h.assetId]!.chain,
        weightBps: total > 0n ? Number((h.valueUsdE18! * 10_000n) / total) : 0,
        valueUsd: showValues ? formatUsd(h.valueUsdE18!) : null,
        quantity: showValues ? formatQty(h.quantityRaw, c.assets[h.assetId]!.decimals) : null,
      }))
      .sort((x, y) => y.weightBps - x.weightBps),
    byCategory: a.byCategory.map((x) => ({ key: x.key, label: x.key, valueUsd: showValues ? formatUsd(x.valueUsdE18) : "", weightBps: x.weightBps })),
    wallets,
    points,
  };
}

export async function publicPortfolios(db: Db, o: Opts) {
  const list = await q.listPublicPortfolios(db, 50);
  const out = [];
  for (const p of list) {
    if (!p.slug) continue;
    try {
      const c = await compute(db, p.userId, p.id, o.now);
      const r30 = computeRangeReturn(c.series, "30D", c.nowDay);
      const rAll = computeRangeReturn(c.series, "ALL", c.nowDay);
      out.push({ name: p.name, slug: p.slug, privacyMode: p.privacyMode, ret30d: r30.twr, retAll: rAll.twr });
    } catch {
      out.push({ name: p.name, slug: p.slug, privacyMode: p.privacyMode, ret30d: null, retAll: null });
    }
  }
  return out;
}
