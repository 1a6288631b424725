// CSV import: a file with a bad row is rejected in the preview (its line shown, commit disabled,
// nothing written); a good file is previewed, committed, and its transactions and P&L show.
// Manual transactions: field errors from the schema; add and delete. Dashboard screenshots.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../env";
import { expect, signInWithEthereum, test } from "../fixtures";

test.setTimeout(150_000);

const HEADER = "date,type,asset,quantity,price_usd,fee_asset,fee_quantity,account,note,income_kind,external_id";
const GOOD = [
  HEADER,
  "2024-01-15T10:00:00Z,buy,BTC,0.5,42000,USD,5,Binance,First buy,,e2e-1",
  "2024-02-01T10:00:00Z,buy,ETH,4,2300,USD,2,Binance,,,e2e-2",
  "2024-06-01T10:00:00Z,sell,ETH,1,3800,USD,2,Binance,Took profit,,e2e-3",
  "2024-09-01T00:00:00Z,buy,SOL,20,130,,,Binance,,,e2e-4",
  "2025-01-10T00:00:00Z,income,ETH,0.05,,,,Lido,Reward,staking_reward,e2e-5",
].join("\n");
// Line 3 (1-based, the header is line 1) has a quantity that is not a number.
const BAD = [HEADER, "2024-01-15T10:00:00Z,buy,BTC,0.5,42000,,,Binance,,,b-1", "2024-02-01T10:00:00Z,buy,ETH,abc,2300,,,Binance,,,b-2"].join("\n");

async function shot(page: Page, name: string, testInfo: { attach: (n: string, o: { path: string; contentType: string }) => Promise<void> }, fullPage = true) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function chooseFile(page: Page, name: string, text: string) {
  await page.getByTestId("import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

async function createPortfolio(page: Page, name: string): Promise<string> {
  await page.getByTestId("create-portfolio").click();
  await page.getByLabel("Portfolio name").fill(name);
  await page.getByTestId("create-portfolio-submit").click();
  const overview = page.getByTestId("portfolio-overview");
  await expect(overview).toBeVisible();
  return (await overview.getAttribute("data-portfolio-id")) ?? "";
}

test("import a CSV: bad row blocks the commit; a good file lands with P&L", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInWithEthereum(page);
  const id = await createPortfolio(page, "Exchange history");

  await page.goto(`/portfolio/${id}?tab=import`);
  // A bad row: shown with its line and reason, commit disabled, nothing written.
  await chooseFile(page, "bad.csv", BAD);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toHaveAttribute("data-ok", "false");
  const err = page.locator('[data-testid="import-error"][data-line="3"]');
  await expect(err).toBeVisible();
  await expect(err).toContainText("Line 3");
  await expect(page.getByTestId("import-commit")).toBeDisabled();
  await page.getByTestId("portfolio-tab-transactions").click();
  await expect(page.getByTestId("transactions-table")).toContainText("No transactions yet");

  // The good file: preview, commit, result.
  await page.getByTestId("portfolio-tab-import").click();
  await chooseFile(page, "good.csv", GOOD);
  await expect(preview).toHaveAttribute("data-ok", "true");
  await expect(preview).toHaveAttribute("data-format", "generic");
  await expect(preview.getByTestId("import-row")).toHaveCount(5);
  await expect(page.getByTestId("import-error")).toHaveCount(0);
  await shot(page, "portfolio-import.png", testInfo);
  await expect(page.getByTestId("import-commit")).toBeEnabled();
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-imported", "5");

  // The same file again: every row is a duplicate, nothing new.
  await chooseFile(page, "good-again.csv", GOOD);
  await expect(preview).toHaveAttribute("data-ok", "true");
  await expect(preview.locator('[data-testid="import-row"][data-duplicate="true"]')).toHaveCount(5);
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-imported", "0");

  // Transactions tab: the five rows; the manual form shows field errors, adds and deletes.
  await page.getByTestId("portfolio-tab-transactions").click();
  await expect(page.getByTestId("tx-row")).toHaveCount(5);
  await page.getByTestId("add-tx-asset").fill("BTC");
  await page.getByTestId("add-tx-quantity").fill("-1");
  await page.getByTestId("add-tx-submit").click();
  await expect(page.getByText("Quantity must be a positive decimal number with at most 18 decimals.")).toBeVisible();
  await page.getByTestId("add-tx-quantity").fill("0.01");
  await page.getByTestId("add-tx-submit").click();
  await expect(page.getByText("Enter the unit price in USD for buys, sells and income.")).toBeVisible();
  await page.getByTestId("add-tx-price").fill("60000");
  await page.getByTestId("add-tx-date").fill("2025-03-01T12:00");
  await page.getByTestId("add-tx-note").fill("Manual e2e");
  await page.getByTestId("add-tx-submit").click();
  await expect(page.getByTestId("tx-row")).toHaveCount(6);
  const manual = page.locator('[data-testid="tx-row"][data-source="manual"]');
  await expect(manual).toContainText("Manual e2e");
  await manual.getByTestId("tx-delete").click();
  await expect(page.getByTestId("tx-row")).toHaveCount(5);

  // Overview: holdings with P&L; realised P&L from the ETH sell gives a win rate.
  await page.getByTestId("portfolio-tab-overview").click();
  const btc = page.locator('[data-testid="holding-row"][data-symbol="BTC"]');
  await expect(btc).toBeVisible({ timeout: 30_000 });
  await expect(btc.getByTestId("holding-value")).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(btc.getByTestId("explain-trigger")).toHaveText(/[+−]\$[\d,]+\.\d{2}/);
  await expect(page.getByTestId("win-rate")).toHaveText("100.0%");
  await btc.getByTestId("explain-trigger").click();
  const dialog = page.getByTestId("explain-dialog");
  await expect(dialog.getByTestId("explain-lot")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // …and on a return figure: the ALL-range TWR with its sub-periods.
  await page.locator('[data-testid="returns-row"][data-range="ALL"]').getByTestId("explain-trigger").first().click();
  await expect(dialog.getByTestId("explain-result")).toHaveText(/^[+−]\d+\.\d{2}%$/);
  await expect(dialog).toContainText("Sub-period returns");
  await page.keyboard.press("Escape");

  // Dashboard with data: desktop and phone screenshots.
  await page.goto(`/dashboard?portfolio=${id}`);
  await expect(page.getByTestId("portfolio-picker")).toHaveValue(id);
  await expect(page.getByTestId("equity-chart")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("recent-transactions").getByTestId("recent-tx")).toHaveCount(5);
  await page.getByTestId("range-tab-ALL").click();
  await expect(page.getByTestId("equity-chart")).toHaveAttribute("data-range", "ALL");
  await page.getByTestId("benchmark-toggle-BTC").click();
  await expect(page.getByTestId("equity-chart")).toHaveAttribute("data-benchmarks", "BTC");
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("equity-chart").locator("canvas").first()).toBeVisible();
  await shot(page, "dashboard-data.png", testInfo);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0, { timeout: 30_000 });
  await shot(page, "dashboard-data-mobile.png", testInfo);
});
