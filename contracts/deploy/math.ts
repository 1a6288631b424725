// Pure integer math for seeding pools: prices are USD with 8 decimals (bigint), amounts are
// token base units, V3 prices are Q64.96 square roots of token1-per-token0 in base units.
export const PRICE_DECIMALS = 8;
const PRICE_ONE = 10n ** BigInt(PRICE_DECIMALS);
export const Q96 = 2n ** 96n;
export const MIN_TICK = -887272;
export const MAX_TICK = 887272;

// "2485.47" → 248547000000n (8 decimals). Extra digits are truncated, never rounded up.
export function parsePriceE8(text: string): bigint {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal price: ${text}`);
  const frac = (m[2] ?? "").slice(0, PRICE_DECIMALS).padEnd(PRICE_DECIMALS, "0");
  return BigInt(m[1]!) * PRICE_ONE + BigInt(frac);
}

// Applies an offset in basis points (may be negative): price × (10,000 + bps) / 10,000.
export function adjustBps(priceE8: bigint, bps: number): bigint {
  return (priceE8 * BigInt(10_000 + bps)) / 10_000n;
}

// floor(√n) by Newton's method on bigints, from a power of two at or above the root (a
// float estimate can be below it by far more than 1 for large n).
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error("isqrt of a negative number");
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

// Base units of a token worth `usdE8` at `priceE8` (rounded down).
export function amountForUsd(usdE8: bigint, priceE8: bigint, decimals: number): bigint {
  if (priceE8 <= 0n) throw new Error("price must be positive");
  return (usdE8 * 10n ** BigInt(decimals)) / priceE8;
}

// √(price of token0 in token1, in base units) × 2^96, floored:
//   raw price = (p0 / p1) × 10^(d1 − d0)  →  sqrtPriceX96 = ⌊√(p0 · 10^d1 · 2^192 / (p1 · 10^d0))⌋
export function sqrtPriceX96FromPrices(p0E8: bigint, d0: number, p1E8: bigint, d1: number): bigint {
  const num = p0E8 * 10n ** BigInt(d1) * (Q96 * Q96);
  const den = p1E8 * 10n ** BigInt(d0);
  return isqrt(num / den);
}

// The price (token1 per token0, base units) a sqrtPriceX96 encodes, as a float (for checks).
export function priceFromSqrtX96(sqrtPriceX96: bigint): number {
  const r = Number(sqrtPriceX96) / Number(Q96);
  return r * r;
}

// The tick whose price is at or below the given sqrt price (floor of log_1.0001(price)). A float
// log is exact enough here: the result only places position ranges, the pool itself is
// initialised with the integer sqrtPriceX96.
export function tickAtSqrtPrice(sqrtPriceX96: bigint): number {
  const logSqrt = Math.log(Number(sqrtPriceX96) / Number(Q96));
  return Math.floor((2 * logSqrt) / Math.log(1.0001));
}

// Rounds a tick to a multiple of the spacing (down or up), kept inside the usable range.
export function roundTick(tick: number, spacing: number, direction: "down" | "up"): number {
  const q = direction === "down" ? Math.floor(tick / spacing) : Math.ceil(tick / spacing);
  const rounded = q * spacing;
  const min = Math.ceil(MIN_TICK / spacing) * spacing;
  const max = Math.floor(MAX_TICK / spacing) * spacing;
  return Math.min(max, Math.max(min, rounded));
}

// A range of ±widthBps around the current tick, on the spacing grid, never empty.
export function rangeAround(tick: number, widthBps: number, spacing: number): { tickLower: number; tickUpper: number } {
  // 1 bp of price ≈ 1 tick (1.0001^1).
  const tickLower = roundTick(tick - widthBps, spacing, "down");
  let tickUpper = roundTick(tick + widthBps, spacing, "up");
  if (tickUpper <= tickLower) tickUpper = tickLower + spacing;
  return { tickLower, tickUpper };
}

export const TICK_SPACING: Record<number, number> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };
