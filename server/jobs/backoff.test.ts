import { describe, expect, it } from "vitest";
import { pollBackoffMs, recurringKey, recurringSlot, retryDelayMs, RETRY_CAP_MS } from "./backoff";

const lo = () => 0;
const hi = () => 0.999999;

describe("retryDelayMs", () => {
  it("doubles per attempt from 1 s, half fixed and half jitter", () => {
    // ceiling 1 s, 2 s, 4 s, 8 s: the delay lies in [ceiling/2, ceiling).
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, lo))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, hi))).toEqual([999, 1_999, 3_999, 7_999]);
    expect(retryDelayMs(2, () => 0.5)).toBe(1_500); // 1 000 + 0.5 × 1 000
  });

  it("caps at 5 minutes, also for absurd attempt counts", () => {
    expect(retryDelayMs(9, lo)).toBe(128_000); // 256 s ceiling, not yet capped
    expect(retryDelayMs(10, lo)).toBe(RETRY_CAP_MS / 2); // 512 s → 300 s
    expect(retryDelayMs(10, hi)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelayMs(5_000, hi)).toBeLessThan(RETRY_CAP_MS);
    expect(Number.isFinite(retryDelayMs(1e9, hi))).toBe(true);
  });

  it("treats attempt 0 or less as the first, and clamps a misbehaving rng", () => {
    expect(retryDelayMs(0, lo)).toBe(500);
    expect(retryDelayMs(-3, lo)).toBe(500);
    expect(retryDelayMs(1, () => 7)).toBe(999);
    expect(retryDelayMs(1, () => -1)).toBe(500);
  });

  it("jitter spreads simultaneous failures", () => {
    let s = 42;
    const rng = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, rng)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d >= 2_000 && d < 4_000).toBe(true);
  });
});

describe("pollBackoffMs", () => {
  it("backs off from 250 ms to at most 5 s", () => {
    expect(pollBackoffMs(1, lo)).toBe(125);
    expect(pollBackoffMs(3, lo)).toBe(500);
    expect(pollBackoffMs(100, hi)).toBeLessThan(5_000);
    expect(pollBackoffMs(100, lo)).toBe(2_500);
  });
});

describe("recurring slots", () => {
  it("numbers slots from the epoch and keys them by queue", () => {
    expect(recurringSlot(0, 60_000)).toBe(0);
    expect(recurringSlot(59_999, 60_000)).toBe(0);
    expect(recurringSlot(60_000, 60_000)).toBe(1);
    expect(recurringSlot(Date.UTC(2026, 0, 1), 3_600_000)).toBe(490_896); // 2026-01-01T00:00Z = 1 767 225 600 s / 3 600;
    expect(recurringKey("automation.tick", 490_896)).toBe("automation.tick:490896");
  });

  it("rejects a non-positive period", () => {
    expect(() => recurringSlot(1, 0)).toThrow(/positive/);
    expect(() => recurringSlot(1, Number.NaN)).toThrow(/positive/);
  });
});
