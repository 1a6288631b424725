import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDca, blockDcaBuy, dcaBudgetRaw, dcaRunKey, decideDca, isDcaStale, lastSlotIndex, nextSlot, slotAt, slotTime } from "./dca";
import { INITIAL_DCA_STATE, type Addr, type DcaConfig, type DcaState } from "./types";

const USDC = "0x0000000000000000000000000000000000000002" as Addr;
const WETH = "0x0000000000000000000000000000000000000001" as Addr;
const d = (s: string) => new Date(s);
const E6 = 1_000_000n;
// 100 USDC every day from Jan 1, 3 buys at most (budget 300 USDC).
const daily: DcaConfig = { tokenIn: USDC, tokenOut: WETH, amountInRaw: 100n * E6, interval: { every: 1, unit: "day" }, startAt: d("2026-01-01T00:00:00Z"), maxRuns: 3, slippageBps: 50 };

describe("scenario daily-dca-with-outage", () => {
  it("waits for the start, buys slot 0, then waits for slot 1", () => {
    expect(decideDca(daily, INITIAL_DCA_STATE, { now: d("2025-12-31T23:00:00Z"), priceUsd: null })).toEqual({ action: "wait", nextAt: daily.startAt, reason: "The schedule has not started." });
    const b = decideDca(daily, INITIAL_DCA_STATE, { now: d("2026-01-01T01:00:00Z"), priceUsd: null });
    expect(b).toMatchObject({ action: "buy", slot: 0, amountInRaw: 100n * E6, missed: 0, nextAt: d("2026-01-02T00:00:00Z") });
    const s1 = applyDca(INITIAL_DCA_STATE, b);
    expect(s1).toEqual({ lastSlot: 0, runs: 1, spentRaw: 100n * E6, skipped: 0, missed: 0 });
    expect(decideDca(daily, s1, { now: d("2026-01-01T23:59:59Z"), priceUsd: null })).toMatchObject({ action: "wait", nextAt: d("2026-01-02T00:00:00Z") });
  });
  it("after an outage over slots 1 and 2, only slot 3 runs; 1 and 2 are missed", () => {
    // Down from Jan 1 01:00 to Jan 4 10:00: slots 1 (Jan 2), 2 (Jan 3) passed; slot 3 (Jan 4) is due.
    const s1: DcaState = { lastSlot: 0, runs: 1, spentRaw: 100n * E6, skipped: 0, missed: 0 };
    const b = decideDca(daily, s1, { now: d("2026-01-04T10:00:00Z"), priceUsd: null });
    expect(b).toMatchObject({ action: "buy", slot: 3, amountInRaw: 100n * E6, missed: 2 });
    expect(b.action === "buy" && b.reason).toMatch(/2 earlier slot\(s\) missed/);
    const s2 = applyDca(s1, b);
    expect(s2).toEqual({ lastSlot: 3, runs: 2, spentRaw: 200n * E6, skipped: 0, missed: 2 });
    const s3 = applyDca(s2, decideDca(daily, s2, { now: d("2026-01-05T00:00:01Z"), priceUsd: null }));
    expect(s3.runs).toBe(3);
    // 3 buys = 300 USDC = the budget: complete.
    expect(decideDca(daily, s3, { now: d("2026-01-06T00:00:01Z"), priceUsd: null })).toMatchObject({ action: "complete", reason: "max_runs" });
    expect(nextSlot(daily, s3, d("2026-01-06T00:00:01Z"))).toBeNull();
  });
  it("the last buy is trimmed to the budget left (amount raised after 2 runs cannot overspend)", () => {
    // Budget 3 × 100 = 300; spent 250 (an earlier amount) → the next buy spends 50.
    const s: DcaState = { lastSlot: 1, runs: 2, spentRaw: 250n * E6, skipped: 0, missed: 0 };
    expect(decideDca(daily, s, { now: d("2026-01-03T00:00:00Z"), priceUsd: null })).toMatchObject({ action: "buy", slot: 2, amountInRaw: 50n * E6 });
    expect(decideDca(daily, { ...s, spentRaw: 300n * E6 }, { now: d("2026-01-03T00:00:00Z"), priceUsd: null })).toMatchObject({ action: "complete", reason: "budget_exhausted" });
    expect(dcaBudgetRaw(daily)).toBe(300n * E6);
    expect(dcaBudgetRaw({ ...daily, maxRuns: undefined })).toBeNull();
  });
});

describe("pause band", () => {
  const band: DcaConfig = { ...daily, maxRuns: undefined, pauseAbovePriceUsd: 3000, pauseBelowPriceUsd: 1000 };
  const now = d("2026-01-02T00:00:00Z");
  it("skips above / below (counted as skipped, nothing spent), buys inside", () => {
    const up = decideDca(band, INITIAL_DCA_STATE, { now, priceUsd: 3100 });
    expect(up).toMatchObject({ action: "skip", slot: 1, reason: "price_above", missed: 1 });
    expect(applyDca(INITIAL_DCA_STATE, up)).toEqual({ lastSlot: 1, runs: 0, spentRaw: 0n, skipped: 1, missed: 1 });
    expect(decideDca(band, INITIAL_DCA_STATE, { now, priceUsd: 900 })).toMatchObject({ action: "skip", reason: "price_below" });
    expect(decideDca(band, INITIAL_DCA_STATE, { now, priceUsd: 2000 })).toMatchObject({ action: "buy", slot: 1 });
  });
  it("a buy blocked by the breaker becomes a skip of its slot", () => {
    const b = decideDca(band, INITIAL_DCA_STATE, { now, priceUsd: 2000 });
    if (b.action !== "buy") throw new Error("expected a buy");
    const s = blockDcaBuy(b, "conservative_only blocks new risk");
    expect(s).toMatchObject({ action: "skip", slot: 1, reason: "blocked", message: "conservative_only blocks new risk", missed: 1 });
    expect(applyDca(INITIAL_DCA_STATE, s)).toEqual({ lastSlot: 1, runs: 0, spentRaw: 0n, skipped: 1, missed: 1 });
  });
  it("without a price the slot is retried, not bought blind or thrown away", () => {
    expect(decideDca(band, INITIAL_DCA_STATE, { now, priceUsd: null })).toEqual({ action: "wait", nextAt: now, reason: "No price to check the pause band; retrying." });
  });
});

describe("end date, months, stale, next slot", () => {
  const ending: DcaConfig = { ...daily, maxRuns: undefined, endAt: d("2026-01-03T00:00:00Z") };
  it("the last slot is the one at the end date; after its window the schedule completes", () => {
    expect(lastSlotIndex(ending)).toBe(2);
    expect(lastSlotIndex(daily)).toBeNull();
    expect(slotAt(ending, d("2026-01-03T12:00:00Z"))).toBe(2);
    expect(slotAt(ending, d("2026-01-04T00:00:00Z"))).toBeNull();
    expect(decideDca(ending, { ...INITIAL_DCA_STATE, lastSlot: 1, runs: 2 }, { now: d("2026-01-03T12:00:00Z"), priceUsd: null })).toMatchObject({ action: "buy", slot: 2 });
    expect(decideDca(ending, { ...INITIAL_DCA_STATE, lastSlot: 2, runs: 3 }, { now: d("2026-01-04T00:00:00Z"), priceUsd: null })).toMatchObject({ action: "complete", reason: "ended" });
    expect(nextSlot(ending, { ...INITIAL_DCA_STATE, lastSlot: 2, runs: 3 }, d("2026-01-03T12:00:00Z"))).toBeNull();
  });
  it("monthly slots clamp to the month end", () => {
    const monthly: DcaConfig = { ...daily, interval: { every: 1, unit: "month" }, startAt: d("2026-01-31T09:00:00Z"), maxRuns: undefined };
    expect(slotTime(monthly, 1).toISOString()).toBe("2026-02-28T09:00:00.000Z");
    expect(decideDca(monthly, { ...INITIAL_DCA_STATE, lastSlot: 0, runs: 1 }, { now: d("2026-02-28T09:00:00Z"), priceUsd: null })).toMatchObject({ action: "buy", slot: 1, nextAt: d("2026-03-31T09:00:00Z") });
  });
  it("stale = the oldest unrun slot is due for longer than the grace", () => {
    const s: DcaState = { ...INITIAL_DCA_STATE, lastSlot: 0, runs: 1, spentRaw: 100n * E6 };
    const grace = 15 * 60_000;
    expect(isDcaStale(daily, s, d("2026-01-02T00:10:00Z"), grace)).toBe(false);
    expect(isDcaStale(daily, s, d("2026-01-02T00:20:00Z"), grace)).toBe(true);
    expect(isDcaStale(daily, { ...s, runs: 3, spentRaw: 300n * E6 }, d("2026-01-09T00:00:00Z"), grace)).toBe(false); // complete
    expect(isDcaStale(ending, { ...s, lastSlot: 2 }, d("2026-01-09T00:00:00Z"), grace)).toBe(false); // schedule over
  });
  it("nextSlot: a due slot is now; otherwise the next one", () => {
    expect(nextSlot(daily, INITIAL_DCA_STATE, d("2025-12-01T00:00:00Z"))).toEqual({ slot: 0, at: daily.startAt });
    expect(nextSlot(daily, INITIAL_DCA_STATE, d("2026-01-02T05:00:00Z"))).toEqual({ slot: 1, at: d("2026-01-02T00:00:00Z") });
    expect(nextSlot(daily, { ...INITIAL_DCA_STATE, lastSlot: 1, runs: 1 }, d("2026-01-02T05:00:00Z"))).toEqual({ slot: 2, at: d("2026-01-03T00:00:00Z") });
    expect(dcaRunKey("a1", 7)).toBe("dca:a1:7");
  });
});

describe("properties (random ticks, in any order, random prices)", () => {
  const cfgArb = fc.record({
    interval: fc.oneof(
      fc.record({ every: fc.integer({ min: 1, max: 90 }), unit: fc.constant("minute" as const) }),
      fc.record({ every: fc.integer({ min: 1, max: 12 }), unit: fc.constant("hour" as const) }),
      fc.record({ every: fc.integer({ min: 1, max: 3 }), unit: fc.constant("month" as const) }),
    ),
    amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    maxRuns: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    endOffsetMs: fc.option(fc.integer({ min: 0, max: 200 * 86_400_000 }), { nil: undefined }),
    pauseAbove: fc.option(fc.integer({ min: 1500, max: 3000 }), { nil: undefined }),
  });
  const start = Date.UTC(2026, 0, 31, 12);
  it("never runs a slot twice, slots strictly increase, never exceeds the budget or maxRuns", () => {
    fc.assert(
      fc.property(
        cfgArb,
        fc.array(fc.record({ t: fc.integer({ min: -86_400_000, max: 400 * 86_400_000 }), price: fc.integer({ min: 1000, max: 4000 }) }), { maxLength: 60 }),
        (c, ticks) => {
          const cfg: DcaConfig = {
            tokenIn: USDC,
            tokenOut: WETH,
            amountInRaw: c.amount,
            interval: c.interval,
            startAt: new Date(start),
            endAt: c.endOffsetMs === undefined ? undefined : new Date(start + c.endOffsetMs),
            maxRuns: c.maxRuns,
            pauseAbovePriceUsd: c.pauseAbove,
            slippageBps: 50,
          };
          let s = INITIAL_DCA_STATE;
          const done = new Set<number>();
          let last = -1;
          for (const tick of ticks) {
            const dec = decideDca(cfg, s, { now: new Date(start + tick.t), priceUsd: tick.price });
            if (dec.action === "buy" || dec.action === "skip") {
              expect(done.has(dec.slot)).toBe(false);
              expect(dec.slot).toBeGreaterThan(last);
              expect(dec.slotAt.getTime()).toBeLessThanOrEqual(start + tick.t);
              if (cfg.endAt) expect(dec.slotAt.getTime()).toBeLessThanOrEqual(cfg.endAt.getTime());
              done.add(dec.slot);
              last = dec.slot;
            }
            if (dec.action === "buy") expect(dec.amountInRaw > 0n).toBe(true);
            s = applyDca(s, dec);
            const budget = dcaBudgetRaw(cfg);
            if (budget !== null) expect(s.spentRaw <= budget).toBe(true);
            if (cfg.maxRuns !== undefined) expect(s.runs).toBeLessThanOrEqual(cfg.maxRuns);
            expect(s.runs + s.skipped + s.missed).toBe(s.lastSlot === null ? 0 : s.lastSlot + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
