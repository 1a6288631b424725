// Per-pool quote time of our exact AMM math (server/defi/math) against Uniswap's SDKs on the
// same pools and amounts, with every benchmarked quote checked equal to the SDK's to the wei.
//   npx tsx bench/quote-math.ts        (npm run bench:quote-math)
// V2: getAmountOut / getAmountIn vs @uniswap/v2-sdk Pair.getOutputAmount / getInputAmount.
// V3: simulateV3Swap vs @uniswap/v3-sdk Pool.getOutputAmount / getInputAmount on pools with
//     several initialized ticks, amounts sized so most quotes cross ticks.
// Figures are the median over many timed rounds of one pass over every (pool, amount) case,
// divided by the number of quotes in the pass.
import { CurrencyAmount } from "@uniswap/sdk-core";
import type { Pair } from "@uniswap/v2-sdk";
import type { Pool } from "@uniswap/v3-sdk";
import JSBI from "jsbi";
import { buildV3Pool, type Position } from "@/server/defi/math/testing/pools";
import { TOKEN0, TOKEN1, fromJsbi, sdkV2Pair, sdkV3Pool } from "@/server/defi/math/testing/sdk-oracle";
import { getAmountIn, getAmountOut } from "@/server/defi/math/v2";
import { simulateV3Swap, type V3PoolState } from "@/server/defi/math/v3-pool";

type Stats = { medianUs: number; p90Us: number };

const stats = (samples: number[]): Stats => {
  samples.sort((a, b) => a - b);
  return { medianUs: samples[Math.floor(samples.length / 2)] ?? NaN, p90Us: samples[Math.floor(samples.length * 0.9)] ?? NaN };
};

async function timeOnce(perRound: number, fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  const x = fn();
  if (x instanceof Promise) await x;
  return Number(process.hrtime.bigint() - t0) / 1000 / perRound;
}

/**
 * Warm-up rounds for both, then rounds of ours and of the SDK interleaved over the same wall-clock window, so load from
 * anything else on the machine hits both sides alike and the ratio stays meaningful.
 */
async function timePair(outer: number, oursPerOuter: number, perRound: number, ours: () => unknown, sdk: () => unknown): Promise<[Stats, Stats]> {
  for (let i = 0; i < 10; i++) {
    await timeOnce(perRound, ours);
    await timeOnce(perRound, sdk);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < oursPerOuter; j++) a.push(await timeOnce(perRound, ours));
    b.push(await timeOnce(perRound, sdk));
  }
  return [stats(a), stats(b)];
}

const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : us >= 1 ? `${us.toFixed(2)} µs` : `${(us * 1000).toFixed(0)} ns`);
const line = (label: string, s: Stats) => console.log(`${label.padEnd(52)} p50 ${fmt(s.medianUs).padStart(10)}   p90 ${fmt(s.p90Us).padStart(10)}  / quote`);
let exact = true;
const check = (what: string, ours: bigint, theirs: bigint) => {
  if (ours !== theirs) {
    exact = false;
    console.log(`MISMATCH ${what}: ours ${ours} sdk ${theirs}`);
  }
};

const ZERO = JSBI.BigInt(0);

// ---- V2 ------------------------------------------------------------------------------------
const e18 = 10n ** 18n;
const e6 = 10n ** 6n;
const v2Reserves: [bigint, bigint][] = [
  [1000n * e18, 3_000_000n * e6], // WETH/USDC
  [50n * e18, 150_000n * e6], // a shallow fork pool
  [2_000_000n * e18, 2_000_000n * e18], // DAI/USDT-like, 18/18
  [300n * 10n ** 8n, 9_000n * e18], // WBTC/WETH
  [7n * 10n ** 30n, 13n * 10n ** 25n], // huge reserves
];
const v2Cases = v2Reserves.flatMap(([r0, r1]) =>
  [1n, 1000n, r0 / 10_000n, r0 / 100n, r0 / 3n].filter((a) => a > 0n).map((amountIn) => {
    const pair = sdkV2Pair(r0, r1);
    const out = getAmountOut(amountIn, r0, r1);
    const wanted = out > 0n ? out : 1n;
    return {
      r0, r1, amountIn, wanted, pair,
      sdkIn: CurrencyAmount.fromRawAmount(TOKEN0, amountIn.toString()),
      sdkOut: CurrencyAmount.fromRawAmount(TOKEN1, wanted.toString()),
    };
  }),
).filter((c) => getAmountOut(c.amountIn, c.r0, c.r1) > 0n); // the SDK refuses zero-output quotes

for (const c of v2Cases) {
  check("v2 out", getAmountOut(c.amountIn, c.r0, c.r1), fromJsbi(c.pair.getOutputAmount(c.sdkIn)[0].quotient));
  check("v2 in", getAmountIn(c.wanted, c.r0, c.r1), fromJsbi(c.pair.getInputAmount(c.sdkOut)[0].quotient));
}

let zeros = 0; // consumes every result without allocating, so the timed work cannot be dropped
const [oursV2, sdkV2] = await timePair(
  300,
  10,
  v2Cases.length * 2,
  () => {
    for (const c of v2Cases) {
      if (getAmountOut(c.amountIn, c.r0, c.r1) === 0n) zeros++;
      if (getAmountIn(c.wanted, c.r0, c.r1) === 0n) zeros++;
    }
  },
  () => {
    for (const c of v2Cases) {
      const p: Pair = c.pair;
      if (JSBI.equal(p.getOutputAmount(c.sdkIn)[0].quotient, ZERO)) zeros++;
      if (JSBI.equal(p.getInputAmount(c.sdkOut)[0].quotient, ZERO)) zeros++;
    }
  },
);
console.log(`V2: ${v2Reserves.length} pools, ${v2Cases.length} amounts each way (exact in + exact out)`);
line("  ours   getAmountOut/getAmountIn", oursV2);
line("  @uniswap/v2-sdk Pair.getOutputAmount/getInputAmount", sdkV2);
const v2Speedup = sdkV2.medianUs / oursV2.medianUs;
console.log(`  ratio sdk / ours: ${v2Speedup.toFixed(0)}x`);

// ---- V3 ------------------------------------------------------------------------------------
// Stacked positions around the price, as an LP book looks: narrow deep ranges near the price,
// wider thinner ones further out, so quotes cross 1–6 initialized ticks.
function book(fee: number, spacing: number, depth: bigint): Position[] {
  const positions: Position[] = [];
  for (let i = 1; i <= 6; i++) {
    const half = i * i * 10 * spacing;
    positions.push({ lower: -half, upper: half, liquidity: depth / BigInt(i) });
    positions.push({ lower: (i - 1) * 25 * spacing, upper: (i + 3) * 40 * spacing, liquidity: depth / BigInt(2 * i) });
  }
  return positions;
}
const v3Pools: V3PoolState[] = [
  buildV3Pool(500, book(500, 10, 10n ** 22n), 7, 400),
  buildV3Pool(3000, book(3000, 60, 10n ** 21n), -13, 0),
  buildV3Pool(10000, book(10000, 200, 10n ** 20n), 150, 999),
  buildV3Pool(100, book(100, 1, 10n ** 23n), -3, 500),
];
const v3Cases = v3Pools.flatMap((pool) => {
  const sdkPool = sdkV3Pool(pool);
  return [true, false].flatMap((zeroForOne) =>
    [10n ** 15n, 10n ** 18n, 3n * 10n ** 19n, 10n ** 20n, 10n ** 21n].map((amount) => {
      const inToken = zeroForOne ? TOKEN0 : TOKEN1;
      const outToken = zeroForOne ? TOKEN1 : TOKEN0;
      const exactIn = simulateV3Swap(pool, zeroForOne, amount);
      const out = -(zeroForOne ? exactIn.amount1 : exactIn.amount0);
      const wanted = out > 0n ? out : 1n;
      return {
        pool, sdkPool, zeroForOne, amount, wanted, crossed: exactIn.ticksCrossed,
        sdkIn: CurrencyAmount.fromRawAmount(inToken, amount.toString()),
        sdkOut: CurrencyAmount.fromRawAmount(outToken, wanted.toString()),
      };
    }),
  );
});

for (const c of v3Cases) {
  const r = simulateV3Swap(c.pool, c.zeroForOne, c.amount);
  const [sdkOut] = await c.sdkPool.getOutputAmount(c.sdkIn);
  check("v3 out", -(c.zeroForOne ? r.amount1 : r.amount0), fromJsbi(sdkOut.quotient));
  const q = simulateV3Swap(c.pool, c.zeroForOne, -c.wanted);
  const [sdkIn] = await c.sdkPool.getInputAmount(c.sdkOut);
  check("v3 in", c.zeroForOne ? q.amount0 : q.amount1, fromJsbi(sdkIn.quotient));
}

const [oursV3, sdkV3] = await timePair(
  40,
  10,
  v3Cases.length * 2,
  () => {
    for (const c of v3Cases) {
      if (simulateV3Swap(c.pool, c.zeroForOne, c.amount).amount0 === 0n) zeros++;
      if (simulateV3Swap(c.pool, c.zeroForOne, -c.wanted).amount1 === 0n) zeros++;
    }
  },
  async () => {
    for (const c of v3Cases) {
      const p: Pool = c.sdkPool;
      const [a] = await p.getOutputAmount(c.sdkIn);
      const [b] = await p.getInputAmount(c.sdkOut);
      if (JSBI.equal(a.quotient, ZERO) || JSBI.equal(b.quotient, ZERO)) zeros++;
    }
  },
);
const crossedCounts = v3Cases.map((c) => c.crossed);
console.log(
  `V3: ${v3Pools.length} pools (${v3Pools.map((p) => p.ticks.length).join("/")} initialized ticks), ${v3Cases.length} quotes each way, ` +
    `ticks crossed per exact-in quote ${Math.min(...crossedCounts)}–${Math.max(...crossedCounts)} (mean ${(crossedCounts.reduce((a, b) => a + b, 0) / crossedCounts.length).toFixed(1)})`,
);
line("  ours   simulateV3Swap (exact in + exact out)", oursV3);
line("  @uniswap/v3-sdk Pool.getOutputAmount/getInputAmount", sdkV3);
const v3Speedup = sdkV3.medianUs / oursV3.medianUs;
console.log(`  ratio sdk / ours: ${v3Speedup.toFixed(0)}x`);
if (zeros < 0) console.log("unreachable");

console.log(`targets: v2 ≥ 100x ${v2Speedup >= 100 ? "met" : "MISSED"}, v3 ≥ 20x ${v3Speedup >= 20 ? "met" : "MISSED"}; every quote equal to the SDK's: ${exact}`);
console.log(`RESULT v2_speedup=${v2Speedup.toFixed(1)} v3_speedup=${v3Speedup.toFixed(1)} exact=${exact}`);
