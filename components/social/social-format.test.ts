import { describe, expect, it } from "vitest";
import { formatAmount, formatDelayMs, formatDiffBps, formatHolding, riskColor, signedPct, strategyLabel } from "./social-format";

describe("social display formatting", () => {
  it("signs fill differences: + = the follower got less", () => {
    expect(formatDiffBps(12.345)).toBe("+12.3 bps");
    expect(formatDiffBps(-4)).toBe("−4.0 bps");
    expect(formatDiffBps(0)).toBe("0.0 bps");
    expect(formatDiffBps(null)).toBe("—");
  });

  it("formats base-unit amounts with their decimals, and rejects malformed ones", () => {
    expect(formatAmount("1500000", 6)).toBe("1.5");
    expect(formatAmount("250000000000000000", 18)).toBe("0.25");
    expect(formatAmount("12.5", 6)).toBe("—");
    expect(formatAmount(null, 6)).toBe("—");
  });

  it("formats returns, delays and holding times", () => {
    expect(signedPct(0.1234)).toBe("+12.3%");
    expect(signedPct(-0.0177, 2)).toBe("−1.77%");
    expect(formatDelayMs(2_400)).toBe("2.4 s");
    expect(formatDelayMs(180_000)).toBe("3 min");
    expect(formatHolding(0.25)).toBe("6 h");
    expect(formatHolding(3.44)).toBe("3.4 d");
  });

  it("humanises strategy slugs and keeps prose", () => {
    expect(strategyLabel("rsi-mean-reversion")).toBe("RSI mean reversion");
    expect(strategyLabel("momentum-rotation")).toBe("Momentum rotation");
    expect(strategyLabel("weekly-dca")).toBe("Weekly DCA");
    expect(strategyLabel("SMA crossover 10/30")).toBe("SMA crossover 10/30");
    expect(strategyLabel(null)).toBeNull();
  });

  it("colours risk from green (1) to red (10), clamping out-of-range scores", () => {
    expect(riskColor(1)).toBe("hsl(140 70% 50%)");
    expect(riskColor(10)).toBe("hsl(0 70% 50%)");
    expect(riskColor(42)).toBe(riskColor(10));
  });
});
