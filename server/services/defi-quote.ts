// Swap quoting and building: reads the pools (server/chain/pool-state.ts), runs the pure router
// (server/defi/routing), and turns a route into executor calldata, approvals and a simulation.
import { encodeFunctionData, toFunctionSelector, erc20Abi, getAddress, maxUint256, type ContractFunctionParameters, type Hex, type PublicClient } from "viem";
import type { z } from "zod";
import { HOP_KIND, lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { ozErc20ErrorsAbi } from "@/lib/web3/abi/token-errors";
import { weth9Abi } from "@/lib/web3/abi/uniswap";
import type { buildSwapInput, quoteInput } from "@/lib/schemas/defi";
import type { ChainRegistry, RegistryToken } from "@/lib/web3/registry/schema";
import type { Address, ApprovalStep, BalanceChange, BuiltSwap, Quote, QuotePath, TxRequest, VenueComparison } from "@/lib/web3/swap/types";
import { publicClientFor } from "@/server/chain/clients";
import { readMarketState, type MarketState } from "@/server/chain/pool-state";
import { getRegistry } from "@/server/chain/registry";
import { autoSlippageBps, findBestRoute, gasCostOut, minimumReceived, priceImpactBps, routeMidRate } from "@/server/defi/routing/route";
import type { Addr, GasModel, Route, RouteOptions } from "@/server/defi/routing/types";
import { DomainError, ErrorKind } from "@/server/errors";
import { loadDailyCandles } from "@/server/services/market";

/** Calibrated on LodestarExecutor on anvil (see contracts/deploy/executor.int.test.ts). */
export const EXECUTOR_GAS: GasModel = { base: 49_000n, perPath: 4_000n, v2Hop: 54_000n, v3Hop: 62_000n, v3TickCrossed: 20_000n };
export const QUOTE_TTL_MS = 30_000;
const NATIVE_IN_GAS = 16_000n;
const NATIVE_OUT_GAS = 10_000n;
const SPLIT_STEP_BPS = 500;
const MAX_SPLITS = 4;
const CONNECTOR_SYMBOLS = ["WETH", "USDC", "USDT", "DAI", "WBTC"];

const lower = (a: string) => a.toLowerCase() as Addr;
const isNative = (a: string) => a.toLowerCase() === NATIVE_TOKEN.toLowerCase();

export type TokenList = {
  chainId: number;
  native: { symbol: string; name: string; decimals: number };
  weth: Address;
  executor: Address | null;
  tokens: RegistryToken[];
  venues: { id: string; name: string; kind: "v2" | "v3" }[];
};
export type TokenBalances = { chainId: number; address: Address; block: bigint; balances: { token: Address; raw: bigint }[] };

export function registryOrThrow(chainId: number): ChainRegistry {
  const r = getRegistry(chainId);
  if (!r) throw new DomainError("swap.CHAIN_NOT_SUPPORTED", ErrorKind.invalid, `Swaps are not available on chain ${chainId}.`);
  return r;
}

function clientOrThrow(chainId: number): PublicClient {
  return publicClientFor(chainId);
}

function unreachable(err: unknown): never {
  if (err instanceof DomainError) throw err;
  throw new DomainError("chain.UNREACHABLE", ErrorKind.unavailable, "The chain is not reachable right now. Try again in a moment.", { cause: err });
}

export async function listTokens(chainId: number): Promise<TokenList> {
  const r = registryOrThrow(chainId);
  return {
    chainId,
    native: { symbol: "ETH", name: "Ether", decimals: 18 },
    weth: getAddress(r.weth),
    executor: r.executor ? getAddress(r.executor) : null,
    tokens: r.tokens.map((t) => ({ ...t, address: getAddress(t.address) })),
    venues: r.venues.map((v) => ({ id: v.id, name: v.name, kind: v.kind })),
  };
}

/** ETH (as NATIVE_TOKEN) and every registry token held by `address`, read at one block. */
export async function tokenBalances(chainId: number, address: Address): Promise<TokenBalances> {
  const r = registryOrThrow(chainId);
  const client = clientOrThrow(chainId);
  try {
    const block = await client.getBlockNumber({ cacheTime: 0 });
    const [eth, ...tokens] = await client.multicall({
      blockNumber: block,
      multicallAddress: r.multicall3 as Addr,
      allowFailure: true,
      contracts: [
        { address: r.multicall3 as Addr, abi: multicallEthBalanceAbi, functionName: "getEthBalance", args: [address] },
        ...r.tokens.map((t) => ({ address: t.address as Addr, abi: erc20Abi, functionName: "balanceOf" as const, args: [address] as const })),
      ] as readonly ContractFunctionParameters[],
    });
    const balances = [{ token: NATIVE_TOKEN as Address, raw: eth?.status === "success" ? (eth.result as bigint) : 0n }];
    r.tokens.forEach((t, i) => {
      const res = tokens[i];
      balances.push({ token: getAddress(t.address), raw: res?.status === "success" ? (res.result as bigint) : 0n });
    });
    return { chainId, address: getAddress(address), block, balances };
  } catch (err) {
    unreachable(err);
  }
}

const multicallEthBalanceAbi = [
  { type: "function", name: "getEthBalance", stateMutability: "view", inputs: [{ name: "addr", type: "address" }], outputs: [{ name: "balance", type: "uint256" }] },
] as const;

// ---------------------------------------------------------------- quoting

type Resolved = { token: RegistryToken | null; address: Addr; routeAddress: Addr; decimals: number; symbol: string };

function resolveToken(r: ChainRegistry, address: string, field: string): Resolved {
  if (isNative(address)) {
    return { token: null, address: lower(NATIVE_TOKEN), routeAddress: lower(r.weth), decimals: 18, symbol: "ETH" };
  }
  const t = r.tokens.find((x) => x.address.toLowerCase() === address.toLowerCase());
  if (!t) throw new DomainError("swap.UNKNOWN_TOKEN", ErrorKind.invalid, `This token is not tradable on this chain (${field}).`);
  return { token: t, address: lower(t.address), routeAddress: lower(t.address), decimals: t.decimals, symbol: t.symbol };
}

const volCache = new Map<string, Promise<number>>();
const MARKET_OF: Record<string, string> = { WETH: "ETH", ETH: "ETH", WBTC: "BTC" };

/** Daily volatility (stdev of log returns, last 90 days of data/market); stablecoins 0.1 %. */
function dailyVol(symbol: string, category: string | null): Promise<number> {
  if (category === "stablecoin") return Promise.resolve(0.001);
  const market = MARKET_OF[symbol] ?? symbol;
  let p = volCache.get(market);
  if (!p) {
    p = loadDailyCandles(market)
      .then((candles) => {
        const closes = candles.slice(-91).map((c) => c.close);
        const rets: number[] = [];
        for (let i = 1; i < closes.length; i++) rets.push(Math.log(closes[i]! / closes[i - 1]!));
        if (rets.length < 2) return 0.05;
        const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
        return Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / (rets.length - 1));
      })
      .catch(() => 0.05); // no history: assume a volatile asset (5 %/day)
    volCache.set(market, p);
  }
  return p;
}

function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return "0";
  return rate >= 1 ? rate.toPrecision(Math.max(8, Math.ceil(Math.log10(rate)) + 2)).replace(/\.?0+$/, "") : rate.toPrecision(8).replace(/\.?0+$/, "");
}

function venueName(r: ChainRegistry, id: string) {
  return r.venues.find((v) => v.id === id)?.name ?? id;
}

function toQuotePaths(r: ChainRegistry, route: Route): QuotePath[] {
  return route.paths.map((p) => ({
    shareBps: p.shareBps,
    amountIn: p.amountIn,
    amountOut: p.amountOut,
    legs: p.legs.map((l) => ({
      venue: l.edge.venue as QuotePath["legs"][number]["venue"],
      venueName: venueName(r, l.edge.venue),
      kind: l.edge.kind,
      pool: getAddress(l.edge.id),
      tokenIn: getAddress(l.tokenIn),
      tokenOut: getAddress(l.tokenOut),
      fee: l.edge.feePips,
      amountIn: l.amountIn,
      amountOut: l.amountOut,
      ticksCrossed: l.ticksCrossed,
    })),
  }));
}

type QuoteContext = { registry: ChainRegistry; client: PublicClient; market: MarketState; tokenIn: Resolved; tokenOut: Resolved };

export type QuoteParams = z.output<typeof quoteInput>;

/** Route options for a market state: connectors, splits, gas priced in the output token. */
export function routeOptions(registry: ChainRegistry, market: MarketState, tokenOut: Addr, overrides: Partial<RouteOptions> = {}): RouteOptions {
  const connectors = new Set(registry.tokens.filter((t) => CONNECTOR_SYMBOLS.includes(t.symbol)).map((t) => lower(t.address)));
  const base: RouteOptions = {
    maxHops: 3,
    splitStepBps: SPLIT_STEP_BPS,
    maxSplits: MAX_SPLITS,
    connectors,
    gas: EXECUTOR_GAS,
    gasPriceWei: market.gasPriceWei,
    outPerEth: null,
    ...overrides,
  };
  if (overrides.outPerEth !== undefined) return base;
  const weth = lower(registry.weth);
  if (tokenOut === weth) return { ...base, outPerEth: { num: 1n, den: 1n } };
  // ETH priced in the output token from a small single-path quote (0.01 ETH), gas not counted.
  const probe = 10n ** 16n;
  const r = findBestRoute(market.edges, weth, tokenOut, probe, { ...base, splitStepBps: 10_000, maxSplits: 1, gasPriceWei: 0n });
  return { ...base, outPerEth: r ? { num: r.amountOut, den: probe } : null };
}

/** The quote core shared by quote and buildSwap (and the bench). */
export async function computeQuote(input: QuoteParams, opts: { now: Date; block?: bigint }): Promise<{ quote: Quote; route: Route | null; ctx: QuoteContext }> {
  const registry = registryOrThrow(input.chainId);
  const tokenIn = resolveToken(registry, input.tokenIn, "tokenIn");
  const tokenOut = resolveToken(registry, input.tokenOut, "tokenOut");
  const client = clientOrThrow(input.chainId);
  let market: MarketState;
  try {
    market = await readMarketState(client, registry, { block: opts.block });
  } catch (err) {
    unreachable(err);
  }
  const ctx = { registry, client, market, tokenIn, tokenOut };
  const now = opts.now.getTime();
  const base = {
    chainId: input.chainId,
    tokenIn: getAddress(input.tokenIn),
    tokenOut: getAddress(input.tokenOut),
    amountIn: input.amountIn,
    gasPriceWei: market.gasPriceWei,
    block: market.block,
    quotedAt: now,
    expiresAt: now + QUOTE_TTL_MS,
  };

  // ETH ↔ WETH: 1:1 through WETH9 itself.
  if (tokenIn.routeAddress === tokenOut.routeAddress) {
    const kind = isNative(input.tokenIn) ? ("wrap" as const) : ("unwrap" as const);
    const gas = kind === "wrap" ? 46_000n : 36_000n;
    return {
      quote: {
        ...base,
        kind,
        amountOut: input.amountIn,
        minAmountOut: input.amountIn,
        slippageBps: input.slippageBps ?? 0,
        autoSlippage: input.slippageBps === undefined,
        priceImpactBps: 0,
        midPrice: "1",
        executionPrice: "1",
        paths: [],
        venues: [],
        gasEstimate: gas,
        gasCostOut: gas * market.gasPriceWei,
        routeMs: 0,
      },
      route: null,
      ctx,
    };
  }

  const t0 = performance.now();
  const options = routeOptions(registry, market, tokenOut.routeAddress);
  const route = findBestRoute(market.edges, tokenIn.routeAddress, tokenOut.routeAddress, input.amountIn, options);
  const venues: VenueComparison[] = registry.venues.map((v) => {
    const single = findBestRoute(market.edges, tokenIn.routeAddress, tokenOut.routeAddress, input.amountIn, {
      ...options,
      venues: new Set([v.id]),
      splitStepBps: 10_000,
      maxSplits: 1,
    });
    return {
      venue: v.id,
      venueName: v.name,
      amountOut: single?.amountOut ?? null,
      gasEstimate: single?.gasEstimate ?? null,
      netAmountOut: single && options.outPerEth ? single.netOut : null,
      hops: single ? (single.paths[0]?.legs.length ?? null) : null,
    };
  });
  const routeMs = Math.round((performance.now() - t0) * 100) / 100;
  if (!route) {
    throw new DomainError("swap.NO_ROUTE", ErrorKind.invalid, `No route has enough liquidity to swap this amount of ${tokenIn.symbol} for ${tokenOut.symbol}.`);
  }
  const impact = priceImpactBps(route);
  // Wrapping ETH in / unwrapping out costs the same on every route: added after the search.
  const nativeGas = (isNative(input.tokenIn) ? NATIVE_IN_GAS : 0n) + (isNative(input.tokenOut) ? NATIVE_OUT_GAS : 0n);
  const gasEstimate = route.gasEstimate + nativeGas;
  const [volIn, volOut] = await Promise.all([
    dailyVol(tokenIn.symbol, tokenIn.token?.category ?? "L1"),
    dailyVol(tokenOut.symbol, tokenOut.token?.category ?? "L1"),
  ]);
  const slippageBps = input.slippageBps ?? autoSlippageBps({ dailyVolIn: volIn, dailyVolOut: volOut, impactBps: impact });
  const scale = 10 ** (tokenIn.decimals - tokenOut.decimals);
  const quote: Quote = {
    ...base,
    kind: "swap",
    amountOut: route.amountOut,
    minAmountOut: minimumReceived(route.amountOut, slippageBps),
    slippageBps,
    autoSlippage: input.slippageBps === undefined,
    priceImpactBps: impact,
    midPrice: formatRate(routeMidRate(route) * scale),
    executionPrice: formatRate((Number(route.amountOut) / Number(route.amountIn)) * scale),
    paths: toQuotePaths(registry, route),
    venues,
    gasEstimate,
    gasCostOut: options.outPerEth ? gasCostOut(gasEstimate, options) : null,
    routeMs,
  };
  return { quote, route, ctx };
}

export async function quote(input: QuoteParams, opts: { now: Date }): Promise<Quote> {
  return (await computeQuote(input, opts)).quote;
}

// ---------------------------------------------------------------- building

export type BuildParams = z.output<typeof buildSwapInput>;

/** Executor calldata for a route (exact input, min output, deadline). */
export function encodeExecutorSwap(q: Quote, route: Route, recipient: Address, deadline: bigint): Hex {
  return encodeFunctionData({
    abi: lodestarExecutorAbi,
    functionName: "swap",
    args: [
      q.tokenIn,
      q.tokenOut,
      q.amountIn,
      q.minAmountOut,
      recipient,
      deadline,
      route.paths.map((p) => ({
        amountIn: p.amountIn,
        hops: p.legs.map((l) => ({
          kind: l.edge.kind === "v2" ? HOP_KIND.v2 : HOP_KIND.v3,
          pool: getAddress(l.edge.id),
          tokenIn: getAddress(l.tokenIn),
          tokenOut: getAddress(l.tokenOut),
        })),
      })),
    ],
  });
}

export async function buildSwap(input: BuildParams, opts: { now: Date }): Promise<BuiltSwap> {
  const { quote: q, route, ctx } = await computeQuote(input, opts);
  const { registry, client, market } = ctx;
  const account = getAddress(input.account);
  let headTimestamp = BigInt(Math.floor(opts.now.getTime() / 1000));
  try {
    const head = await client.getBlock({ blockNumber: market.block });
    if (head.timestamp > headTimestamp) headTimestamp = head.timestamp;
  } catch (err) {
    unreachable(err);
  }
  const deadline = headTimestamp + BigInt(input.deadlineMinutes * 60);
  const weth = getAddress(registry.weth);

  let swap: TxRequest;
  let spender: Address;
  if (q.kind === "wrap") {
    spender = weth;
    swap = { to: weth, data: encodeFunctionData({ abi: weth9Abi, functionName: "deposit" }), value: q.amountIn };
  } else if (q.kind === "unwrap") {
    spender = weth;
    swap = { to: weth, data: encodeFunctionData({ abi: weth9Abi, functionName: "withdraw", args: [q.amountIn] }), value: 0n };
  } else {
    if (!registry.executor || !route) {
      throw new DomainError("swap.NO_EXECUTOR", ErrorKind.unavailable, "Swaps are not enabled on this chain yet (no executor deployed).");
    }
    spender = getAddress(registry.executor);
    swap = { to: spender, data: encodeExecutorSwap(q, route, account, deadline), value: isNative(q.tokenIn) ? q.amountIn : 0n };
  }

  // Approvals: exact input by default; tokens like USDT need a reset to 0 before a new amount.
  const approvals: ApprovalStep[] = [];
  if (q.kind === "swap" && !isNative(q.tokenIn)) {
    let current: bigint;
    try {
      current = await client.readContract({ address: q.tokenIn, abi: erc20Abi, functionName: "allowance", args: [account, spender], blockNumber: market.block });
    } catch (err) {
      unreachable(err);
    }
    if (current < q.amountIn) {
      const amount = input.unlimitedApproval ? maxUint256 : q.amountIn;
      if (current > 0n && ctx.tokenIn.symbol === "USDT") {
        approvals.push({ token: q.tokenIn, spender, current, amount: 0n, tx: approveTx(q.tokenIn, spender, 0n) });
      }
      approvals.push({ token: q.tokenIn, spender, current, amount, tx: approveTx(q.tokenIn, spender, amount) });
    }
  }

  const simulation = await simulate(client, registry, account, [...approvals.map((a) => a.tx), swap], { ...ctx, amountIn: q.amountIn }, market.block);
  // Gas limit with headroom: the simulated block may skip work the mined block does. A V2 pair
  // writes its two price accumulators only when the block time moved since its last trade (up
  // to ~45k gas when they are still zero), so each V2 leg gets that allowance on top of 25 %.
  const simulatedGas = simulation.ok ? simulation.gasUsed : q.gasEstimate;
  const v2Legs = BigInt(q.paths.reduce((n, p) => n + p.legs.filter((l) => l.kind === "v2").length, 0));
  swap = { ...swap, gas: (simulatedGas * 125n) / 100n + 50_000n * v2Legs + 30_000n };
  return { quote: q, approvals, swap, spender, deadline: Number(deadline), simulation };
}

function approveTx(token: Address, spender: Address, amount: bigint): TxRequest {
  return { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] }), value: 0n };
}

/**
 * Runs [approvals…, swap] in one simulated block (eth_simulateV1) on top of `block`, with the
 * account's balances of both tokens read before and after inside the same block: the preview
 * shows exactly what the transactions would change (gas excluded).
 */
async function simulate(
  client: PublicClient,
  registry: ChainRegistry,
  account: Address,
  txs: TxRequest[],
  ctx: QuoteContext & { amountIn: bigint },
  block: bigint,
): Promise<BuiltSwap["simulation"]> {
  const tracked = [ctx.tokenIn, ctx.tokenOut];
  const balanceCall = (t: Resolved) =>
    isNative(t.address)
      ? { to: registry.multicall3 as Address, abi: multicallEthBalanceAbi, functionName: "getEthBalance" as const, args: [account] as const }
      : { to: getAddress(t.address), abi: erc20Abi, functionName: "balanceOf" as const, args: [account] as const };
  try {
    const { results } = await client.simulateCalls({
      account,
      blockNumber: block,
      calls: [
        ...tracked.map(balanceCall),
        ...txs.map((t) => ({ to: t.to, data: t.data, value: t.value })),
        ...tracked.map(balanceCall),
      ],
    } as Parameters<PublicClient["simulateCalls"]>[0]);
    const txResults = results.slice(tracked.length, tracked.length + txs.length);
    const failed = txResults.find((r) => r.status !== "success");
    const have = results[0]?.status === "success" ? (results[0].result as bigint) : null;
    const need = txs[txs.length - 1]!.value > 0n ? txs[txs.length - 1]!.value : ctx.tokenIn.address === lower(NATIVE_TOKEN) ? 0n : null;
    if (have !== null && ((need !== null && have < need) || (need === null && have < amountInOf(txs, ctx)))) {
      return { ok: false, reason: `Your ${ctx.tokenIn.symbol} balance is too low for this swap.` };
    }
    if (failed) return { ok: false, reason: readableRevert(failed) };
    const swapGas = txResults[txResults.length - 1]?.gasUsed ?? 0n;
    const changes: BalanceChange[] = tracked.map((t, i) => {
      const before = results[i]?.result as bigint;
      const after = results[tracked.length + txs.length + i]?.result as bigint;
      return { token: getAddress(t.address), symbol: t.symbol, decimals: t.decimals, diff: after - before };
    });
    return { ok: true, changes, gasUsed: swapGas };
  } catch (err) {
    return { ok: false, reason: readableRevert({ error: err }) };
  }
}

const revertAbi = [...lodestarExecutorAbi.filter((x) => x.type === "error"), ...ozErc20ErrorsAbi];

const revertSelectors = new Map(revertAbi.map((e) => [toFunctionSelector(e as never).toLowerCase(), e.name]));

/** The custom error's name when the revert data matches the executor's or the token's errors. */
function revertName(err: unknown): string | null {
  const seen = new Set<unknown>();
  let e: unknown = err;
  // viem nests the revert (ContractFunctionRevertedError: raw / signature) under `cause`.
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const x = e as { raw?: unknown; signature?: unknown; data?: unknown; cause?: unknown };
    for (const d of [x.raw, x.signature, x.data]) {
      if (typeof d === "string" && d.startsWith("0x") && d.length >= 10) {
        const name = revertSelectors.get(d.slice(0, 10).toLowerCase());
        if (name) return name;
      }
    }
    e = x.cause;
  }
  return null;
}

/** The swap's input amount (the executor call's amountIn, or the unwrap amount). */
function amountInOf(_txs: TxRequest[], ctx: QuoteContext & { amountIn?: bigint }): bigint {
  return ctx.amountIn ?? 0n;
}

function readableRevert(r: { error?: unknown }): string {
  const e = r.error as { shortMessage?: string; message?: string } | undefined;
  const text = `${revertName(r.error) ?? ""} ${e?.shortMessage ?? ""} ${e?.message ?? ""}`;
  if (/InsufficientOutput/.test(text)) return "The price moved: this swap would return less than your minimum.";
  if (/ERC20InsufficientBalance|insufficient balance|transfer amount exceeds balance/i.test(text)) return "Your balance is too low for this swap.";
  if (/ERC20InsufficientAllowance|allowance/i.test(text)) return "The token allowance does not cover this swap.";
  if (/TransferFailed/.test(text)) return "A token transfer failed: check your balance and allowance.";
  if (/IncompleteFill/.test(text)) return "A pool on this route ran out of liquidity.";
  if (/insufficient funds/i.test(text)) return "Not enough ETH to cover this swap.";
  if (/Expired/.test(text)) return "The deadline has already passed.";
  return (e?.shortMessage ?? "The simulation reverted.").split("\n")[0]!;
}
