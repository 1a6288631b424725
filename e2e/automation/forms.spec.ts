// Automation forms reject what the schema or the server rejects, under the field concerned, and
// create nothing: rebalance weights that do not add up to 100 %, a DCA amount of 0 (the shared zod
// schema, checked as the user types and again on submit), and a stop-loss above the current price
// (the server's sanity check, BAD_REQUEST, shown under the stop price). A vault-rail DCA without a
// vault gets the server's CONFLICT with a link to the vault page.
import { expect, signInWithEthereum, test } from "../fixtures";

test.setTimeout(180_000);

test("invalid automation forms show field errors and create nothing", async ({ page, pageProblems }) => {
  // The stop-loss is refused by the server (400), which the browser logs.
  pageProblems.allow(/Failed to load resource: the server responded with a status of 40[09]/);
  await signInWithEthereum(page);

  // Rebalance: 60 % + 30 % — the live sum says 90 %, submitting shows the schema's message.
  await page.goto("/automation/new?kind=rebalance");
  const form = page.getByTestId("automation-form");
  await expect(form).toHaveAttribute("data-kind", "rebalance");
  const weights = page.getByTestId("target-weight");
  await expect(weights).toHaveCount(2);
  await weights.nth(1).fill("30");
  await expect(page.getByTestId("weights-sum")).toHaveAttribute("data-bps", "9000");
  await expect(page.getByTestId("weights-sum")).toContainText("90 %");
  await expect(page.getByTestId("automation-preview")).toHaveAttribute("data-state", "waiting");
  await page.getByTestId("automation-submit").click();
  await expect(page.getByTestId("error-targets")).toHaveText("Target weights must add up to 100 % (10,000 bps); they add up to 90 % (9000 bps).");
  await expect(page.getByTestId("automation-form-invalid")).toBeVisible();
  // Fixing the weight clears the error (and the preview can run).
  await weights.nth(1).fill("40");
  await expect(page.getByTestId("weights-sum")).toHaveAttribute("data-bps", "10000");
  await expect(page.getByTestId("error-targets")).toHaveCount(0);
  await expect(page.getByTestId("automation-preview")).not.toHaveAttribute("data-state", "waiting");

  // DCA: an amount of 0.
  await page.getByTestId("kind-tab-dca").click();
  await expect(form).toHaveAttribute("data-kind", "dca");
  await page.getByTestId("dca-amount").fill("0");
  await page.getByTestId("automation-submit").click();
  await expect(page.getByTestId("error-dca-amount")).toHaveText("The amount per buy must be greater than zero.");
  await expect(page.getByTestId("dca-amount")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/automation\/new\?kind=dca$/);

  // The vault rail without a vault: the server's CONFLICT, with a link to the vault page.
  await page.getByTestId("dca-amount").fill("50");
  await expect(page.getByTestId("error-dca-amount")).toHaveCount(0);
  await page.getByTestId("rail-vault").click();
  await expect(page.getByTestId("automation-preview").getByTestId("preview-rail-warning")).toContainText("vault", { timeout: 30_000 });
  await page.getByTestId("automation-submit").click();
  const formError = page.getByTestId("automation-form-error");
  await expect(formError).toHaveAttribute("data-code", "automation.NO_VAULT");
  await expect(formError).toContainText("Create a vault on this chain");
  await expect(formError.getByTestId("automation-form-fix")).toHaveAttribute("href", "/automation/vault");

  // Stop-loss above the current price: the server's message under the stop price.
  await page.getByTestId("kind-tab-stop_loss").click();
  await expect(form).toHaveAttribute("data-kind", "stop_loss");
  const current = page.getByTestId("stop-current-price");
  await expect(current).toBeVisible({ timeout: 30_000 });
  const price = Number(await current.getAttribute("data-price"));
  expect(price).toBeGreaterThan(0);
  await page.getByTestId("stop-trigger").fill((price * 1.2).toFixed(2));
  await expect(page.getByTestId("automation-preview").getByTestId("preview-wrong-side")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("automation-submit").click();
  await expect(page.getByTestId("error-stop-trigger")).toContainText("The stop price must be below the current price", { timeout: 30_000 });
  await expect(page.getByTestId("stop-trigger")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/automation\/new\?kind=stop_loss$/);

  // Nothing was created.
  await page.goto("/automation");
  await expect(page.getByTestId("automation-empty")).toBeVisible();
  await expect(page.getByTestId("automation-row")).toHaveCount(0);
});
