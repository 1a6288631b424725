// "Explain this number": calculation traces that reproduce a holding's P&L or a range return
// from their lines alone (the recompute* functions use nothing but the trace). Pure.
import type { Disposal, LotLedger } from "./lots";
import { mwrCashFlows, rangeBounds, xirr, type CashFlow, type ReturnRange } from "./returns";
import { usdE18ToNumber, valueUsdE18, type AssetRegistry, type DayNumber, type UsdE18 } from "./types";
import { valueAt, type ValuationSeries } from "./valuation";

export type PnlTrace = {
  assetId: string;
  decimals: number;
  /** Every disposal with the lots it consumed (quantity, cost) and its proceeds. */
  disposals: Disposal[];
  income: { activityId: string; quantityRaw: bigint; valueUsdE18: UsdE18 }[];
  /** Open lots priced at `priceUsdE18`. */
  openLots: { lotId: string; accountId: string; acquiredAtMs: number; quantityRaw: bigint; costUsdE18: UsdE18 }[];
  priceUsdE18: UsdE18 | null;
  /** The figures being explained. */
  realisedUsdE18: UsdE18;
  unrealisedUsdE18: UsdE18 | null;
  incomeUsdE18: UsdE18;
  feeCostUsdE18: UsdE18;
};

/** The trace behind a holding's realised, unrealised, income and fee figures. */
export function explainHoldingPnl(ledger: LotLedger, assets: AssetRegistry, assetId: string, priceUsdE18: UsdE18 | null): PnlTrace | null {
  const h = ledger.holdings.get(assetId);
  if (!h) return null;
  const openLots: PnlTrace["openLots"] = [];
  for (const [k, lots] of ledger.books) {
    if (!k.endsWith(`|${assetId}`)) continue;
    for (const l of lots) openLots.push({ lotId: l.id, accountId: l.accountId, acquiredAtMs: l.acquiredAtMs, quantityRaw: l.quantityRaw, costUsdE18: l.costUsdE18 });
  }
  openLots.sort((a, b) => a.acquiredAtMs - b.acquiredAtMs);
  const decimals = assets[assetId]?.decimals ?? 18;
  const value = priceUsdE18 === null ? null : valueUsdE18(h.quantityRaw, decimals, priceUsdE18);
  return {
    assetId,
    decimals,
    disposals: h.disposals,
    income: h.acquisitions.filter((a) => a.kind === "income").map((a) => ({ activityId: a.activityId, quantityRaw: a.quantityRaw, valueUsdE18: a.costUsdE18 })),
    openLots,
    priceUsdE18,
    realisedUsdE18: h.realisedUsdE18,
    unrealisedUsdE18: value === null ? null : value - h.costBasisUsdE18,
    incomeUsdE18: h.incomeUsdE18,
    feeCostUsdE18: h.feeCostUsdE18,
  };
}

const REALISING = new Set<Disposal["kind"]>(["sell", "swap", "trade_fee"]);

/** Recomputes the P&L figures from the trace's lines only. */
export function recomputePnlFromTrace(t: PnlTrace): { realisedUsdE18: UsdE18; unrealisedUsdE18: UsdE18 | null; incomeUsdE18: UsdE18; feeCostUsdE18: UsdE18 } {
  let realised = 0n;
  let feeCost = 0n;
  for (const d of t.disposals) {
    let cost = 0n;
    for (const c of d.consumed) cost += c.costUsdE18;
    if (REALISING.has(d.kind)) realised += d.proceedsUsdE18 - cost;
    else if (d.kind !== "transfer_out") feeCost += cost;
  }
  let income = 0n;
  for (const i of t.income) income += i.valueUsdE18;
  let qty = 0n;
  let cost = 0n;
  for (const l of t.openLots) {
    qty += l.quantityRaw;
    cost += l.costUsdE18;
  }
  const unrealised = t.priceUsdE18 === null ? null : valueUsdE18(qty, t.decimals, t.priceUsdE18) - cost;
  return { realisedUsdE18: realised, unrealisedUsdE18: unrealised, incomeUsdE18: income, feeCostUsdE18: feeCost };
}

export type ReturnTrace = {
  range: ReturnRange;
  startDay: DayNumber;
  endDay: DayNumber;
  /** Daily sub-periods: value at risk at the start, end value net of the day's flows, return. */
  subPeriods: { day: DayNumber; startValueUsdE18: UsdE18; endValueNetOfFlowsUsdE18: UsdE18; return: number; unpriced?: string[] }[];
  /** The investor's cash flows used for the MWR. */
  cashFlows: CashFlow[];
  startValueUsdE18: UsdE18;
  endValueUsdE18: UsdE18;
  externalFlows: { day: DayNumber; flowUsdE18: UsdE18 }[];
  twr: number;
  mwrAnnualised: number | null;
};

/** The trace behind a range's TWR and MWR. */
export function explainReturn(s: ValuationSeries, range: ReturnRange, nowDay: DayNumber): ReturnTrace {
  const { startDay, endDay } = rangeBounds(range, nowDay, s);
  const subPeriods: ReturnTrace["subPeriods"] = [];
  const externalFlows: ReturnTrace["externalFlows"] = [];
  let growth = 1;
  for (let d = Math.max(startDay + 1, s.startDay); d <= Math.min(endDay, s.endDay); d++) {
    const k = d - s.startDay;
    const r = s.dailyReturn[k]!;
    growth *= 1 + r;
    const u = s.unpriced.get(d);
    subPeriods.push({ day: d, startValueUsdE18: s.returnDenUsdE18[k]!, endValueNetOfFlowsUsdE18: s.returnNumUsdE18[k]!, return: r, ...(u ? { unpriced: u } : {}) });
    if (s.externalFlowUsdE18[k] !== 0n) externalFlows.push({ day: d, flowUsdE18: s.externalFlowUsdE18[k]! });
  }
  const cashFlows = mwrCashFlows(s, startDay, endDay);
  return {
    range,
    startDay,
    endDay,
    subPeriods,
    cashFlows,
    startValueUsdE18: valueAt(s, startDay),
    endValueUsdE18: valueAt(s, endDay),
    externalFlows,
    twr: growth - 1,
    mwrAnnualised: xirr(cashFlows),
  };
}

/** TWR = Π (end net of flows / start) − 1 over the sub-periods (days with nothing at risk count as 0 %). */
export function recomputeTwrFromTrace(t: ReturnTrace): number {
  let g = 1;
  for (const p of t.subPeriods) {
    if (p.startValueUsdE18 > 0n) g *= usdE18ToNumber(p.endValueNetOfFlowsUsdE18) / usdE18ToNumber(p.startValueUsdE18);
  }
  return g - 1;
}

/** MWR from the trace's cash flows. */
export function recomputeMwrFromTrace(t: ReturnTrace): number | null {
  return xirr(t.cashFlows);
}
