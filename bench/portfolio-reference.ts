// Naive reference for bench/portfolio.ts: for every day, recompute holdings by scanning ALL events
// from the beginning (O(days × events)), value them, and chain-link the daily returns with the same
// published conventions (valuation.ts header) written out independently. Slow on purpose.
import { dayOf, type AssetRegistry, type DayNumber, type Fee, type PortfolioEvent, type PriceLookup } from "@/server/portfolio/types";

const pow10 = (d: number) => 10n ** BigInt(d);
const down = (q: bigint, p: bigint, d: number) => (q * p) / pow10(d);
const up = (q: bigint, p: bigint, d: number) => {
  const n = q * p;
  const r = n / pow10(d);
  return r * pow10(d) === n ? r : r + 1n;
};

type Change = { asset: string; qty: bigint; flow: bigint; ext: bigint };

function changes(e: PortfolioEvent, assets: AssetRegistry, lookup: PriceLookup): Change[] {
  const dec = (a: string) => assets[a]!.decimals;
  const feeUsd = (f?: Fee) => (f && f.kind === "usd" ? f.usdE18 : 0n);
  const feeAsset = (f?: Fee): Change[] => (f && f.kind === "asset" ? [{ asset: f.assetId, qty: -f.quantityRaw, flow: 0n, ext: 0n }] : []);
  if (e.type === "buy") {
    const c = up(e.quantityRaw, e.priceUsdE18, dec(e.assetId)) + feeUsd(e.fee);
    return [{ asset: e.assetId, qty: e.quantityRaw, flow: c, ext: c }, ...feeAsset(e.fee)];
  }
  if (e.type === "sell") {
    const c = -(down(e.quantityRaw, e.priceUsdE18, dec(e.assetId)) - feeUsd(e.fee));
    return [{ asset: e.assetId, qty: -e.quantityRaw, flow: c, ext: c }, ...feeAsset(e.fee)];
  }
  if (e.type === "swap") {
    return [
      { asset: e.from.assetId, qty: -e.from.quantityRaw, flow: -e.valueUsdE18, ext: 0n },
      { asset: e.to.assetId, qty: e.to.quantityRaw, flow: e.valueUsdE18 + feeUsd(e.fee), ext: feeUsd(e.fee) },
      ...feeAsset(e.fee),
    ];
  }
  if (e.type === "transfer_in" || e.type === "transfer_out") {
    const p = e.priceUsdE18 ?? lookup(e.assetId, dayOf(e.timestampMs)) ?? 0n;
    const v = down(e.quantityRaw, p, dec(e.assetId)) * (e.type === "transfer_in" ? 1n : -1n);
    const q = e.type === "transfer_in" ? e.quantityRaw : -e.quantityRaw;
    return [{ asset: e.assetId, qty: q, flow: v + feeUsd(e.fee), ext: v + feeUsd(e.fee) }, ...feeAsset(e.fee)];
  }
  if (e.type === "income" || e.type === "fee") {
    const q = e.type === "income" ? e.quantityRaw : -e.quantityRaw;
    return [{ asset: e.assetId, qty: q, flow: feeUsd(e.fee), ext: feeUsd(e.fee) }, ...feeAsset(e.fee)];
  }
  if (e.type !== "move") throw new Error("unreachable");
  let fee = 0n;
  const out: Change[] = [];
  for (const f of e.fees) {
    fee += feeUsd(f);
    out.push(...feeAsset(f));
  }
  return [{ asset: e.assetId, qty: e.receivedRaw - e.sentRaw, flow: fee, ext: fee }, ...out];
}

export type ReferenceSeries = { startDay: DayNumber; value: bigint[]; externalFlow: bigint[]; twrIndex: number[] };

export function referenceValuation(events: readonly PortfolioEvent[], assets: AssetRegistry, lookup: PriceLookup, startDay: DayNumber, endDay: DayNumber): ReferenceSeries {
  // Each event's changes are derived once (that is not the naive part); holdings are then rebuilt
  // from scratch for every day by scanning all events.
  const names: string[] = [];
  const idx = new Map<string, number>();
  const id = (a: string) => idx.get(a) ?? (idx.set(a, names.push(a) - 1), names.length - 1);
  const flat = events.map((e) => ({ day: dayOf(e.timestampMs), changes: changes(e, assets, lookup).map((c) => ({ ...c, i: id(c.asset) })) }));
  const value: bigint[] = [];
  const externalFlow: bigint[] = [];
  const twrIndex: number[] = [];
  let prev: (bigint | null)[] = names.map(() => 0n); // value yesterday (null = unpriced)
  let g = 1;
  for (let day = startDay; day <= endDay; day++) {
    const qty: bigint[] = names.map(() => 0n);
    const flow: bigint[] = names.map(() => 0n);
    let ext = 0n;
    for (const e of flat) {
      if (e.day > day) continue; // scan everything, every day
      for (const c of e.changes) {
        qty[c.i]! += c.qty;
        if (e.day === day) {
          flow[c.i]! += c.flow;
          ext += c.ext;
        }
      }
    }
    const today: (bigint | null)[] = [];
    let v = 0n;
    let num = 0n;
    let den = 0n;
    for (let a = 0; a < names.length; a++) {
      const q = qty[a]!;
      let val: bigint | null = 0n;
      if (q !== 0n) {
        const p = lookup(names[a]!, day);
        val = p === null ? null : down(q, p, assets[names[a]!]!.decimals);
      }
      today.push(val);
      const y = prev[a]!;
      if (val !== null && y !== null) {
        num += val - flow[a]!;
        den += y;
      }
      if (val !== null) v += val;
    }
    prev = today;
    value.push(v);
    externalFlow.push(ext);
    g *= den > 0n ? Number(num) / Number(den) : 1;
    twrIndex.push(g);
  }
  return { startDay, value, externalFlow, twrIndex };
}
