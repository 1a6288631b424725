// Portfolio from a tracked wallet: a fresh user (signed in with Ethereum) creates a portfolio from
// the dashboard's empty state, adds the test wallet's address (funded on local chain A) and sees
// its ETH valued in the holdings; explain dialog, range tabs and the benchmark toggle work.
import { parseEther } from "viem";
import { expect, signInWithEthereum, test } from "../fixtures";

test.setTimeout(120_000);

test("add a wallet → holdings appear with values", async ({ page, wallet }) => {
  await wallet.fund(0, parseEther("3"), 31337);
  await signInWithEthereum(page);

  // Dashboard empty state → "Create portfolio".
  await page.getByTestId("create-portfolio").click();
  await page.getByLabel("Portfolio name").fill("Wallet watch");
  await page.getByTestId("create-portfolio-submit").click();
  const overview = page.getByTestId("portfolio-overview");
  await expect(overview).toBeVisible();
  await expect(page.getByTestId("portfolio-picker")).toHaveValue(/^[0-9a-f-]{36}$/);
  const portfolioId = (await overview.getAttribute("data-portfolio-id")) ?? "";
  await expect(page.getByTestId("portfolio-empty")).toBeVisible();
  await expect(page.getByTestId("total-value")).toHaveText("$0.00");

  // The empty state leads to the wallets tab.
  await page.getByTestId("portfolio-empty").getByRole("link", { name: "Add a wallet" }).click();
  await expect(page).toHaveURL(new RegExp(`/portfolio/${portfolioId}\\?tab=wallets`));

  // Client-side validation, with the schema's message.
  await page.getByTestId("add-wallet-address").fill("0x1234");
  await page.getByTestId("add-wallet-submit").click();
  await expect(page.getByText("Enter a wallet address (0x followed by 40 hex characters).")).toBeVisible();

  // The connected wallet is offered as a shortcut; type it in instead, with a label.
  await expect(page.getByTestId("add-connected-wallet")).toBeVisible();
  await page.getByTestId("add-wallet-address").fill(wallet.address);
  await page.getByTestId("add-wallet-label").fill("Test wallet");
  await page.getByTestId("add-wallet-submit").click();
  const row = page.locator(`[data-testid="wallet-row"][data-address="${wallet.address.toLowerCase()}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("Test wallet");
  await expect(page.getByTestId("add-connected-wallet")).toHaveCount(0);

  // Overview: ETH held by the wallet, priced.
  await page.getByTestId("portfolio-tab-overview").click();
  const eth = page.locator('[data-testid="holding-row"][data-symbol="ETH"]').first();
  await expect(eth).toBeVisible({ timeout: 30_000 });
  await expect(eth.getByTestId("holding-value")).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(page.getByTestId("total-value")).not.toHaveText("$0.00");
  await expect(page.getByTestId("portfolio-empty")).toHaveCount(0);

  // "Explain this number" on the holding's P&L.
  await eth.getByTestId("explain-trigger").click();
  const dialog = page.getByTestId("explain-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("explain-result")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Range tabs and a benchmark overlay.
  await page.getByTestId("range-tab-7D").click();
  await expect(page.getByTestId("range-tab-7D")).toHaveAttribute("aria-selected", "true");
  await page.getByTestId("benchmark-toggle-BTC").click();
  await expect(page.getByTestId("benchmark-toggle-BTC")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("risk-panel")).toBeVisible();
  await expect(page.getByTestId("drawdown-bar")).toBeVisible();
  await expect(page.getByTestId("rules-panel")).toBeVisible();
  await expect(page.getByTestId("returns-table")).toBeVisible();

  // Removing the wallet removes its holdings.
  await page.getByTestId("portfolio-tab-wallets").click();
  await row.getByTestId("wallet-remove").click();
  await expect(row).toHaveCount(0);
  // …and the connected wallet can be added back with one click.
  await page.getByTestId("add-connected-wallet").click();
  await expect(row).toBeVisible();
  await expect(row).toContainText("Connected wallet");
});
