// The market replay keeper: an arbitrageur on a local chain that trades every pool toward the
// reference price path (server/market/replay.ts), so local prices move like the market did.
// It is a real trader: swaps through the venues' routers (V2 Router02; V3 SwapRouter
// exactInputSingle with sqrtPriceLimitX96 = the target, so the pool stops exactly there), from
// its own account, with inventory minted by the tokens' owner (the deployer, anvil account 0)
// or wrapped from ETH. It never writes pool state directly. Local chains only.
import { waitForReceipt } from "@/lib/web3/wait-receipt";
import {
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  http,
  maxUint256,
  publicActions,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { testTokenAbi, v3SwapRouterAbi } from "@/lib/web3/abi/keeper";
import { v2RouterAbi, weth9Abi } from "@/lib/web3/abi/uniswap";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { readMarketState } from "@/server/chain/pool-state";
import type { Addr } from "@/server/defi/routing/types";
import { planKeeperTrades, type KeeperTrade } from "@/server/market/keeper";
import { replayFactorAt, type ReplayPath } from "@/server/market/replay";
import { computeUsdPrices, type PricedToken } from "@/server/market/usd-prices";
import { marketSymbolOf } from "@/server/services/prices";

// anvil's dev accounts for the standard mnemonic: 0 deployed the test tokens (their owner);
// 9 is the keeper by default (it also holds the faucet's test tokens, like every dev account).
export const ANVIL_OWNER_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const ANVIL_KEEPER_KEY: Hex = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
const GAS = { v2: 250_000n, v3: 1_500_000n, call: 200_000n } as const;

export type ReplayKeeper = {
  readonly chainId: number;
  readonly registry: ChainRegistry;
  readonly path: ReplayPath;
  readonly keeper: PrivateKeyAccount;
  /** USD price per token (lowercase address) when the replay started: the path's base. */
  readonly startUsd: ReadonlyMap<Addr, number>;
  readonly toleranceBps: number;
  readonly client: ReturnType<typeof walletFor>;
  readonly owner: ReturnType<typeof walletFor>;
  readonly tokens: readonly PricedToken[];
};

export type KeeperStepResult = {
  readonly hoursElapsed: number;
  readonly block: bigint;
  /** USD target per token (lowercase address). */
  readonly targetsUsd: ReadonlyMap<Addr, number>;
  readonly trades: readonly (KeeperTrade & { hash: Hex; ok: boolean })[];
  readonly ms: number;
};

function walletFor(account: PrivateKeyAccount, rpcUrl: string) {
  return createWalletClient({ account, transport: http(rpcUrl), pollingInterval: 50 }).extend(publicActions);
}

function pricedTokens(registry: ChainRegistry): PricedToken[] {
  return registry.tokens.map((t) => ({ address: t.address.toLowerCase() as Addr, symbol: t.symbol, decimals: t.decimals, stable: t.category === "stablecoin" }));
}

export async function createReplayKeeper(opts: {
  chainId: number;
  rpcUrl: string;
  registry: ChainRegistry;
  path: ReplayPath;
  keeperKey?: Hex;
  ownerKey?: Hex;
  toleranceBps?: number;
}): Promise<ReplayKeeper> {
  const keeper = privateKeyToAccount(opts.keeperKey ?? ANVIL_KEEPER_KEY);
  const client = walletFor(keeper, opts.rpcUrl);
  const owner = walletFor(privateKeyToAccount(opts.ownerKey ?? ANVIL_OWNER_KEY), opts.rpcUrl);
  const tokens = pricedTokens(opts.registry);
  const state = await readMarketState(client as unknown as PublicClient, opts.registry);
  const { prices } = computeUsdPrices(state.edges, tokens);
  const startUsd = new Map([...prices].map(([a, p]) => [a, p.priceUsd]));
  // One unlimited approval per token and router (skipped where it is already in place).
  const routers = opts.registry.venues.map((v) => v.router as Address);
  const calls: { token: Address; router: Address }[] = [];
  const allowances = await Promise.all(
    tokens.flatMap((t) => routers.map((r) => client.readContract({ address: t.address, abi: erc20Abi, functionName: "allowance", args: [keeper.address, r] }).then((a) => ({ a, t, r })))),
  );
  for (const { a, t, r } of allowances) if (a < maxUint256 / 2n) calls.push({ token: t.address, router: r });
  await sendAll(client, calls.map((c) => ({ to: c.token, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [c.router, maxUint256] }), gas: GAS.call })));
  return { chainId: opts.chainId, registry: opts.registry, path: opts.path, keeper, startUsd, toleranceBps: opts.toleranceBps ?? 2, client, owner, tokens };
}

/** The USD targets after `hoursElapsed` history hours: path tokens move, stablecoins keep their current pool prices. */
export function keeperTargets(k: ReplayKeeper, currentUsd: ReadonlyMap<Addr, number>, hoursElapsed: number): Map<Addr, number> {
  const out = new Map<Addr, number>();
  for (const t of k.tokens) {
    const start = k.startUsd.get(t.address);
    if (t.stable) {
      const now = currentUsd.get(t.address);
      if (now) out.set(t.address, now);
    } else if (start) {
      out.set(t.address, start * replayFactorAt(k.path, marketSymbolOf(t.symbol), hoursElapsed));
    }
  }
  return out;
}

/** One keeper step: read the pools, plan the trades toward the targets at `hoursElapsed`, execute them, wait. */
export async function runKeeperStep(k: ReplayKeeper, hoursElapsed: number): Promise<KeeperStepResult> {
  const started = performance.now();
  const state = await readMarketState(k.client as unknown as PublicClient, k.registry, { block: await k.client.getBlockNumber({ cacheTime: 0 }) });
  const { prices } = computeUsdPrices(state.edges, k.tokens);
  const current = new Map([...prices].map(([a, p]) => [a, p.priceUsd]));
  const targets = keeperTargets(k, current, hoursElapsed);
  const decimals = new Map(k.tokens.map((t) => [t.address, t.decimals]));
  const anchors = new Set(k.tokens.filter((t) => t.stable).map((t) => t.address));
  const trades = planKeeperTrades(state.edges, targets, decimals, { toleranceBps: k.toleranceBps, anchors });
  await ensureInventory(k, trades);
  const block = await k.client.getBlock();
  const deadline = block.timestamp + 3600n;
  const txs = trades.map((t) => {
    const venue = k.registry.venues.find((v) => v.id === t.venue);
    if (!venue) throw new Error(`keeper: no venue ${t.venue}`);
    const minOut = (t.expectedOut * 99n) / 100n;
    const data =
      t.kind === "v2"
        ? encodeFunctionData({ abi: v2RouterAbi, functionName: "swapExactTokensForTokens", args: [t.amountIn, minOut, [t.tokenIn, t.tokenOut], k.keeper.address, deadline] })
        : encodeFunctionData({
            abi: v3SwapRouterAbi,
            functionName: "exactInputSingle",
            // A little more input than the exact math needs: the price limit stops the pool at
            // the target and only what was used is pulled.
            args: [{ tokenIn: t.tokenIn, tokenOut: t.tokenOut, fee: t.fee, recipient: k.keeper.address, deadline, amountIn: t.amountIn + t.amountIn / 1000n + 1n, amountOutMinimum: minOut, sqrtPriceLimitX96: t.sqrtPriceLimitX96! }],
          });
    return { to: venue.router as Address, data, gas: t.kind === "v2" ? GAS.v2 : GAS.v3 };
  });
  const results = await sendAll(k.client, txs);
  return {
    hoursElapsed,
    block: results.reduce((b, r) => (r.block > b ? r.block : b), state.block),
    targetsUsd: targets,
    trades: trades.map((t, i) => ({ ...t, hash: results[i]!.hash, ok: results[i]!.ok })),
    ms: Math.round(performance.now() - started),
  };
}

// Tops the keeper up where a step needs more than it holds: test tokens minted by their owner
// (twice the shortfall, so steps rarely need it), WETH wrapped from the keeper's ETH.
async function ensureInventory(k: ReplayKeeper, trades: readonly KeeperTrade[]): Promise<void> {
  const need = new Map<Addr, bigint>();
  for (const t of trades) need.set(t.tokenIn, (need.get(t.tokenIn) ?? 0n) + t.amountIn + t.amountIn / 1000n + 1n);
  const weth = k.registry.weth.toLowerCase() as Addr;
  const mints: { to: Address; data: Hex; gas: bigint }[] = [];
  for (const [token, amount] of need) {
    const have = await k.client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [k.keeper.address] });
    if (have >= amount) continue;
    const short = (amount - have) * 2n;
    if (token === weth) {
      const eth = await k.client.getBalance({ address: k.keeper.address });
      if (eth < short + 10n ** 18n) {
        // A dev faucet for the keeper's own ETH (anvil), never pool state.
        await k.client.request({ method: "anvil_setBalance" as never, params: [k.keeper.address, `0x${(eth + short * 2n + 10n ** 21n).toString(16)}`] as never });
      }
      const hash = await k.client.sendTransaction({ to: token, data: encodeFunctionData({ abi: weth9Abi, functionName: "deposit" }), value: short, gas: GAS.call, chain: null });
      await waitForReceipt(k.client, hash, { timeoutMs: RECEIPT_TIMEOUT_MS });
    } else {
      mints.push({ to: token, data: encodeFunctionData({ abi: testTokenAbi, functionName: "mint", args: [k.keeper.address, short] }), gas: GAS.call });
    }
  }
  const res = await sendAll(k.owner, mints);
  if (res.some((r) => !r.ok)) throw new Error("keeper: minting inventory failed (is account 0 the tokens' owner?)");
}

// A receipt that has not come within this is a dropped transaction: the step fails, the next
// one resyncs the nonce from the chain and carries on.
const RECEIPT_TIMEOUT_MS = 20_000;

// Sends back to back with local nonces (anvil mines each on arrival), then waits for all receipts.
async function sendAll(client: ReturnType<typeof walletFor>, txs: readonly { to: Address; data: Hex; gas: bigint }[]) {
  if (txs.length === 0) return [];
  let nonce = await client.getTransactionCount({ address: client.account.address, blockTag: "pending" });
  const hashes: Hex[] = [];
  for (const tx of txs) hashes.push(await client.sendTransaction({ ...tx, nonce: nonce++, chain: null }));
  const receipts = await Promise.all(hashes.map((hash) => waitForReceipt(client, hash, { timeoutMs: RECEIPT_TIMEOUT_MS })));
  return receipts.map((r, i) => ({ hash: hashes[i]!, ok: r.status === "success", block: r.blockNumber }));
}
