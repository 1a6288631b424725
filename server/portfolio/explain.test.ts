import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { prepareActivities } from "./activities";
import { closePortfolioWorker, computeInWorker, runPortfolioJob } from "./compute-in-worker";
import { unwrapOrThrow } from "./errors";
import { explainHoldingPnl, explainReturn, recomputeMwrFromTrace, recomputePnlFromTrace, recomputeTwrFromTrace } from "./explain";
import { computeLots, summarizeHoldings } from "./lots";
import { computeRangeReturn, RANGES } from "./returns";
import { ASSETS, at, buy, D0, eth, feeAct, income, sell, swap, tIn, tOut, usdcQ } from "./testing/fixtures";
import { usd, type Activity, type PriceTable, type UsdE18 } from "./types";
import { computeValuationSeries } from "./valuation";

// A year of ETH and USDC activity with daily prices from a seeded walk.
function fixture(seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  const ethPrices: UsdE18[] = [];
  let p = 2000;
  for (let k = 0; k <= 400; k++) {
    p *= 1 + (rnd() - 0.5) * 0.08;
    ethPrices.push(usd(p.toFixed(2)));
  }
  const table: PriceTable = { eth: { startDay: D0, prices: ethPrices }, usdc: { startDay: D0, prices: ethPrices.map(() => usd("1")) } };
  const px = (k: number) => (Number(ethPrices[k]!) / 1e18).toFixed(2);
  const acts: Activity[] = [
    buy(0, "eth", eth("2"), px(0), { fee: { kind: "usd", usdE18: usd("4") } }),
    buy(30, "eth", eth("1"), px(30)),
    tIn(60, "usdc", usdcQ("5000"), { price: "1" }),
    income(90, "eth", eth("0.05"), px(90)),
    sell(120, "eth", eth("1.2"), px(120), { fee: { kind: "usd", usdE18: usd("3") } }),
    swap(150, ["usdc", usdcQ("2000")], ["eth", eth("0.9")], "2000"),
    tOut(180, "eth", eth("0.5"), { account: "w1", transferId: "own" }),
    tIn(180, "eth", eth("0.5"), { account: "w2", transferId: "own", seq: 1 }),
    feeAct(200, "eth", eth("0.01")),
    buy(250, "eth", eth("0.3"), px(250)),
    tOut(300, "usdc", usdcQ("1000")),
    sell(330, "eth", eth("0.4"), px(330), { account: "w2" }),
  ];
  return { acts, table, lookup: (a: string, d: number) => table[a]?.prices[d - D0] ?? null };
}

describe("explain this number", () => {
  const { acts, table, lookup } = fixture(7);
  const events = unwrapOrThrow(prepareActivities(acts, ASSETS));
  const now = D0 + 365;

  for (const method of ["fifo", "lifo", "hifo", "average"] as const) {
    it(`recomputes every holding's P&L from its trace alone (${method})`, () => {
      const l = unwrapOrThrow(computeLots(events, ASSETS, method, (a, ts) => lookup(a, Math.floor(ts / 86_400_000))));
      for (const h of summarizeHoldings(l, ASSETS, (a) => lookup(a, now))) {
        const trace = explainHoldingPnl(l, ASSETS, h.assetId, h.priceUsdE18)!;
        const again = recomputePnlFromTrace(trace);
        expect(again).toEqual({ realisedUsdE18: h.realisedUsdE18, unrealisedUsdE18: h.unrealisedUsdE18, incomeUsdE18: h.incomeUsdE18, feeCostUsdE18: h.feeCostUsdE18 });
        // The trace lists real lots: FIFO's first ETH sale consumed the day-0 lot first.
        if (method === "fifo" && h.assetId === "eth") expect(trace.disposals.find((d) => d.kind === "sell")!.consumed[0]!.acquiredAtMs).toBe(at(0));
      }
    });
  }

  it.each(RANGES)("recomputes the %s TWR and MWR from the trace alone", (range) => {
    const s = computeValuationSeries(events, ASSETS, lookup, { endDay: now });
    const r = computeRangeReturn(s, range, now);
    const t = explainReturn(s, range, now);
    expect(recomputeTwrFromTrace(t)).toBeCloseTo(r.twr, 12);
    const m = recomputeMwrFromTrace(t);
    if (r.mwrAnnualised === null) expect(m).toBeNull();
    else expect(m).toBeCloseTo(r.mwrAnnualised, 9);
    expect(t.subPeriods.length).toBe(r.endDay - Math.max(r.startDay, s.startDay - 1));
    void table;
  });

  it("property: traces reproduce TWR for random seeds and ranges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...RANGES), fc.integer({ min: 331, max: 400 }), (seed, range, end) => {
        const f = fixture(seed);
        const s = computeValuationSeries(unwrapOrThrow(prepareActivities(f.acts, ASSETS)), ASSETS, f.lookup, { endDay: D0 + end });
        expect(recomputeTwrFromTrace(explainReturn(s, range, D0 + end))).toBeCloseTo(computeRangeReturn(s, range, D0 + end).twr, 12);
      }),
      { numRuns: 30 },
    );
  });
});

describe("compute in a worker thread", () => {
  afterAll(() => closePortfolioWorker());
  it("returns the same result as running the job inline", async () => {
    const { acts, table } = fixture(11);
    const job = { activities: acts, assets: ASSETS, prices: table, nowDay: D0 + 365 };
    const [a, b] = await Promise.all([computeInWorker(job), computeInWorker(job)]);
    const inline = runPortfolioJob(job);
    expect(inline.ok).toBe(true);
    expect(a).toEqual(inline);
    expect(b).toEqual(inline);
  }, 30_000);

  it("returns invalid activities as a typed error", async () => {
    const r = await computeInWorker({ activities: [buy(0, "doge", 1n, "1")], assets: ASSETS, prices: {}, nowDay: D0 + 1 });
    expect(r).toMatchObject({ ok: false, error: { code: "portfolio.UNKNOWN_ASSET" } });
  }, 30_000);
});
