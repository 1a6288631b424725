import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideRateLimit, RATE_LIMITS, type RateLimitPolicy } from "./rate-limit";

const policy: RateLimitPolicy = { name: "test", limit: 5, windowMs: 60_000 };
const start = new Date("2026-03-01T12:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("decideRateLimit", () => {
  it("allows up to the limit and counts down what remains", () => {
    expect(decideRateLimit({ count: 1, windowStart: start }, policy, at(1_000))).toEqual({ allowed: true, remaining: 4, retryAfterSeconds: 0 });
    expect(decideRateLimit({ count: 5, windowStart: start }, policy, at(1_000))).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it("refuses the hit after the limit and says when the window ends", () => {
    // Window ends at start + 60 s; now = start + 20 s → 40 s left.
    expect(decideRateLimit({ count: 6, windowStart: start }, policy, at(20_000))).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
  });

  it("rounds Retry-After up, never telling a client to come back too early", () => {
    // 60 000 - 1 500 = 58 500 ms left → 59 s (58 would be 500 ms too early).
    expect(decideRateLimit({ count: 6, windowStart: start }, policy, at(1_500)).retryAfterSeconds).toBe(59);
    // 1 ms left → 1 s.
    expect(decideRateLimit({ count: 6, windowStart: start }, policy, at(59_999)).retryAfterSeconds).toBe(1);
  });

  it("never says 0 seconds to a refused client, even at or past the window's end", () => {
    expect(decideRateLimit({ count: 6, windowStart: start }, policy, at(60_000)).retryAfterSeconds).toBe(1);
    expect(decideRateLimit({ count: 6, windowStart: start }, policy, at(90_000)).retryAfterSeconds).toBe(1);
  });

  it("property: a refused client may retry at windowEnd, not a second before", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59_999 }), fc.integer({ min: 6, max: 1000 }), (elapsed, count) => {
        const d = decideRateLimit({ count, windowStart: start }, policy, at(elapsed));
        const left = 60_000 - elapsed;
        return !d.allowed && d.retryAfterSeconds * 1000 >= left && (d.retryAfterSeconds - 1) * 1000 < left;
      }),
    );
  });

  it("property: allowed exactly while count <= limit; remaining never negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 200 }), (limit, count) => {
        const d = decideRateLimit({ count, windowStart: start }, { name: "p", limit, windowMs: 1000 }, start);
        return d.allowed === count <= limit && d.remaining === Math.max(0, limit - count);
      }),
    );
  });
});

describe("RATE_LIMITS", () => {
  it("gives every policy its own counter name (a shared name would share counters)", () => {
    const names = Object.values(RATE_LIMITS).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("throttles an account after 5 failed passwords in 15 minutes", () => {
    expect(RATE_LIMITS.signInFailures).toMatchObject({ limit: 5, windowMs: 15 * 60_000 });
  });
});
