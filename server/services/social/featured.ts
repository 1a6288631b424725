// Featured portfolios: published portfolios (the portfolio issue's public pages, /p/<slug>)
// ranked by risk-adjusted return, and "copy this allocation": a portfolio's weights mapped to the
// tokens one chain trades, as rebalance targets the user previews before creating anything.
//
// Every figure comes from the portfolio analytics the public page uses (publicPortfolio for the
// allocation and TWR, risk for Sharpe and volatility); nothing is re-computed here. Privacy: only
// percentages leave this file (never values or quantities, whatever the privacy mode), and a
// 'delayed' portfolio is read as its public page shows it, 24 hours late.
import type { Db } from "@/db/client";
import { countFollowers } from "@/db/queries/social";
import * as q from "@/db/queries/social-featured";
import type { CopyAllocationDto, FeaturedPortfolioDto } from "@/lib/schemas/social";
import { sharesToBps } from "@/server/automation/rebalance";
import { getRegistry } from "@/server/chain/registry";
import { DomainError, ErrorKind } from "@/server/errors";
import { portfolioVersion } from "@/server/services/portfolio";
import { holdings as ownerHoldings, publicPortfolio, risk, STABLES } from "@/server/services/portfolio-analytics";
import { marketSymbolOf } from "@/server/services/prices";

const MS_PER_DAY = 86_400_000;
/** Published portfolios considered for the ranking (the newest first). */
const CANDIDATES = 100;
/** A portfolio's figures are reused for this long (they move with daily closes and pool prices). */
const STATS_TTL_MS = 60_000;

type Weight = { symbol: string; weightBps: number };
type Stats = { sharpe: number | null; twr: number | null; volatility: number | null; days: number; allocation: Weight[] };

const notFound = () => new DomainError("social.NOT_FOUND", ErrorKind.notFound, "This portfolio does not exist or is not shared.");
const finite = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? null : n);

/** Weights by market symbol (WETH and ETH are one asset), heaviest first; zero weights dropped. */
function bySymbol(rows: { symbol: string; weightBps: number }[]): Weight[] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const s = marketSymbolOf(r.symbol.toUpperCase());
    sums.set(s, (sums.get(s) ?? 0) + r.weightBps);
  }
  return [...sums]
    .filter(([, w]) => w > 0)
    .map(([symbol, weightBps]) => ({ symbol, weightBps }))
    .sort((a, b) => b.weightBps - a.weightBps || a.symbol.localeCompare(b.symbol));
}

// ---------------------------------------------------------------- featured

const statsCache = new WeakMap<Db, Map<string, { at: number; value: Promise<Stats> }>>();

/** A published portfolio's public figures, as its public page computes them (delayed pages 24 h late). */
async function publicStats(db: Db, p: q.FeaturedPortfolioRow, now: Date): Promise<Stats> {
  let cache = statsCache.get(db);
  if (!cache) statsCache.set(db, (cache = new Map()));
  const key = `${p.id}:${p.slug}:${p.privacyMode}:${portfolioVersion(p.id)}`;
  const hit = cache.get(key);
  if (hit && Math.abs(now.getTime() - hit.at) < STATS_TTL_MS) return hit.value;
  const value = computeStats(db, p, now);
  cache.set(key, { at: now.getTime(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function computeStats(db: Db, p: q.FeaturedPortfolioRow, now: Date): Promise<Stats> {
  const page = await publicPortfolio(db, p.slug, { now });
  const asOf = p.privacyMode === "delayed" ? new Date(now.getTime() - MS_PER_DAY) : now;
  const r = await risk(db, p.userId, p.id, "ALL", { now: asOf }).catch(() => null);
  return {
    sharpe: finite(r?.sharpe),
    volatility: finite(r?.volatility),
    twr: finite(page.returns.find((x) => x.range === "ALL")?.twr),
    days: r?.days ?? 0,
    allocation: bySymbol(page.holdings),
  };
}

/** Sharpe first (a portfolio without one after the rest), then followers, then TWR. */
export function compareFeatured(a: FeaturedPortfolioDto, b: FeaturedPortfolioDto): number {
  if (a.sharpe !== b.sharpe) {
    if (a.sharpe === null) return 1;
    if (b.sharpe === null) return -1;
    return b.sharpe - a.sharpe;
  }
  if (a.followers !== b.followers) return b.followers - a.followers;
  return (b.twr ?? -Infinity) - (a.twr ?? -Infinity) || a.name.localeCompare(b.name) || a.portfolioId.localeCompare(b.portfolioId);
}

/** Published portfolios ranked by risk-adjusted return, then by their owner's followers. Public. */
export async function listFeatured(db: Db, input: { limit: number }, now: Date): Promise<{ items: FeaturedPortfolioDto[] }> {
  const rows = await q.listPublishedPortfolios(db, CANDIDATES);
  const followers = await countFollowers(db, [...new Set(rows.map((r) => r.userId))]);
  const items: FeaturedPortfolioDto[] = [];
  for (const p of rows) {
    // One at a time: each loads the owner's chain balances and candles (cached per portfolio).
    const s = await publicStats(db, p, now).catch(() => null);
    if (!s) continue;
    items.push({
      portfolioId: p.id,
      slug: p.slug,
      name: p.name,
      owner: { id: p.userId, name: p.displayName ?? p.ownerName ?? "Lodestar user", kind: p.ownerKind ?? "person" },
      followers: followers.get(p.userId) ?? 0,
      ...s,
    });
  }
  items.sort(compareFeatured);
  return { items: items.slice(0, input.limit) };
}

// ---------------------------------------------------------------- copy this allocation

/**
 * Maps weights by asset symbol to the tokens a chain's registry trades: ETH → WETH, BTC → WBTC,
 * any stablecoin → USDC, other symbols to the registry token of that symbol. Assets without a
 * token are listed as unsupported; the supported weights are scaled up to exactly 10,000 bps
 * (largest remainder). Pure apart from the registry read.
 */
export function mapAllocationToChain(chainId: number, weights: Weight[]): Pick<CopyAllocationDto, "targets" | "unsupported"> {
  const registry = getRegistry(chainId);
  if (!registry) throw new DomainError("social.NO_REGISTRY", ErrorKind.invalid, `Lodestar does not trade on chain ${chainId}.`);
  const tokens = registry.tokens;
  const usdc = tokens.find((t) => t.symbol === "USDC") ?? tokens.find((t) => t.category === "stablecoin");
  const bySym = (s: string) => tokens.find((t) => t.symbol.toUpperCase() === s);
  const merged = new Map<string, { token: string; symbol: string; weight: number }>();
  const unsupported: Weight[] = [];
  for (const w of weights) {
    const sym = w.symbol.toUpperCase();
    const stable = STABLES.has(sym) || bySym(sym)?.category === "stablecoin";
    const token = stable ? usdc : sym === "ETH" ? bySym("WETH") : sym === "BTC" ? bySym("WBTC") : bySym(sym);
    if (!token || w.weightBps <= 0) {
      if (w.weightBps > 0) unsupported.push(w);
      continue;
    }
    const key = token.address.toLowerCase();
    const prev = merged.get(key);
    merged.set(key, { token: key, symbol: token.symbol, weight: (prev?.weight ?? 0) + w.weightBps });
  }
  const list = [...merged.values()].sort((a, b) => b.weight - a.weight || a.symbol.localeCompare(b.symbol));
  const total = list.reduce((s, x) => s + x.weight, 0);
  const bps = total > 0 ? sharesToBps(list.map((x) => x.weight / total)) : [];
  return {
    targets: list.map((x, i) => ({ token: x.token, symbol: x.symbol, weightBps: bps[i]! })).filter((t) => t.weightBps > 0),
    unsupported,
  };
}

/**
 * Rebalance targets copying a portfolio's allocation on one chain: a published portfolio (as its
 * public page shows it) or the caller's own (live). Someone else's unpublished portfolio is
 * NOT_FOUND. Creates nothing: the automation form previews and creates the rebalance.
 */
export async function copyAllocation(db: Db, userId: string, input: { portfolioId: string; chainId: number }, now: Date): Promise<CopyAllocationDto> {
  const p = await q.findPortfolioSharing(db, input.portfolioId);
  if (!p) throw notFound();
  let weights: Weight[];
  if (p.userId === userId) {
    weights = bySymbol((await ownerHoldings(db, userId, p.id, { now })).filter((h) => h.weightBps > 0));
  } else if (p.isPublic && p.slug) {
    weights = bySymbol((await publicPortfolio(db, p.slug, { now })).holdings);
  } else {
    throw notFound();
  }
  return { chainId: input.chainId, portfolioName: p.name, ...mapAllocationToChain(input.chainId, weights) };
}
