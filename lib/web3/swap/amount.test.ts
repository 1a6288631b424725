import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBps, formatTokenAmount, parseAmountInput, sanitiseAmountTyping, toDecimalString } from "./amount";
import { checkDeadlineMinutes, checkSlippagePercent, impactTier } from "./rules";

describe("amount input", () => {
  it("parses decimals exactly and refuses what it can't represent", () => {
    expect(parseAmountInput("1.5", 18)).toEqual({ ok: true, raw: 1_500_000_000_000_000_000n });
    expect(parseAmountInput(".25", 6)).toEqual({ ok: true, raw: 250_000n });
    expect(parseAmountInput("1,000.5", 6)).toEqual({ ok: true, raw: 1_000_500_000n });
    expect(parseAmountInput("0.1234567", 6)).toEqual({ ok: false, reason: "precision" });
    expect(parseAmountInput("abc", 18)).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmountInput("1e5", 18)).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmountInput("-1", 18)).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmountInput("  ", 18)).toEqual({ ok: false, reason: "empty" });
  });

  it("round-trips any base-unit amount through its decimal string", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (raw, decimals) => {
        expect(parseAmountInput(toDecimalString(raw, decimals), decimals)).toEqual({ ok: true, raw });
      }),
    );
  });

  it("keeps only what can be typed into an amount", () => {
    expect(sanitiseAmountTyping("12a.3.4")).toBe("12.34");
    expect(sanitiseAmountTyping("1,5")).toBe("1.5");
  });

  it("displays amounts truncated, never rounded up", () => {
    expect(formatTokenAmount(1_999_999n, 6)).toBe("1.99999");
    expect(formatTokenAmount(123_456_789_000n, 6)).toBe("123,456.78");
    expect(formatTokenAmount(5n, 18)).toBe("<0.000000001");
    expect(formatTokenAmount(-2_500_000n, 6)).toBe("-2.5");
    expect(formatTokenAmount(0n, 18)).toBe("0");
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), (raw) => {
        const text = formatTokenAmount(raw, 18);
        if (text.startsWith("<")) return; // "less than" display for dust
        const shown = Number(text.replace(/,/g, ""));
        expect(shown).toBeLessThanOrEqual(Number(toDecimalString(raw, 18)) * (1 + 1e-12));
      }),
    );
    expect(formatBps(50)).toBe("0.5 %");
  });
});

describe("swap rules", () => {
  it("validates slippage and flags risky values", () => {
    expect(checkSlippagePercent("0.5")).toEqual({ ok: true, bps: 50, warning: null });
    expect(checkSlippagePercent("8")).toEqual({ ok: true, bps: 800, warning: "high" });
    expect(checkSlippagePercent("0.03")).toEqual({ ok: true, bps: 3, warning: "low" });
    expect(checkSlippagePercent("60")).toMatchObject({ ok: false });
    expect(checkSlippagePercent("0")).toMatchObject({ ok: false });
    expect(checkSlippagePercent("x")).toMatchObject({ ok: false });
  });

  it("maps price impact to the confirmation tiers at 1 %, 5 % and 15 %", () => {
    expect([0, 100, 101, 500, 501, 1500, 1501].map(impactTier)).toEqual(["low", "low", "warning", "warning", "confirm", "confirm", "type-confirm"]);
  });

  it("validates the deadline", () => {
    expect(checkDeadlineMinutes("20")).toEqual({ ok: true, minutes: 20 });
    expect(checkDeadlineMinutes("0")).toMatchObject({ ok: false });
    expect(checkDeadlineMinutes("5000")).toMatchObject({ ok: false });
    expect(checkDeadlineMinutes("1.5")).toMatchObject({ ok: false });
  });
});
