// The swap page end to end, with the injected test wallet on local chain A: ETH→USDC, a token→token
// swap that needs an approval, the price-impact confirmations, and a swap that reverts on chain
// because the pool moved between review and signing. Amounts are checked against the chain and
// against the server's record; screenshots go to e2e/.artifacts/screenshots/.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { createWalletClient, defineChain, erc20Abi, http, parseEther, type Address } from "viem";
import { E2E_RPC_URLS, SCREENSHOT_DIR } from "../env";
import { expect, signInWithEthereum, test } from "../fixtures";
import type { TestWallet } from "../fixtures/wallet";

const CHAIN_ID = 31337;
const RPC = E2E_RPC_URLS[CHAIN_ID];
const NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

// Each test has its own wallet and user: they may run in parallel.
test.describe.configure({ mode: "parallel" });
// Swaps wait for the chain and the server's receipt check: allow more than the default.
test.setTimeout(180_000);

type TokenList = { weth: Address; tokens: { symbol: string; address: Address; decimals: number }[] };

async function trpcQuery<T>(request: APIRequestContext, pathName: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${pathName}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers: { "x-trpc-source": "e2e" },
  });
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}

async function tokenList(request: APIRequestContext): Promise<TokenList> {
  return trpcQuery<TokenList>(request, "defi.tokens", { chainId: CHAIN_ID });
}

function tokenAddress(list: TokenList, symbol: string): Address {
  const t = list.tokens.find((x) => x.symbol === symbol);
  if (!t) throw new Error(`no ${symbol} in the token list`);
  return t.address;
}

async function balanceOf(wallet: TestWallet, token: Address, owner: Address): Promise<bigint> {
  return wallet.publicClient(CHAIN_ID).readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
}

/** A funded wallet, signed in with Ethereum (which links it: submitSwap needs that), on /swap. */
async function openSwap(page: Page, wallet: TestWallet, eth = parseEther("100")) {
  await wallet.fund(0, eth, CHAIN_ID);
  await signInWithEthereum(page);
  await page.goto("/swap");
  await expect(page.getByTestId("swap-card")).toBeVisible();
  await expect(page.getByTestId("swap-card")).toHaveAttribute("data-chain-id", String(CHAIN_ID));
  await expect(page.getByTestId("token-in-select")).toBeVisible();
}

async function chooseToken(page: Page, side: "in" | "out", symbol: string) {
  await page.getByTestId(side === "in" ? "token-in-select" : "token-out-select").click();
  const dialog = page.getByTestId("token-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("token-search").fill(symbol);
  await dialog.getByTestId(`token-option-${symbol}`).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(side === "in" ? "token-in-select" : "token-out-select")).toHaveAttribute("data-symbol", symbol);
}

/** Types an amount and waits for the live quote of exactly that amount. */
async function enterAmount(page: Page, amount: string) {
  await page.getByTestId("amount-in").fill(amount);
  const out = page.getByTestId("amount-out");
  await expect(out).not.toHaveAttribute("data-loading", /.*/, { timeout: 30_000 });
  await expect(out).toHaveAttribute("data-raw", /^[1-9]\d*$/, { timeout: 30_000 });
}

async function setSlippage(page: Page, percent: string) {
  await page.getByTestId("slippage-settings").click();
  await page.getByTestId("slippage-input").fill(percent);
  await page.keyboard.press("Escape");
}

/** "Review swap" → the review dialog with a successful simulation. */
async function openReview(page: Page) {
  await expect(page.getByTestId("review-swap")).toBeEnabled();
  await page.getByTestId("review-swap").click();
  const review = page.getByTestId("swap-review");
  await expect(review).toBeVisible();
  await expect(review.getByTestId("simulation-changes")).toBeVisible({ timeout: 30_000 });
  return review;
}

/** Confirms and waits for the server's record; returns the confirmed amounts shown. */
async function confirmAndWait(page: Page) {
  const review = page.getByTestId("swap-review");
  await review.getByTestId("confirm-swap").click();
  const result = review.getByTestId("swap-result");
  await expect(result.or(review.getByTestId("swap-error"))).toBeVisible({ timeout: 90_000 });
  await expect(result, (await review.getByTestId("swap-error").textContent().catch(() => null)) ?? "").toBeVisible();
  return {
    hash: (await result.getAttribute("data-hash")) ?? "",
    amountIn: BigInt((await result.getAttribute("data-amount-in")) ?? "0"),
    amountOut: BigInt((await result.getAttribute("data-amount-out")) ?? "0"),
  };
}

async function closeReview(page: Page) {
  await page.getByTestId("swap-review").getByRole("button", { name: "Close" }).first().click();
  await expect(page.getByTestId("swap-review")).toBeHidden();
}

async function shot(page: Page, name: string, testInfo: { attach: (n: string, o: { path: string; contentType: string }) => Promise<void> }, opts: { fullPage?: boolean } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true, animations: "disabled" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

test("swap ETH → USDC: quote, route, review, execution; balances and history update", async ({ page, wallet }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openSwap(page, wallet);
  await expect(page.getByTestId("recent-activity")).toBeVisible();
  await expect(page.getByTestId("balance-in")).toHaveText("Balance: 100");
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0);
  await shot(page, "swap-card.png", testInfo);

  await chooseToken(page, "out", "USDC");
  await enterAmount(page, "1");
  // Route: at least one path with hop-by-hop venue badges, and the per-venue comparison.
  await expect(page.getByTestId("quote-route")).toBeVisible();
  expect(await page.getByTestId("route-path").count()).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("route-leg").first()).toBeVisible();
  await expect(page.getByTestId("venue-comparison")).toContainText("Uniswap V2");
  await expect(page.getByTestId("venue-comparison")).toContainText("best");
  await expect(page.getByTestId("price-impact")).toBeVisible();
  await shot(page, "swap-route.png", testInfo);

  const usdc = tokenAddress(await tokenList(page.request), "USDC");
  const ethBefore = await wallet.publicClient(CHAIN_ID).getBalance({ address: wallet.address });
  const review = await openReview(page);
  await expect(review.getByTestId("simulation-changes").locator('[data-token="USDC"]')).toHaveAttribute("data-diff", /^[1-9]\d*$/);
  await expect(review.getByTestId("approve-step")).toHaveCount(0); // ETH needs no approval
  await shot(page, "swap-review.png", testInfo, { fullPage: false });
  const done = await confirmAndWait(page);

  // The chain moved exactly what the server recorded.
  expect(done.amountIn).toBe(parseEther("1"));
  expect(await balanceOf(wallet, usdc, wallet.address)).toBe(done.amountOut);
  expect(await wallet.publicClient(CHAIN_ID).getBalance({ address: wallet.address })).toBeLessThan(ethBefore - parseEther("1") + 1n);
  await closeReview(page);

  // Balances on the card refresh; recent activity and history list the confirmed swap.
  await chooseToken(page, "in", "USDC");
  await expect(page.getByTestId("balance-in")).not.toHaveText(/Balance: (0|…)$/);
  const recent = page.getByTestId("recent-activity").locator(`[data-hash="${done.hash}"]`);
  await expect(recent).toHaveAttribute("data-status", "confirmed");

  await page.goto("/swap/history");
  const row = page.getByTestId("history-table").locator(`[data-testid="history-row"][data-hash="${done.hash}"]`);
  await expect(row).toHaveAttribute("data-status", "confirmed");
  await expect(row).toHaveAttribute("data-amount-out", done.amountOut.toString());
  await row.click();
  await expect(page.getByTestId("history-detail")).toContainText("Minimum received");
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0);
  await shot(page, "swap-history.png", testInfo);
});

test("swap USDC → WBTC with an exact approval; the amount received equals the record's amountOut", async ({ page, wallet }) => {
  await openSwap(page, wallet);
  // Tokens first: the wallet's accounts only hold ETH.
  await chooseToken(page, "out", "USDC");
  await enterAmount(page, "2");
  await openReview(page);
  await confirmAndWait(page);
  await closeReview(page);

  const list = await tokenList(page.request);
  const usdc = tokenAddress(list, "USDC");
  const wbtc = tokenAddress(list, "WBTC");
  const usdcHeld = await balanceOf(wallet, usdc, wallet.address);
  expect(usdcHeld).toBeGreaterThan(0n);

  await chooseToken(page, "in", "USDC");
  await chooseToken(page, "out", "WBTC");
  await expect(page.getByTestId("max-button")).toBeVisible();
  await page.getByTestId("max-button").click();
  const out = page.getByTestId("amount-out");
  await expect(out).toHaveAttribute("data-raw", /^[1-9]\d*$/, { timeout: 30_000 });
  expect(await page.getByTestId("route-path").count()).toBeGreaterThanOrEqual(1);

  const review = await openReview(page);
  await expect(review.getByTestId("approve-step")).toHaveCount(1);
  await expect(review.getByTestId("unlimited-approval")).toHaveAttribute("aria-checked", "false");
  const done = await confirmAndWait(page);
  await expect(review.getByTestId("approve-step")).toHaveAttribute("data-status", "done");
  await expect(review.getByTestId("swap-step")).toHaveAttribute("data-status", "done");
  expect(done.amountIn).toBe(usdcHeld);
  expect(await balanceOf(wallet, wbtc, wallet.address)).toBe(done.amountOut);
  expect(await balanceOf(wallet, usdc, wallet.address)).toBe(0n);

  await page.goto("/swap/history");
  const row = page.locator(`[data-testid="history-row"][data-hash="${done.hash}"]`);
  await expect(row).toHaveAttribute("data-status", "confirmed");
  expect(BigInt((await row.getAttribute("data-amount-out")) ?? "-1")).toBe(done.amountOut);
  // The approval is tracked as its own row.
  await expect(page.locator('[data-testid="history-row"][data-kind="approve"]')).toHaveCount(1);
});

test("price impact above 5 % needs a tick, above 15 % needs typing confirm, before Review enables", async ({ page, wallet }) => {
  await openSwap(page, wallet, parseEther("1000000"));
  const list = await tokenList(page.request);
  const usdc = tokenAddress(list, "USDC");
  // Find amounts in the two tiers from the API (pool depths are the deployment's business).
  const impactOf = async (eth: bigint) =>
    (await trpcQuery<{ priceImpactBps: number }>(page.request, "defi.quote", { chainId: CHAIN_ID, tokenIn: NATIVE, tokenOut: usdc, amountIn: eth.toString() })).priceImpactBps;
  let amount = parseEther("1");
  let impact = await impactOf(amount);
  while (impact <= 500 && amount < parseEther("500000")) {
    amount *= 2n;
    impact = await impactOf(amount);
  }
  expect(impact, "an amount with > 5 % impact").toBeGreaterThan(500);
  let mid = amount;
  if (impact > 1_500) {
    // Narrow down into (5 %, 15 %].
    let lo = amount / 2n;
    let hi = amount;
    for (let i = 0; i < 12; i++) {
      mid = (lo + hi) / 2n;
      const x = await impactOf(mid);
      if (x > 1_500) hi = mid;
      else if (x <= 500) lo = mid;
      else break;
    }
  }
  let big = amount;
  while ((await impactOf(big)) <= 1_500 && big < parseEther("900000")) big *= 2n;

  await chooseToken(page, "out", "USDC");
  await enterAmount(page, (mid / 10n ** 18n).toString() + "." + (mid % 10n ** 18n).toString().padStart(18, "0"));
  const review = page.getByTestId("review-swap");
  await expect(page.getByTestId("impact-confirm")).toHaveAttribute("data-tier", "confirm");
  await expect(review).toBeDisabled();
  await page.getByTestId("impact-confirm-checkbox").check();
  await expect(review).toBeEnabled();
  await expect(review).toHaveText("Review swap");

  await enterAmount(page, (big / 10n ** 18n).toString());
  await expect(page.getByTestId("impact-confirm")).toHaveAttribute("data-tier", "type-confirm");
  await expect(review).toBeDisabled();
  await page.getByTestId("impact-confirm-input").fill("confir");
  await expect(review).toBeDisabled();
  await page.getByTestId("impact-confirm-input").fill("confirm");
  await expect(review).toBeEnabled();
  // The review opens and the simulation passes for the confirmed trade.
  await openReview(page);
});

// Minimal ABIs of the venues' routers, to move the pools from another account.
const v2RouterAbi = [
  {
    type: "function",
    name: "swapExactETHForTokens",
    stateMutability: "payable",
    inputs: [
      { name: "amountOutMin", type: "uint256" },
      { name: "path", type: "address[]" },
      { name: "to", type: "address" },
      { name: "deadline", type: "uint256" },
    ],
    outputs: [{ name: "amounts", type: "uint256[]" }],
  },
] as const;
const v3RouterAbi = [
  {
    type: "function",
    name: "exactInputSingle",
    stateMutability: "payable",
    inputs: [
      {
        name: "params",
        type: "tuple",
        components: [
          { name: "tokenIn", type: "address" },
          { name: "tokenOut", type: "address" },
          { name: "fee", type: "uint24" },
          { name: "recipient", type: "address" },
          { name: "deadline", type: "uint256" },
          { name: "amountIn", type: "uint256" },
          { name: "amountOutMinimum", type: "uint256" },
          { name: "sqrtPriceLimitX96", type: "uint160" },
        ],
      },
    ],
    outputs: [{ name: "amountOut", type: "uint256" }],
  },
] as const;

type Registry = {
  weth: Address;
  venues: { id: string; kind: "v2" | "v3"; router: Address }[];
  pools: { venue: string; token0: Address; token1: Address; fee?: number }[];
};

/** Buys USDC with ETH on every WETH/USDC pool from another funded account: the price moves against ETH sellers. */
async function movePools(wallet: TestWallet, usdc: Address) {
  const registry = JSON.parse(fs.readFileSync(path.join(".data/e2e/registry", `${CHAIN_ID}.json`), "utf8")) as Registry;
  const other = wallet.account(7);
  await wallet.fund(7, parseEther("10000"), CHAIN_ID);
  const chain = defineChain({ id: CHAIN_ID, name: "Local A", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [RPC] } } });
  const client = createWalletClient({ account: other, chain, transport: http(RPC) });
  const pub = wallet.publicClient(CHAIN_ID);
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
  const isPair = (p: Registry["pools"][number]) =>
    [p.token0.toLowerCase(), p.token1.toLowerCase()].sort().join() === [registry.weth.toLowerCase(), usdc.toLowerCase()].sort().join();
  for (const pool of registry.pools.filter(isPair)) {
    const venue = registry.venues.find((v) => v.id === pool.venue);
    if (!venue) continue;
    const value = parseEther("20");
    const hash =
      venue.kind === "v2"
        ? await client.writeContract({ address: venue.router, abi: v2RouterAbi, functionName: "swapExactETHForTokens", args: [0n, [registry.weth, usdc], other.address, deadline], value })
        : await client.writeContract({
            address: venue.router,
            abi: v3RouterAbi,
            functionName: "exactInputSingle",
            args: [{ tokenIn: registry.weth, tokenOut: usdc, fee: pool.fee ?? 3000, recipient: other.address, deadline, amountIn: value, amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }],
            value,
          });
    const receipt = await pub.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
  }
}

test("a swap that reverts on slippage shows the reason, and history shows it failed with nothing filled", async ({ page, wallet }) => {
  await openSwap(page, wallet);
  const usdc = tokenAddress(await tokenList(page.request), "USDC");
  await chooseToken(page, "out", "USDC");
  await setSlippage(page, "0.01");
  await expect(page.getByTestId("slippage-settings")).toContainText("0.01 %");
  await enterAmount(page, "1");
  const review = await openReview(page);

  // Someone else trades on the same pools between the review and the signature.
  await movePools(wallet, usdc);
  await review.getByTestId("confirm-swap").click();
  const error = review.getByTestId("swap-error");
  await expect(error).toBeVisible({ timeout: 90_000 });
  await expect(error).toHaveAttribute("data-status", "failed");
  await expect(error).toContainText(/slippage|minimum/i);
  await expect(error).toContainText("nothing was swapped");
  const hash = await review.getByTestId("swap-step").locator(".font-mono").textContent();
  expect(hash).toBeTruthy();
  expect(await balanceOf(wallet, usdc, wallet.address)).toBe(0n);
  await closeReview(page);

  await page.goto("/swap/history");
  const row = page.locator('[data-testid="history-row"][data-kind="swap"]').first();
  await expect(row).toHaveAttribute("data-status", "failed");
  await expect(row).toContainText("nothing filled");
  await row.click();
  await expect(page.getByTestId("history-error")).toContainText(/slippage|minimum|InsufficientOutput/i);
});

test("mobile: the swap card with a quote fits a phone screen", async ({ page, wallet }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSwap(page, wallet);
  await chooseToken(page, "out", "USDC");
  await enterAmount(page, "0.5");
  await expect(page.getByTestId("quote-route")).toBeVisible();
  // Nothing overflows sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, "swap-mobile.png", testInfo);
});

test("invalid amounts and slippage are refused without crashing", async ({ page, wallet }) => {
  await openSwap(page, wallet);
  await chooseToken(page, "out", "USDC");
  await page.getByTestId("amount-in").fill("1.2.3abc");
  await expect(page.getByTestId("amount-in")).toHaveValue("1.23");
  await page.getByTestId("amount-in").fill("0.0000000000000000001");
  await expect(page.getByTestId("review-swap")).toHaveText("Enter a valid amount");
  await page.getByTestId("amount-in").fill("1000000000");
  await expect(page.getByTestId("review-swap")).toHaveText("Insufficient ETH balance");
  await page.getByTestId("amount-in").fill("0.1");
  await page.getByTestId("slippage-settings").click();
  await page.getByTestId("slippage-input").fill("60");
  await expect(page.getByTestId("slippage-error")).toHaveText("Slippage can be at most 50 %.");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("review-swap")).toHaveText("Fix the swap settings");
  await page.getByTestId("slippage-settings").click();
  await page.getByTestId("slippage-input").fill("8");
  await expect(page.getByTestId("slippage-warning")).toContainText("High slippage");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("review-swap")).toHaveText("Review swap", { timeout: 30_000 });
  // USDC has 6 decimals: a 7th is refused rather than rounded.
  await chooseToken(page, "in", "USDC");
  await page.getByTestId("amount-in").fill("1.1234567");
  await expect(page.getByTestId("review-swap")).toHaveText("Enter a valid amount");
});
