import { describe, expect, it } from "vitest";
import { applyFillToBook, copyDrawdownBps, copyEquityUsd, copySide, nextPeakUsd, tradeSide, valuePositions, type BookPosition } from "./copy-book";

const USDC = "usdc";
const WETH = "weth";
const WBTC = "wbtc";
const isCash = (t: string) => t === USDC;
const prices = new Map([
  [USDC, { priceUsd: 1, decimals: 6 }],
  [WETH, { priceUsd: 2_000, decimals: 18 }],
]);
const E18 = 10n ** 18n;

describe("copy book", () => {
  it("sides", () => {
    expect(copySide(true)).toBe("buy");
    expect(copySide(false)).toBe("sell");
    expect(tradeSide(true, false)).toBe("buy");
    expect(tradeSide(false, true)).toBe("sell");
    expect(tradeSide(false, false)).toBe("swap");
    expect(tradeSide(true, true)).toBe("swap");
  });

  it("buy-then-sell-at-a-profit: equity = allocation + realised P&L, used back to 0", () => {
    // Buy: 200 USDC → 0.1 WETH (cost $200). Equity = 1,000 − 200 + 0.1 × 2,000 = 1,000.
    const buy = applyFillToBook([], { tokenIn: USDC, tokenOut: WETH, amountInRaw: 200_000_000n, amountOutRaw: E18 / 10n, usdIn: 200 }, isCash);
    expect(buy.usedDeltaUsd).toBe(200);
    const book: BookPosition[] = buy.changed;
    expect(book).toEqual([
      { token: USDC, amountRaw: -200_000_000n, costUsd: 0 },
      { token: WETH, amountRaw: E18 / 10n, costUsd: 200 },
    ]);
    expect(copyEquityUsd(1_000, book, prices)).toBeCloseTo(1_000, 9);
    // Sell half of it for $110 (price went up): releases $100 of cost; cash −200 + 110 = −90.
    const sell = applyFillToBook(book, { tokenIn: WETH, tokenOut: USDC, amountInRaw: E18 / 20n, amountOutRaw: 110_000_000n, usdIn: 110 }, isCash);
    expect(sell.usedDeltaUsd).toBeCloseTo(-100, 9);
    const after = [sell.changed[1]!, sell.changed[0]!];
    expect(after[0]).toEqual({ token: USDC, amountRaw: -90_000_000n, costUsd: 0 });
    expect(after[1]!.amountRaw).toBe(E18 / 20n);
    expect(after[1]!.costUsd).toBeCloseTo(100, 9);
    // Equity at $2,200: 1,000 − 90 + 0.05 × 2,200 = 1,020 (+10 realised, +10 unrealised).
    const up = new Map([...prices, [WETH, { priceUsd: 2_200, decimals: 18 }]]);
    expect(copyEquityUsd(1_000, after, up)).toBeCloseTo(1_020, 9);
  });

  it("a sale of more than the copy holds releases the whole cost", () => {
    const book = [{ token: WETH, amountRaw: E18, costUsd: 2_000 }];
    const r = applyFillToBook(book, { tokenIn: WETH, tokenOut: USDC, amountInRaw: 2n * E18, amountOutRaw: 1n, usdIn: 4_000 }, isCash);
    expect(r.usedDeltaUsd).toBe(-2_000);
    expect(r.changed[0]!.costUsd).toBe(0);
  });

  it("an asset → asset swap carries the cost over and leaves the used allocation alone", () => {
    const book = [{ token: WETH, amountRaw: E18, costUsd: 2_000 }];
    const r = applyFillToBook(book, { tokenIn: WETH, tokenOut: WBTC, amountInRaw: E18, amountOutRaw: 5_000_000n, usdIn: 2_000 }, isCash);
    expect(r.usedDeltaUsd).toBe(0);
    expect(r.changed[1]).toEqual({ token: WBTC, amountRaw: 5_000_000n, costUsd: 2_000 });
  });

  it("values unpriced tokens at cost; peak and drawdown", () => {
    expect(valuePositions([{ token: WBTC, amountRaw: 1n, costUsd: 42 }], prices)).toBe(42);
    expect(nextPeakUsd(null, 900)).toBe(900);
    expect(nextPeakUsd(1_000, 900)).toBe(1_000);
    expect(nextPeakUsd(1_000, 1_100)).toBe(1_100);
    // (1,000 − 950) / 1,000 = 500 bps.
    expect(copyDrawdownBps(1_000, 950)).toBe(500);
    expect(copyDrawdownBps(null, 950)).toBe(0);
  });
});
