// Portfolio rebalancing: drift analysis against target weights and an order plan. Pure.
//
// Terms
//   weight      an asset's share of the priced portfolio value (float; `weightBps` is the
//               largest-remainder rounding to integer bps, which sums to exactly 10,000).
//   drift       weight × 10,000 − targetBps, in bps (positive = overweight).
//   plan        orders selling overweight assets directly into underweight ones, paired greedily
//               by size (largest sell against largest buy, then the remainders), which needs at
//               most sellers + buyers − 1 orders. Each order trades all the way back to target
//               (not just to the band's edge): one trip per breach instead of many small ones.
// Amounts are rounded DOWN to base units (usdToRawDown) and never exceed what is held; an asset
// whose target is 0 is sold exactly (its whole balance, no dust left behind).
// Quotes (exact output, price impact, gas) are attached later by the service: see OrderQuote and
// summarizePlanCosts.
import { DomainError, ErrorKind } from "@/server/errors";
import { slotIndexAt, slotTimeFrom } from "./schedule";
import { convertRawAtUsdPricesDown, rawToUsd, usdToRawDown } from "./sizing";
import { BPS, type Addr, type Holding, type RebalanceConfig, type RebalanceState, type TargetWeight } from "./types";

export type AssetDrift = {
  token: Addr;
  symbol: string;
  decimals: number;
  amountRaw: bigint;
  priceUsd: number;
  valueUsd: number;
  weight: number;
  weightBps: number;
  targetBps: number;
  /** round(weight × 10,000 − targetBps): positive = overweight. */
  driftBps: number;
  /** targetBps × total / 10,000 − value: positive = buy. */
  deltaUsd: number;
};

export type DriftAnalysis = {
  totalUsd: number;
  assets: AssetDrift[];
  /** Largest |weight × 10,000 − target| (float bps). */
  maxDriftBps: number;
  thresholdBps: number;
  /** maxDriftBps > thresholdBps (and nothing blocks a plan). */
  needsRebalance: boolean;
  /** Held tokens without a usable price: excluded from the total, never traded. */
  unpriced: Addr[];
  /** Why no plan can be made (a target token without a price, an empty portfolio), else null. */
  blocked: string | null;
};

/** Throws unless targets are integer bps ≥ 0 summing to exactly 10,000, one per token. */
export function assertTargets(targets: readonly TargetWeight[]): void {
  const seen = new Set<string>();
  let sum = 0;
  for (const t of targets) {
    if (!Number.isInteger(t.weightBps) || t.weightBps < 0) throw invalid("Target weights are whole basis points ≥ 0.");
    if (seen.has(t.token)) throw invalid(`Token ${t.token} has two targets.`);
    seen.add(t.token);
    sum += t.weightBps;
  }
  if (sum !== BPS) throw invalid(`Target weights must sum to 10,000 bps (100 %); they sum to ${sum}.`);
}

const invalid = (m: string) => new DomainError("automation.INVALID_TARGETS", ErrorKind.invalid, m);
const priced = (h: Holding) => Number.isFinite(h.priceUsd) && h.priceUsd > 0;

/** Largest-remainder rounding of shares (summing to 1) to integer bps summing to exactly 10,000. */
export function sharesToBps(shares: readonly number[]): number[] {
  const scaled = shares.map((s) => s * BPS);
  const out = scaled.map(Math.floor);
  const rem = Math.min(out.length, Math.max(0, BPS - out.reduce((a, b) => a + b, 0)));
  const order = scaled.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < rem; k++) out[order[k]![1]]! += 1;
  return out;
}

/**
 * Current weights against targets. `holdings` must include every target token (a target not held
 * comes with amountRaw 0n, its price and decimals); a held token without a target has target 0.
 */
export function analyzeDrift(holdings: readonly Holding[], targets: readonly TargetWeight[], thresholdBps: number): DriftAnalysis {
  assertTargets(targets);
  const target = new Map(targets.map((t) => [t.token, t.weightBps]));
  const byToken = new Map(holdings.map((h) => [h.token, h]));
  if (byToken.size !== holdings.length) throw invalid("Each token must appear once in the holdings (sum balances across wallets first).");
  const unpriced = holdings.filter((h) => !priced(h) && h.amountRaw > 0n).map((h) => h.token);
  const blockers: string[] = [];
  for (const t of targets) {
    const h = byToken.get(t.token);
    if (t.weightBps > 0 && (!h || !priced(h))) blockers.push(t.token);
  }
  const assets0 = holdings.filter((h) => priced(h) && (h.amountRaw > 0n || target.has(h.token)));
  const values = assets0.map((h) => rawToUsd(h.amountRaw, h.priceUsd, h.decimals));
  const totalUsd = values.reduce((a, b) => a + b, 0);
  const shares = values.map((v) => (totalUsd > 0 ? v / totalUsd : 0));
  const bps = totalUsd > 0 ? sharesToBps(shares) : shares.map(() => 0);
  let maxDrift = 0;
  const assets = assets0.map((h, i): AssetDrift => {
    const t = target.get(h.token) ?? 0;
    const d = shares[i]! * BPS - t;
    if (totalUsd > 0) maxDrift = Math.max(maxDrift, Math.abs(d));
    return {
      token: h.token,
      symbol: h.symbol,
      decimals: h.decimals,
      amountRaw: h.amountRaw,
      priceUsd: h.priceUsd,
      valueUsd: values[i]!,
      weight: shares[i]!,
      weightBps: bps[i]!,
      targetBps: t,
      driftBps: Math.sign(d) * Math.round(Math.abs(d)),
      deltaUsd: (t * totalUsd) / BPS - values[i]!,
    };
  });
  const blocked =
    blockers.length > 0 ? `No price for target token(s) ${blockers.join(", ")}.` : totalUsd > 0 ? null : "The portfolio has no priced value to rebalance.";
  return { totalUsd, assets, maxDriftBps: maxDrift, thresholdBps, needsRebalance: blocked === null && maxDrift > thresholdBps, unpriced, blocked };
}

export type RebalanceOrder = {
  tokenIn: Addr;
  tokenOut: Addr;
  symbolIn: string;
  symbolOut: string;
  amountInRaw: bigint;
  /** USD value of amountInRaw at the analysis price. */
  estUsd: number;
  /** Output at the analysis prices, no fees or impact (rounded down): the reference for costs. */
  expectedOutRaw: bigint;
};
export type SkippedOrder = { tokenIn: Addr; tokenOut: Addr; estUsd: number; reason: string };
export type RebalancePlan = { analysis: DriftAnalysis; orders: RebalanceOrder[]; skipped: SkippedOrder[]; turnoverUsd: number };

/** The orders that bring every weight back to its target (see the header for the rules). */
export function planRebalance(holdings: readonly Holding[], cfg: Pick<RebalanceConfig, "targets" | "thresholdBps" | "minTradeUsd">): RebalancePlan {
  const analysis = analyzeDrift(holdings, cfg.targets, cfg.thresholdBps);
  const orders: RebalanceOrder[] = [];
  const skipped: SkippedOrder[] = [];
  if (analysis.blocked) return { analysis, orders, skipped, turnoverUsd: 0 };
  // Float residue below a millionth of a cent is not a trade.
  const eps = Math.max(1e-8, analysis.totalUsd * 1e-12);
  const sellers = analysis.assets
    .filter((a) => a.deltaUsd < -eps)
    .map((a) => ({ a, rem: -a.deltaUsd, soldRaw: 0n, skippedAny: false }))
    .sort((x, y) => y.rem - x.rem || x.a.token.localeCompare(y.a.token));
  const buyers = analysis.assets
    .filter((a) => a.deltaUsd > eps)
    .map((a) => ({ a, rem: a.deltaUsd }))
    .sort((x, y) => y.rem - x.rem || x.a.token.localeCompare(y.a.token));
  let i = 0;
  let j = 0;
  while (i < sellers.length && j < buyers.length) {
    const s = sellers[i]!;
    const b = buyers[j]!;
    const usd = Math.min(s.rem, b.rem);
    s.rem -= usd;
    b.rem -= usd;
    const heldLeft = s.a.amountRaw - s.soldRaw;
    // Target 0 and the seller's last fragment: sell the exact balance (no dust) — unless an
    // earlier fragment was skipped, whose value must then stay put rather than go to this buyer.
    const sellAll = s.a.targetBps === 0 && s.rem <= eps && !s.skippedAny;
    let amountInRaw = sellAll ? heldLeft : usdToRawDown(usd, s.a.priceUsd, s.a.decimals);
    if (amountInRaw > heldLeft) amountInRaw = heldLeft; // never sell more than held
    const estUsd = rawToUsd(amountInRaw, s.a.priceUsd, s.a.decimals);
    const pair = { tokenIn: s.a.token, tokenOut: b.a.token };
    if (amountInRaw === 0n) {
      s.skippedAny = true;
      skipped.push({ ...pair, estUsd: usd, reason: "rounds to 0 base units" });
    } else if (usd < cfg.minTradeUsd) {
      s.skippedAny = true;
      skipped.push({ ...pair, estUsd, reason: `$${usd.toFixed(2)} is below the minimum trade of $${cfg.minTradeUsd.toFixed(2)}` });
    } else {
      s.soldRaw += amountInRaw;
      const expectedOutRaw = convertRawAtUsdPricesDown(amountInRaw, s.a.priceUsd, b.a.priceUsd, s.a.decimals, b.a.decimals);
      orders.push({ ...pair, symbolIn: s.a.symbol, symbolOut: b.a.symbol, amountInRaw, estUsd, expectedOutRaw });
    }
    if (s.rem <= eps) i++;
    if (b.rem <= eps) j++;
  }
  return { analysis, orders, skipped, turnoverUsd: orders.reduce((a, o) => a + o.estUsd, 0) };
}

// ---------------------------------------------------------------- costs (quotes from the service)

/** What the service attaches to each order from a real quote. */
export type OrderQuote = { estimatedOutRaw: bigint; priceImpactBps: number; gasUsd: number };

export type PlanCostSummary = {
  turnoverUsd: number;
  /** Σ estUsd × (1 − estimatedOut / expectedOut): fees + impact against the analysis prices. */
  tradingCostUsd: number;
  gasUsd: number;
  totalCostUsd: number;
  /** totalCost / portfolio value, in bps. */
  costBpsOfPortfolio: number;
  maxPriceImpactBps: number;
  /** Turnover-weighted mean price impact. */
  avgPriceImpactBps: number;
  /** Indexes of orders whose impact exceeds maxPriceImpactBps (when given). */
  overImpact: number[];
  /** Orders without a quote (not priced into the totals). */
  unquoted: number[];
};

/** Totals over the plan's orders with their quotes (quotes[i] belongs to plan.orders[i]). */
export function summarizePlanCosts(plan: RebalancePlan, quotes: readonly (OrderQuote | null | undefined)[], maxPriceImpactBps?: number): PlanCostSummary {
  let trading = 0;
  let gas = 0;
  let maxImpact = 0;
  let impactWeighted = 0;
  let quotedTurnover = 0;
  const overImpact: number[] = [];
  const unquoted: number[] = [];
  plan.orders.forEach((o, k) => {
    const q = quotes[k];
    if (!q) return void unquoted.push(k);
    const ratio = o.expectedOutRaw > 0n ? Number((q.estimatedOutRaw * 1_000_000_000n) / o.expectedOutRaw) / 1e9 : 0;
    trading += o.estUsd * (1 - ratio);
    gas += q.gasUsd;
    maxImpact = Math.max(maxImpact, q.priceImpactBps);
    impactWeighted += q.priceImpactBps * o.estUsd;
    quotedTurnover += o.estUsd;
    if (maxPriceImpactBps !== undefined && q.priceImpactBps > maxPriceImpactBps) overImpact.push(k);
  });
  const total = trading + gas;
  const value = plan.analysis.totalUsd;
  return {
    turnoverUsd: plan.turnoverUsd,
    tradingCostUsd: trading,
    gasUsd: gas,
    totalCostUsd: total,
    costBpsOfPortfolio: value > 0 ? (total / value) * BPS : 0,
    maxPriceImpactBps: maxImpact,
    avgPriceImpactBps: quotedTurnover > 0 ? impactWeighted / quotedTurnover : 0,
    overImpact,
    unquoted,
  };
}

// ---------------------------------------------------------------- when to rebalance

export type RebalanceDecision =
  | { action: "trade"; slot: number | null; plan: RebalancePlan; reason: string }
  | { action: "skip"; slot: number; reason: string; analysis: DriftAnalysis }
  | { action: "wait"; nextAt: Date | null; reason: string; analysis: DriftAnalysis };

/**
 * Threshold mode trades whenever the largest drift exceeds thresholdBps (checked on every tick).
 * Periodic mode looks once per slot of `interval` from `startAt`: it trades if the drift exceeds
 * thresholdBps, else consumes the slot as a skip. As with DCA, only the latest due slot counts.
 */
export function decideRebalance(cfg: RebalanceConfig, state: RebalanceState, holdings: readonly Holding[], now: Date): RebalanceDecision {
  const plan = planRebalance(holdings, cfg);
  const a = plan.analysis;
  const driftText = `largest drift ${a.maxDriftBps.toFixed(0)} bps vs threshold ${cfg.thresholdBps} bps`;
  if (cfg.mode === "threshold") {
    if (a.blocked) return { action: "wait", nextAt: null, reason: a.blocked, analysis: a };
    if (!a.needsRebalance) return { action: "wait", nextAt: null, reason: `Within band: ${driftText}.`, analysis: a };
    return tradeOrSkipEmpty(plan, null, driftText);
  }
  if (!cfg.interval || !cfg.startAt) throw new DomainError("automation.INVALID_CONFIG", ErrorKind.invalid, "A periodic rebalance needs an interval and a start time.");
  const slot = slotIndexAt(cfg.startAt, cfg.interval, now);
  const next = slotTimeFrom(cfg.startAt, cfg.interval, slot === null ? 0 : slot + 1);
  if (slot === null || (state.lastSlot !== null && slot <= state.lastSlot)) return { action: "wait", nextAt: next, reason: "Next period not reached.", analysis: a };
  if (a.blocked) return { action: "skip", slot, reason: a.blocked, analysis: a };
  if (!a.needsRebalance) return { action: "skip", slot, reason: `Within band: ${driftText}.`, analysis: a };
  return tradeOrSkipEmpty(plan, slot, driftText);
}

function tradeOrSkipEmpty(plan: RebalancePlan, slot: number | null, driftText: string): RebalanceDecision {
  if (plan.orders.length === 0) {
    const why = plan.skipped.map((s) => s.reason).join("; ");
    return slot === null
      ? { action: "wait", nextAt: null, reason: `Drift exceeds the threshold (${driftText}) but every order was skipped: ${why}.`, analysis: plan.analysis }
      : { action: "skip", slot, reason: `Every order was skipped: ${why}.`, analysis: plan.analysis };
  }
  return { action: "trade", slot, plan, reason: `Rebalancing: ${driftText}; ${plan.orders.length} order(s), $${plan.turnoverUsd.toFixed(2)} traded.` };
}

/** State after a decision has been carried out (trade executed, or slot skipped). */
export function applyRebalanceDecision(state: RebalanceState, d: RebalanceDecision, now: Date): RebalanceState {
  if (d.action === "wait") return state;
  return { lastSlot: d.slot ?? state.lastSlot, lastRunAt: d.action === "trade" ? now : state.lastRunAt };
}
