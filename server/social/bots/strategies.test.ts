import { describe, expect, it } from "vitest";
import { bestByReturn, momentumRotation, rsiMeanReversion, smaCrossover, weeklyDca } from "./strategies";
import { isMonday, orderAmountIn, trailingReturn, type BotAsset, type BotDay, type Strategy } from "./strategy";

// 2024-07-01 (a Monday) is day 19,905.
const MONDAY = 19_905;

function dayOf(day: number, history: Partial<Record<BotAsset, number[]>>): BotDay {
  const closes: Partial<Record<BotAsset, number>> = {};
  for (const [a, h] of Object.entries(history) as [BotAsset, number[]][]) closes[a] = h[h.length - 1]!;
  return { day, closes, history };
}

/** Runs a strategy over the prefixes of a series (day i sees closes[0..i]); the orders per day. */
function replay<S>(s: Strategy<S>, series: Partial<Record<BotAsset, number[]>>, firstDay = MONDAY) {
  const n = Math.max(...Object.values(series).map((h) => h.length));
  let state = s.initialState;
  const out: { i: number; orders: ReturnType<Strategy<S>["decide"]>["orders"] }[] = [];
  for (let i = 0; i < n; i++) {
    const history: Partial<Record<BotAsset, number[]>> = {};
    for (const [a, h] of Object.entries(series) as [BotAsset, number[]][]) history[a] = h.slice(0, i + 1);
    const d = s.decide(state, dayOf(firstDay + i, history));
    state = d.state;
    if (d.orders.length > 0) out.push({ i, orders: d.orders });
  }
  return out;
}

describe("helpers", () => {
  it("isMonday: 2024-07-01 and every 7th day after", () => {
    expect(isMonday(MONDAY)).toBe(true);
    expect(isMonday(MONDAY + 7)).toBe(true);
    expect(isMonday(MONDAY + 1)).toBe(false);
    expect(isMonday(0)).toBe(false); // Thursday
    expect(isMonday(4)).toBe(true); // 1970-01-05
  });
  it("orderAmountIn rounds down and caps a fixed buy at the cash", () => {
    expect(orderAmountIn({ side: "sell", asset: "BTC", shareBps: 5_000 }, { usdcRaw: 0n, assetRaw: 11n })).toBe(5n);
    expect(orderAmountIn({ side: "buy", asset: "BTC", spend: { kind: "share", shareBps: 5_000 } }, { usdcRaw: 7n, assetRaw: 0n })).toBe(3n);
    expect(orderAmountIn({ side: "buy", asset: "ETH", spend: { kind: "amount", usdcRaw: 100n } }, { usdcRaw: 60n, assetRaw: 0n })).toBe(60n);
    expect(orderAmountIn({ side: "buy", asset: "ETH", spend: { kind: "amount", usdcRaw: 100n } }, { usdcRaw: 160n, assetRaw: 0n })).toBe(100n);
  });
  it("trailingReturn over n days", () => {
    expect(trailingReturn([100, 1, 1, 110], 3)).toBeCloseTo(0.1, 12);
    expect(trailingReturn([100, 110], 3)).toBeNull();
  });
});

describe("SMA crossover (fast 2, slow 3 on hand-made closes)", () => {
  const s = smaCrossover({ asset: "ETH", fast: 2, slow: 3 });
  // closes:        10   9   8   9  11  12  10   8
  // SMA2:           -  9.5 8.5 8.5 10 11.5 11   9
  // SMA3:           -   -   9 8.67 9.33 10.67 11 10
  // fast−slow:              −.5 −.17 +.67 +.83 0  −1
  // cross up on i=4 (−.17 → +.67); i=6 is equal (not a cross down: strictly below needed);
  // cross down on i=7 (0 → −1: it was ≥ and is now <).
  const closes = [10, 9, 8, 9, 11, 12, 10, 8];
  it("buys all on the cross up and sells all on the cross down", () => {
    expect(replay(s, { ETH: closes })).toEqual([
      { i: 4, orders: [{ side: "buy", asset: "ETH", spend: { kind: "share", shareBps: 10_000 } }] },
      { i: 7, orders: [{ side: "sell", asset: "ETH", shareBps: 10_000 }] },
    ]);
  });
  it("does nothing before both SMAs exist", () => {
    expect(replay(s, { ETH: [1, 5, 9] })).toEqual([]);
  });
  it("the default is ETH with SMA9/SMA21", () => {
    expect(smaCrossover().rule).toContain("9-day");
    expect(smaCrossover().rule).toContain("21-day");
    // 60 falling closes then a sharp rise: exactly one cross up.
    const series = [...Array.from({ length: 60 }, (_, i) => 200 - i), ...Array.from({ length: 30 }, (_, i) => 150 + 10 * i)];
    const trades = replay(smaCrossover(), { ETH: series });
    expect(trades.map((t) => t.orders[0]!.side)).toEqual(["buy"]);
  });
});

describe("RSI mean reversion (period 2, 30/70)", () => {
  const s = rsiMeanReversion({ asset: "BTC", period: 2, oversold: 30, overbought: 70 });
  // closes 10, 11, 12, 10, 8, 9, 13
  // changes     +1  +1  −2  −2  +1  +4
  // RSI(2) at i=2: gain 1, loss 0 → 100.
  // i=3: gain (1·1+0)/2 = .5, loss (0+2)/2 = 1 → 100 − 100/1.5 = 33.3
  // i=4: gain .25, loss 1.5 → 100 − 100/(1+1/6) = 14.3  → crosses below 30: buy half the cash
  // i=5: gain .625, loss .75 → 45.5
  // i=6: gain 2.3125, loss .375 → 86.0 → crosses above 70: sell half
  it("buys half the cash on the cross below 30, sells half on the cross above 70", () => {
    expect(replay(s, { BTC: [10, 11, 12, 10, 8, 9, 13] })).toEqual([
      { i: 4, orders: [{ side: "buy", asset: "BTC", spend: { kind: "share", shareBps: 5_000 } }] },
      { i: 6, orders: [{ side: "sell", asset: "BTC", shareBps: 5_000 }] },
    ]);
  });
  it("acts once per spell, not every day in the zone", () => {
    // keeps falling: RSI stays < 30 after the first cross.
    const trades = replay(s, { BTC: [10, 11, 12, 10, 8, 7, 6, 5] });
    expect(trades).toHaveLength(1);
    expect(trades[0]!.i).toBe(4);
  });
});

describe("momentum rotation (lookback 2)", () => {
  const s = momentumRotation({ assets: ["ETH", "BTC", "SOL", "LINK"], lookbackDays: 2 });
  it("ranks by trailing return on Mondays only", () => {
    const h = { ETH: [100, 100, 110], BTC: [100, 100, 120], SOL: [100, 100, 90], LINK: [100, 100, 100] };
    expect(bestByReturn(h, ["ETH", "BTC", "SOL", "LINK"], 2)).toEqual({ asset: "BTC", ret: expect.closeTo(0.2, 12) as unknown as number });
    // Tuesday: nothing.
    expect(s.decide({ held: null }, dayOf(MONDAY + 1, h))).toEqual({ orders: [], state: { held: null } });
    expect(s.decide({ held: null }, dayOf(MONDAY, h))).toEqual({
      orders: [{ side: "buy", asset: "BTC", spend: { kind: "share", shareBps: 10_000 } }],
      state: { held: "BTC" },
    });
  });
  it("switches by selling the old leader then buying the new one", () => {
    const h = { ETH: [100, 100, 130], BTC: [100, 100, 120], SOL: [100, 100, 90], LINK: [100, 100, 100] };
    expect(s.decide({ held: "BTC" }, dayOf(MONDAY + 7, h)).orders).toEqual([
      { side: "sell", asset: "BTC", shareBps: 10_000 },
      { side: "buy", asset: "ETH", spend: { kind: "share", shareBps: 10_000 } },
    ]);
  });
  it("keeps the leader without trading, and goes to USDC when nothing is up", () => {
    const up = { ETH: [100, 100, 130], BTC: [100, 100, 120] };
    expect(s.decide({ held: "ETH" }, dayOf(MONDAY, up)).orders).toEqual([]);
    const down = { ETH: [100, 100, 99], BTC: [100, 100, 100], SOL: [100, 100, 50] };
    expect(s.decide({ held: "ETH" }, dayOf(MONDAY, down))).toEqual({ orders: [{ side: "sell", asset: "ETH", shareBps: 10_000 }], state: { held: null } });
    expect(s.decide({ held: null }, dayOf(MONDAY, down)).orders).toEqual([]);
  });
  it("ties go to the first asset listed", () => {
    expect(bestByReturn({ ETH: [1, 2], BTC: [1, 2] }, ["BTC", "ETH"], 1)?.asset).toBe("BTC");
  });
});

describe("weekly DCA", () => {
  const s = weeklyDca({ asset: "ETH", amountUsdcRaw: 188_679_245n });
  it("buys the fixed amount on Mondays only", () => {
    const trades = replay(s, { ETH: Array.from({ length: 15 }, () => 2_000) });
    expect(trades.map((t) => t.i)).toEqual([0, 7, 14]);
    expect(trades[0]!.orders).toEqual([{ side: "buy", asset: "ETH", spend: { kind: "amount", usdcRaw: 188_679_245n } }]);
  });
  it("states the amount in its rule", () => {
    expect(s.rule).toContain("188.679245 USDC");
  });
});
