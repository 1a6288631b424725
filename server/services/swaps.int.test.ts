// Transaction tracking against a real chain: a throwaway anvil with Lodestar's local protocol
// set (contracts/deploy), real transactions from anvil's dev accounts, and the service and
// tRPC procedures on PGlite / PostgreSQL. Amounts are checked against the chain's balances.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  http,
  keccak256,
  parseEther,
  parseUnits,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, insertWallet } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { deployChain } from "@/contracts/deploy/deploy";
import { HOP_KIND, lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { localChainA, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { wethAbi } from "@/server/chain/receipts";
import { DomainError } from "@/server/errors";
import { startAnvil, type TestChain } from "@/test/anvil";
import { callerFor, FIXED_NOW } from "@/test/trpc";
import { history, submitSwap, swapStatus } from "./swaps";

const CHAIN_ID = 31337;
// The two int projects run side by side: each its own anvil.
const PORT = testDatabaseKind() === "pglite" ? 28755 : 28765;
const MNEMONIC = "test test test test test test test test test test test junk";
// Dev account 1 → user A, 2 → user B, 3 → nobody.
const accountA = mnemonicToAccount(MNEMONIC, { addressIndex: 1 });
const accountB = mnemonicToAccount(MNEMONIC, { addressIndex: 2 });
const stranger = mnemonicToAccount(MNEMONIC, { addressIndex: 3 });

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let userA: string;
let userB: string;
let tick = 0;
// A later clock per call, so history's order is the order of the test's submissions.
const nextNow = () => new Date(FIXED_NOW.getTime() + ++tick * 1000);

beforeAll(async () => {
  t = await useTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-swaps-"));
  chain = await startAnvil(PORT, CHAIN_ID);
  // Before the first publicClientFor(31337) of this file (clients are cached per URL).
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  client = createPublicClient({ chain: withRpc(localChainA, chain.url), transport: http(chain.url) }) as PublicClient;
  userA = (await insertUser(t.db, { name: "A", email: `a-${crypto.randomUUID()}@example.com` }))!.id;
  userB = (await insertUser(t.db, { name: "B", email: `b-${crypto.randomUUID()}@example.com` }))!.id;
  await insertWallet(t.db, { userId: userA, address: accountA.address, chainId: CHAIN_ID });
  await insertWallet(t.db, { userId: userB, address: accountB.address, chainId: CHAIN_ID });
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function walletFor(account: typeof accountA): WalletClient {
  return createWalletClient({ account, chain: withRpc(localChainA, chain.url), transport: http(chain.url) });
}

async function send(account: typeof accountA, req: { to: Address; data?: Hex; value?: bigint; gas?: bigint }): Promise<Hex> {
  // A fixed limit: an estimate at the latest block can fall short once the block time moves on.
  const hash = await walletFor(account).sendTransaction({ account, chain: withRpc(localChainA, chain.url), gas: 3_000_000n, ...req });
  await client.waitForTransactionReceipt({ hash });
  return hash;
}

const token = (symbol: string) => registry.tokens.find((x) => x.symbol === symbol)!.address as Address;
const lower = (a: string) => a.toLowerCase();
const balanceOf = (tokenAddr: Address, owner: Address) => client.readContract({ address: tokenAddr, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function rowsFor(hash: string): Promise<number> {
  const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from chain_txs where hash = ${lower(hash)}`);
  return rows[0]!.n;
}

const wrapData = encodeFunctionData({ abi: wethAbi, functionName: "deposit" });
const unwrapData = (wad: bigint) => encodeFunctionData({ abi: wethAbi, functionName: "withdraw", args: [wad] });

describe("submitSwap: rejections (nothing is written)", () => {
  it("refuses a forged hash the chain does not know", async () => {
    const forged = keccak256(toHex(crypto.randomUUID()));
    const err = await rejection(submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: forged, kind: "swap" }, { now: nextNow() }));
    expect(err).toMatchObject({ code: "swap.TX_NOT_FOUND", kind: "invalid" });
    expect(await rowsFor(forged)).toBe(0);
  });

  it("refuses a real transaction from a wallet the caller has not linked", async () => {
    const hash = await send(stranger, { to: registry.weth as Address, data: wrapData, value: 1n });
    const err = await rejection(submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: lower(hash) as Hex, kind: "wrap" }, { now: nextNow() }));
    expect(err).toMatchObject({ code: "swap.FOREIGN_TX", kind: "not_found" });
    expect(await rowsFor(hash)).toBe(0);
  });

  it("refuses a transaction that is not a Lodestar swap, approval, wrap or unwrap", async () => {
    const hash = await send(accountA, { to: stranger.address, value: 1n });
    const err = await rejection(submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: lower(hash) as Hex, kind: "swap" }, { now: nextNow() }));
    expect(err).toMatchObject({ code: "swap.UNSUPPORTED_TX", kind: "invalid" });
    expect(await rowsFor(hash)).toBe(0);
  });

  it("refuses a kind that disagrees with the calldata", async () => {
    const hash = await send(accountA, { to: registry.weth as Address, data: wrapData, value: 3n });
    const err = await rejection(submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: lower(hash) as Hex, kind: "swap" }, { now: nextNow() }));
    expect(err).toMatchObject({ code: "swap.KIND_MISMATCH", kind: "invalid" });
    expect(await rowsFor(hash)).toBe(0);
  });
});

describe("wrap / unwrap", () => {
  let wrapHash: Hex;

  it("confirms a wrap with the amount of the WETH Deposit, equal to the balance change", async () => {
    const weth = registry.weth as Address;
    const before = await balanceOf(weth, accountA.address);
    wrapHash = lower(await send(accountA, { to: weth, data: wrapData, value: parseEther("1.5") })) as Hex;
    const after = await balanceOf(weth, accountA.address);
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: wrapHash, kind: "wrap" }, { now: nextNow() });
    expect(rec).toMatchObject({
      kind: "wrap",
      status: "confirmed",
      account: lower(accountA.address),
      tokenIn: lower(NATIVE_TOKEN),
      tokenOut: lower(weth),
      amountIn: parseEther("1.5"),
      amountOut: after - before,
      error: null,
    });
    expect(rec.blockNumber).toBeGreaterThan(0n);
    expect(rec.gasUsed).toBeGreaterThan(0n);
    expect(rec.confirmedAt).toBeInstanceOf(Date);
  });

  it("is idempotent: the same hash again returns the same record and writes nothing", async () => {
    const first = await swapStatus(t.db, userA, { chainId: CHAIN_ID, hash: wrapHash }, { now: nextNow() });
    const again = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash: wrapHash, kind: "wrap" }, { now: nextNow() });
    expect(again).toEqual(first);
    expect(await rowsFor(wrapHash)).toBe(1);
  });

  it("refuses another user's resubmission of the hash, and keeps the owner's row", async () => {
    const err = await rejection(submitSwap(t.db, userB, { chainId: CHAIN_ID, hash: wrapHash, kind: "wrap" }, { now: nextNow() }));
    expect(err.code).toBe("swap.FOREIGN_TX");
    expect(await rowsFor(wrapHash)).toBe(1);
  });

  it("confirms an unwrap with the amount of the WETH Withdrawal", async () => {
    const before = await client.getBalance({ address: accountA.address });
    const hash = lower(await send(accountA, { to: registry.weth as Address, data: unwrapData(parseEther("0.5")) })) as Hex;
    const receipt = await client.getTransactionReceipt({ hash });
    const after = await client.getBalance({ address: accountA.address });
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "unwrap" }, { now: nextNow() });
    expect(rec).toMatchObject({ kind: "unwrap", status: "confirmed", amountIn: parseEther("0.5"), amountOut: parseEther("0.5") });
    expect(rec.amountOut).toBe(after - before + receipt.gasUsed * receipt.effectiveGasPrice);
  });

  it("is private to its owner through tRPC: swapStatus is NOT_FOUND and history empty for another user", async () => {
    const asB = callerFor(t.db, { userId: userB });
    await expect(asB.defi.swapStatus({ chainId: CHAIN_ID, hash: wrapHash })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await asB.defi.history({})).items.map((i) => i.hash)).not.toContain(wrapHash);
    const asA = callerFor(t.db, { userId: userA });
    expect((await asA.defi.swapStatus({ chainId: CHAIN_ID, hash: wrapHash })).status).toBe("confirmed");
    expect((await asA.defi.history({})).items.map((i) => i.hash)).toContain(wrapHash);
  });
});

// The executor paths need registry.executor (contracts/src/LodestarExecutor.sol, deployed by
// deployChain): without it these fail rather than skip.
describe("executor: approve and swap", () => {
  const executor = () => {
    expect(registry.executor, "deployChain wrote no executor address").toBeTruthy();
    return registry.executor as Address;
  };

  const pool = (a: string, b: string, venue = "uniswap-v2") =>
    registry.pools.find((p) => p.venue === venue && [lower(p.token0), lower(p.token1)].sort().join() === [lower(a), lower(b)].sort().join())!;

  function swapData(o: { tokenIn: Address; tokenOut: Address; amountIn: bigint; min: bigint; deadline?: bigint; via: Address }) {
    return encodeFunctionData({
      abi: lodestarExecutorAbi,
      functionName: "swap",
      args: [
        o.tokenIn,
        o.tokenOut,
        o.amountIn,
        o.min,
        accountA.address,
        o.deadline ?? 4_000_000_000n,
        [{ amountIn: o.amountIn, hops: [{ kind: HOP_KIND.v2, pool: o.via, tokenIn: o.tokenIn === NATIVE_TOKEN ? (registry.weth as Address) : o.tokenIn, tokenOut: o.tokenOut === NATIVE_TOKEN ? (registry.weth as Address) : o.tokenOut }] }],
      ],
    });
  }

  it("confirms an approval of the executor with the Approval event's amount", async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [executor(), parseUnits("5000", 6)] });
    const hash = lower(await send(accountA, { to: token("USDC"), data })) as Hex;
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "approve" }, { now: nextNow() });
    expect(rec).toMatchObject({ kind: "approve", status: "confirmed", tokenIn: lower(token("USDC")), tokenOut: null, amountIn: parseUnits("5000", 6) });
  });

  it("confirms a swap with the amounts from the logs, equal to the balance changes; the quote only as quoted", async () => {
    const [usdc, weth] = [token("USDC"), registry.weth as Address];
    const amountIn = parseUnits("1000", 6);
    const via = pool(usdc, weth).address as Address;
    const [usdcBefore, wethBefore] = [await balanceOf(usdc, accountA.address), await balanceOf(weth, accountA.address)];
    const hash = lower(await send(accountA, { to: executor(), data: swapData({ tokenIn: usdc, tokenOut: weth, amountIn, min: 1n, via }) })) as Hex;
    const [usdcAfter, wethAfter] = [await balanceOf(usdc, accountA.address), await balanceOf(weth, accountA.address)];
    // The client's quote claims other figures: only quotedAmountOut is kept, as a quote.
    const quote = { tokenIn: usdc, tokenOut: weth, amountIn, amountOut: 123n, minAmountOut: 1n };
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "swap", quote }, { now: nextNow() });
    expect(rec).toMatchObject({
      kind: "swap",
      status: "confirmed",
      tokenIn: lower(usdc),
      tokenOut: lower(weth),
      quotedAmountIn: amountIn,
      quotedAmountOut: 123n,
      minAmountOut: 1n,
      amountIn: usdcBefore - usdcAfter,
      amountOut: wethAfter - wethBefore,
      error: null,
    });
    expect(rec.amountOut).toBeGreaterThan(0n);
    expect(rec.route).toHaveLength(1);
    expect(rec.route![0]!.legs[0]).toMatchObject({ venue: "uniswap-v2", pool: lower(via), amountIn, amountOut: rec.amountOut });
  });

  it("confirms a swap to ETH from the executor's WETH Withdrawal", async () => {
    const usdc = token("USDC");
    const via = pool(usdc, registry.weth).address as Address;
    const before = await client.getBalance({ address: accountA.address });
    const hash = lower(await send(accountA, { to: executor(), data: swapData({ tokenIn: usdc, tokenOut: NATIVE_TOKEN, amountIn: parseUnits("500", 6), min: 1n, via }) })) as Hex;
    const receipt = await client.getTransactionReceipt({ hash });
    const after = await client.getBalance({ address: accountA.address });
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "swap" }, { now: nextNow() });
    expect(rec).toMatchObject({ status: "confirmed", tokenOut: lower(NATIVE_TOKEN), quotedAmountOut: null });
    expect(rec.amountOut).toBe(after - before + receipt.gasUsed * receipt.effectiveGasPrice);
  });

  it("marks a swap reverted by the slippage limit failed, with the reason and no amounts", async () => {
    const [usdc, weth] = [token("USDC"), registry.weth as Address];
    const via = pool(usdc, weth).address as Address;
    // A minimum no pool can meet; explicit gas so the wallet does not refuse to send it.
    const data = swapData({ tokenIn: usdc, tokenOut: weth, amountIn: parseUnits("100", 6), min: parseEther("1000000"), via });
    const hash = lower(await send(accountA, { to: executor(), data, gas: 1_000_000n })) as Hex;
    expect((await client.getTransactionReceipt({ hash })).status).toBe("reverted");
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "swap" }, { now: nextNow() });
    expect(rec).toMatchObject({ status: "failed", amountIn: null, amountOut: null, minAmountOut: parseEther("1000000") });
    expect(rec.error).toMatch(/^Price moved beyond your slippage limit: the swap would have returned [0-9.]+ WETH, less than your minimum 1000000 WETH\.$/);
  });

  it("marks a swap mined after its deadline failed with the deadline reason", async () => {
    const [usdc, weth] = [token("USDC"), registry.weth as Address];
    const data = swapData({ tokenIn: usdc, tokenOut: weth, amountIn: parseUnits("100", 6), min: 1n, deadline: 1n, via: pool(usdc, weth).address as Address });
    const hash = lower(await send(accountA, { to: executor(), data, gas: 1_000_000n })) as Hex;
    const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "swap" }, { now: nextNow() });
    expect(rec).toMatchObject({ status: "failed", amountOut: null, error: "The deadline passed before the transaction was mined." });
  });

  it("refuses an approval of a spender other than the executor", async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [stranger.address, 1n] });
    const hash = lower(await send(accountA, { to: token("USDC"), data })) as Hex;
    const err = await rejection(submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "approve" }, { now: nextNow() }));
    expect(err.code).toBe("swap.UNSUPPORTED_TX");
    expect(await rowsFor(hash)).toBe(0);
  });
});

describe("pending transactions (automine off)", () => {
  const testClient = () => createTestClient({ mode: "anvil", chain: withRpc(localChainA, chain.url), transport: http(chain.url) });
  const sendUnmined = (req: { to: Address; data?: Hex; value?: bigint; nonce?: number; gasPrice?: bigint }) =>
    walletFor(accountA).sendTransaction({ account: accountA, chain: withRpc(localChainA, chain.url), ...req });

  it("stays pending while unmined, then is replaced by a mined transaction with its nonce", async () => {
    const tc = testClient();
    await tc.setAutomine(false);
    try {
      const nonce = await client.getTransactionCount({ address: accountA.address, blockTag: "latest" });
      const gasPrice = await client.getGasPrice();
      const hash = lower(await sendUnmined({ to: registry.weth as Address, data: wrapData, value: 10n, nonce, gasPrice })) as Hex;
      const rec = await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "wrap" }, { now: nextNow() });
      expect(rec).toMatchObject({ status: "pending", amountIn: null, amountOut: null, blockNumber: null });
      // The wallet's "speed up": same nonce, higher price; the pool keeps only the replacement.
      const replacement = lower(await sendUnmined({ to: accountA.address, value: 0n, nonce, gasPrice: gasPrice * 2n })) as Hex;
      await tc.mine({ blocks: 1 });
      const after = await swapStatus(t.db, userA, { chainId: CHAIN_ID, hash }, { now: nextNow() });
      expect(after).toMatchObject({ status: "replaced", replacedBy: replacement, amountIn: null });
    } finally {
      await tc.setAutomine(true);
    }
  });

  it("is dropped once the node forgot it for more than 30 minutes, pending before that", async () => {
    const tc = testClient();
    await tc.setAutomine(false);
    try {
      const hash = lower(await sendUnmined({ to: registry.weth as Address, data: wrapData, value: 11n })) as Hex;
      const submittedAt = nextNow();
      await submitSwap(t.db, userA, { chainId: CHAIN_ID, hash, kind: "wrap" }, { now: submittedAt });
      await tc.dropTransaction({ hash });
      const later = (ms: number) => new Date(submittedAt.getTime() + ms);
      expect((await swapStatus(t.db, userA, { chainId: CHAIN_ID, hash }, { now: later(10 * 60_000) })).status).toBe("pending");
      const dropped = await swapStatus(t.db, userA, { chainId: CHAIN_ID, hash }, { now: later(31 * 60_000) });
      expect(dropped).toMatchObject({ status: "dropped", error: "The network dropped the transaction before it was mined." });
    } finally {
      await tc.setAutomine(true);
    }
  });
});

describe("history", () => {
  it("pages newest first with an opaque cursor, only the caller's rows", async () => {
    const all = await history(t.db, userA, { limit: 100 }, { now: nextNow() });
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const times = all.items.map((i) => i.submittedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.items.every((i) => lower(i.account) === lower(accountA.address))).toBe(true);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await history(t.db, userA, { limit: 1, cursor }, { now: nextNow() });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));

    expect((await history(t.db, userB, { limit: 100 }, { now: nextNow() })).items).toEqual([]);
    expect((await history(t.db, userA, { chainId: 1, limit: 100 }, { now: nextNow() })).items).toEqual([]);
  });

  it("refuses a tampered cursor", async () => {
    const err = await rejection(history(t.db, userA, { limit: 10, cursor: "not-a-cursor" }, { now: nextNow() }));
    expect(err).toMatchObject({ code: "swap.BAD_CURSOR", kind: "invalid" });
  });
});
