// Lodestar's labelled strategy bots (issue 6 item 8): four bot traders whose public records come
// from running their strategies (server/social/bots/strategies.ts) through the PAPER RAIL over
// the shipped daily history, deterministically, so a fresh install has real, reproducible
// records on the leaderboard. They are bots, never presented as people: trader_profiles.kind
// 'bot', a bio that states the rule and that the record is a replay of historical data.
//
// RECORD WINDOW: the last 365 days of the shipped daily data (the latest day every traded asset
// has a candle: 2025-06-30 in the shipped files), i.e. [end − 364, end]. Each bot starts with
// 10,000 USDC on the first day, on a paper account on the local chain 31337 (token addresses
// from its registry). Every day, in order, the strategy sees the closes up to that day and its
// orders execute through createPaperVenue (validation, idempotent key, balance debit/credit and
// the paper_fills row in one transaction), priced by the historical quoter at that day's close
// (historical-quote.ts). Order keys: `bot:<strategy>:<BOTS_VERSION>:<YYYY-MM-DD>:<n>`, n = the
// order's index in the day's decision; source 'bot'. A fill is stamped at the day's close,
// 23:59:59.900 UTC (+ n ms), inside its UTC day.
//
// WHAT IS WRITTEN per bot: the user (id `bot-<strategy>`, no e-mail, no password), its public
// profile, the paper account (starting value 10,000 USD, reset_at = the first day 00:00 UTC), the
// fills, one verified trade per fill (source 'paper', origin 'bot'; the live recorder skips
// fills with source 'bot'), and one trader_equity_daily row for EVERY day of the window: the
// balances valued at that day's close (USDC = $1, values rounded down to 1e-18 USD), the value
// per market symbol (ETH, BTC, SOL, LINK, USDC: as records.ts's snapshots), flow 10,000 on the
// first day and 0 after. Verified trades carry the registry's token symbols (WETH, WBTC), as
// the live recorder's do.
//
// IDEMPOTENT: a bot whose profile carries bot_version = BOTS_VERSION and whose record is
// complete (365 equity days over the window, one verified trade per fill) is skipped; otherwise
// its fills, verified trades and equity are deleted and it is re-run. The version is written
// last, so a run that died half-way is re-run. No clock or randomness: everything comes from the
// data (`now` only stamps updated_at).
import type { Db } from "@/db/client";
import { listPaperBalances, replacePaperBalances, upsertPaperAccountReset } from "@/db/queries/paper";
import {
  deleteBotRecord,
  findBotRecordStatus,
  upsertVerifiedTrades,
  setBotVersion,
  setPaperAccountResetAt,
  upsertBotProfile,
  upsertBotUser,
  upsertEquityDays,
  type NewEquityDay,
  type NewVerifiedTrade,
} from "@/db/queries/social-bots";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr, Fill } from "@/server/automation/venue";
import { getRegistry } from "@/server/chain/registry";
import { MS_PER_DAY, type DayNumber } from "@/server/portfolio/types";
import { toE18 } from "@/server/social/bots/historical-pool";
import { momentumRotation, rsiMeanReversion, smaCrossover, weeklyDca } from "@/server/social/bots/strategies";
import { BOT_ASSETS, isMonday, orderAmountIn, type BotAsset, type BotDay, type BotOrder, type Strategy } from "@/server/social/bots/strategy";
import { loadDailyCandles } from "@/server/services/market";
import { createPaperVenue } from "@/server/services/venues/paper";
import { createHistoricalQuoter, isoDay, type HistoricalMarket, type HistoricalToken } from "./historical-quote";

/**
 * Version of the bots' runs: a new version re-runs every bot's record (and, through the seed
 * job's key `social.seed:<version>`, schedules a new seed run). "1" was the stub's, whose seed
 * job already completed on existing installs doing nothing, hence "2" for the first real run.
 */
export const BOTS_VERSION = "3";

export const BOTS_CHAIN_ID = 31337;
export const BOT_START_USDC = 10_000n;
export const BOT_WINDOW_DAYS = 365;
/** Registry symbol of each market symbol the bots trade. */
const REGISTRY_SYMBOL: Record<BotAsset, string> = { ETH: "WETH", BTC: "WBTC", SOL: "SOL", LINK: "LINK" };
const E18 = 10n ** 18n;

/** A strategy with its state kept inside: step(day) → that day's orders. */
type Runner = { id: string; name: string; rule: string; step: (day: BotDay) => BotOrder[] };

function runnerOf<S>(s: Strategy<S>): () => Runner {
  return () => {
    let state = s.initialState;
    return {
      id: s.id,
      name: s.name,
      rule: s.rule,
      step(day) {
        const d = s.decide(state, day);
        state = d.state;
        return d.orders;
      },
    };
  };
}

export type BotHistory = {
  firstDay: DayNumber;
  lastDay: DayNumber;
  /** Per asset: the first day of its file and every close from then on (no gaps: data/SOURCES.md). */
  series: Record<BotAsset, { startDay: DayNumber; closes: number[] }>;
};

export async function loadBotHistory(): Promise<BotHistory> {
  const series = {} as Record<BotAsset, { startDay: DayNumber; closes: number[] }>;
  let lastDay = Number.POSITIVE_INFINITY;
  for (const asset of BOT_ASSETS) {
    const candles = await loadDailyCandles(asset);
    const first = candles[0];
    if (!first) throw new Error(`no daily candles for ${asset}`);
    const startDay = Date.parse(`${first.time}T00:00:00Z`) / MS_PER_DAY;
    candles.forEach((c, i) => {
      if (Date.parse(`${c.time}T00:00:00Z`) / MS_PER_DAY !== startDay + i) throw new Error(`${asset} daily candles have a gap at ${c.time}`);
    });
    series[asset] = { startDay, closes: candles.map((c) => c.close) };
    lastDay = Math.min(lastDay, startDay + candles.length - 1);
  }
  return { firstDay: lastDay - (BOT_WINDOW_DAYS - 1), lastDay, series };
}

/** The four bots over a window (the DCA amount spreads the cash over the window's Mondays). */
export function botRunners(history: Pick<BotHistory, "firstDay" | "lastDay">, usdcDecimals: number): (() => Runner)[] {
  let mondays = 0;
  for (let d = history.firstDay; d <= history.lastDay; d++) if (isMonday(d)) mondays++;
  const dcaAmount = (BOT_START_USDC * 10n ** BigInt(usdcDecimals)) / BigInt(Math.max(mondays, 1));
  return [runnerOf(smaCrossover()), runnerOf(rsiMeanReversion()), runnerOf(momentumRotation()), runnerOf(weeklyDca({ asset: "ETH", amountUsdcRaw: dcaAmount }))];
}

export const botUserId = (strategyId: string) => `bot-${strategyId}`;

function bioOf(r: Runner, history: BotHistory): string {
  return `Strategy bot (not a person). ${r.rule} Its record is a deterministic replay over the shipped daily market history (Binance closes, ${isoDay(history.firstDay)} to ${isoDay(history.lastDay)}), starting from 10,000 USDC, every order executed on Lodestar's paper rail at the day's close on a $5M-a-side constant-product pool with a 0.3 % fee.`;
}

type Tokens = { usdc: HistoricalToken; byAsset: Record<BotAsset, HistoricalToken> };

function tokensOf(registry: ChainRegistry): Tokens {
  const find = (symbol: string): HistoricalToken => {
    const t = registry.tokens.find((x) => x.symbol === symbol);
    if (!t) throw new Error(`chain ${registry.chainId} has no ${symbol} token`);
    return { address: t.address.toLowerCase() as Addr, symbol: t.symbol, decimals: t.decimals };
  };
  const byAsset = {} as Record<BotAsset, HistoricalToken>;
  for (const a of BOT_ASSETS) byAsset[a] = find(REGISTRY_SYMBOL[a]);
  return { usdc: find("USDC"), byAsset };
}

function marketOf(tokens: Tokens, history: BotHistory): HistoricalMarket {
  return {
    usdc: tokens.usdc,
    assets: new Map(BOT_ASSETS.map((a) => [tokens.byAsset[a].address, { ...tokens.byAsset[a], market: a }])),
    closeOf(market, day) {
      const s = history.series[market as BotAsset];
      return s ? s.closes[day - s.startDay] : undefined;
    },
  };
}

/** USD × 1e18 of `raw` base units at `priceE18`, rounded down. */
const valueE18 = (raw: bigint, decimals: number, priceE18: bigint) => (raw * priceE18) / 10n ** BigInt(decimals);
const formatE18 = (v: bigint) => `${v / E18}.${(v % E18).toString().padStart(18, "0")}`;
const toUsdNumber = (v: bigint) => Number(v / 10n ** 6n) / 1e12;

/** The bot's book at a day's closes: balances by token, priced. */
class Book {
  readonly balances = new Map<Addr, bigint>();
  constructor(
    private readonly tokens: Tokens,
    private readonly pricesE18: (asset: BotAsset) => bigint,
  ) {}
  get(token: Addr): bigint {
    return this.balances.get(token) ?? 0n;
  }
  apply(fill: Fill): void {
    this.balances.set(fill.tokenIn, this.get(fill.tokenIn) - fill.amountIn);
    this.balances.set(fill.tokenOut, this.get(fill.tokenOut) + fill.amountOut);
  }
  /** Total value (USD × 1e18) and value per market symbol (ETH, not WETH: as the live snapshots; USD, non-zero only). */
  value(): { totalE18: bigint; holdings: Record<string, number> } {
    const usdc = valueE18(this.get(this.tokens.usdc.address), this.tokens.usdc.decimals, E18);
    let totalE18 = usdc;
    const holdings: Record<string, number> = {};
    if (usdc > 0n) holdings[this.tokens.usdc.symbol] = toUsdNumber(usdc);
    for (const a of BOT_ASSETS) {
      const t = this.tokens.byAsset[a];
      const v = valueE18(this.get(t.address), t.decimals, this.pricesE18(a));
      if (v > 0n) holdings[a] = toUsdNumber(v);
      totalE18 += v;
    }
    return { totalE18, holdings };
  }
}

type RunContext = { db: Db; history: BotHistory; tokens: Tokens; market: HistoricalMarket; now: Date };

/** Replays one bot over the window; returns the number of fills. */
async function runBot(ctx: RunContext, runner: Runner): Promise<number> {
  const { db, history, tokens, now } = ctx;
  const userId = botUserId(runner.id);
  const firstDayStart = new Date(history.firstDay * MS_PER_DAY);
  await upsertBotUser(db, { id: userId, name: runner.name });
  await upsertBotProfile(db, { userId, displayName: runner.name, bio: bioOf(runner, history), botStrategy: runner.id, publishedAt: firstDayStart, now });
  await deleteBotRecord(db, userId);
  const account = await upsertPaperAccountReset(db, { userId, chainId: BOTS_CHAIN_ID, startingValueUsd: BOT_START_USDC.toString(), resetBlock: null });
  await setPaperAccountResetAt(db, account.id, firstDayStart);
  const startRaw = BOT_START_USDC * 10n ** BigInt(tokens.usdc.decimals);
  await replacePaperBalances(db, account.id, [{ token: tokens.usdc.address, amountRaw: startRaw }]);

  let day = history.firstDay;
  let quoter = createHistoricalQuoter(ctx.market, day, firstDayStart);
  const venue = createPaperVenue(db, userId, BOTS_CHAIN_ID, { now: () => firstDayStart, quote: (req) => quoter(req) });
  const closeE18 = (a: BotAsset) => toE18(ctx.market.closeOf(a, day) ?? Number.NaN);
  const book = new Book(tokens, closeE18);
  book.balances.set(tokens.usdc.address, startRaw);
  const trades: NewVerifiedTrade[] = [];
  const equity: NewEquityDay[] = [];

  for (; day <= history.lastDay; day++) {
    const closes: Partial<Record<BotAsset, number>> = {};
    const hist: Partial<Record<BotAsset, readonly number[]>> = {};
    for (const a of BOT_ASSETS) {
      const s = history.series[a];
      const idx = day - s.startDay;
      if (idx < 0) continue;
      closes[a] = s.closes[idx]!;
      hist[a] = s.closes.slice(0, idx + 1);
    }
    const orders = runner.step({ day, closes, history: hist });
    for (const [n, order] of orders.entries()) {
      const asset = tokens.byAsset[order.asset];
      const [tokenIn, tokenOut] = order.side === "buy" ? [tokens.usdc, asset] : [asset, tokens.usdc];
      const amountIn = orderAmountIn(order, { usdcRaw: book.get(tokens.usdc.address), assetRaw: book.get(asset.address) });
      if (amountIn <= 0n) continue;
      const at = new Date((day + 1) * MS_PER_DAY - 100 + n);
      quoter = createHistoricalQuoter(ctx.market, day, at);
      const before = book.value().totalE18;
      const balanceInBefore = book.get(tokenIn.address);
      const key = `bot:${runner.id}:${BOTS_VERSION}:${isoDay(day)}:${n}`;
      const result = await venue.execute({ key, chainId: BOTS_CHAIN_ID, tokenIn: tokenIn.address, tokenOut: tokenOut.address, amountIn, slippageBps: 50, source: "bot" });
      if (result.status !== "filled" || result.fill.duplicate || !result.fill.paperFillId) {
        throw new Error(`bot ${runner.id}: order ${key} was not filled: ${JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
      }
      book.apply(result.fill);
      const priceIn = tokenIn === tokens.usdc ? E18 : closeE18(order.asset);
      trades.push({
        userId,
        source: "paper",
        sourceRef: result.fill.paperFillId,
        origin: "bot",
        chainId: BOTS_CHAIN_ID,
        tokenIn: tokenIn.address,
        tokenOut: tokenOut.address,
        symbolIn: tokenIn.symbol,
        symbolOut: tokenOut.symbol,
        amountIn,
        amountOut: result.fill.amountOut,
        valueUsd: formatE18(valueE18(amountIn, tokenIn.decimals, priceIn)),
        bookValueUsd: formatE18(before),
        balanceInBefore,
        block: null,
        txHash: null,
        executedAt: at,
      });
    }
    const { totalE18, holdings } = book.value();
    equity.push({ userId, day, valueUsd: formatE18(totalE18), flowUsd: day === history.firstDay ? BOT_START_USDC.toString() : "0", holdingsUsd: holdings });
  }

  await assertBalancesMatch(db, account.id, book, runner.id);
  await upsertVerifiedTrades(db, trades);
  await upsertEquityDays(db, equity, now);
  await setBotVersion(db, userId, BOTS_VERSION, now);
  return trades.length;
}

/** The paper balances the venue wrote must be exactly the book the replay tracked. */
async function assertBalancesMatch(db: Db, accountId: string, book: Book, id: string): Promise<void> {
  const stored = new Map((await listPaperBalances(db, accountId)).map((b) => [b.token, b.amountRaw]));
  for (const [token, raw] of book.balances) {
    if ((stored.get(token) ?? 0n) !== raw) throw new Error(`bot ${id}: paper balance of ${token} is ${stored.get(token)}, the replay expected ${raw}`);
  }
}

/** Creates the bots and runs their strategies through the paper rail (idempotent per version). */
export async function ensureBots(db: Db, now: Date): Promise<{ bots: number; ran: number }> {
  const registry = getRegistry(BOTS_CHAIN_ID);
  // The job retries: the worker seeds once the local chain is deployed.
  if (!registry) throw new Error(`chain ${BOTS_CHAIN_ID} is not deployed yet: no registry for the bots' tokens`);
  const history = await loadBotHistory();
  const tokens = tokensOf(registry);
  const ctx: RunContext = { db, history, tokens, market: marketOf(tokens, history), now };
  const runners = botRunners(history, tokens.usdc.decimals);
  let ran = 0;
  for (const make of runners) {
    const runner = make();
    const status = await findBotRecordStatus(db, botUserId(runner.id));
    const complete =
      status.kind === "bot" &&
      status.botVersion === BOTS_VERSION &&
      status.equityDays === BOT_WINDOW_DAYS &&
      status.firstDay === history.firstDay &&
      status.lastDay === history.lastDay &&
      status.fills === status.trades;
    if (complete) continue;
    await runBot(ctx, runner);
    ran++;
  }
  return { bots: runners.length, ran };
}
