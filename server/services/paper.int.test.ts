// The paper rail against a throwaway anvil with the real pools: a paper fill is the quote
// engine's exact output at its block, and executing that same route through LodestarExecutor
// from that same pool state delivers exactly that amount on chain. Idempotency (same key
// twice, concurrently), the conditional debit, min-out, ETH as WETH, reset and P&L, and
// isolation between users through tRPC.
//
// The chain runs in both projects (PGlite and PostgreSQL, on different ports): the concurrency
// cases matter most on PostgreSQL, where the pool has 10 connections and transactions really
// overlap (PGlite test files use one connection).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWalletClient, erc20Abi, http, publicActions, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/user";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { weth9Abi } from "@/lib/web3/abi/uniswap";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { Addr, ExecuteResult, Fill, OrderRequest } from "@/server/automation/venue";
import { startAnvil, type TestChain } from "@/test/anvil";
import { paperRouter } from "@/server/api/routers/automation-paper";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import type * as PaperVenue from "./venues/paper";
import type * as QuoteService from "./defi-quote";

const CHAIN_ID = 31337;
// One port per project: CI runs the PGlite and PostgreSQL projects side by side.
const PORT = testDatabaseKind() === "pglite" ? 29145 : 29146;
const RPC = `http://127.0.0.1:${PORT}`;
// anvil dev account 3 (funded with test tokens by the deploy).
const TRADER = privateKeyToAccount("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
const GAS_APPROVE = 120_000n;
const GAS_SWAP = 1_500_000n;
const RECEIPT = { timeout: 60_000, pollingInterval: 50 } as const;

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let quotes: typeof QuoteService;
let venues: typeof PaperVenue;
let userA: string;
let userB: string;
let userC: string;

beforeAll(async () => {
  t = await useTestDatabase();
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-paper-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  quotes = await import("./defi-quote");
  venues = await import("./venues/paper");
  userA = (await insertUser(t.db, { email: "paper-a@example.com", name: "A" }))!.id;
  userB = (await insertUser(t.db, { email: "paper-b@example.com", name: "B" }))!.id;
  userC = (await insertUser(t.db, { email: "paper-c@example.com", name: "C" }))!.id;
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// The paper router mounted as automation.paper, on its own: this file does not depend on the
// rest of appRouter (test/trpc.ts builds the whole tree).
const createCaller = createCallerFactory(createTRPCRouter({ automation: createTRPCRouter({ paper: paperRouter }) }));
const FIXED_NOW = new Date("2026-03-01T12:00:00.000Z");
let ip = 0;
const callerFor = (db: TestDatabase["db"], opts: { userId?: string; now?: Date }) =>
  createCaller({
    db,
    session: opts.userId ? { user: { id: opts.userId } } : null,
    meta: { ip: `10.9.0.${++ip % 250}`, userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" },
    now: () => opts.now ?? FIXED_NOW,
  });
const A = () => callerFor(t.db, { userId: userA, now: FIXED_NOW });
const B = () => callerFor(t.db, { userId: userB, now: FIXED_NOW });
const C = () => callerFor(t.db, { userId: userC, now: FIXED_NOW });
const wallet = () => createWalletClient({ account: TRADER, transport: http(RPC), pollingInterval: 50 }).extend(publicActions);
const token = (symbol: string): Addr => (symbol === "ETH" ? (NATIVE_TOKEN.toLowerCase() as Addr) : (registry.tokens.find((x) => x.symbol === symbol)!.address.toLowerCase() as Addr));
const units = (symbol: string, whole: bigint) => whole * 10n ** BigInt(registry.tokens.find((x) => x.symbol === symbol)!.decimals);

const order = (o: Partial<OrderRequest> & Pick<OrderRequest, "key" | "tokenIn" | "tokenOut" | "amountIn">): OrderRequest => ({
  chainId: CHAIN_ID,
  slippageBps: 50,
  source: "automation",
  ...o,
});

function filled(r: ExecuteResult): Fill {
  if (r.status !== "filled") throw new Error(`expected a fill, got ${JSON.stringify(r)}`);
  return r.fill;
}

async function fillRows(key: string) {
  return t.sql<{ id: string }[]>`select id from paper_fills where key = ${key}`;
}

async function startWith(caller: ReturnType<typeof A>, balances: [string, bigint][]) {
  return caller.automation.paper.reset({ chainId: CHAIN_ID, balances: balances.map(([s, amount]) => ({ token: token(s), amount: amount.toString() })) });
}

/** Sends the executor swap of exactly the route quoted at `block` and returns what TRADER received. */
async function executeOnChain(tokenIn: Addr, tokenOut: Addr, amountIn: bigint, block: bigint) {
  const w = wallet();
  const { quote, route } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn, tokenOut, amountIn, slippageBps: 50 }, { now: new Date(), block });
  expect(route).not.toBeNull();
  const head = await w.getBlock({ blockTag: "latest" });
  const data = quotes.encodeExecutorSwap(quote, route!, TRADER.address, head.timestamp + 1_200n);
  const before = await w.readContract({ address: tokenOut, abi: erc20Abi, functionName: "balanceOf", args: [TRADER.address] });
  const hash = await w.sendTransaction({ to: registry.executor as Address, data, value: 0n, gas: GAS_SWAP, chain: null });
  const receipt = await w.waitForTransactionReceipt({ hash, ...RECEIPT });
  expect(receipt.status).toBe("success");
  const after = await w.readContract({ address: tokenOut, abi: erc20Abi, functionName: "balanceOf", args: [TRADER.address] });
  return { received: after - before, quote, minedAt: receipt.blockNumber };
}

describe("paper fills are the chain's exact output", () => {
  it("fills at the quote engine's output at its block, which executing that route on chain delivers to the wei", async () => {
    await startWith(A(), [
      ["USDC", units("USDC", 50_000n)],
      ["WETH", units("WETH", 5n)],
      ["LINK", units("LINK", 1_000n)],
    ]);
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const w = wallet();
    const cases: [string, string, bigint][] = [
      ["USDC", "WETH", units("USDC", 2_500n)],
      ["USDC", "WBTC", units("USDC", 30_000n)],
      ["LINK", "SOL", units("LINK", 250n)],
      ["WETH", "DAI", units("WETH", 2n)],
    ];
    // WETH for the WETH→DAI case (the faucet gives ERC-20 test tokens, not WETH).
    const wrap = await w.writeContract({ address: registry.weth as Address, abi: weth9Abi, functionName: "deposit", value: units("WETH", 3n), gas: GAS_APPROVE, chain: null });
    await w.waitForTransactionReceipt({ hash: wrap, ...RECEIPT });
    let splitOrMultiHop = 0;
    for (const [from, to, amountIn] of cases) {
      // Approve first: its block changes no pool, so the swap below sees the state the paper
      // fill was priced on.
      const approve = await w.writeContract({ address: token(from), abi: erc20Abi, functionName: "approve", args: [registry.executor as Address, amountIn], gas: GAS_APPROVE, chain: null });
      await w.waitForTransactionReceipt({ hash: approve, ...RECEIPT });
      const head = await w.getBlockNumber({ cacheTime: 0 });
      const before = await venue.balances();
      const fill = filled(await venue.execute(order({ key: `exact:${from}:${to}`, tokenIn: token(from), tokenOut: token(to), amountIn })));
      expect(fill).toMatchObject({ venue: "paper", duplicate: false, block: head, tokenIn: token(from), tokenOut: token(to), amountIn });
      expect(fill.quotedAmountOut).toBe(fill.amountOut);
      expect(fill.gasCostOut).not.toBeNull();

      const { received, quote, minedAt } = await executeOnChain(token(from), token(to), amountIn, fill.block);
      expect(quote.amountOut, `${from}→${to} quote at block ${fill.block}`).toBe(fill.amountOut);
      expect(quote.priceImpactBps).toBe(fill.priceImpactBps);
      expect(minedAt).toBe(head + 1n); // nothing else ran in between
      expect(received, `${from}→${to} on chain`).toBe(fill.amountOut);
      if (quote.paths.length > 1 || quote.paths.some((p) => p.legs.length > 1)) splitOrMultiHop++;

      const after = await venue.balances();
      expect(after.get(token(from))).toBe(before.get(token(from))! - amountIn);
      expect(after.get(token(to))).toBe((before.get(token(to)) ?? 0n) + fill.amountOut);
    }
    expect(splitOrMultiHop).toBeGreaterThan(0);
  });

  it("quotes at the order's trigger block when given (the pools have moved since)", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const first = (await t.sql<{ block: string; amount_out: string }[]>`select block, amount_out from paper_fills where key = 'exact:USDC:WETH'`)[0]!;
    const fill = filled(
      await venue.execute(order({ key: "trigger-block", tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 2_500n), triggerBlock: BigInt(first.block) })),
    );
    expect(fill.block).toBe(BigInt(first.block));
    expect(fill.amountOut).toBe(BigInt(first.amount_out));
    // At the latest block, after the on-chain swaps bought WETH, the same order gets less.
    const now = filled(await venue.execute(order({ key: "latest-block", tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 2_500n) })));
    expect(now.amountOut).toBeLessThan(fill.amountOut);
  });

  it("holds and trades ETH as WETH", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const before = await venue.balances();
    const fill = filled(await venue.execute(order({ key: "native-in", tokenIn: token("ETH"), tokenOut: token("USDC"), amountIn: 10n ** 17n })));
    expect(fill.tokenIn).toBe(registry.weth.toLowerCase());
    expect((await venue.balances()).get(registry.weth.toLowerCase() as Addr)).toBe(before.get(registry.weth.toLowerCase() as Addr)! - 10n ** 17n);
    const same = await venue.execute(order({ key: "native-weth", tokenIn: token("ETH"), tokenOut: token("WETH"), amountIn: 1n }));
    expect(same).toMatchObject({ status: "rejected", code: "paper.INVALID_ORDER" });
  });
});

describe("one fill per key, and never more than the balance", () => {
  it("the same key twice gives one fill and one debit", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const before = await venue.balances();
    const o = order({ key: "twice", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: units("USDC", 100n) });
    const first = filled(await venue.execute(o));
    const second = filled(await venue.execute(o));
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await fillRows("twice")).toHaveLength(1);
    const after = await venue.balances();
    expect(after.get(token("USDC"))).toBe(before.get(token("USDC"))! - units("USDC", 100n));
    expect(after.get(token("DAI"))).toBe((before.get(token("DAI")) ?? 0n) + first.amountOut);
  });

  it("concurrent executes of one key make one fill", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const before = await venue.balances();
    const o = order({ key: "concurrent", tokenIn: token("USDC"), tokenOut: token("WBTC"), amountIn: units("USDC", 1_000n) });
    const results = (await Promise.all(Array.from({ length: 6 }, () => venue.execute(o)))).map(filled);
    expect(results.filter((f) => !f.duplicate)).toHaveLength(1);
    expect(new Set(results.map((f) => f.paperFillId)).size).toBe(1);
    expect(await fillRows("concurrent")).toHaveLength(1);
    const after = await venue.balances();
    expect(after.get(token("USDC"))).toBe(before.get(token("USDC"))! - units("USDC", 1_000n));
    expect(after.get(token("WBTC"))).toBe((before.get(token("WBTC")) ?? 0n) + results[0]!.amountOut);
  });

  it("concurrent different orders never overdraw: the balance check is in the debit itself", async () => {
    await startWith(C(), [["USDC", units("USDC", 1_000n)]]);
    const venue = venues.createPaperVenue(t.db, userC, CHAIN_ID);
    const results = await Promise.all(
      [1, 2, 3].map((i) => venue.execute(order({ key: `race:${i}`, tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: units("USDC", 400n) }))),
    );
    expect(results.filter((r) => r.status === "filled")).toHaveLength(2);
    expect(results.filter((r) => r.status === "rejected")).toEqual([{ status: "rejected", code: "paper.INSUFFICIENT_BALANCE", reason: expect.any(String) }]);
    expect((await venue.balances()).get(token("USDC"))).toBe(units("USDC", 200n));
    const rows = await t.sql<{ n: number }[]>`select count(*)::int as n from paper_fills where user_id = ${userC}`;
    expect(rows[0]!.n).toBe(2);
  });

  it("an order larger than the balance is rejected and writes nothing", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const before = await venue.balances();
    const r = await venue.execute(order({ key: "too-much", tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: before.get(token("USDC"))! + 1n }));
    expect(r).toMatchObject({ status: "rejected", code: "paper.INSUFFICIENT_BALANCE" });
    expect(await fillRows("too-much")).toHaveLength(0);
    expect(await venue.balances()).toEqual(before);
    // A token the account never held: same.
    const none = await venue.execute(order({ key: "never-held", tokenIn: token("AAVE"), tokenOut: token("WETH"), amountIn: 1n }));
    expect(none).toMatchObject({ status: "rejected", code: "paper.INSUFFICIENT_BALANCE" });
    expect(await fillRows("never-held")).toHaveLength(0);
  });

  it("rejects below an absolute minimum output, and bad orders, writing nothing", async () => {
    const venue = venues.createPaperVenue(t.db, userA, CHAIN_ID);
    const before = await venue.balances();
    const { quote } = await quotes.computeQuote({ chainId: CHAIN_ID, tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: units("USDC", 10n) }, { now: new Date() });
    const floor = await venue.execute(order({ key: "floor", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: units("USDC", 10n), minAmountOut: quote.amountOut + 1n }));
    expect(floor).toMatchObject({ status: "rejected", code: "paper.BELOW_MIN_OUT" });
    const bad = await Promise.all([
      venue.execute(order({ key: "zero", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: 0n })),
      venue.execute(order({ key: "chain", chainId: 1, tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: 1n })),
      venue.execute(order({ key: "slip", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: 1n, slippageBps: 10_001 })),
      venue.execute(order({ key: "unknown", tokenIn: "0x000000000000000000000000000000000000dead", tokenOut: token("DAI"), amountIn: 1n })),
    ]);
    expect(bad.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual(["paper.INVALID_ORDER", "paper.INVALID_ORDER", "paper.INVALID_ORDER", "paper.UNKNOWN_TOKEN"]);
    for (const key of ["floor", "zero", "chain", "slip", "unknown"]) expect(await fillRows(key)).toHaveLength(0);
    expect(await venue.balances()).toEqual(before);
    // No account yet: a clear rejection, not an empty fill.
    const fresh = (await insertUser(t.db, { email: "paper-none@example.com", name: "N" }))!.id;
    expect(await venues.createPaperVenue(t.db, fresh, CHAIN_ID).execute(order({ key: "no-account", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: 1n }))).toMatchObject({
      status: "rejected",
      code: "paper.NO_ACCOUNT",
    });
  });
});

describe("the paper account through tRPC", () => {
  it("starts with the user's balances, values them in USD, and measures P&L after a manual order", async () => {
    const empty = await B().automation.paper.account({ chainId: CHAIN_ID });
    expect(empty).toMatchObject({ exists: false, balances: [] });
    expect(empty.defaults).toEqual([
      { token: token("USDC"), amountRaw: units("USDC", 10_000n) },
      { token: registry.weth.toLowerCase(), amountRaw: 10n ** 18n },
    ]);
    const acct = await B().automation.paper.reset({ chainId: CHAIN_ID, balances: empty.defaults.map((d) => ({ token: d.token, amount: d.amountRaw.toString() })) });
    expect(acct.exists).toBe(true);
    expect(acct.balances.map((b) => [b.symbol, b.amountRaw, b.startingRaw])).toEqual(
      expect.arrayContaining([
        ["USDC", units("USDC", 10_000n), units("USDC", 10_000n)],
        ["WETH", 10n ** 18n, 10n ** 18n],
      ]),
    );
    expect(Number(acct.startingValueUsd)).toBeGreaterThan(10_000);
    expect(Number(acct.totalValueUsd)).toBeCloseTo(Number(acct.startingValueUsd), 1);
    expect(acct.pnlUsd).toBe("0.00");

    const fill = await B().automation.paper.order({ chainId: CHAIN_ID, tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: units("USDC", 5_000n).toString() });
    expect(fill).toMatchObject({ source: "manual", tokenIn: { symbol: "USDC" }, tokenOut: { symbol: "WETH" }, amountIn: units("USDC", 5_000n), beforeReset: false, duplicate: false });
    expect(fill.key).toMatch(/^manual:[0-9a-f-]{36}$/);
    const after = await B().automation.paper.account({ chainId: CHAIN_ID });
    expect(after.balances.find((b) => b.symbol === "USDC")!.amountRaw).toBe(units("USDC", 5_000n));
    expect(after.balances.find((b) => b.symbol === "WETH")!.amountRaw).toBe(10n ** 18n + fill.amountOut);
    // Paper fills move no pool: the loss against holding is the pools' fees and the impact,
    // a small fraction of the $5,000 traded.
    const vsHold = Number(after.vsHoldUsd);
    expect(vsHold).toBeLessThan(0);
    expect(vsHold).toBeGreaterThan(-5_000 * 0.02);
    expect(Number(after.pnlUsd)).toBeCloseTo(Number(after.totalValueUsd) - Number(after.startingValueUsd), 1);
  });

  it("a retried manual order (same client id) fills once", async () => {
    const clientOrderId = crypto.randomUUID();
    const input = { chainId: CHAIN_ID, tokenIn: token("WETH"), tokenOut: token("USDC"), amountIn: (10n ** 16n).toString(), clientOrderId };
    const a = await B().automation.paper.order(input);
    const b = await B().automation.paper.order(input);
    expect(b).toMatchObject({ id: a.id, duplicate: true });
    expect(await fillRows(`manual:${clientOrderId}`)).toHaveLength(1);
    // Another user reusing that id learns nothing about the order.
    await expect(A().automation.paper.order(input)).rejects.toMatchObject({ code: "CONFLICT", message: "This order key is already used by another order." });
  });

  it("lists fills newest first with cursors, and keeps fills across a reset, marked", async () => {
    const page1 = await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toBe(page1.items[2]!.id);
    const page2 = await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 100, cursor: page1.nextCursor });
    const all = [...page1.items, ...page2.items];
    expect(page2.nextCursor).toBeNull();
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    expect(all.map((f) => f.createdAt.getTime())).toEqual([...all.map((f) => f.createdAt.getTime())].sort((x, y) => y - x));
    const exact = all.find((f) => f.key === "exact:USDC:WETH")!;
    expect(exact).toMatchObject({ tokenIn: { symbol: "USDC", decimals: 6 }, tokenOut: { symbol: "WETH", decimals: 18 }, beforeReset: false });
    expect(Number(exact.executionPrice)).toBeCloseTo(Number(exact.amountOut) / 1e18 / 2_500, 10);

    await startWith(A(), [["DAI", units("DAI", 500n)]]);
    const afterReset = await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 100 });
    expect(afterReset.items.length).toBe(all.length);
    expect(afterReset.items.every((f) => f.beforeReset)).toBe(true);
    const acct = await A().automation.paper.account({ chainId: CHAIN_ID });
    expect(acct.balances.map((b) => [b.symbol, b.amountRaw])).toEqual([["DAI", units("DAI", 500n)]]);
  });

  it("another user can't reach the account or its fills", async () => {
    const aFills = await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 100 });
    const bFills = await B().automation.paper.fills({ chainId: CHAIN_ID, limit: 100 });
    expect(bFills.items.length).toBeGreaterThan(0);
    expect(bFills.items.some((f) => aFills.items.some((x) => x.id === f.id))).toBe(false);
    // A's cursor gives B nothing of A's.
    expect((await B().automation.paper.fills({ chainId: CHAIN_ID, limit: 100, cursor: aFills.items[0]!.id })).items).toEqual([]);
    const bAccount = await B().automation.paper.account({ chainId: CHAIN_ID });
    expect(bAccount.balances.some((b) => b.symbol === "DAI" && b.amountRaw === units("DAI", 500n))).toBe(false);
    // A's key through B's venue: rejected without revealing A's fill; A's balances untouched.
    const aBefore = await venues.createPaperVenue(t.db, userA, CHAIN_ID).balances();
    const r = await venues.createPaperVenue(t.db, userB, CHAIN_ID).execute(order({ key: "twice", tokenIn: token("USDC"), tokenOut: token("DAI"), amountIn: 1n }));
    expect(r).toEqual({ status: "rejected", code: "paper.KEY_CONFLICT", reason: expect.any(String) });
    expect(await venues.createPaperVenue(t.db, userA, CHAIN_ID).balances()).toEqual(aBefore);
    // Signed out: who are you.
    await expect(callerFor(t.db, {}).automation.paper.account({ chainId: CHAIN_ID })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("bad input is a 4xx with a clear message, and nothing is written", async () => {
    const before = await A().automation.paper.account({ chainId: CHAIN_ID });
    const fillsBefore = (await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 100 })).items.length;
    const usdc = token("USDC");
    const dai = token("DAI");
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => A().automation.paper.order({ chainId: CHAIN_ID, tokenIn: usdc, tokenOut: dai, amountIn: "1.5" }), /whole number of base units/],
      [() => A().automation.paper.order({ chainId: CHAIN_ID, tokenIn: usdc, tokenOut: dai, amountIn: "0" }), /greater than zero/],
      [() => A().automation.paper.order({ chainId: CHAIN_ID, tokenIn: usdc, tokenOut: usdc, amountIn: "1" }), /two different tokens/],
      [() => A().automation.paper.order({ chainId: CHAIN_ID, tokenIn: usdc, tokenOut: dai, amountIn: "1", slippageBps: 9_000 }), /at most 50 %/],
      [() => A().automation.paper.order({ chainId: CHAIN_ID, tokenIn: dai, tokenOut: usdc, amountIn: units("DAI", 501n).toString() }), /does not hold enough/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [] }), /at least one/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: usdc, amount: "-5" }] }), /base units/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: "0x000000000000000000000000000000000000dEaD", amount: "1" }] }), /not tradable/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: usdc, amount: units("USDC", 2_000_000_000n).toString() }] }), /at most 1,000,000,000 USDC/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: token("WBTC"), amount: units("WBTC", 100_000n).toString() }] }), /limit is \$100,000,000/],
      [() => A().automation.paper.reset({ chainId: CHAIN_ID, balances: [{ token: token("ETH"), amount: "1" }, { token: token("WETH"), amount: "1" }] }), /appears twice/],
      [() => A().automation.paper.account({ chainId: 999 }), /not available on chain 999/],
    ];
    for (const [call, message] of cases) await expect(call()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    expect(await A().automation.paper.account({ chainId: CHAIN_ID })).toEqual(before);
    expect((await A().automation.paper.fills({ chainId: CHAIN_ID, limit: 100 })).items.length).toBe(fillsBefore);
  });
});
