// The vault rail end to end, on the real stack and chain A: a fresh user signs in with the test
// wallet (which links it), creates the vault from /automation/vault, deposits 2 ETH (the vault
// wraps it to WETH), allows WETH and USDC with caps, sets a WETH → USDC price bound 20 % under
// the current price and authorises the keeper. A stop-loss on the vault rail (WETH → USDC,
// 2.5 % under the price) is created over the API; then the market replay keeper drives the
// pools down along the August 2024 sell-off (e2e/fixtures/market.ts) until WETH is under the
// trigger. The stop monitor sees the block, the keeper sells from the vault: the run's keeper
// transaction is confirmed on chain, the vault holds USDC instead of WETH, the notification is
// in the header bell, and revoking the keeper (one transaction) shows as revoked.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { erc20Abi, parseEther, type Address } from "viem";
import { SCREENSHOT_DIR } from "../env";
import { expect, signInWithEthereum, test } from "../fixtures";
import { trpcMutation } from "../fixtures/api";
import { MarketMover } from "../fixtures/market";

const CHAIN_ID = 31337;
const NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
const STOP_DISTANCE = 0.025; // the stop sits 2.5 % under WETH's price when it is created

// Chain transactions, a market replay and the keeper: far more than the default 90 s.
test.setTimeout(420_000);

type TokenList = { weth: Address; tokens: { symbol: string; address: Address; decimals: number }[] };
type Run = {
  id: string;
  status: string;
  rationale: string;
  keeperTx: { status: string; hash: string | null; triggerBlock: string | null; blockNumber: string | null; latencyBlocks: number | null; amountIn: string; amountOut: string | null } | null;
};

async function trpcQuery<T>(request: APIRequestContext, pathName: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${pathName}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { "x-trpc-source": "e2e" } });
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}

async function shot(page: Page, name: string, testInfo: { attach: (n: string, o: { path: string; contentType: string }) => Promise<void> }, fullPage = true) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** Opens a token's limits dialog, allows it with the caps (whole tokens) and waits for the chain. */
async function setLimits(page: Page, card: Locator, symbol: string, perExecution: string, perDay: string) {
  const row = card.locator(`[data-testid="vault-limit-row"][data-symbol="${symbol}"]`);
  await row.getByTestId("vault-limit-edit").click();
  const dialog = page.getByTestId("vault-limit-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("vault-limit-allowed")).toHaveAttribute("aria-checked", "true");
  await dialog.getByTestId("vault-limit-per-exec").fill(perExecution);
  await dialog.getByTestId("vault-limit-per-day").fill(perDay);
  await dialog.getByTestId("vault-limit-submit").click();
  await expect(dialog, (await dialog.getByTestId("vault-tx-error").textContent().catch(() => null)) ?? "").toBeHidden({ timeout: 60_000 });
  await expect(row).toHaveAttribute("data-allowed", "true", { timeout: 30_000 });
}

test("vault stop-loss: create, fund, limits, bound, keeper; the market falls and the keeper sells from the vault", async ({ page, wallet }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await wallet.fund(0, parseEther("100"), CHAIN_ID);
  await signInWithEthereum(page);
  const owner = wallet.address.toLowerCase();
  const list = await trpcQuery<TokenList>(page.request, "defi.tokens", { chainId: CHAIN_ID });
  const usdc = list.tokens.find((t) => t.symbol === "USDC")!.address;
  const weth = list.weth;

  // ---- create the vault (sign, then register from the receipt)
  await page.goto(`/automation/vault?chain=${CHAIN_ID}`);
  const card = page.locator(`[data-testid="vault-card"][data-owner="${owner}"]`);
  await expect(card).toHaveAttribute("data-exists", "false", { timeout: 30_000 });
  await card.getByTestId("vault-create").click();
  await expect(card).toHaveAttribute("data-exists", "true", { timeout: 60_000 });
  await expect(card).toHaveAttribute("data-registered", "true");
  const vault = (await card.getAttribute("data-vault")) as Address;
  await expect(card.getByTestId("vault-keeper")).toHaveAttribute("data-status", "not_set");
  await expect(card.getByTestId("vault-balances-empty")).toBeVisible();

  // ---- deposit 2 ETH: held as WETH
  await card.getByTestId("vault-deposit-open").click();
  const transfer = page.getByTestId("vault-transfer-dialog");
  await expect(transfer).toHaveAttribute("data-mode", "deposit");
  await transfer.getByTestId("vault-transfer-token").selectOption(NATIVE);
  await transfer.getByTestId("vault-transfer-amount").fill("2");
  await transfer.getByTestId("vault-transfer-submit").click();
  await expect(transfer.getByTestId("vault-transfer-done").or(transfer.getByTestId("vault-tx-error"))).toBeVisible({ timeout: 60_000 });
  await expect(transfer.getByTestId("vault-step")).toHaveAttribute("data-status", "done");
  await expect(transfer.getByTestId("vault-step")).toHaveAttribute("data-kind", "depositETH");
  await shot(page, "vault-deposit.png", testInfo, false); // a dialog: the viewport, under its overlay
  await transfer.getByTestId("vault-transfer-done").click();
  await expect(transfer).toBeHidden();
  const wethRow = card.locator('[data-testid="vault-balance-row"][data-symbol="WETH"]');
  await expect(wethRow).toHaveAttribute("data-raw", parseEther("2").toString(), { timeout: 30_000 });
  expect(await wallet.publicClient(CHAIN_ID).readContract({ address: weth, abi: erc20Abi, functionName: "balanceOf", args: [vault] })).toBe(parseEther("2"));

  // ---- limits (per input token) and the WETH → USDC price bound 20 % under the current price
  await setLimits(page, card, "WETH", "5", "10");
  await setLimits(page, card, "USDC", "20000", "50000");
  const form = card.getByTestId("vault-bound-form");
  await expect(form.getByTestId("vault-bound-in")).toHaveValue(new RegExp(weth, "i"));
  await expect(form.getByTestId("vault-bound-out")).toHaveValue(new RegExp(usdc, "i"));
  await expect(form.getByTestId("vault-bound-current")).toHaveAttribute("data-price", /^\d/, { timeout: 30_000 });
  const current = Number(await form.getByTestId("vault-bound-current").getAttribute("data-price"));
  await form.getByTestId("vault-bound-pct").fill("20");
  await form.getByTestId("vault-bound-apply-pct").click();
  const floor = Number(await form.getByTestId("vault-bound-price").inputValue());
  expect(floor / current).toBeCloseTo(0.8, 3);
  await form.getByTestId("vault-bound-submit").click();
  const bound = card.locator('[data-testid="vault-bound-row"][data-pair="WETH-USDC"]');
  await expect(bound).toBeVisible({ timeout: 60_000 });
  await expect(bound).toContainText("20.0 % below");

  // ---- authorise the keeper
  const keeper = card.getByTestId("vault-keeper");
  await keeper.getByTestId("vault-keeper-authorise").click();
  await expect(keeper).toHaveAttribute("data-status", "authorised", { timeout: 60_000 });
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0, { timeout: 30_000 });
  await shot(page, "vault-page.png", testInfo);

  // ---- a stop-loss on the vault rail, 2.5 % under WETH's pool price
  const mover = await MarketMover.create(CHAIN_ID);
  const start = await mover.wethUsd();
  const trigger = start * (1 - STOP_DISTANCE);
  const name = `Vault stop ${Date.now() % 100_000}`;
  const res = await trpcMutation(page.request, "automation.stops.create", {
    kind: "stop_loss",
    name,
    rail: "vault",
    chainId: CHAIN_ID,
    config: { token: weth, quoteToken: usdc, basis: "usd", triggerPrice: trigger.toFixed(2), amount: { type: "all" }, slippageBps: 100 },
  });
  const created = await res.text();
  expect(res.status(), created).toBe(200);
  const automationId = (JSON.parse(created) as { result: { data: { json: { id: string } } } }).result.data.json.id;

  // ---- drive the market down the sell-off until WETH is under the trigger
  const steps = await mover.driveWethBelow(trigger, {
    log: (s) => console.log(`market +${s.hours.toFixed(2)} h: ETH target $${s.targetUsd.toFixed(2)}, WETH pools $${s.wethUsd.toFixed(2)} (block ${s.block}, ${s.swaps} swaps)`),
  });
  console.log(`WETH $${start.toFixed(2)} → $${steps.at(-1)!.wethUsd.toFixed(2)} after ${steps.length} steps; stop at $${trigger.toFixed(2)}`);

  // ---- the stop runs on chain: a confirmed keeper transaction with its trigger → mined blocks
  let run: Run | undefined;
  await expect
    .poll(
      async () => {
        const runs = await trpcQuery<Run[]>(page.request, "automation.runs.list", { automationId, limit: 10 });
        run = runs.find((r) => r.keeperTx);
        return run?.keeperTx?.status ?? run?.status ?? "none";
      },
      { timeout: 120_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("confirmed");
  const ktx = run!.keeperTx!;
  expect(ktx.hash).toMatch(/^0x[0-9a-f]{64}$/);
  expect(ktx.latencyBlocks).not.toBeNull();
  expect(ktx.latencyBlocks!).toBeGreaterThanOrEqual(1);
  expect(BigInt(ktx.amountIn)).toBe(parseEther("2"));
  console.log(`STOP_LATENCY blocks=${ktx.latencyBlocks} trigger=${ktx.triggerBlock} mined=${ktx.blockNumber} hash=${ktx.hash}`);
  const receipt = await wallet.publicClient(CHAIN_ID).getTransactionReceipt({ hash: ktx.hash as `0x${string}` });
  expect(receipt.status).toBe("success");
  expect(receipt.blockNumber.toString()).toBe(ktx.blockNumber);

  // The automation's page lists the run with its settlement and latency.
  await page.goto(`/automation/${automationId}`);
  const runRow = page.locator('[data-testid="run-row"]').first();
  await expect(runRow).toBeVisible({ timeout: 30_000 });
  await expect(runRow.getByTestId("run-settlement")).toContainText(/blocks? after trigger/);

  // ---- the vault's WETH is now USDC (the page, and the chain)
  await page.goto(`/automation/vault?chain=${CHAIN_ID}`);
  const usdcRow = card.locator('[data-testid="vault-balance-row"][data-symbol="USDC"]');
  await expect(usdcRow).toHaveAttribute("data-raw", /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(card.locator('[data-testid="vault-balance-row"][data-symbol="WETH"]')).toHaveCount(0);
  const usdcHeld = await wallet.publicClient(CHAIN_ID).readContract({ address: usdc, abi: erc20Abi, functionName: "balanceOf", args: [vault] });
  expect(usdcHeld.toString()).toBe(await usdcRow.getAttribute("data-raw"));
  expect(usdcHeld.toString()).toBe(ktx.amountOut);
  const txRow = page.locator(`[data-testid="keeper-tx-row"][data-hash="${ktx.hash}"]`);
  await expect(txRow).toHaveAttribute("data-status", "confirmed");
  await expect(txRow).toHaveAttribute("data-latency", String(ktx.latencyBlocks));

  // ---- the notification is in the header bell
  await expect(page.getByTestId("notification-badge")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-item").filter({ hasText: name }).first()).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press("Escape");

  // ---- one-click revoke: one transaction, shown as revoked
  await card.getByTestId("vault-keeper-revoke").click();
  await expect(keeper).toHaveAttribute("data-status", "revoked", { timeout: 60_000 });
  await expect(keeper.getByTestId("vault-step")).toHaveCount(1);
  await expect(keeper.getByTestId("vault-keeper-authorise")).toBeVisible();
  await shot(page, "vault-page-after-stop.png", testInfo);

  // ---- withdrawals stay open to the owner whatever the keeper: 100 USDC back to the wallet
  await card.getByTestId("vault-withdraw-open").click();
  await expect(transfer).toHaveAttribute("data-mode", "withdraw");
  await transfer.getByTestId("vault-transfer-token").selectOption(usdc);
  await transfer.getByTestId("vault-transfer-amount").fill("100");
  await transfer.getByTestId("vault-transfer-submit").click();
  await expect(transfer.getByTestId("vault-transfer-done").or(transfer.getByTestId("vault-tx-error"))).toBeVisible({ timeout: 60_000 });
  await expect(transfer.getByTestId("vault-step")).toHaveAttribute("data-kind", "withdraw");
  await transfer.getByTestId("vault-transfer-done").click();
  await expect(usdcRow).toHaveAttribute("data-raw", (usdcHeld - 100_000_000n).toString(), { timeout: 30_000 });
  expect(await wallet.publicClient(CHAIN_ID).readContract({ address: usdc, abi: erc20Abi, functionName: "balanceOf", args: [wallet.address as Address] })).toBe(100_000_000n);

  // ---- the risk page (breaker, assessment of the vault)
  await page.goto("/automation/risk");
  await expect(page.getByTestId("breaker-card")).toBeVisible({ timeout: 30_000 });
  // The levels editor validates with the router's zod schema: a level below the one before is refused.
  const levels = page.getByTestId("breaker-levels");
  await levels.getByTestId("breaker-level-pct").nth(1).fill("3");
  await expect(levels.getByTestId("breaker-level-error")).toContainText("larger than the one before");
  await levels.getByTestId("breaker-defaults").click();
  await expect(levels.getByTestId("breaker-level-error")).toHaveCount(0);
  await page.getByTestId("risk-rail").selectOption("vault");
  await expect(page.getByTestId("risk-var-table").or(page.getByTestId("risk-error"))).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("risk-var-row")).toHaveCount(3);
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0, { timeout: 30_000 });
  await shot(page, "risk-page.png", testInfo);
});
