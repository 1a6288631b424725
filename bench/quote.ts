// Quote engine benchmark on the seeded local pools (npm run bench:quote). Starts its own anvil,
// deploys the protocol set, and prints:
//   1. per-pool quote time of our exact V2/V3 math vs @uniswap/v2-sdk / @uniswap/v3-sdk on the
//      same pools (read from the chain) and amounts, each quote checked equal to the SDK's;
//   2. best-route search time over every seeded pool (≤ 3 hops, 5 % splits, net of gas) for
//      every token pair at three sizes;
//   3. full quote time including the on-chain state read (a new block before each quote, so
//      reserves/slot0/liquidity are really re-read; tick books follow Mint/Burn logs);
//   4. quotes executed on chain through LodestarExecutor, output compared to the wei.
// Last line: RESULT v2_speedup=… v3_speedup=… route_p50_ms=… quote_e2e_p50_ms=… exact=…
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CurrencyAmount } from "@uniswap/sdk-core";
import JSBI from "jsbi";
import { createTestClient, createWalletClient, erc20Abi, http, publicActions, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { TOKEN0, TOKEN1, fromJsbi, sdkV2Pair, sdkV3Pool } from "@/server/defi/math/testing/sdk-oracle";
import { startAnvil } from "@/test/anvil";

const PORT = Number(process.env.BENCH_PORT ?? 28945);
const CHAIN_ID = 31337;
const chain = await startAnvil(PORT, CHAIN_ID);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-bench-quote-"));
process.env.RPC_URL_31337 = chain.url;
process.env.LODESTAR_DATA_DIR = dataDir;
process.env.LOG_LEVEL = "silent";

const { deployChain } = await import("@/contracts/deploy/deploy");
const { latestClosesE8, TOKENS } = await import("@/contracts/deploy/config");
const { REPO_ROOT } = await import("@/contracts/deploy/artifacts");
const { getAmountOut } = await import("@/server/defi/math/v2");
const { simulateV3Swap } = await import("@/server/defi/math/v3-pool");
const { readMarketState } = await import("@/server/chain/pool-state");
const { publicClientFor } = await import("@/server/chain/clients");
const { getRegistry } = await import("@/server/chain/registry");
const { findBestRoute } = await import("@/server/defi/routing/route");
const { computeQuote, routeOptions, buildSwap } = await import("@/server/services/defi-quote");
const { NATIVE_TOKEN } = await import("@/lib/web3/abi/executor");

let exact = true;
const mismatch = (what: string, a: bigint, b: bigint) => {
  if (a !== b) {
    exact = false;
    console.log(`MISMATCH ${what}: ours ${a} reference ${b}`);
  }
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;
const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(2)} µs`);
async function timeUs(perRound: number, fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  const r = fn();
  if (r instanceof Promise) await r;
  return Number(process.hrtime.bigint() - t0) / 1000 / perRound;
}

try {
  const t0 = Date.now();
  const deployed = await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir });
  console.log(`deployed the local protocol set in ${Date.now() - t0} ms (${deployed.transactions} transactions)`);
  const registry = getRegistry(CHAIN_ID)!;
  const client = publicClientFor(CHAIN_ID);
  const cold = performance.now();
  const market = await readMarketState(client, registry);
  console.log(`first state read (${registry.pools.filter((x) => x.fee).length} V3 tick books from Mint logs + every pool's state): ${(performance.now() - cold).toFixed(1)} ms`);
  const v2Edges = market.edges.filter((e) => e.kind === "v2");
  const v3Edges = market.edges.filter((e) => e.kind === "v3");

  // ---- 1. per-pool math vs SDKs ---------------------------------------------------------
  const fractions = [10_000n, 1_000n, 100n, 10n]; // 0.01 %, 0.1 %, 1 %, 10 % of the input reserve
  const v2Cases = v2Edges.flatMap((e) =>
    [true, false].flatMap((zeroForOne) =>
      fractions.map((f) => {
        const [rIn, rOut] = zeroForOne ? [e.reserve0, e.reserve1] : [e.reserve1, e.reserve0];
        const amountIn = rIn / f;
        return { rIn, rOut, amountIn, pair: sdkV2Pair(rIn, rOut), sdkIn: CurrencyAmount.fromRawAmount(TOKEN0, amountIn.toString()) };
      }),
    ),
  );
  for (const c of v2Cases) mismatch("v2", getAmountOut(c.amountIn, c.rIn, c.rOut), fromJsbi(c.pair.getOutputAmount(c.sdkIn)[0].quotient));
  const Q96 = 2n ** 96n;
  const v3Cases = v3Edges.flatMap((e) => {
    const s = e.state;
    const virtual0 = (s.liquidity * Q96) / s.sqrtPriceX96;
    const virtual1 = (s.liquidity * s.sqrtPriceX96) / Q96;
    const sdkPool = sdkV3Pool(s);
    return [true, false].flatMap((zeroForOne) =>
      [10_000n, 1_000n, 100n, 20n].map((f) => {
        const amountIn = (zeroForOne ? virtual0 : virtual1) / f;
        return { state: s, zeroForOne, amountIn, sdkPool, sdkIn: CurrencyAmount.fromRawAmount(zeroForOne ? TOKEN0 : TOKEN1, amountIn.toString()) };
      }),
    );
  });
  let crossed = 0;
  for (const c of v3Cases) {
    const r = simulateV3Swap(c.state, c.zeroForOne, c.amountIn);
    crossed += r.ticksCrossed;
    const [sdkOut] = await c.sdkPool.getOutputAmount(c.sdkIn);
    mismatch("v3", -(c.zeroForOne ? r.amount1 : r.amount0), fromJsbi(sdkOut.quotient));
  }
  let sink = 0n;
  const rounds = (n: number, fn: () => unknown) => Array.from({ length: n }, () => fn);
  const v2Ours: number[] = [];
  const v2Sdk: number[] = [];
  const v3Ours: number[] = [];
  const v3Sdk: number[] = [];
  for (const _ of rounds(200, () => 0)) {
    v2Ours.push(await timeUs(v2Cases.length, () => { for (const c of v2Cases) sink += getAmountOut(c.amountIn, c.rIn, c.rOut); }));
    v2Sdk.push(await timeUs(v2Cases.length, () => { for (const c of v2Cases) sink += BigInt(JSBI.toNumber(c.pair.getOutputAmount(c.sdkIn)[0].quotient) > 0 ? 1 : 0); }));
  }
  for (const _ of rounds(60, () => 0)) {
    v3Ours.push(await timeUs(v3Cases.length, () => { for (const c of v3Cases) sink += simulateV3Swap(c.state, c.zeroForOne, c.amountIn).amount0; }));
    v3Sdk.push(await timeUs(v3Cases.length, async () => { for (const c of v3Cases) { const [o] = await c.sdkPool.getOutputAmount(c.sdkIn); sink += JSBI.equal(o.quotient, JSBI.BigInt(0)) ? 1n : 0n; } }));
  }
  const v2Speedup = median(v2Sdk) / median(v2Ours);
  const v3Speedup = median(v3Sdk) / median(v3Ours);
  console.log(`\n1. per-pool exact-input quote, seeded pools (${v2Edges.length} V2 pools × ${v2Cases.length / v2Edges.length} amounts, ${v3Edges.length} V3 pools × ${v3Cases.length / v3Edges.length} amounts, ${(crossed / v3Cases.length).toFixed(1)} ticks crossed on average)`);
  console.log(`   V2 ours ${us(median(v2Ours))}  @uniswap/v2-sdk ${us(median(v2Sdk))}  → ${v2Speedup.toFixed(1)}x (target ≥ 100x)`);
  console.log(`   V3 ours ${us(median(v3Ours))}  @uniswap/v3-sdk ${us(median(v3Sdk))}  → ${v3Speedup.toFixed(1)}x (target ≥ 20x)`);

  // ---- 2. route search -----------------------------------------------------------------
  const closes = latestClosesE8(REPO_ROOT);
  const usdAmount = (symbol: string, usd: number) => {
    const spec = TOKENS.find((t) => t.symbol === symbol)!;
    const priceE8 = spec.market ? closes[spec.symbol]! : 10n ** 8n;
    return (BigInt(usd) * 10n ** 8n * 10n ** BigInt(spec.decimals)) / priceE8;
  };
  const tokens = registry.tokens;
  const cases: { from: string; to: string; amount: bigint; symbol: string }[] = [];
  for (const a of tokens) for (const b of tokens) if (a !== b) for (const usd of [1_000, 100_000, 2_000_000]) cases.push({ from: a.address.toLowerCase(), to: b.address.toLowerCase(), amount: usdAmount(a.symbol, usd), symbol: `${a.symbol}→${b.symbol} $${usd}` });
  const routeTimes: number[] = [];
  let splits = 0;
  let multiHop = 0;
  let found = 0;
  for (let round = 0; round < 5; round++) {
    for (const c of cases) {
      const opts = routeOptions(registry, market, c.from as Address as `0x${string}`);
      const t = performance.now();
      const r = findBestRoute(market.edges, c.from as `0x${string}`, c.to as `0x${string}`, c.amount, { ...opts, outPerEth: routeOptions(registry, market, c.to as `0x${string}`).outPerEth });
      routeTimes.push(performance.now() - t);
      if (round === 0 && r) {
        found++;
        if (r.paths.length > 1) splits++;
        if (r.paths.some((x) => x.legs.length > 1)) multiHop++;
      }
    }
  }
  const routeP50 = median(routeTimes);
  console.log(`\n2. best route over ${market.edges.length} pools, ${cases.length} pair×size cases × 5 rounds (≤ 3 hops, 5 % splits, net of gas)`);
  console.log(`   p50 ${routeP50.toFixed(3)} ms  p90 ${p(routeTimes, 0.9).toFixed(3)} ms  max ${Math.max(...routeTimes).toFixed(2)} ms (target p50 ≤ 5 ms); routes found ${found}/${cases.length}, split ${splits}, multi-hop ${multiHop}`);

  // ---- 3. full quote with a state read -------------------------------------------------
  const test = createTestClient({ mode: "anvil", transport: http(chain.url) });
  const weth = registry.weth as Address;
  const usdc = tokens.find((t) => t.symbol === "USDC")!.address as Address;
  const wbtc = tokens.find((t) => t.symbol === "WBTC")!.address as Address;
  const e2e: number[] = [];
  const pairs: [Address, Address, bigint][] = [
    [NATIVE_TOKEN, usdc, 10n ** 18n],
    [usdc, wbtc, 25_000n * 10n ** 6n],
    [wbtc, weth, 10n ** 7n],
  ];
  for (let i = 0; i < 60; i++) {
    await test.mine({ blocks: 1 });
    const [tokenIn, tokenOut, amountIn] = pairs[i % pairs.length]!;
    const t = performance.now();
    await computeQuote({ chainId: CHAIN_ID, tokenIn, tokenOut, amountIn, slippageBps: 50 }, { now: new Date() });
    e2e.push(performance.now() - t);
  }
  const e2eP50 = median(e2e);
  console.log(`\n3. full quote incl. on-chain state read (new block before each; multicall of ${market.edges.length} pools + gas price + route + venue comparison)`);
  console.log(`   p50 ${e2eP50.toFixed(2)} ms  p90 ${p(e2e, 0.9).toFixed(2)} ms (target ≤ 30 ms)`);

  // ---- 4. executed on chain ------------------------------------------------------------
  if (!registry.executor) {
    exact = false;
    console.log("\n4. no executor in the registry: chain exactness not checked");
  } else {
    const key = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a" as Hex; // anvil dev account 2
    const account = privateKeyToAccount(key);
    const wallet = createWalletClient({ account, transport: http(chain.url), pollingInterval: 50 }).extend(publicActions);
    let executed = 0;
    let skipped = 0;
    const symbols = ["ETH", "USDC", "USDT", "DAI", "WBTC", "LINK", "UNI", "AAVE", "SOL"];
    const addr = (s: string) => (s === "ETH" ? NATIVE_TOKEN : (tokens.find((t) => t.symbol === s)!.address as Address));
    for (let i = 0; i < 24; i++) {
      const a = symbols[i % symbols.length]!;
      const b = symbols[(i * 5 + 3) % symbols.length]!;
      if (a === b) continue;
      const usd = [500, 5_000, 40_000][i % 3]!;
      const amountIn = a === "ETH" ? usdAmount("WETH", usd) : usdAmount(a, usd);
      const built = await buildSwap(
        { chainId: CHAIN_ID, tokenIn: addr(a), tokenOut: addr(b), amountIn, slippageBps: 30, deadlineMinutes: 20, account: account.address, unlimitedApproval: false },
        { now: new Date() },
      );
      if (!built.simulation.ok && /balance is too low/.test(built.simulation.reason)) {
        skipped++;
        continue;
      }
      if (!built.simulation.ok) {
        exact = false;
        console.log(`simulation failed ${a}→${b} $${usd}: ${built.simulation.reason}`);
        continue;
      }
      for (const ap of built.approvals) await wallet.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ ...ap.tx, chain: null }) });
      const balance = () => (b === "ETH" ? wallet.getBalance({ address: account.address }) : wallet.readContract({ address: addr(b), abi: erc20Abi, functionName: "balanceOf", args: [account.address] }));
      const before = await balance();
      const hash = await wallet.sendTransaction({ ...built.swap, chain: null });
      const receipt = await wallet.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") {
        const reason = await wallet.call({ ...built.swap, account, blockNumber: receipt.blockNumber - 1n }).then(() => "no revert at the previous block", (e: Error) => e.message.split("\n").slice(0, 3).join(" "));
        console.log(`REVERTED ${a}→${b} $${usd} gasUsed ${receipt.gasUsed}: ${reason}; paths ${built.quote.paths.map((x) => x.legs.map((l) => `${l.venue}/${l.fee}`).join(">")).join(" | ")}`);
      }
      const after = await balance();
      const gasPaid = b === "ETH" ? receipt.gasUsed * receipt.effectiveGasPrice : 0n;
      mismatch(`chain ${a}→${b} $${usd}`, after - before + gasPaid, built.quote.amountOut);
      if (built.simulation.ok) mismatch(`simulation ${a}→${b}`, built.simulation.changes[1]!.diff, built.quote.amountOut);
      executed++;
    }
    console.log(`\n4. ${executed} quotes executed through LodestarExecutor (1–3 hops, splits; ${skipped} skipped: the trader had spent that token): received == quoted and == simulated, to the wei: ${exact}`);
  }
  if (sink === -1n) console.log("");
  console.log(`\nRESULT v2_speedup=${v2Speedup.toFixed(1)} v3_speedup=${v3Speedup.toFixed(1)} route_p50_ms=${routeP50.toFixed(3)} quote_e2e_p50_ms=${e2eP50.toFixed(2)} exact=${exact}`);
} finally {
  await chain.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
