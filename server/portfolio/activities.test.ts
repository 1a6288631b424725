import { describe, expect, it } from "vitest";
import { prepareActivities } from "./activities";
import { unwrapOrThrow } from "./errors";
import { computeLots, summarizeHoldings } from "./lots";
import { ASSETS, at, buy, D0, eth, pricesFrom, sell, tIn, tOut } from "./testing/fixtures";
import { dayFromIso, formatUsdE18, isoFromDay, mulDivUp, usd, usdE18ToNumber, valueUsdE18, costUsdE18, type InternalMove } from "./types";
import { computeValuationSeries, valueAt } from "./valuation";

const prep = (acts: Parameters<typeof prepareActivities>[0], opts = {}) => unwrapOrThrow(prepareActivities(acts, ASSETS, opts));

describe("prepareActivities: own-account transfer matching", () => {
  it("sorts by time, keeping input order for ties", () => {
    const a = buy(2, "eth", 1n, "1", { id: "late" });
    const b = buy(1, "eth", 1n, "1", { id: "early" });
    const c = buy(1, "eth", 1n, "1", { id: "early2" });
    expect(prep([a, b, c]).map((e) => e.id)).toEqual(["early", "early2", "late"]);
  });

  it("pairs an internal transfer_out with its transfer_in into one move", () => {
    const events = prep([buy(0, "eth", eth("1"), "1", { account: "a" }), tOut(1, "eth", eth("1"), { account: "a", internal: true, to: "b", id: "o" }), tIn(1, "eth", eth("1"), { account: "b", seq: 5, id: "i" })]);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: "move", activityIds: ["o", "i"], fromAccountId: "a", toAccountId: "b" } satisfies Partial<InternalMove>);
  });

  it("an internal transfer_in alone is a move from the named account", () => {
    const events = prep([buy(0, "eth", eth("1"), "1", { account: "a" }), tIn(1, "eth", eth("1"), { account: "b", internal: true, from: "a", id: "i" })]);
    expect(events[1]).toMatchObject({ type: "move", activityIds: ["i"], fromAccountId: "a", toAccountId: "b" });
  });

  it("does not auto-match outside the window, across different quantities, or within one account", () => {
    const out = tOut(1, "eth", eth("1"), { account: "a" });
    expect(prep([out, tIn(3, "eth", eth("1"), { account: "b" })]).map((e) => e.type)).toEqual(["transfer_out", "transfer_in"]);
    expect(prep([out, tIn(1, "eth", eth("0.9"), { account: "b", seq: 1 })]).map((e) => e.type)).toEqual(["transfer_out", "transfer_in"]);
    expect(prep([out, tIn(1, "eth", eth("1"), { account: "a", seq: 1 })]).map((e) => e.type)).toEqual(["transfer_out", "transfer_in"]);
    expect(prep([out, tIn(3, "eth", eth("1"), { account: "b" })], { matchWindowMs: 3 * 86_400_000 }).map((e) => e.type)).toEqual(["move"]);
    expect(prep([out, tIn(1, "eth", eth("1"), { account: "b", seq: 1 })], { matchWindowMs: 0 }).map((e) => e.type)).toEqual(["transfer_out", "transfer_in"]);
  });

  it("rejects a transferId pair that receives more than was sent", () => {
    const r = prepareActivities([tOut(1, "eth", 1n, { account: "a", transferId: "x" }), tIn(1, "eth", 2n, { account: "b", transferId: "x" })], ASSETS);
    expect(r).toMatchObject({ ok: false, error: { code: "portfolio.INVALID_ACTIVITY" } });
  });
});

describe("cost basis edge cases", () => {
  it("a transfer in with a known cost basis keeps it; a USD fee on a transfer is fee cost", () => {
    // 1 ETH arrives bought elsewhere for 800 (market 1500) with a $2 fee: cost basis 800, fee cost 2,
    // net invested 802. At 1500: unrealised 700, total P&L 700 − 2 = 698 = 1500 − 802.
    const l = unwrapOrThrow(computeLots(prep([tIn(0, "eth", eth("1"), { price: "1500", costBasis: "800", fee: { kind: "usd", usdE18: usd("2") } })]), ASSETS, "fifo"));
    const [h] = summarizeHoldings(l, ASSETS, () => usd("1500"));
    expect(h).toMatchObject({ costBasisUsdE18: usd("800"), feeCostUsdE18: usd("2"), netInvestedUsdE18: usd("802"), totalPnlUsdE18: usd("698") });
  });

  it("a sell paying its fee in another asset: proceeds net of the fee, the fee asset disposed at its value", () => {
    // Hold 1 ETH (cost 1000) and 10 UNI (cost 50). Sell 1 ETH @ 2000 paying 1 UNI @ 6 as fee:
    // ETH proceeds 2000 − 6 = 1994 → realised 994; UNI: 1 UNI (cost 5) disposed for 6 → realised 1.
    const l = unwrapOrThrow(
      computeLots(
        prep([buy(0, "eth", eth("1"), "1000"), buy(0, "uni", eth("10"), "5", { seq: 1 }), sell(1, "eth", eth("1"), "2000", { fee: { kind: "asset", assetId: "uni", quantityRaw: eth("1"), priceUsdE18: usd("6") } })]),
        ASSETS,
        "fifo",
      ),
    );
    const h = Object.fromEntries(summarizeHoldings(l, ASSETS, () => usd("6")).map((x) => [x.assetId, x]));
    expect(h.eth!.realisedUsdE18).toBe(usd("994"));
    expect(h.uni!.realisedUsdE18).toBe(usd("1"));
    expect(h.uni!.quantityRaw).toBe(eth("9"));
  });

  it("rounds consumed cost up and keeps total cost exact (1 wei lots of a 3-way split)", () => {
    // Cost 10 USD×1e-18 for 3 wei; selling 1 wei consumes ceil(10/3) = 4, leaving 6 for 2 wei.
    const l = unwrapOrThrow(computeLots(prep([buy(0, "eth", 3n, "0", { fee: { kind: "usd", usdE18: 10n } }), sell(1, "eth", 1n, "0")]), ASSETS, "fifo"));
    const h = l.holdings.get("eth")!;
    expect(h.disposals[0]!.costUsdE18).toBe(4n);
    expect(h.costBasisUsdE18).toBe(6n);
  });
});

describe("valuation from a later start day", () => {
  it("values the opening holdings at the close before startDay", () => {
    const lookup = pricesFrom({ eth: { 0: "1000", 5: "1100", 6: "1210" } });
    const s = computeValuationSeries(prep([buy(0, "eth", eth("1"), "1000")]), ASSETS, lookup, { startDay: D0 + 6, endDay: D0 + 6 });
    expect(s.openingValueUsdE18).toBe(usd("1100"));
    expect(valueAt(s, D0)).toBe(usd("1100"));
    expect(s.dailyReturn[0]).toBeCloseTo(0.1, 12);
  });
});

describe("money and day helpers", () => {
  it("converts and rounds explicitly", () => {
    expect(usd("1234.5")).toBe(1234_500000000000000000n);
    expect(usd("-0.000000000000000001")).toBe(-1n);
    expect(formatUsdE18(usd("-12.340"))).toBe("-12.34");
    expect(formatUsdE18(usd("7"))).toBe("7");
    expect(usdE18ToNumber(usd("123456789.123456789"))).toBeCloseTo(123456789.123456789, 6);
    // 1 wei of ETH at 1.5 USD: value rounds down to 1 (×1e-18), cost rounds up to 2.
    expect(valueUsdE18(1n, 18, usd("1.5"))).toBe(1n);
    expect(costUsdE18(1n, 18, usd("1.5"))).toBe(2n);
    expect(mulDivUp(6n, 1n, 3n)).toBe(2n);
  });
  it("days are UTC", () => {
    expect(isoFromDay(dayFromIso("2024-02-29"))).toBe("2024-02-29");
    expect(Math.floor(at(0) / 86_400_000)).toBe(D0);
  });
});
