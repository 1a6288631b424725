// LodestarExecutor on a throwaway anvil: real swaps from dev account 1 against Uniswap's own
// references (V2 Router getAmountsOut, V3 QuoterV2) to the wei, exact input pulled, nothing left
// in the executor, every revert path, Multicall3 at the canonical address, and the gas figures
// the router's gas model is calibrated with (printed at the end).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  erc20Abi,
  http,
  maxUint256,
  parseEther,
  parseUnits,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/db/testing/database";
import { startAnvil, type TestChain } from "@/test/anvil";
import { HOP_KIND, lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { lodestarVaultFactoryAbi } from "@/lib/web3/abi/vault";
import { localChainA, MULTICALL3_ADDRESS, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { compileOwnContracts, loadNpmArtifacts, type Artifact } from "./artifacts";
import { deployChain } from "./deploy";
import { readRegistryFile, writeRegistryFile } from "./registry-file";

const PORT = 28745;
const CHAIN_ID = 31337;
// anvil dev account 1 (funded with test tokens by the deploy's faucet).
const TRADER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const trader = privateKeyToAccount(TRADER_KEY);
// A fresh recipient (no balances), so what it receives is what it holds.
const RECIPIENT = "0x000000000000000000000000000000000000bEEF" as Address;
const npm = loadNpmArtifacts();
const RUNS_HERE = testDatabaseKind() === "pglite";

type Hop = { kind: number; pool: Address; tokenIn: Address; tokenOut: Address };
type SwapPath = { amountIn: bigint; hops: Hop[] };
type SwapArgs = { tokenIn: Address; tokenOut: Address; amountIn: bigint; minAmountOut: bigint; recipient: Address; deadline: bigint; paths: SwapPath[] };

let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let wallet: WalletClient;
let own: Record<string, Artifact>;
let executor: Address;
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  if (!RUNS_HERE) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-executor-"));
  chain = await startAnvil(PORT, CHAIN_ID);
  const chainDef = withRpc(localChainA, chain.url);
  client = createPublicClient({ chain: chainDef, transport: http(chain.url), pollingInterval: 50 });
  wallet = createWalletClient({ account: trader, chain: chainDef, transport: http(chain.url), pollingInterval: 50 });
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  own = await compileOwnContracts(dataDir);
  executor = registry.executor as Address;
  for (const t of registry.tokens) await send(wallet.writeContract({ chain: chainDef, account: trader, address: t.address as Address, abi: erc20Abi, functionName: "approve", args: [executor, maxUint256] }));
}, 120_000);

afterAll(async () => {
  if (!RUNS_HERE) return;
  await chain?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (Object.keys(gas).length) console.info(`LodestarExecutor gasUsed:\n${Object.entries(gas).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);
});

async function send(hash: Promise<Hex>): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash: await hash, timeout: 60_000, pollingInterval: 50 });
  expect(receipt.status).toBe("success");
  return receipt;
}

const tok = (symbol: string) => (registry.tokens.find((t) => t.symbol === symbol)?.address ?? "") as Address;
function pool(venue: string, a: string, b: string, fee?: number): Address {
  const [x, y] = [tok(a), tok(b)];
  const p = registry.pools.find((p) => p.venue === venue && p.fee === fee && [p.token0, p.token1].includes(x) && [p.token0, p.token1].includes(y));
  if (!p) throw new Error(`no ${venue} pool ${a}/${b} ${fee ?? ""}`);
  return p.address as Address;
}
const v2 = (venue: string, a: string, b: string): Hop => ({ kind: HOP_KIND.v2, pool: pool(venue, a, b), tokenIn: tok(a), tokenOut: tok(b) });
const v3 = (fee: number, a: string, b: string): Hop => ({ kind: HOP_KIND.v3, pool: pool("uniswap-v3", a, b, fee), tokenIn: tok(a), tokenOut: tok(b) });

// Uniswap's own quote for one hop at the chain's current state.
async function quoteHop(h: Hop, amountIn: bigint): Promise<bigint> {
  if (h.kind === HOP_KIND.v2) {
    const router = registry.venues.find((v) => v.kind === "v2" && registry.pools.some((p) => p.venue === v.id && p.address === h.pool))!.router as Address;
    const amounts = (await client.readContract({ address: router, abi: npm.v2Router.abi, functionName: "getAmountsOut", args: [amountIn, [h.tokenIn, h.tokenOut]] })) as bigint[];
    return amounts[1]!;
  }
  const fee = registry.pools.find((p) => p.address === h.pool)!.fee!;
  const quoter = registry.venues.find((v) => v.id === "uniswap-v3")!.quoter as Address;
  const { result } = await client.simulateContract({
    address: quoter,
    abi: npm.quoterV2.abi,
    functionName: "quoteExactInputSingle",
    args: [{ tokenIn: h.tokenIn, tokenOut: h.tokenOut, amountIn, fee, sqrtPriceLimitX96: 0n }],
  });
  return (result as readonly bigint[])[0]!;
}

// Paths touch distinct pools, so quoting each path hop by hop is exact.
async function quote(paths: SwapPath[]): Promise<bigint> {
  let total = 0n;
  for (const p of paths) {
    let amount = p.amountIn;
    for (const h of p.hops) amount = await quoteHop(h, amount);
    total += amount;
  }
  return total;
}

async function deadline(): Promise<bigint> {
  return (await client.getBlock()).timestamp + 600n;
}

async function balance(token: Address, owner: Address): Promise<bigint> {
  return token === NATIVE_TOKEN ? client.getBalance({ address: owner }) : client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
}

async function executorHoldings(): Promise<bigint[]> {
  return Promise.all([...registry.tokens.map((t) => balance(t.address as Address, executor)), balance(NATIVE_TOKEN, executor)]);
}

function swapArgs(a: SwapArgs) {
  return [a.tokenIn, a.tokenOut, a.amountIn, a.minAmountOut, a.recipient, a.deadline, a.paths] as const;
}

// Swaps with minAmountOut = the reference quote and checks every balance to the wei.
async function swapExactly(label: string, tokenIn: Address, tokenOut: Address, paths: SwapPath[], recipient: Address = trader.address) {
  const amountIn = paths.reduce((s, p) => s + p.amountIn, 0n);
  const expected = await quote(paths);
  expect(expected > 0n).toBe(true);
  const [inBefore, outBefore] = await Promise.all([balance(tokenIn, trader.address), balance(tokenOut, recipient)]);
  const args: SwapArgs = { tokenIn, tokenOut, amountIn, minAmountOut: expected, recipient, deadline: await deadline(), paths };
  const receipt = await send(
    wallet.writeContract({ chain: wallet.chain, account: trader, address: executor, abi: lodestarExecutorAbi, functionName: "swap", args: swapArgs(args), value: tokenIn === NATIVE_TOKEN ? amountIn : 0n, gas: 3_000_000n }),
  );
  const [inAfter, outAfter] = await Promise.all([balance(tokenIn, trader.address), balance(tokenOut, recipient)]);
  const gasCost = tokenIn === NATIVE_TOKEN ? receipt.gasUsed * receipt.effectiveGasPrice : 0n;
  expect(inBefore - inAfter - gasCost, `${label}: input`).toBe(amountIn);
  expect(outAfter - outBefore, `${label}: output`).toBe(expected);
  expect(await executorHoldings(), `${label}: executor holdings`).toEqual(registry.tokens.map(() => 0n).concat(0n));
  const log = receipt.logs.find((l) => l.address.toLowerCase() === executor.toLowerCase());
  expect(log?.topics[3]?.toLowerCase(), `${label}: Swapped.tokenIn`).toBe(`0x${tokenIn.slice(2).toLowerCase().padStart(64, "0")}`);
  return { expected, receipt };
}

function revertName(e: unknown): string | undefined {
  const r = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
  return r instanceof ContractFunctionRevertedError ? r.data?.errorName : undefined;
}

async function expectSwapRevert(a: SwapArgs, errorName: string, value = 0n) {
  const err = await client
    .simulateContract({ account: trader, address: executor, abi: lodestarExecutorAbi, functionName: "swap", args: swapArgs(a), value })
    .then(() => null, (e: unknown) => e);
  expect(revertName(err), JSON.stringify(a, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).toBe(errorName);
}

// Strips what the compiler adds beyond the ABI's meaning (internalType, anonymous: false).
function normaliseAbi(abi: Abi): unknown[] {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).filter(([k, x]) => k !== "internalType" && !(k === "anonymous" && x === false)).map(([k, x]) => [k, strip(x)]))
        : v;
  const key = (x: { type: string; name?: string }) => `${x.type} ${x.name ?? ""}`;
  return [...(abi as readonly { type: string; name?: string }[])]
    .filter((x) => x.type !== "constructor")
    .sort((a, b) => key(a).localeCompare(key(b)))
    .map(strip);
}

describe.skipIf(!RUNS_HERE)("LodestarExecutor", () => {
  it("has the ABI of lib/web3/abi/executor.ts and is recorded in the registry", async () => {
    expect(normaliseAbi(own.LodestarExecutor!.abi)).toEqual(normaliseAbi(lodestarExecutorAbi as unknown as Abi));
    expect(registry.multicall3).toBe(MULTICALL3_ADDRESS);
    expect(await client.readContract({ address: executor, abi: lodestarExecutorAbi, functionName: "WETH" })).toBe(registry.weth);
  });

  it("swaps through one V2 pair", async () => {
    await swapExactly("1 hop V2", tok("USDC"), tok("WETH"), [{ amountIn: parseUnits("1000", 6), hops: [v2("uniswap-v2", "USDC", "WETH")] }]);
  });

  it("swaps through one V3 pool without crossing a tick", async () => {
    const hop = v3(500, "USDC", "WETH");
    const slot0 = async () => (await client.readContract({ address: hop.pool, abi: npm.v3Pool.abi, functionName: "slot0" })) as readonly [bigint, number];
    const before = (await slot0())[1];
    await swapExactly("1 hop V3", tok("USDC"), tok("WETH"), [{ amountIn: parseUnits("1000", 6), hops: [hop] }]);
    // The narrowest position spans ±200 ticks: a $1,000 trade stays inside it.
    expect(Math.abs((await slot0())[1] - before)).toBeLessThan(10);
  });

  it("chains hops: V2 → V2, V3 → V3, V3 → V2 → V3", async () => {
    await swapExactly("2 hops V2+V2", tok("USDC"), tok("LINK"), [{ amountIn: parseUnits("1000", 6), hops: [v2("uniswap-v2", "USDC", "WETH"), v2("uniswap-v2", "WETH", "LINK")] }]);
    await swapExactly("2 hops V3+V3", tok("USDC"), tok("LINK"), [{ amountIn: parseUnits("1000", 6), hops: [v3(500, "USDC", "WETH"), v3(3000, "WETH", "LINK")] }]);
    await swapExactly("3 hops V3+V2+V3", tok("DAI"), tok("LINK"), [
      { amountIn: parseUnits("1000", 18), hops: [v3(500, "DAI", "USDC"), v2("sushiswap", "USDC", "WETH"), v3(3000, "WETH", "LINK")] },
    ]);
    await swapExactly("2 hops V2+V3", tok("USDC"), tok("LINK"), [{ amountIn: parseUnits("1000", 6), hops: [v2("sushiswap", "USDC", "WETH"), v3(3000, "WETH", "LINK")] }]);
  });

  it("splits one trade across venues", async () => {
    await swapExactly("split V2 | V3", tok("USDC"), tok("WETH"), [
      { amountIn: parseUnits("600", 6), hops: [v2("uniswap-v2", "USDC", "WETH")] },
      { amountIn: parseUnits("400", 6), hops: [v3(500, "USDC", "WETH")] },
    ]);
    await swapExactly(
      "split V2 | V2->V3 (fresh recipient)",
      tok("WBTC"),
      tok("USDC"),
      [
        { amountIn: parseUnits("0.1", 8), hops: [v2("sushiswap", "WBTC", "USDC")] },
        { amountIn: parseUnits("0.05", 8), hops: [v2("uniswap-v2", "WBTC", "WETH"), v3(500, "WETH", "USDC")] },
      ],
      RECIPIENT,
    );
  });

  it("takes ETH in (wrapped) and pays ETH out (unwrapped)", async () => {
    await swapExactly("ETH in, 1 hop V3", NATIVE_TOKEN, tok("USDC"), [{ amountIn: parseEther("1"), hops: [v3(500, "WETH", "USDC")] }]);
    await swapExactly("ETH in, split V2 | V3", NATIVE_TOKEN, tok("DAI"), [
      { amountIn: parseEther("0.5"), hops: [v2("uniswap-v2", "WETH", "DAI")] },
      { amountIn: parseEther("0.5"), hops: [v3(3000, "WETH", "DAI")] },
    ]);
    await swapExactly("ETH out, 1 hop V2", tok("USDC"), NATIVE_TOKEN, [{ amountIn: parseUnits("1000", 6), hops: [v2("uniswap-v2", "USDC", "WETH")] }], RECIPIENT);
    await swapExactly("ETH out, 1 hop V3", tok("USDC"), NATIVE_TOKEN, [{ amountIn: parseUnits("1000", 6), hops: [v3(500, "USDC", "WETH")] }], RECIPIENT);
  });

  it("reverts InsufficientOutput at quote + 1 and leaves the sender's balances as they were", async () => {
    const paths = [{ amountIn: parseUnits("1000", 6), hops: [v2("uniswap-v2", "USDC", "WETH")] }];
    const expected = await quote(paths);
    const args: SwapArgs = { tokenIn: tok("USDC"), tokenOut: tok("WETH"), amountIn: parseUnits("1000", 6), minAmountOut: expected + 1n, recipient: trader.address, deadline: await deadline(), paths };
    await expectSwapRevert(args, "InsufficientOutput");
    const before = await Promise.all([balance(tok("USDC"), trader.address), balance(tok("WETH"), trader.address)]);
    // Mined anyway (fixed gas, no estimate): it reverts on chain too.
    const hash = await wallet.writeContract({ chain: wallet.chain, account: trader, address: executor, abi: lodestarExecutorAbi, functionName: "swap", args: swapArgs(args), gas: 1_000_000n });
    expect((await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 })).status).toBe("reverted");
    expect(await Promise.all([balance(tok("USDC"), trader.address), balance(tok("WETH"), trader.address)])).toEqual(before);
    expect(await executorHoldings()).toEqual(registry.tokens.map(() => 0n).concat(0n));
  });

  it("rejects expired, malformed and mis-paid swaps", async () => {
    const amountIn = parseUnits("100", 6);
    const good: SwapArgs = { tokenIn: tok("USDC"), tokenOut: tok("WETH"), amountIn, minAmountOut: 0n, recipient: trader.address, deadline: await deadline(), paths: [{ amountIn, hops: [v2("uniswap-v2", "USDC", "WETH")] }] };
    const now = (await client.getBlock()).timestamp;
    await expectSwapRevert({ ...good, deadline: now - 1n }, "Expired");
    await expectSwapRevert({ ...good, paths: [] }, "BadRoute");
    await expectSwapRevert({ ...good, paths: [{ amountIn, hops: [] }] }, "BadRoute");
    await expectSwapRevert({ ...good, amountIn: amountIn + 1n }, "BadRoute"); // paths sum to less
    await expectSwapRevert({ ...good, paths: [...good.paths, { amountIn: 0n, hops: good.paths[0]!.hops }] }, "BadRoute"); // an empty split
    await expectSwapRevert({ ...good, recipient: zeroAddress }, "BadRoute");
    await expectSwapRevert({ ...good, paths: [{ amountIn, hops: [v2("uniswap-v2", "DAI", "WETH")] }] }, "BadRoute"); // starts at another token
    await expectSwapRevert({ ...good, paths: [{ amountIn, hops: [v2("uniswap-v2", "USDC", "DAI")] }] }, "BadRoute"); // ends at another token
    await expectSwapRevert({ ...good, paths: [{ amountIn, hops: [v2("uniswap-v2", "USDC", "DAI"), v2("uniswap-v2", "USDC", "WETH")] }] }, "BadRoute"); // not chained
    await expectSwapRevert({ ...good, paths: [{ amountIn, hops: [{ ...v2("uniswap-v2", "USDC", "WETH"), kind: 2 }] }] }, "BadRoute"); // unknown pool kind
    // msg.value: ERC-20 in takes none; ETH in takes exactly amountIn; native routes run over WETH.
    await expectSwapRevert(good, "BadValue", 1n);
    const eth = parseEther("1");
    const ethIn: SwapArgs = { ...good, tokenIn: NATIVE_TOKEN, tokenOut: tok("USDC"), amountIn: eth, paths: [{ amountIn: eth, hops: [v3(500, "WETH", "USDC")] }] };
    await expectSwapRevert(ethIn, "BadValue", eth - 1n);
    await expectSwapRevert(ethIn, "BadValue", 0n);
    await expectSwapRevert({ ...ethIn, paths: [{ amountIn: eth, hops: [v3(500, "USDC", "WETH")] }] }, "BadRoute", eth);
    await expectSwapRevert({ ...good, tokenOut: NATIVE_TOKEN, paths: [{ amountIn, hops: [v2("uniswap-v2", "USDC", "DAI")] }] }, "BadRoute");
  });

  it("reverts IncompleteFill when a V3 pool runs out of liquidity", async () => {
    // 3,000 ETH into the $200k SOL/WETH 1 % pool: its positions end long before that is spent.
    const amountIn = parseEther("3000");
    const args: SwapArgs = { tokenIn: NATIVE_TOKEN, tokenOut: tok("SOL"), amountIn, minAmountOut: 0n, recipient: trader.address, deadline: await deadline(), paths: [{ amountIn, hops: [v3(10000, "WETH", "SOL")] }] };
    await expectSwapRevert(args, "IncompleteFill", amountIn);
  });

  it("accepts V3 callbacks only from the pool being swapped, and ETH only from WETH", async () => {
    const err = await client
      .simulateContract({ account: trader, address: executor, abi: lodestarExecutorAbi, functionName: "uniswapV3SwapCallback", args: [1000n, -1n, "0x"] })
      .then(() => null, (e: unknown) => e);
    expect(revertName(err)).toBe("UnexpectedCallback");
    // From a real pool's address (impersonated), outside a swap, too.
    const poolAddr = pool("uniswap-v3", "USDC", "WETH", 500);
    const err2 = await client
      .simulateContract({ account: poolAddr, address: executor, abi: lodestarExecutorAbi, functionName: "uniswapV3SwapCallback", args: [1000n, -1n, "0x"] })
      .then(() => null, (e: unknown) => e);
    expect(revertName(err2)).toBe("UnexpectedCallback");
    await expect(client.call({ account: trader, to: executor, value: 1n })).rejects.toThrow();
  });

  it("serves viem's multicall from the canonical Multicall3 address", async () => {
    const [usdc, weth, block] = await client.multicall({
      allowFailure: false,
      contracts: [
        { address: tok("USDC"), abi: erc20Abi, functionName: "balanceOf", args: [trader.address] },
        { address: tok("WETH"), abi: erc20Abi, functionName: "balanceOf", args: [trader.address] },
        { address: MULTICALL3_ADDRESS, abi: own.Multicall3!.abi, functionName: "getBlockNumber" },
      ],
    });
    expect(usdc).toBe(await balance(tok("USDC"), trader.address));
    expect(weth).toBe(await balance(tok("WETH"), trader.address));
    expect(block).toBe(await client.getBlockNumber({ cacheTime: 0 }));
  });

  // Each route shape run twice; the second run is recorded: the recipient already holds the
  // output token and the pools were touched before, as for a user's usual trade. Each recorded
  // swap is in a block 12 s after the last (V2 pairs then update their price accumulators and
  // V3 pools write an oracle observation, as on a live chain; same-second swaps cost ~5–10k less
  // per pool). Uniswap's own routers on the same trades for comparison.
  it("measures gas per route shape", async () => {
    const nextBlock = () => createTestClient({ mode: "anvil", transport: http(chain.url) }).increaseTime({ seconds: 12 });
    const usdc = parseUnits("1000", 6);
    const shapes: [string, Address, Address, SwapPath[]][] = [
      ["1 hop V2", tok("USDC"), tok("WETH"), [{ amountIn: usdc, hops: [v2("uniswap-v2", "USDC", "WETH")] }]],
      ["1 hop V3", tok("USDC"), tok("WETH"), [{ amountIn: usdc, hops: [v3(500, "USDC", "WETH")] }]],
      ["2 hops V2+V2", tok("USDC"), tok("LINK"), [{ amountIn: usdc, hops: [v2("uniswap-v2", "USDC", "WETH"), v2("uniswap-v2", "WETH", "LINK")] }]],
      ["2 hops V3+V3", tok("USDC"), tok("LINK"), [{ amountIn: usdc, hops: [v3(500, "USDC", "WETH"), v3(3000, "WETH", "LINK")] }]],
      ["2 hops V2+V3", tok("USDC"), tok("LINK"), [{ amountIn: usdc, hops: [v2("uniswap-v2", "USDC", "WETH"), v3(3000, "WETH", "LINK")] }]],
      ["2 hops V3+V2", tok("USDC"), tok("LINK"), [{ amountIn: usdc, hops: [v3(500, "USDC", "WETH"), v2("uniswap-v2", "WETH", "LINK")] }]],
      ["3 hops V2+V2+V2", tok("DAI"), tok("LINK"), [{ amountIn: parseUnits("1000", 18), hops: [v2("uniswap-v2", "DAI", "USDC"), v2("uniswap-v2", "USDC", "WETH"), v2("uniswap-v2", "WETH", "LINK")] }]],
      ["3 hops V3+V3+V3", tok("DAI"), tok("LINK"), [{ amountIn: parseUnits("1000", 18), hops: [v3(500, "DAI", "USDC"), v3(500, "USDC", "WETH"), v3(3000, "WETH", "LINK")] }]],
      ["split V2 | V2", tok("USDC"), tok("WETH"), [{ amountIn: usdc / 2n, hops: [v2("uniswap-v2", "USDC", "WETH")] }, { amountIn: usdc / 2n, hops: [v2("sushiswap", "USDC", "WETH")] }]],
      ["split V3 | V3", tok("USDC"), tok("WETH"), [{ amountIn: usdc / 2n, hops: [v3(500, "USDC", "WETH")] }, { amountIn: usdc / 2n, hops: [v3(3000, "USDC", "WETH")] }]],
      ["split V2 | V3", tok("USDC"), tok("WETH"), [{ amountIn: usdc / 2n, hops: [v2("uniswap-v2", "USDC", "WETH")] }, { amountIn: usdc / 2n, hops: [v3(500, "USDC", "WETH")] }]],
      ["ETH in, 1 hop V2", NATIVE_TOKEN, tok("USDC"), [{ amountIn: parseEther("0.4"), hops: [v2("uniswap-v2", "WETH", "USDC")] }]],
      ["ETH in, 1 hop V3", NATIVE_TOKEN, tok("USDC"), [{ amountIn: parseEther("0.4"), hops: [v3(500, "WETH", "USDC")] }]],
    ];
    for (const [label, tokenIn, tokenOut, paths] of shapes) {
      await swapExactly(label, tokenIn, tokenOut, paths);
      await nextBlock();
      gas[label] = (await swapExactly(label, tokenIn, tokenOut, paths)).receipt.gasUsed;
    }
    for (const [label, paths] of [
      ["ETH out, 1 hop V2", [{ amountIn: usdc, hops: [v2("uniswap-v2", "USDC", "WETH")] }]],
      ["ETH out, 1 hop V3", [{ amountIn: usdc, hops: [v3(500, "USDC", "WETH")] }]],
    ] as [string, SwapPath[]][]) {
      await swapExactly(label, tok("USDC"), NATIVE_TOKEN, paths, RECIPIENT);
      await nextBlock();
      gas[label] = (await swapExactly(label, tok("USDC"), NATIVE_TOKEN, paths, RECIPIENT)).receipt.gasUsed;
    }
    // Uniswap's routers on the 1-hop trades (approvals first, then two runs each, second kept).
    const [v2Router, v3Router] = [registry.venues[0]!.router as Address, registry.venues[2]!.router as Address];
    const w = { chain: wallet.chain, account: trader } as const;
    for (const r of [v2Router, v3Router]) await send(wallet.writeContract({ ...w, address: tok("USDC"), abi: erc20Abi, functionName: "approve", args: [r, maxUint256] }));
    const end = (await deadline()) + 3600n;
    for (let i = 0; i < 2; i++) {
      await nextBlock();
      gas["ref: Uniswap V2 Router02 1 hop"] = (await send(wallet.writeContract({ ...w, address: v2Router, abi: npm.v2Router.abi, functionName: "swapExactTokensForTokens", args: [usdc, 1n, [tok("USDC"), tok("WETH")], trader.address, end], gas: 1_000_000n }))).gasUsed;
      await nextBlock();
      gas["ref: Uniswap V3 SwapRouter 1 hop"] = (
        await send(
          wallet.writeContract({ ...w, address: v3Router, abi: npm.swapRouter.abi, functionName: "exactInputSingle", args: [{ tokenIn: tok("USDC"), tokenOut: tok("WETH"), fee: 500, recipient: trader.address, deadline: end, amountIn: usdc, amountOutMinimum: 1n, sqrtPriceLimitX96: 0n }], gas: 1_000_000n }),
        )
      ).gasUsed;
    }
    expect(gas["1 hop V2"]! < 200_000n && gas["1 hop V3"]! < 200_000n).toBe(true);
  });

  it("adds only the executor (and the vault factory bound to it) and Multicall3 to a chain deployed before them", async () => {
    // A registry written before the executor existed, on a chain where Multicall3 is gone.
    const old = readRegistryFile(dataDir, CHAIN_ID)!;
    writeRegistryFile(dataDir, { ...old, executor: null, vaultFactory: null });
    await createTestClient({ mode: "anvil", transport: http(chain.url) }).setCode({ address: MULTICALL3_ADDRESS, bytecode: "0x" });
    const r = await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir });
    expect(r).toMatchObject({ skipped: false, transactions: 2, added: ["executor", "vault factory", "Multicall3"] });
    const without = (x: ChainRegistry) => ({ ...x, executor: null, vaultFactory: null, deployedAt: null });
    expect(without(r.registry)).toEqual(without(old));
    expect(r.registry.executor).not.toBe(old.executor);
    expect(await client.readContract({ address: r.registry.vaultFactory as Address, abi: lodestarVaultFactoryAbi, functionName: "executor" })).toBe(r.registry.executor);
    expect((await client.getCode({ address: r.registry.executor as Address }))?.length).toBeGreaterThan(2);
    expect(await client.getCode({ address: MULTICALL3_ADDRESS })).toBe(own.Multicall3!.deployedBytecode);
    expect((await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).skipped).toBe(true);
  });
});
