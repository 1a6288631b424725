// Daily valuation series (UTC days) and the daily sub-period returns that TWR chain-links. Pure.
//
// EXTERNAL CASH FLOWS (what TWR neutralises and MWR treats as the investor's cash flows)
//   The portfolio holds assets only (a stablecoin is an asset, there is no implicit cash line), so
//   money crossing its boundary is an external flow, positive into the portfolio:
//     buy                 +cost (quantity × price, rounded up) + USD fee   (outside money spent)
//     sell                −(value − USD fee)                                (outside money received)
//     transfer_in (ext)   +market value at receipt (activity price, else the day's close)
//     transfer_out (ext)  −market value at sending
//     any USD fee         +fee (outside money paid; it then shows up as a loss in the return)
//   NOT flows: income (it is return), swaps (value moves between two assets), fees paid in an
//   asset (a loss), transfers between the user's own accounts (InternalMove).
//
// TWR METHOD: daily chain-linking with flows at END of day. For day d:
//     r_d = (V_d − F_d) / V_{d−1} − 1,      TWR(a, b] = Π_{d=a+1..b} (1 + r_d) − 1
//   V_d = value at day d's close, F_d = that day's net external flow. A day that starts at zero
//   value has r_d = 0 (nothing was at risk; the intraday move of a first purchase counts from the
//   next day on).
//
// UNPRICED HOLDINGS: a held asset whose price lookup returns null is left out of V_d and listed in
//   `unpriced`, never valued at zero. To keep r_d honest, r_d is computed over the assets that are
//   valued at both ends of the day (an asset with zero quantity at an end counts as valued), with
//   only those assets' flows: numerator = Σ (v_d − f_d), denominator = Σ v_{d−1}.
import { costUsdE18, dayOf, pow10, usdE18ToNumber, valueUsdE18, type AssetRegistry, type DayNumber, type Fee, type PortfolioEvent, type PriceLookup, type UsdE18 } from "./types";

export type ValuationSeries = {
  /** Day of index 0; index i is day `startDay + i`. */
  startDay: DayNumber;
  /** Value at the close of startDay − 1 (0 unless `startDay` was given after earlier events). */
  openingValueUsdE18: UsdE18;
  endDay: DayNumber;
  /** Value at each day's close over priced holdings (USD×1e18). */
  valueUsdE18: UsdE18[];
  /** Net external flow of each day (positive = into the portfolio). */
  externalFlowUsdE18: UsdE18[];
  /** Sub-period return r_d = returnNumUsdE18 / returnDenUsdE18 − 1 (0 when the denominator is 0). */
  dailyReturn: Float64Array;
  /** Σ over consistently valued assets of (v_d − f_d): the day's end value net of its flows. */
  returnNumUsdE18: UsdE18[];
  /** Σ over the same assets of v_{d−1}: the value at risk during the day. */
  returnDenUsdE18: UsdE18[];
  /** Growth of 1 from the start: twrIndex[i] = Π_{j ≤ i} (1 + r_j). */
  twrIndex: Float64Array;
  /** Days with held but unpriced assets → those asset ids (excluded from value). */
  unpriced: Map<DayNumber, string[]>;
  /** Quantities held at the end of endDay, per asset (all accounts). */
  finalQuantitiesRaw: Map<string, bigint>;
};

type Delta = { idx: number; qty: bigint; flow: UsdE18 };

// Module-level helpers rather than per-event closures: this runs once per event on the hot path.
const usdFee = (f: Fee | undefined): UsdE18 => (f?.kind === "usd" ? f.usdE18 : 0n);
function pushAssetFee(f: Fee | undefined, idxOf: (a: string) => number, out: Delta[]): void {
  if (f?.kind === "asset" && f.quantityRaw > 0n) out.push({ idx: idxOf(f.assetId), qty: -f.quantityRaw, flow: 0n });
}
const decimalsOf = (assets: AssetRegistry, a: string) => assets[a]?.decimals ?? 18;

/** Turns an event into quantity changes and per-asset flows (see header); returns its external flow. */
function eventDeltas(e: PortfolioEvent, idxOf: (a: string) => number, assets: AssetRegistry, lookup: PriceLookup, out: Delta[]): UsdE18 {
  switch (e.type) {
    case "buy": {
      const flow = costUsdE18(e.quantityRaw, decimalsOf(assets, e.assetId), e.priceUsdE18) + usdFee(e.fee);
      out.push({ idx: idxOf(e.assetId), qty: e.quantityRaw, flow });
      pushAssetFee(e.fee, idxOf, out);
      return flow;
    }
    case "sell": {
      const flow = -(valueUsdE18(e.quantityRaw, decimalsOf(assets, e.assetId), e.priceUsdE18) - usdFee(e.fee));
      out.push({ idx: idxOf(e.assetId), qty: -e.quantityRaw, flow });
      pushAssetFee(e.fee, idxOf, out);
      return flow;
    }
    case "swap": {
      const fee = usdFee(e.fee);
      out.push({ idx: idxOf(e.from.assetId), qty: -e.from.quantityRaw, flow: -e.valueUsdE18 });
      out.push({ idx: idxOf(e.to.assetId), qty: e.to.quantityRaw, flow: e.valueUsdE18 + fee });
      pushAssetFee(e.fee, idxOf, out);
      return fee;
    }
    case "transfer_in":
    case "transfer_out": {
      const price = e.priceUsdE18 ?? lookup(e.assetId, dayOf(e.timestampMs)) ?? 0n;
      const v = valueUsdE18(e.quantityRaw, decimalsOf(assets, e.assetId), price);
      const sign = e.type === "transfer_in" ? 1n : -1n;
      const flow = sign * v + usdFee(e.fee);
      out.push({ idx: idxOf(e.assetId), qty: sign * e.quantityRaw, flow });
      pushAssetFee(e.fee, idxOf, out);
      return flow;
    }
    case "income":
    case "fee": {
      const fee = usdFee(e.fee);
      out.push({ idx: idxOf(e.assetId), qty: e.type === "income" ? e.quantityRaw : -e.quantityRaw, flow: fee });
      pushAssetFee(e.fee, idxOf, out);
      return fee;
    }
    case "move": {
      let fee = 0n;
      for (const f of e.fees) {
        fee += usdFee(f);
        pushAssetFee(f, idxOf, out);
      }
      out.push({ idx: idxOf(e.assetId), qty: e.receivedRaw - e.sentRaw, flow: fee });
      return fee;
    }
  }
}

/**
 * Values the portfolio at every UTC day close from the first event's day (or `startDay`) to
 * `endDay` (usually `dayOf(now)`), with external flows and daily sub-period returns.
 * One pass: events are consumed in order (they are sorted by prepareActivities), holdings are
 * updated incrementally, and each day prices only the assets held. Cost O(events + days × held assets).
 */
export function computeValuationSeries(
  events: readonly PortfolioEvent[],
  assets: AssetRegistry,
  lookup: PriceLookup,
  opts: { endDay: DayNumber; startDay?: DayNumber },
): ValuationSeries {
  const first = events[0];
  const startDay = opts.startDay ?? (first ? dayOf(first.timestampMs) : opts.endDay);
  const endDay = Math.max(opts.endDay, startDay);
  const n = endDay - startDay + 1;

  const ids: string[] = [];
  const index = new Map<string, number>();
  const idxOf = (a: string) => {
    let i = index.get(a);
    if (i === undefined) {
      i = ids.length;
      index.set(a, i);
      ids.push(a);
      qty.push(0n);
      prevVal.push(0n);
      prevOk.push(true);
      flow.push(0n);
      decs.push(assets[a]?.decimals ?? 18);
    }
    return i;
  };
  const qty: bigint[] = [];
  const prevVal: bigint[] = [];
  const prevOk: boolean[] = [];
  const flow: bigint[] = [];
  const decs: number[] = [];

  const value: UsdE18[] = new Array<UsdE18>(n);
  const extFlow: UsdE18[] = new Array<UsdE18>(n);
  const num: UsdE18[] = new Array<UsdE18>(n);
  const den: UsdE18[] = new Array<UsdE18>(n);
  const dailyReturn = new Float64Array(n);
  const twrIndex = new Float64Array(n);
  const unpriced = new Map<DayNumber, string[]>();
  const deltas: Delta[] = [];

  // Events before startDay only build the opening holdings (valued at startDay − 1 below).
  let p = 0;
  let opening = 0n;
  while (p < events.length && dayOf(events[p]!.timestampMs) < startDay) {
    deltas.length = 0;
    eventDeltas(events[p]!, idxOf, assets, lookup, deltas);
    for (const d of deltas) qty[d.idx]! += d.qty;
    p++;
  }
  for (let i = 0; i < ids.length; i++) {
    if (qty[i] === 0n) continue;
    const price = lookup(ids[i]!, startDay - 1);
    prevOk[i] = price !== null;
    prevVal[i] = price === null ? 0n : valueUsdE18(qty[i]!, decs[i]!, price);
    opening += prevVal[i]!;
  }

  let growth = 1;
  let prevTotal = opening; // Σ of prevVal over priced assets
  for (let k = 0; k < n; k++) {
    const day = startDay + k;
    let ext = 0n;
    while (p < events.length && dayOf(events[p]!.timestampMs) === day) {
      deltas.length = 0;
      ext += eventDeltas(events[p]!, idxOf, assets, lookup, deltas);
      for (const d of deltas) {
        qty[d.idx]! += d.qty;
        flow[d.idx]! += d.flow;
      }
      p++;
    }
    // Common path per asset: one valuation and one addition. The return's numerator and
    // denominator start from the totals and are corrected only for assets left out (unpriced at
    // either end) and for flows, which are rare.
    let v = 0n;
    let excludedNow = 0n;
    let excludedPrev = 0n;
    let includedFlows = 0n;
    let missing: string[] | undefined;
    for (let i = 0; i < ids.length; i++) {
      const q = qty[i]!;
      const f = flow[i]!;
      const wasOk = prevOk[i]!;
      const pv = prevVal[i]!;
      if (q === 0n && pv === 0n && f === 0n && wasOk) continue;
      let val = 0n;
      let okNow = true;
      if (q !== 0n) {
        const price = lookup(ids[i]!, day);
        if (price === null) {
          okNow = false;
          (missing ??= []).push(ids[i]!);
        } else {
          val = (q * price) / pow10(decs[i]!);
          v += val;
        }
      }
      if (okNow && wasOk) {
        if (f !== 0n) includedFlows += f;
      } else {
        if (okNow) excludedNow += val;
        if (wasOk) excludedPrev += pv;
      }
      prevVal[i] = val;
      prevOk[i] = okNow;
      if (f !== 0n) flow[i] = 0n;
    }
    const nu = v - excludedNow - includedFlows;
    const de = prevTotal - excludedPrev;
    prevTotal = v;
    value[k] = v;
    extFlow[k] = ext;
    num[k] = nu;
    den[k] = de;
    const r = de > 0n ? usdE18ToNumber(nu) / usdE18ToNumber(de) - 1 : 0;
    dailyReturn[k] = r;
    growth *= 1 + r;
    twrIndex[k] = growth;
    if (missing) unpriced.set(day, missing);
  }
  const finalQuantitiesRaw = new Map<string, bigint>();
  for (let i = 0; i < ids.length; i++) if (qty[i] !== 0n) finalQuantitiesRaw.set(ids[i]!, qty[i]!);
  return {
    startDay,
    openingValueUsdE18: opening,
    endDay,
    valueUsdE18: value,
    externalFlowUsdE18: extFlow,
    dailyReturn,
    returnNumUsdE18: num,
    returnDenUsdE18: den,
    twrIndex,
    unpriced,
    finalQuantitiesRaw,
  };
}

/** Value at a day's close (the opening value before the series, the last value after it). */
export function valueAt(s: ValuationSeries, day: DayNumber): UsdE18 {
  if (day < s.startDay) return s.openingValueUsdE18;
  const i = Math.min(day, s.endDay) - s.startDay;
  return s.valueUsdE18[i] ?? 0n;
}

/** TWR growth index at a day's close (1 before the series). */
export function twrIndexAt(s: ValuationSeries, day: DayNumber): number {
  if (day < s.startDay) return 1;
  return s.twrIndex[Math.min(day, s.endDay) - s.startDay] ?? 1;
}
