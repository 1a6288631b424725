// The vault rail end to end on a throwaway anvil (contracts/deploy) and the test database: a
// user creates a vault with the built transaction signed by their own key, registers it,
// deposits, sets limits / price bound / keeper, and the venue's keeper swaps at exactly the
// quote of that block; replaying an order key sends nothing; other users see NOT_FOUND; a
// keeper transaction stopped by the owner's price bound is recorded failed with a reason.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, parseUnits, type Address, type Hex, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, insertWallet } from "@/db/queries/user";
import { insertKeeperTx } from "@/db/queries/vaults";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { deployChain } from "@/contracts/deploy/deploy";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { lodestarVaultAbi } from "@/lib/web3/abi/vault";
import { localChainA, withRpc } from "@/lib/web3/chains";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import type { OrderRequest } from "@/server/automation/venue";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { vaultRouter } from "@/server/api/routers/automation-vault";
import { keeperAddress, keeperKey, LOCAL_DEV_KEEPER_KEY } from "@/server/chain/keeper";
import { DomainError } from "@/server/errors";
import { startAnvil, type TestChain } from "@/test/anvil";
import { computeQuote } from "./defi-quote";
import { createVaultVenue } from "./venues/vault";
import * as vaults from "./vault";

const CHAIN_ID = 31337;
// The two int projects run side by side: each its own anvil.
const PORT = testDatabaseKind() === "pglite" ? 29046 : 29047;
const MNEMONIC = "test test test test test test test test test test test junk";
// Dev account 1 → user A (vault owner), 2 → user B; 8 is the keeper.
const accountA = mnemonicToAccount(MNEMONIC, { addressIndex: 1 });
const accountB = mnemonicToAccount(MNEMONIC, { addressIndex: 2 });
const KEEPER = mnemonicToAccount(MNEMONIC, { addressIndex: 8 }).address;

const FIXED_NOW = new Date("2026-03-01T12:00:00.000Z");

// The router's context without the app router (test/trpc.ts imports root.ts; the vault router
// is mounted under automation.vault there).
function testContext(db: TestDatabase["db"], opts: { userId: string }): Context {
  const meta = { ip: "10.9.0.1", userAgent: "vitest", requestId: `req-${crypto.randomUUID()}`, host: "localhost:3000", origin: "http://localhost:3000" };
  return { db, session: { user: { id: opts.userId } }, meta, now: () => FIXED_NOW };
}

let t: TestDatabase;
let chain: TestChain;
let dataDir: string;
let registry: ChainRegistry;
let client: PublicClient;
let userA: string;
let userB: string;
let vault: Address;
let createHash: Hex;

beforeAll(async () => {
  t = await useTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-vault-svc-"));
  chain = await startAnvil(PORT, CHAIN_ID);
  // Before the first publicClientFor(31337) of this file (clients are cached per URL).
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  delete process.env.AUTOMATION_KEEPER_KEY;
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  client = createPublicClient({ chain: withRpc(localChainA, chain.url), transport: http(chain.url), pollingInterval: 50 }) as PublicClient;
  userA = (await insertUser(t.db, { name: "A", email: `a-${crypto.randomUUID()}@example.com` }))!.id;
  userB = (await insertUser(t.db, { name: "B", email: `b-${crypto.randomUUID()}@example.com` }))!.id;
  await insertWallet(t.db, { userId: userA, address: accountA.address.toLowerCase(), chainId: CHAIN_ID });
  await insertWallet(t.db, { userId: userB, address: accountB.address.toLowerCase(), chainId: CHAIN_ID });
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const token = (symbol: string) => registry.tokens.find((x) => x.symbol === symbol)!.address as Address;
const balanceOf = (tokenAddr: Address, owner: Address) => client.readContract({ address: tokenAddr, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
const keeperNonce = () => client.getTransactionCount({ address: KEEPER, blockTag: "latest" });

// Signs and sends every step of a plan with the owner's own key (what the browser wallet does).
async function signPlan(plan: vaults.VaultTxPlan): Promise<Hex[]> {
  expect(plan.account).toBe(accountA.address);
  const wallet = createWalletClient({ account: accountA, chain: withRpc(localChainA, chain.url), transport: http(chain.url) });
  const hashes: Hex[] = [];
  for (const step of plan.steps) {
    expect(step.tx.chainId).toBe(CHAIN_ID);
    const hash = await wallet.sendTransaction({ account: accountA, chain: withRpc(localChainA, chain.url), to: step.tx.to, data: step.tx.data, value: step.tx.value, gas: 3_000_000n });
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: 60_000, pollingInterval: 50 });
    expect(receipt.status, step.label).toBe("success");
    hashes.push(hash);
  }
  return hashes;
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(DomainError);
  return err as DomainError;
}

const order = (key: string, over: Partial<OrderRequest> = {}): OrderRequest => ({
  key,
  chainId: CHAIN_ID,
  tokenIn: token("USDC").toLowerCase() as Address,
  tokenOut: token("WETH").toLowerCase() as Address,
  amountIn: parseUnits("1000", 6),
  slippageBps: 50,
  source: "automation",
  ...over,
});

async function keeperRow(key: string) {
  const rows = await t.db.execute<{ status: string; hash: string | null; error: string | null; block_number: string | null }>(
    sql`select status, hash, error, block_number from keeper_txs where key = ${key}`,
  );
  return rows[0] ?? null;
}

describe("keeper key", () => {
  it("defaults to anvil account #8 on the local chains only; AUTOMATION_KEEPER_KEY overrides; a malformed key is refused", () => {
    expect(keeperKey(31337, {})).toBe(LOCAL_DEV_KEEPER_KEY);
    expect(keeperKey(31338, {})).toBe(LOCAL_DEV_KEEPER_KEY);
    expect(keeperAddress(31337, {})).toBe(KEEPER);
    expect(keeperKey(1, {})).toBeNull();
    expect(keeperAddress(8453, {})).toBeNull();
    const own = `0x${"11".repeat(32)}` as const;
    expect(keeperKey(1, { AUTOMATION_KEEPER_KEY: own })).toBe(own);
    expect(keeperKey(31337, { AUTOMATION_KEEPER_KEY: own })).toBe(own);
    expect(() => keeperKey(1, { AUTOMATION_KEEPER_KEY: "0x1234" })).toThrow(DomainError);
  });
});

describe("vault service: create, register, fund, configure", () => {
  it("builds the createVault transaction, which the owner signs; registration verifies the receipt (idempotent)", async () => {
    const plan = await vaults.buildCreateVault(t.db, userA, { chainId: CHAIN_ID, owner: accountA.address });
    expect(plan.steps.map((s) => s.kind)).toEqual(["createVault"]);
    expect(plan.steps[0]!.tx.to).toBe(registry.vaultFactory);
    createHash = (await signPlan(plan))[0]!;
    vault = plan.vault;
    const rec = await vaults.registerVault(t.db, userA, { chainId: CHAIN_ID, hash: createHash });
    expect(rec).toMatchObject({ address: vault, owner: accountA.address, chainId: CHAIN_ID });
    expect((await vaults.registerVault(t.db, userA, { chainId: CHAIN_ID, hash: createHash })).id).toBe(rec.id);
    expect((await rejection(vaults.buildCreateVault(t.db, userA, { chainId: CHAIN_ID, owner: accountA.address }))).code).toBe("vault.EXISTS");
  });

  it("answers NOT_FOUND to another user for reading, registering and building", async () => {
    const notFound = { code: "vault.NOT_FOUND", kind: "not_found" };
    expect(await rejection(vaults.registerVault(t.db, userB, { chainId: CHAIN_ID, hash: createHash }))).toMatchObject(notFound);
    expect(await rejection(vaults.getVaultState(t.db, userB, { chainId: CHAIN_ID, owner: accountA.address }))).toMatchObject(notFound);
    expect(await rejection(vaults.buildCreateVault(t.db, userB, { chainId: CHAIN_ID, owner: accountA.address }))).toMatchObject(notFound);
    const ref = { chainId: CHAIN_ID, vault };
    expect(await rejection(vaults.buildDeposit(t.db, userB, { ...ref, token: token("USDC"), amount: 1n }))).toMatchObject(notFound);
    expect(await rejection(vaults.buildWithdraw(t.db, userB, { ...ref, token: token("USDC"), amount: 1n }))).toMatchObject(notFound);
    expect(await rejection(vaults.buildSetTokenLimits(t.db, userB, { ...ref, token: token("USDC"), allowed: true, maxPerExecution: 1n, maxPerDay: 1n }))).toMatchObject(notFound);
    expect(await rejection(vaults.buildSetPriceBound(t.db, userB, { ...ref, tokenIn: token("USDC"), tokenOut: token("WETH"), minOutPerInX18: 1n }))).toMatchObject(notFound);
    expect(await rejection(vaults.buildSetKeeper(t.db, userB, ref))).toMatchObject(notFound);
    expect(await rejection(vaults.buildRevokeKeeper(t.db, userB, ref))).toMatchObject(notFound);
    // A contract that is not a vault (the WETH token) is not found either.
    expect(await rejection(vaults.buildSetKeeper(t.db, userA, { chainId: CHAIN_ID, vault: registry.weth as Address }))).toMatchObject(notFound);
    // B's own state lists B's wallet without a vault.
    const state = await vaults.getVaultState(t.db, userB, { chainId: CHAIN_ID });
    expect(state.vaults).toEqual([expect.objectContaining({ owner: accountB.address, address: null })]);
    // Through the router (tRPC codes): NOT_FOUND.
    const callerB = createCallerFactory(vaultRouter)(testContext(t.db, { userId: userB }));
    await expect(callerB.buildSetKeeper({ chainId: CHAIN_ID, vault })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("builds exact approve + deposit, ETH deposit, limits, price bound and keeper; the state reads them back", async () => {
    const deposit = await vaults.buildDeposit(t.db, userA, { chainId: CHAIN_ID, vault, token: token("USDC"), amount: parseUnits("5000", 6) });
    expect(deposit.steps.map((s) => s.kind)).toEqual(["approve", "deposit"]);
    await signPlan(deposit);
    expect(await client.readContract({ address: token("USDC"), abi: erc20Abi, functionName: "allowance", args: [accountA.address, vault] })).toBe(0n);
    const eth = await vaults.buildDeposit(t.db, userA, { chainId: CHAIN_ID, vault, token: NATIVE_TOKEN, amount: parseEther("2") });
    expect(eth.steps.map((s) => [s.kind, s.tx.value])).toEqual([["depositETH", parseEther("2")]]);
    await signPlan(eth);

    const { quote } = await computeQuote({ chainId: CHAIN_ID, tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: parseUnits("1000", 6), slippageBps: 50 }, { now: FIXED_NOW });
    const bound = (quote.amountOut * 10n ** 18n * 90n) / (parseUnits("1000", 6) * 100n);
    const ref = { chainId: CHAIN_ID, vault };
    await signPlan(await vaults.buildSetTokenLimits(t.db, userA, { ...ref, token: token("USDC"), allowed: true, maxPerExecution: parseUnits("2000", 6), maxPerDay: parseUnits("5000", 6) }));
    await signPlan(await vaults.buildSetTokenLimits(t.db, userA, { ...ref, token: NATIVE_TOKEN, allowed: true, maxPerExecution: parseEther("1"), maxPerDay: parseEther("1") }));
    await signPlan(await vaults.buildSetPriceBound(t.db, userA, { ...ref, tokenIn: token("USDC"), tokenOut: token("WETH"), minOutPerInX18: bound }));
    const setKeeper = await vaults.buildSetKeeper(t.db, userA, ref);
    await signPlan(setKeeper);

    const state = await vaults.getVaultState(t.db, userA, { chainId: CHAIN_ID });
    expect(state.ourKeeper).toBe(keeperAddress(CHAIN_ID));
    const v = state.vaults[0]!;
    expect(v).toMatchObject({ owner: accountA.address, address: vault, registered: true, keeper: KEEPER, keeperIsOurs: true });
    const usdc = v.tokens.find((x) => x.symbol === "USDC")!;
    expect(usdc).toMatchObject({ balance: parseUnits("5000", 6), allowed: true, maxPerExecution: parseUnits("2000", 6), maxPerDay: parseUnits("5000", 6), spentToday: 0n, decimals: 6 });
    expect(v.tokens.find((x) => x.symbol === "WETH")).toMatchObject({ balance: parseEther("2"), allowed: true });
    expect(v.priceBounds).toEqual([{ tokenIn: token("USDC"), tokenOut: token("WETH"), minOutPerInX18: bound }]);
    // Through the router, superjson-free (direct caller): the same view.
    const callerA = createCallerFactory(vaultRouter)(testContext(t.db, { userId: userA }));
    expect((await callerA.state({ chainId: CHAIN_ID })).vaults[0]!.address).toBe(vault);
  });
});

describe("vault venue: the keeper executes within the vault's limits", () => {
  it("swaps at exactly the quote of the block, the output lands in the vault, and a replayed key sends nothing", async () => {
    const venue = createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW });
    const o = order("vault-test:1");
    const { quote } = await computeQuote({ chainId: CHAIN_ID, tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: o.amountIn, slippageBps: 50 }, { now: FIXED_NOW });
    const [usdc0, weth0, nonce0] = await Promise.all([balanceOf(token("USDC"), vault), balanceOf(token("WETH"), vault), keeperNonce()]);
    const r = await venue.execute(o);
    if (r.status !== "filled") throw new Error(`expected a fill, got ${JSON.stringify(r, (_, x: unknown) => (typeof x === "bigint" ? x.toString() : x))}`);
    expect(r.fill).toMatchObject({ venue: "vault", key: o.key, amountIn: o.amountIn, amountOut: quote.amountOut, quotedAmountOut: quote.amountOut, duplicate: false });
    const receipt = await client.getTransactionReceipt({ hash: r.fill.txHash! });
    expect(receipt.from.toLowerCase()).toBe(KEEPER.toLowerCase());
    expect(r.fill.block).toBe(receipt.blockNumber);
    expect(receipt.blockNumber).toBe(quote.block + 1n);
    expect(usdc0 - (await balanceOf(token("USDC"), vault))).toBe(o.amountIn);
    expect((await balanceOf(token("WETH"), vault)) - weth0).toBe(quote.amountOut);
    expect(await keeperNonce()).toBe(nonce0 + 1);
    console.info(`vault venue execute: gasUsed ${receipt.gasUsed} (1 path, ${quote.paths[0]?.legs.length} legs)`);

    const again = await venue.execute(o);
    expect(again).toMatchObject({ status: "filled", fill: { duplicate: true, txHash: r.fill.txHash, amountOut: quote.amountOut, block: receipt.blockNumber } });
    expect(await keeperNonce()).toBe(nonce0 + 1);
    expect(await keeperRow(o.key)).toMatchObject({ status: "confirmed", hash: r.fill.txHash });
    expect((await venue.balances()).get(token("WETH").toLowerCase() as Address)).toBe(weth0 + quote.amountOut);
  });

  it("sends one transaction when the same key is executed twice at once", async () => {
    const venue = createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW });
    const nonce0 = await keeperNonce();
    const results = await Promise.all([venue.execute(order("vault-test:2", { amountIn: parseUnits("100", 6) })), venue.execute(order("vault-test:2", { amountIn: parseUnits("100", 6) }))]);
    expect(results.map((x) => x.status).sort()).toContain("filled");
    expect(await keeperNonce()).toBe(nonce0 + 1);
    const settled = await venue.execute(order("vault-test:2", { amountIn: parseUnits("100", 6) }));
    expect(settled).toMatchObject({ status: "filled", fill: { duplicate: true } });
  });

  it("answers pending for a fresh unsigned row of the key, and takes over one abandoned before signing", async () => {
    const venue = createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW });
    const o = order("vault-test:6", { amountIn: parseUnits("50", 6) });
    const vaultId = (await vaults.getVaultState(t.db, userA, { chainId: CHAIN_ID })).vaults[0]!.vaultId!;
    await insertKeeperTx(t.db, { key: o.key, userId: userA, vaultId, chainId: CHAIN_ID, status: "pending", tokenIn: o.tokenIn, tokenOut: o.tokenOut, amountIn: o.amountIn, minAmountOut: 0n });
    const nonce0 = await keeperNonce();
    // Another worker is between insert and signing: nothing is sent.
    expect(await venue.execute(o)).toMatchObject({ status: "pending", txHash: null });
    expect(await keeperNonce()).toBe(nonce0);
    // Its writer died two minutes ago (no hash: nothing was broadcast): this call takes it over.
    await t.db.execute(sql`update keeper_txs set created_at = now() - interval '2 minutes' where key = ${o.key}`);
    const r = await venue.execute(o);
    expect(r).toMatchObject({ status: "filled", fill: { duplicate: false, amountIn: o.amountIn } });
    expect(await keeperNonce()).toBe(nonce0 + 1);
  });

  it("records a trade stopped by the owner's price bound as failed with a readable reason (preflight: nothing sent)", async () => {
    // The owner raises the bound to twice the market rate.
    const { quote } = await computeQuote({ chainId: CHAIN_ID, tokenIn: token("USDC"), tokenOut: token("WETH"), amountIn: parseUnits("1000", 6), slippageBps: 50 }, { now: FIXED_NOW });
    await signPlan(await vaults.buildSetPriceBound(t.db, userA, { chainId: CHAIN_ID, vault, tokenIn: token("USDC"), tokenOut: token("WETH"), minOutPerInX18: (quote.amountOut * 10n ** 18n * 2n) / parseUnits("1000", 6) }));
    const nonce0 = await keeperNonce();
    const r = await createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW }).execute(order("vault-test:3"));
    expect(r).toMatchObject({ status: "rejected", code: "vault.PRICE_BOUND_NOT_MET" });
    expect(await keeperNonce()).toBe(nonce0);
    const row = await keeperRow("vault-test:3");
    expect(row).toMatchObject({ status: "failed", hash: null });
    expect(row!.error).toMatch(/price bound stopped the trade: it would have returned [0-9.]+ WETH, less than the owner's floor of [0-9.]+ WETH/);
  });

  it("records a mined keeper transaction reverted by the price bound as failed, with its hash and reason", async () => {
    const nonce0 = await keeperNonce();
    const venue = createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW, preflight: false });
    const r = await venue.execute(order("vault-test:4"));
    expect(r).toMatchObject({ status: "rejected", code: "vault.PRICE_BOUND_NOT_MET" });
    expect(await keeperNonce()).toBe(nonce0 + 1);
    const row = await keeperRow("vault-test:4");
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(row!.block_number).not.toBeNull();
    expect(row!.error).toMatch(/price bound stopped the trade/);
    expect((await client.getTransactionReceipt({ hash: row!.hash as Hex })).status).toBe("reverted");
    // Replaying the key answers from the row: nothing is sent again.
    expect(await venue.execute(order("vault-test:4"))).toMatchObject({ status: "rejected", code: "vault.FAILED" });
    expect(await keeperNonce()).toBe(nonce0 + 1);
  });

  it("refuses after the owner revokes the keeper; the owner withdraws everything", async () => {
    await signPlan(await vaults.buildRevokeKeeper(t.db, userA, { chainId: CHAIN_ID, vault }));
    const r = await createVaultVenue(t.db, userA, CHAIN_ID, { now: () => FIXED_NOW }).execute(order("vault-test:5", { amountIn: parseUnits("10", 6) }));
    expect(r).toMatchObject({ status: "rejected", code: "vault.NOT_KEEPER" });
    const wethHeld = await balanceOf(token("WETH"), vault);
    const eth0 = await client.getBalance({ address: accountA.address });
    const [hash] = await signPlan(await vaults.buildWithdraw(t.db, userA, { chainId: CHAIN_ID, vault, token: NATIVE_TOKEN, amount: wethHeld }));
    const receipt = await client.getTransactionReceipt({ hash: hash! });
    expect((await client.getBalance({ address: accountA.address })) - eth0 + receipt.gasUsed * receipt.effectiveGasPrice).toBe(wethHeld);
    expect(await balanceOf(token("WETH"), vault)).toBe(0n);
    expect((await rejection(vaults.buildWithdraw(t.db, userA, { chainId: CHAIN_ID, vault, token: NATIVE_TOKEN, amount: 1n }))).code).toBe("vault.INSUFFICIENT_BALANCE");
  });

  it("lists the user's keeper transactions only to that user", async () => {
    const mine = await vaults.listKeeperTxs(t.db, userA, { chainId: CHAIN_ID, limit: 50 });
    expect(mine.map((x) => x.key).sort()).toEqual(["vault-test:1", "vault-test:2", "vault-test:3", "vault-test:4", "vault-test:5", "vault-test:6"]);
    expect(mine.every((x) => x.vault === vault)).toBe(true);
    expect(await vaults.listKeeperTxs(t.db, userB, { limit: 50 })).toEqual([]);
    const callerB = createCallerFactory(vaultRouter)(testContext(t.db, { userId: userB }));
    expect(await callerB.keeperTxs({})).toEqual([]);
    // The vault's state on chain: no keeper, nothing left.
    expect(await client.readContract({ address: vault, abi: lodestarVaultAbi, functionName: "keeper" })).toBe("0x0000000000000000000000000000000000000000");
  });
});
