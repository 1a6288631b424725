// Builders for V3 pool states from LP positions (tests and bench only).
import fc from "fast-check";
import { MAX_TICK, MIN_TICK, getSqrtRatioAtTick } from "../tick-math";
import type { V3PoolState, V3Tick } from "../v3-pool";

export const TICK_SPACING_BY_FEE: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

export type Position = { lower: number; upper: number; liquidity: bigint };

/**
 * Pool whose initialized ticks and in-range liquidity follow from `positions`: liquidityNet is
 * +L at a position's lower tick and −L at its upper; in-range liquidity is the sum of the
 * positions with lower ≤ tick < upper. The price sits `priceFraction`/1000 of the way from
 * sqrt(tick) to sqrt(tick + 1).
 */
export function buildV3Pool(fee: number, positions: readonly Position[], tick: number, priceFraction: number): V3PoolState {
  const tickSpacing = TICK_SPACING_BY_FEE[fee] ?? 1;
  const net = new Map<number, bigint>();
  let liquidity = 0n;
  for (const p of positions) {
    net.set(p.lower, (net.get(p.lower) ?? 0n) + p.liquidity);
    net.set(p.upper, (net.get(p.upper) ?? 0n) - p.liquidity);
    if (p.lower <= tick && tick < p.upper) liquidity += p.liquidity;
  }
  const ticks: V3Tick[] = [...net.entries()]
    .filter(([, liquidityNet]) => liquidityNet !== 0n)
    .map(([index, liquidityNet]) => ({ index, liquidityNet }))
    .sort((a, b) => a.index - b.index);
  const lo = getSqrtRatioAtTick(tick);
  const hi = getSqrtRatioAtTick(tick + 1);
  const sqrtPriceX96 = lo + ((hi - lo) * BigInt(priceFraction)) / 1000n;
  return { sqrtPriceX96, tick, liquidity, fee, tickSpacing, ticks };
}

const usable = (spacing: number) => ({
  min: Math.ceil(MIN_TICK / spacing),
  max: Math.floor(MAX_TICK / spacing),
});

/** Random pools: 1–8 positions (sometimes full range), ranges up to ±1500 spacings (several bitmap words). */
export const v3PoolArb: fc.Arbitrary<V3PoolState> = fc
  .record({
    fee: fc.constantFrom(100, 500, 3000, 10000),
    raw: fc.array(
      fc.record({
        lower: fc.integer({ min: -1500, max: 1500 }),
        width: fc.integer({ min: 1, max: 600 }),
        liquidity: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 2n ** 100n })),
        fullRange: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    tickOffset: fc.integer({ min: -1700, max: 1700 }),
    subTick: fc.integer({ min: 0, max: 4096 }),
    priceFraction: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 })),
  })
  .map(({ fee, raw, tickOffset, subTick, priceFraction }) => {
    const spacing = TICK_SPACING_BY_FEE[fee] ?? 1;
    const { min, max } = usable(spacing);
    const positions = raw.map((r) =>
      r.fullRange
        ? { lower: min * spacing, upper: max * spacing, liquidity: r.liquidity }
        : { lower: r.lower * spacing, upper: (r.lower + r.width) * spacing, liquidity: r.liquidity },
    );
    const tick = tickOffset * spacing + (subTick % spacing);
    return buildV3Pool(fee, positions, tick, priceFraction);
  });
