// Portfolios end to end below the UI: manual transactions and CSV imports on PGlite and
// PostgreSQL, figures checked by hand, isolation between users through tRPC, and (PGlite
// project) wallets read live from both local chains after transfers made in the test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWalletClient, erc20Abi, http, parseEther, parseUnits, publicActions, type Address } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, insertWallet } from "@/db/queries/user";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { startAnvil, type TestChain } from "@/test/anvil";
import { callerFor, FIXED_NOW } from "@/test/trpc";

const RUNS_CHAIN = testDatabaseKind() === "pglite";
const PORTS = [28975, 28976];
const MNEMONIC = "test test test test test test test test test test test junk";
const funder = mnemonicToAccount(MNEMONIC, { addressIndex: 5 });
const holder = privateKeyToAccount("0x00000000000000000000000000000000000000000000000000000000000b0b01");

let t: TestDatabase;
let chains: TestChain[] = [];
let dataDir: string;
const registries: ChainRegistry[] = [];
let userA: string;
let userB: string;

beforeAll(async () => {
  t = await useTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-portfolio-"));
  process.env.LODESTAR_DATA_DIR = dataDir;
  if (RUNS_CHAIN) {
    const { deployChain } = await import("@/contracts/deploy/deploy");
    for (const [i, chainId] of [31337, 31338].entries()) {
      const c = await startAnvil(PORTS[i]!, chainId);
      chains.push(c);
      process.env[`RPC_URL_${chainId}`] = c.url;
      registries.push((await deployChain({ rpcUrl: c.url, chainId, dataDir })).registry);
    }
  }
  // A daily BTC close so BTC is priced even without chains (PostgreSQL project).
  await t.sql`insert into candles (symbol, interval, time, open, high, low, close, volume) values ('BTC', '1d', '2024-06-01T00:00:00Z', 60000, 61000, 59000, 60500, 1) on conflict do nothing`;
  userA = (await insertUser(t.db, { email: "pa@example.com", name: "A" }))!.id;
  userB = (await insertUser(t.db, { email: "pb@example.com", name: "B" }))!.id;
}, 120_000);

afterAll(async () => {
  await Promise.all(chains.map((c) => c.stop()));
  chains = [];
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const A = () => callerFor(t.db, { userId: userA, now: FIXED_NOW });
const B = () => callerFor(t.db, { userId: userB, now: FIXED_NOW });

describe("manual transactions and lot methods", () => {
  it("computes realised and unrealised P&L per method, with the arithmetic", async () => {
    const results: Record<string, { realized: string; cost: string }> = {};
    for (const method of ["fifo", "lifo", "hifo", "average"] as const) {
      const p = await A().portfolio.create({ name: `Lots ${method}`, costBasisMethod: method });
      // Buy 1 BTC @ 20,000, buy 1 BTC @ 40,000, sell 1 BTC @ 30,000 (all on an exchange account).
      await A().portfolio.transactions.create({ portfolioId: p.id, account: "Exchange", type: "buy", asset: "btc", quantity: "1", priceUsd: "20000", occurredAt: new Date("2024-01-01T00:00:00Z") });
      await A().portfolio.transactions.create({ portfolioId: p.id, account: "Exchange", type: "buy", asset: "BTC", quantity: "1", priceUsd: "40000", occurredAt: new Date("2024-02-01T00:00:00Z") });
      await A().portfolio.transactions.create({ portfolioId: p.id, account: "Exchange", type: "sell", asset: "BTC", quantity: "1", priceUsd: "30000", occurredAt: new Date("2024-03-01T00:00:00Z") });
      const s = await A().portfolio.summary({ portfolioId: p.id });
      results[method] = { realized: s.realizedPnlUsd, cost: s.costBasisUsd };
      expect(s.winRate).toBe(method === "lifo" || method === "hifo" ? 0 : method === "fifo" ? 1 : 0);
    }
    // FIFO sells the 20k lot: +10,000, 40k left. LIFO and HIFO sell the 40k lot: −10,000, 20k left.
    // Average: cost 30,000 per BTC → 0 realised, 30,000 left.
    expect(results).toEqual({
      fifo: { realized: "10000.00", cost: "40000.00" },
      lifo: { realized: "-10000.00", cost: "20000.00" },
      hifo: { realized: "-10000.00", cost: "20000.00" },
      average: { realized: "0.00", cost: "30000.00" },
    });
  });

  it("edits a transaction in place", async () => {
    const p = await A().portfolio.create({ name: "Edit", costBasisMethod: "fifo" });
    const base = { portfolioId: p.id, type: "buy" as const, asset: "ETH", quantity: "1", priceUsd: "1000", occurredAt: new Date("2024-01-01T00:00:00Z") };
    const { id } = await A().portfolio.transactions.create(base);
    await A().portfolio.transactions.update({ id, values: { ...base, priceUsd: "1500" } });
    expect((await A().portfolio.summary({ portfolioId: p.id })).costBasisUsd).toBe("1500.00");
    await expect(B().portfolio.transactions.update({ id, values: { ...base, priceUsd: "1" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to sell more than held, with a clear message", async () => {
    const p = await A().portfolio.create({ name: "Oversell", costBasisMethod: "fifo" });
    await A().portfolio.transactions.create({ portfolioId: p.id, type: "buy", asset: "ETH", quantity: "1", priceUsd: "2000", occurredAt: new Date("2024-01-01T00:00:00Z") });
    await A().portfolio.transactions.create({ portfolioId: p.id, type: "sell", asset: "ETH", quantity: "2", priceUsd: "2500", occurredAt: new Date("2024-01-02T00:00:00Z") });
    await expect(A().portfolio.summary({ portfolioId: p.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("explains a holding's P&L with the lots it used", async () => {
    const [p] = (await A().portfolio.list()).filter((x) => x.name === "Lots fifo");
    const e = await A().portfolio.explain({ portfolioId: p!.id, target: { kind: "holding", assetId: "m:BTC" } });
    expect(e.kind).toBe("holding");
    if (e.kind !== "holding") return;
    expect(e.lines.find((l) => l.label.startsWith("Realised"))?.value).toBe("$10000.00");
    expect(e.lots.filter((l) => l.consumed)).toEqual([expect.objectContaining({ quantity: "1", costUsd: "20000.00" })]);
  });
});

describe("off the main thread", () => {
  it("a portfolio computed in the worker thread gives exactly the inline figures", async () => {
    const { offload } = await import("./portfolio-analytics");
    const { closePortfolioWorker } = await import("@/server/portfolio/compute-in-worker");
    const p = (await A().portfolio.list()).find((x) => x.name === "Lots fifo")!;
    const inline = [await A().portfolio.summary({ portfolioId: p.id }), await A().portfolio.holdings({ portfolioId: p.id }), await A().portfolio.performance({ portfolioId: p.id, range: "ALL" })];
    const before = offload.minActivities;
    offload.minActivities = 0;
    try {
      const worker = [await A().portfolio.summary({ portfolioId: p.id }), await A().portfolio.holdings({ portfolioId: p.id }), await A().portfolio.performance({ portfolioId: p.id, range: "ALL" })];
      expect(worker).toEqual(inline);
      expect(offload.runs).toBe(3);
    } finally {
      offload.minActivities = before;
      await closePortfolioWorker();
    }
  });
});

describe("CSV import", () => {
  const good = ["date,type,asset,quantity,price_usd", "2024-01-05,buy,ETH,2,2200", "2024-01-09,sell,ETH,0.5,2500", "2024-01-10,income,ETH,0.01,2500"].join("\n");

  it("previews, then commits all rows in one transaction; a re-import skips duplicates", async () => {
    const p = await A().portfolio.create({ name: "Imported", costBasisMethod: "fifo" });
    const text = good.replace("2024-01-10,income,ETH,0.01,2500", "2024-01-10,income,ETH,0.01,2500") + "";
    const csv = text.split("\n").map((l, i) => (i === 0 ? `${l},income_kind` : i === 3 ? `${l},staking_reward` : `${l},`)).join("\n");
    const preview = await A().portfolio.import.preview({ portfolioId: p.id, text: csv });
    expect(preview).toMatchObject({ format: "generic", ok: true, duplicates: 0, errors: [] });
    expect(preview.activities).toHaveLength(3);
    expect(await A().portfolio.transactions.list({ portfolioId: p.id })).toHaveLength(0); // preview writes nothing
    const done = await A().portfolio.import.commit({ portfolioId: p.id, text: csv, filename: "trades.csv" });
    expect(done.imported).toBe(3);
    const again = await A().portfolio.import.commit({ portfolioId: p.id, text: csv });
    expect(again.imported).toBe(0);
    const s = await A().portfolio.summary({ portfolioId: p.id });
    // Realised: 0.5 × (2,500 − 2,200) = 150. Income: 0.01 × 2,500 = 25.
    expect(s.realizedPnlUsd).toBe("150.00");
    expect(s.incomeUsd).toBe("25.00");
  });

  it("writes nothing when any row is bad, and says which line", async () => {
    const p = await A().portfolio.create({ name: "Bad import", costBasisMethod: "fifo" });
    const bad = `${good}\n2024-01-11,buy,ETH,abc,2000`;
    const preview = await A().portfolio.import.preview({ portfolioId: p.id, text: bad });
    expect(preview.ok).toBe(false);
    expect(preview.errors[0]).toMatchObject({ line: 5 });
    await expect(A().portfolio.import.commit({ portfolioId: p.id, text: bad })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("line 5") });
    expect(await A().portfolio.transactions.list({ portfolioId: p.id })).toHaveLength(0);
    const rows = await t.sql`select count(*)::int as n from portfolio_imports where portfolio_id = ${p.id}`;
    expect(rows[0]!.n).toBe(0);
  });
});

describe("isolation", () => {
  it("another user can't read, change or import into a private portfolio", async () => {
    const [p] = await A().portfolio.list();
    const id = p!.id;
    for (const call of [
      () => B().portfolio.summary({ portfolioId: id }),
      () => B().portfolio.holdings({ portfolioId: id }),
      () => B().portfolio.transactions.list({ portfolioId: id }),
      () => B().portfolio.performance({ portfolioId: id, range: "ALL" }),
      () => B().portfolio.risk({ portfolioId: id, range: "ALL" }),
      () => B().portfolio.allocation({ portfolioId: id }),
      () => B().portfolio.explain({ portfolioId: id, target: { kind: "holding", assetId: "m:BTC" } }),
      () => B().portfolio.transactions.delete({ portfolioId: id, id: "00000000-0000-4000-8000-000000000000" }),
      () => B().portfolio.transactions.create({ portfolioId: id, type: "buy", asset: "BTC", quantity: "1", priceUsd: "1", occurredAt: new Date() }),
      () => B().portfolio.import.commit({ portfolioId: id, text: "date,type,asset,quantity,price_usd\n2024-01-01,buy,BTC,1,1" }),
      () => B().portfolio.wallets.add({ portfolioId: id, address: "0x000000000000000000000000000000000000dEaD" }),
      () => B().portfolio.publish({ portfolioId: id, slug: "stolen-page" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const n = await t.sql`select count(*)::int as n from portfolio_transactions where user_id = ${userB}`;
    expect(n[0]!.n).toBe(0);
  });

  it("a published page shows only what its privacy mode allows, and 404s after unpublishing", async () => {
    const p = (await A().portfolio.list()).find((x) => x.name === "Lots fifo")!;
    await A().portfolio.publish({ portfolioId: p.id, slug: "fifo-demo", privacyMode: "percentages" });
    const anon = callerFor(t.db, { userId: null, now: FIXED_NOW });
    const page = await anon.portfolio.public.get({ slug: "fifo-demo" });
    expect(page.valueUsd).toBeNull();
    expect(page.wallets).toBeNull();
    expect(page.holdings.every((h) => h.valueUsd === null && h.quantity === null)).toBe(true);
    expect(page.holdings[0]).toMatchObject({ symbol: "BTC", weightBps: 10_000 });
    await expect(B().portfolio.publish({ portfolioId: p.id, slug: "fifo-demo" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await A().portfolio.unpublish({ portfolioId: p.id });
    await expect(anon.portfolio.public.get({ slug: "fifo-demo" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe.runIf(RUNS_CHAIN)("wallets on the local chains", () => {
  it("reads balances from both chains after transfers made in the test, priced from the pools", async () => {
    const p = await A().portfolio.create({ name: "On chain", costBasisMethod: "fifo" });
    // Send the holder 1.5 ETH and 250 USDC on chain A, 0.25 WBTC on chain B.
    const [ca, cb] = chains;
    const wa = createWalletClient({ account: funder, transport: http(ca!.url), pollingInterval: 50 }).extend(publicActions);
    const wb = createWalletClient({ account: funder, transport: http(cb!.url), pollingInterval: 50 }).extend(publicActions);
    const usdc = registries[0]!.tokens.find((x) => x.symbol === "USDC")!.address as Address;
    const wbtc = registries[1]!.tokens.find((x) => x.symbol === "WBTC")!.address as Address;
    await wa.waitForTransactionReceipt({ hash: await wa.sendTransaction({ to: holder.address, value: parseEther("1.5"), chain: null }) });
    await wa.waitForTransactionReceipt({ hash: await wa.writeContract({ address: usdc, abi: erc20Abi, functionName: "transfer", args: [holder.address, parseUnits("250", 6)], chain: null }) });
    await wb.waitForTransactionReceipt({ hash: await wb.writeContract({ address: wbtc, abi: erc20Abi, functionName: "transfer", args: [holder.address, parseUnits("0.25", 8)], chain: null }) });

    await A().portfolio.wallets.add({ portfolioId: p.id, address: holder.address, label: "Test holder" });
    const rows = await A().portfolio.holdings({ portfolioId: p.id });
    const by = (symbol: string, chain: string) => rows.find((r) => r.symbol === symbol && r.chain === chain);
    expect(by("ETH", "Lodestar Local A")?.quantity).toBe("1.5");
    expect(by("USDC", "Lodestar Local A")?.quantity).toBe("250");
    expect(by("WBTC", "Lodestar Local B")?.quantity).toBe("0.25");
    // Priced from the pools (seeded at the 2025-06-30 closes): ETH ≈ 2,500, USDC ≈ 1 but not exactly.
    expect(Number(by("ETH", "Lodestar Local A")!.priceUsd)).toBeGreaterThan(1_000);
    const usdcPrice = Number(by("USDC", "Lodestar Local A")!.priceUsd);
    expect(Math.abs(usdcPrice - 1)).toBeLessThan(0.002);
    const s = await A().portfolio.summary({ portfolioId: p.id });
    expect(Number(s.valueUsd)).toBeGreaterThan(1.5 * 1_000 + 250 + 0.25 * 50_000);
    expect(s.unpriced).toEqual([]);
    const alloc = await A().portfolio.allocation({ portfolioId: p.id });
    expect(alloc.byChain.map((c) => c.key).sort()).toEqual(["Lodestar Local A", "Lodestar Local B"]);
  });

  it("a swap made in Lodestar from the wallet appears as its transaction, with the chain's amounts", async () => {
    const p = (await A().portfolio.list()).find((x) => x.name === "On chain")!;
    await insertWallet(t.db, { userId: userA, address: holder.address, chainId: 31337 });
    const usdc = registries[0]!.tokens.find((x) => x.symbol === "USDC")!.address as Address;
    const built = await A().defi.buildSwap({ chainId: 31337, tokenIn: NATIVE_TOKEN, tokenOut: usdc, amountIn: parseEther("0.5"), slippageBps: 100, deadlineMinutes: 20, account: holder.address });
    const w = createWalletClient({ account: holder, transport: http(chains[0]!.url), pollingInterval: 50 }).extend(publicActions);
    const hash = await w.sendTransaction({ ...built.swap, chain: null });
    await w.waitForTransactionReceipt({ hash });
    const record = await A().defi.submitSwap({ chainId: 31337, hash, kind: "swap" });
    expect(record.status).toBe("confirmed");
    const txs = await A().portfolio.transactions.list({ portfolioId: p.id });
    const swap = txs.find((x) => x.hash === hash);
    expect(swap).toMatchObject({ source: "wallet", type: "swap", asset: "ETH", quantity: "0.5", toAsset: "USDC", chainId: 31337 });
    expect(parseUnits(swap!.toQuantity!, 6)).toBe(record.amountOut);
    // Holdings still equal the chain: 250 USDC + what the swap delivered.
    const rows = await A().portfolio.holdings({ portfolioId: p.id });
    const usdcRow = rows.find((r) => r.symbol === "USDC" && r.chain === "Lodestar Local A")!;
    expect(parseUnits(usdcRow.quantity, 6)).toBe(parseUnits("250", 6) + record.amountOut!);
    // The swap realised P&L on the ETH it sold (a disposal at market value).
    const s = await A().portfolio.summary({ portfolioId: p.id });
    expect(s.winRate).not.toBeNull();
  });
});
