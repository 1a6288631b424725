import { describe, expect, it } from "vitest";
import { assetStatsInput } from "./market";
import { createPortfolioInput, renamePortfolioInput } from "./portfolio";
import { updateTraderProfileInput } from "./social";

describe("portfolio, market and social schemas", () => {
  it("trims portfolio names and defaults the cost basis to FIFO", () => {
    expect(createPortfolioInput.parse({ name: "  Long term " })).toEqual({ name: "Long term", costBasisMethod: "fifo" });
    expect(createPortfolioInput.safeParse({ name: "   " }).success).toBe(false);
    expect(createPortfolioInput.safeParse({ name: "x".repeat(65) }).success).toBe(false);
    expect(createPortfolioInput.safeParse({ name: "ok", costBasisMethod: "magic" }).success).toBe(false);
    expect(renamePortfolioInput.safeParse({ id: "not-a-uuid", name: "ok" }).success).toBe(false);
  });

  it("normalises a ticker and bounds the window", () => {
    expect(assetStatsInput.parse({ symbol: " btc " })).toEqual({ symbol: "BTC", windowDays: 30 });
    for (const symbol of ["B", "../etc", "BTC-USD", "TOOLONGSYMBOL"]) expect(assetStatsInput.safeParse({ symbol }).success, symbol).toBe(false);
    expect(assetStatsInput.safeParse({ symbol: "ETH", windowDays: 1 }).success).toBe(false);
    expect(assetStatsInput.safeParse({ symbol: "ETH", windowDays: 3651 }).success).toBe(false);
  });

  it("bounds a trader bio and defaults it to empty; no avatar, no delay, paper and vaults count", () => {
    expect(updateTraderProfileInput.parse({ displayName: "Ada", isPublic: true })).toEqual({
      displayName: "Ada",
      bio: "",
      isPublic: true,
      avatar: null,
      tradeDelayMinutes: 0,
      sources: { paper: true, vaults: true, portfolioIds: [] },
    });
    expect(updateTraderProfileInput.safeParse({ displayName: "Ada", isPublic: true, tradeDelayMinutes: 7 }).success).toBe(false);
    expect(updateTraderProfileInput.safeParse({ displayName: "Ada", isPublic: true, avatar: "data:image/svg+xml;base64,PHN2Zz4=" }).success).toBe(false);
    expect(updateTraderProfileInput.safeParse({ displayName: "Ada", isPublic: true, bio: "x".repeat(281) }).success).toBe(false);
  });
});
