import { describe, expect, it } from "vitest";
import { badgeCount, timeAgo } from "./time-ago";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms);

describe("timeAgo", () => {
  it.each([
    [0, "just now"],
    [44_000, "just now"],
    [45_000, "1 min ago"],
    [5 * 60_000 + 20_000, "5 min ago"],
    [3 * 3_600_000 + 59 * 60_000, "3 h ago"],
    [2 * 86_400_000 + 1, "2 d ago"],
  ])("%i ms → %s", (ms, text) => {
    expect(timeAgo(ago(ms), NOW)).toBe(text);
  });
  it("falls back to a date after a week", () => {
    expect(timeAgo(ago(8 * 86_400_000), NOW)).toMatch(/2026/);
  });
  it("caps the badge", () => {
    expect([0, 9, 10, 250].map(badgeCount)).toEqual(["0", "9", "9+", "9+"]);
  });
});
