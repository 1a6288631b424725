// The local protocol deploy on a throwaway anvil: registry contents, seeded prices against
// data/market, real swaps through every venue, idempotency and redeploy after a wipe.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, createWalletClient, erc20Abi, http, maxUint256, parseUnits, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/db/testing/database";
import { startAnvil, type TestChain } from "@/test/anvil";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { getRegistry } from "@/server/chain/registry";
import { compileOwnContracts, loadNpmArtifacts, REPO_ROOT, type Artifact } from "./artifacts";
import { latestClosesE8 } from "./config";
import { deployChain } from "./deploy";
import { priceFromSqrtX96 } from "./math";
import { DEPLOYER_KEY } from "./tx";

const PORT_A = 28645;
const PORT_B = 28646;
const CHAIN_ID = 31337;
// anvil dev account 1 (funded with test tokens by the deploy's faucet).
const TRADER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const npm = loadNpmArtifacts();
const v2PairAbi = npm.v2Pair.abi;
const v3PoolAbi = npm.v3Pool.abi;

let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let coldMs = 0;
let own: Record<string, Artifact>;

const RUNS_HERE = testDatabaseKind() === "pglite";

beforeAll(async () => {
  if (!RUNS_HERE) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-deploy-"));
  chain = await startAnvil(PORT_A, CHAIN_ID);
  client = createPublicClient({ transport: http(chain.url), pollingInterval: 50 });
  const r = await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir });
  expect(r.skipped).toBe(false);
  registry = r.registry;
  coldMs = r.ms;
  own = await compileOwnContracts(dataDir);
}, 120_000);

afterAll(async () => {
  if (!RUNS_HERE) return;
  await chain?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const token = (symbol: string) => registry.tokens.find((t) => t.symbol === symbol)!;
const venue = (id: string) => registry.venues.find((v) => v.id === id)!;

// USD close per token (stablecoins = 1) as floats, for the ±% price check only.
function usd(symbol: string): number {
  const closes = latestClosesE8(REPO_ROOT);
  const c = closes[symbol];
  return c === undefined ? 1 : Number(c) / 1e8;
}

// Chain-only (no database): run once, in the PGlite project, not again against PostgreSQL
// (the two projects run side by side and would also share these anvil ports).
describe.skipIf(!RUNS_HERE)("deployChain on a fresh anvil", () => {
  it("writes a registry with every token, venue and pool, readable through getRegistry", () => {
    expect(coldMs).toBeLessThan(30_000);
    expect(registry.tokens.map((t) => t.symbol)).toEqual(["WETH", "USDC", "USDT", "DAI", "WBTC", "LINK", "UNI", "AAVE", "SOL"]);
    expect(token("USDC").decimals).toBe(6);
    expect(token("WBTC").decimals).toBe(8);
    expect(registry.weth).toBe(token("WETH").address);
    expect(registry.venues.map((v) => v.id)).toEqual(["uniswap-v2", "sushiswap", "uniswap-v3"]);
    expect(venue("uniswap-v2").factory).not.toBe(venue("sushiswap").factory);
    expect(venue("uniswap-v3")).toMatchObject({ kind: "v3", feeTiers: [500, 3000, 10000] });
    expect(venue("uniswap-v3").initCodeHash).toBe("0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54");
    expect(registry.pools.filter((p) => p.venue === "uniswap-v2")).toHaveLength(11);
    expect(registry.pools.filter((p) => p.venue === "sushiswap")).toHaveLength(11);
    expect(registry.pools.filter((p) => p.venue === "uniswap-v3").length).toBeGreaterThanOrEqual(15);
    expect(getRegistry(CHAIN_ID, { dir: path.join(dataDir, "registry") })).toEqual(registry);
    // Public chains come from the static list.
    expect(getRegistry(1, { dir: path.join(dataDir, "registry") })?.weth).toBe("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
  });

  it("records the pool addresses the factories report", async () => {
    for (const p of registry.pools) {
      const v = venue(p.venue);
      const onChain =
        v.kind === "v2"
          ? await client.readContract({ address: v.factory as Address, abi: npm.v2Factory.abi, functionName: "getPair", args: [p.token0, p.token1] })
          : await client.readContract({ address: v.factory as Address, abi: npm.v3Factory.abi, functionName: "getPool", args: [p.token0, p.token1, p.fee] });
      expect(onChain, `${p.venue} ${p.address}`).toBe(p.address);
    }
  });

  it("prices every pool within 2 % of data/market's latest close", async () => {
    for (const p of registry.pools) {
      const t0 = registry.tokens.find((t) => t.address === p.token0)!;
      const t1 = registry.tokens.find((t) => t.address === p.token1)!;
      let raw: number;
      if (p.venue === "uniswap-v3") {
        const slot0 = (await client.readContract({ address: p.address as Address, abi: v3PoolAbi, functionName: "slot0" })) as readonly [bigint, ...unknown[]];
        raw = priceFromSqrtX96(slot0[0]);
      } else {
        const [r0, r1] = (await client.readContract({ address: p.address as Address, abi: v2PairAbi, functionName: "getReserves" })) as readonly [bigint, bigint, number];
        expect(r0 > 0n && r1 > 0n).toBe(true);
        raw = Number(r1) / Number(r0);
      }
      const price = raw * 10 ** (t0.decimals - t1.decimals); // token1 per token0, whole units
      const expected = usd(t0.symbol) / usd(t1.symbol);
      expect(Math.abs(price / expected - 1), `${p.venue} ${t0.symbol}/${t1.symbol} ${p.fee ?? ""}`).toBeLessThan(0.02);
    }
  });

  it("gives the dev accounts test tokens", async () => {
    const trader = privateKeyToAccount(TRADER_KEY).address;
    const bal = await client.readContract({ address: token("USDC").address as Address, abi: erc20Abi, functionName: "balanceOf", args: [trader] });
    expect(bal).toBe(parseUnits("100000", 6));
  });

  it("swaps USDC → WETH through both V2 routers and the V3 SwapRouter", async () => {
    const account = privateKeyToAccount(TRADER_KEY);
    const wallet = createWalletClient({ account, pollingInterval: 50, transport: http(chain.url), chain: { id: CHAIN_ID, name: "test", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [chain.url] } } } });
    const usdc = token("USDC").address as Address;
    const weth = token("WETH").address as Address;
    const balances = async () =>
      Promise.all([usdc, weth].map((a) => client.readContract({ address: a, abi: erc20Abi, functionName: "balanceOf", args: [account.address] })));
    const amountIn = parseUnits("5000", 6);
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
    for (const v of registry.venues) {
      await client.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: usdc, abi: erc20Abi, functionName: "approve", args: [v.router as Address, maxUint256] }), timeout: 60_000 });
      const [usdcBefore, wethBefore] = await balances();
      const hash =
        v.kind === "v2"
          ? await wallet.writeContract({ address: v.router as Address, abi: npm.v2Router.abi, functionName: "swapExactTokensForTokens", args: [amountIn, 1n, [usdc, weth], account.address, deadline] })
          : await wallet.writeContract({
              address: v.router as Address,
              abi: npm.swapRouter.abi,
              functionName: "exactInputSingle",
              args: [{ tokenIn: usdc, tokenOut: weth, fee: 500, recipient: account.address, deadline, amountIn, amountOutMinimum: 1n, sqrtPriceLimitX96: 0n }],
            });
      expect((await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 })).status, v.id).toBe("success");
      const [usdcAfter, wethAfter] = await balances();
      expect(usdcBefore! - usdcAfter!).toBe(amountIn);
      // $5,000 buys about 2 ETH at ~$2,500 (within 3 %: fee, impact, venue offsets).
      const got = Number(wethAfter! - wethBefore!) / 1e18;
      expect(Math.abs((got * usd("WETH")) / 5000 - 1), v.id).toBeLessThan(0.03);
    }
  });

  it("crosses initialized ticks on a large V3 trade (past the narrow position's bounds)", async () => {
    // The deployer owns the test tokens: it mints itself $1M of USDC and sells it into the
    // 0.3 % WETH/USDC pool, whose ±200-tick position holds ~$1.6M.
    const account = privateKeyToAccount(DEPLOYER_KEY);
    const wallet = createWalletClient({ account, pollingInterval: 50, transport: http(chain.url), chain: { id: CHAIN_ID, name: "test", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [chain.url] } } } });
    const usdc = token("USDC").address as Address;
    const weth = token("WETH").address as Address;
    const v3 = venue("uniswap-v3");
    const pool = registry.pools.find((p) => p.venue === "uniswap-v3" && p.fee === 3000 && [p.token0, p.token1].includes(usdc) && [p.token0, p.token1].includes(weth))!;
    const tickOf = async () => ((await client.readContract({ address: pool.address as Address, abi: v3PoolAbi, functionName: "slot0" })) as readonly [bigint, number])[1];
    const before = await tickOf();
    const amountIn = parseUnits("1000000", 6);
    const send = async (hash: Promise<`0x${string}`>) => expect((await client.waitForTransactionReceipt({ hash: await hash, timeout: 60_000, pollingInterval: 50 })).status).toBe("success");
    await send(wallet.writeContract({ address: usdc, abi: own.TestToken!.abi, functionName: "mint", args: [account.address, amountIn] }));
    await send(wallet.writeContract({ address: usdc, abi: erc20Abi, functionName: "approve", args: [v3.router as Address, amountIn] }));
    await send(
      wallet.writeContract({
        address: v3.router as Address,
        abi: npm.swapRouter.abi,
        functionName: "exactInputSingle",
        args: [{ tokenIn: usdc, tokenOut: weth, fee: 3000, recipient: account.address, deadline: maxUint256, amountIn, amountOutMinimum: 1n, sqrtPriceLimitX96: 0n }],
      }),
    );
    expect(Math.abs((await tickOf()) - before)).toBeGreaterThan(200);
  });

  it("is a no-op when run again (no transaction, same registry)", async () => {
    const before = await client.getBlockNumber({ cacheTime: 0 });
    const again = await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir });
    expect(again.skipped).toBe(true);
    expect(again.registry).toEqual(registry);
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(before);
  });

  it("redeploys on a wiped chain (a new anvil with the same registry file)", async () => {
    const fresh = await startAnvil(PORT_B, CHAIN_ID);
    try {
      const freshClient = createPublicClient({ transport: http(fresh.url) });
      expect(await freshClient.getCode({ address: registry.weth as Address })).toBeUndefined();
      const r = await deployChain({ rpcUrl: fresh.url, chainId: CHAIN_ID, dataDir });
      expect(r.skipped).toBe(false);
      expect(r.registry.pools).toHaveLength(registry.pools.length);
      const code = await freshClient.getCode({ address: r.registry.venues[2]!.positionManager as Address });
      expect(code && code.length > 2).toBe(true);
      expect((await deployChain({ rpcUrl: fresh.url, chainId: CHAIN_ID, dataDir })).skipped).toBe(true);
    } finally {
      await fresh.stop();
    }
  });
});
