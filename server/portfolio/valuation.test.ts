import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareActivities } from "./activities";
import { unwrapOrThrow } from "./errors";
import { computeReturnBetween } from "./returns";
import { ASSETS, btc, buy, D0, eth, income, pricesFrom, sell, swap, tIn, tOut, usdcQ } from "./testing/fixtures";
import { dayOf, usd, valueUsdE18, type Activity, type PriceLookup } from "./types";
import { computeValuationSeries, valueAt } from "./valuation";

const series = (acts: Activity[], lookup: PriceLookup, days: number) =>
  computeValuationSeries(unwrapOrThrow(prepareActivities(acts, ASSETS)), ASSETS, lookup, { endDay: D0 + days });

describe("valuation series", () => {
  it("values holdings at each day's close and records external flows (scenario daily-valuation)", () => {
    // Day 0: buy 2 ETH @ 1000 (flow +2000), close 1000 → 2000. Day 1 close 1100 → 2200.
    // Day 2: sell 1 ETH @ 1200 (flow −1200), close 1200 → 1200. Day 3: income 0.5 ETH (no flow), close 1200 → 1800.
    const lookup = pricesFrom({ eth: { 0: "1000", 1: "1100", 2: "1200" } });
    const s = series([buy(0, "eth", eth("2"), "1000"), sell(2, "eth", eth("1"), "1200"), income(3, "eth", eth("0.5"), "1200")], lookup, 3);
    expect(s.valueUsdE18).toEqual([usd("2000"), usd("2200"), usd("1200"), usd("1800")]);
    expect(s.externalFlowUsdE18).toEqual([usd("2000"), 0n, usd("-1200"), 0n]);
    // r0 = 0 (nothing at risk), r1 = 2200/2000 − 1 = 10 %, r2 = (1200 + 1200)/2200 − 1 = 9.0909 %, r3 = 1800/1200 − 1 = 50 % (income is return)
    expect([...s.dailyReturn].map((r) => +r.toFixed(6))).toEqual([0, 0.1, 0.090909, 0.5]);
  });

  it("flags unpriced holdings and excludes them instead of valuing them at zero", () => {
    // ETH priced throughout (1000); ARB priced on day 0 and 2 only. Hold 1 of each (ARB @ 2).
    const lookup = pricesFrom({ eth: { 0: "1000" }, arb: { 0: "2", 1: null, 2: "3" } });
    const s = series([buy(0, "eth", eth("1"), "1000"), buy(0, "arb", eth("1"), "2", { seq: 1 })], lookup, 2);
    expect(s.valueUsdE18).toEqual([usd("1002"), usd("1000"), usd("1003")]);
    expect(s.unpriced).toEqual(new Map([[D0 + 1, ["arb"]]]));
    // Day 1 and 2 returns use only assets valued at both ends: ETH flat → 0 %, not −0.2 % then +0.3 %.
    expect(s.dailyReturn[1]).toBe(0);
    expect(s.dailyReturn[2]).toBe(0);
    expect(computeReturnBetween(s, D0, D0 + 2).incomplete).toBe(true);
  });

  it("swaps and own-account transfers are not external flows; external transfers are, at market value", () => {
    const lookup = pricesFrom({ eth: { 0: "2000" }, usdc: { 0: "1" } });
    const s = series(
      [
        tIn(0, "eth", eth("1"), { account: "a" }), // +2000 at the day's close price
        swap(1, ["eth", eth("0.5")], ["usdc", usdcQ("1000")], "1000", { account: "a" }),
        tOut(2, "usdc", usdcQ("500"), { account: "a", transferId: "m" }),
        tIn(2, "usdc", usdcQ("500"), { account: "b", transferId: "m", seq: 1 }),
        tOut(3, "eth", eth("0.25"), { account: "a" }), // −500
      ],
      lookup,
      3,
    );
    expect(s.externalFlowUsdE18).toEqual([usd("2000"), 0n, 0n, usd("-500")]);
    expect(s.valueUsdE18).toEqual([usd("2000"), usd("2000"), usd("2000"), usd("1500")]);
    expect([...s.dailyReturn]).toEqual([0, 0, 0, 0]);
  });

  it("property: value = Σ quantity × price at every date", () => {
    const assets = ["eth", "btc", "usdc"] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 30 }), asset: fc.constantFrom(...assets), units: fc.integer({ min: 1, max: 1000 }), sellFrac: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 93, maxLength: 93 }),
        (trades, rawPrices) => {
          const priceOf: PriceLookup = (a, d) => {
            const p = rawPrices[(d - D0) * 3 + assets.indexOf(a as (typeof assets)[number])];
            return p === undefined ? null : BigInt(p) * 10n ** 15n;
          };
          trades.sort((x, y) => x.day - y.day);
          const held = new Map<string, bigint>();
          const acts: Activity[] = [];
          trades.forEach((t, i) => {
            const dec = ASSETS[t.asset]!.decimals;
            const qty = BigInt(t.units) * 10n ** BigInt(dec - 2);
            const p = (Number(priceOf(t.asset, D0 + t.day)! / 10n ** 15n) / 1000).toFixed(3);
            acts.push(buy(t.day, t.asset, qty, p, { seq: 2 * i }));
            const h = (held.get(t.asset) ?? 0n) + qty;
            const s = (h * BigInt(t.sellFrac)) / 100n;
            if (s > 0n) acts.push(sell(t.day, t.asset, s, p, { seq: 2 * i + 1 }));
            held.set(t.asset, h - s);
          });
          const s = series(acts, priceOf, 30);
          for (let d = s.startDay; d <= s.endDay; d++) {
            let expected = 0n;
            for (const a of assets) {
              let qty = 0n;
              for (const x of acts) if (dayOf(x.timestampMs) <= d && "assetId" in x && x.assetId === a) qty += x.type === "buy" ? x.quantityRaw : -x.quantityRaw;
              expected += valueUsdE18(qty, ASSETS[a]!.decimals, priceOf(a, d)!);
            }
            expect(valueAt(s, d)).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("property: TWR is unchanged by the size of external cash flows at period boundaries", () => {
    // One asset; deposits of any size at any day's close price. Every daily return is then the
    // asset's own price return, so TWR over the range = P_end / P_start − 1 whatever the flows.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 50, max: 200 }), { minLength: 20, maxLength: 20 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 19 }), sats: fc.bigInt({ min: 1n, max: 10n ** 12n }), out: fc.boolean() }), { minLength: 1, maxLength: 15 }),
        (closes, flows) => {
          const spec: Record<number, string> = {};
          closes.forEach((c, k) => (spec[k] = String(c)));
          const lookup = pricesFrom({ btc: spec }, 20);
          flows.sort((a, b) => a.day - b.day);
          const acts: Activity[] = [tIn(0, "btc", btc("1"), { seq: 0 })];
          let held = btc("1");
          flows.forEach((f, i) => {
            if (f.out && f.sats < held) {
              acts.push(tOut(f.day, "btc", f.sats, { seq: i + 1 }));
              held -= f.sats;
            } else if (!f.out) {
              acts.push(tIn(f.day, "btc", f.sats, { seq: i + 1 }));
              held += f.sats;
            }
          });
          const s = series(acts, lookup, 19);
          const r = computeReturnBetween(s, D0, D0 + 19);
          expect(r.twr).toBeCloseTo(closes[19]! / closes[0]! - 1, 9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
