// Paper DCA end to end: a fresh user (signed in with Ethereum) tries to create a paper DCA before
// having a paper account (CONFLICT with a link to fix it), sets the account up on /automation/paper,
// creates USDC → WETH every minute, 3 buys max, through the form (with its live preview) and
// watches the worker's runs arrive on the detail page. The schedule is advanced by moving the
// automation's startAt (and its cached next_run_at) one interval back in the database; while
// paused no run appears even after the worker's ticks; resuming runs the due slot, the third and
// last buy, and the automation finishes.
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { SCREENSHOT_DIR } from "../env";
import { advanceSchedule, runCount, ticksSince } from "../fixtures/db";
import { expect, signInWithEthereum, test } from "../fixtures";

test.setTimeout(240_000);

const INTERVAL_MS = 60_000;
// The worker ticks every 2 s; a loaded 2-core machine can be much slower.
const RUN_TIMEOUT = 45_000;

async function shot(page: Page, name: string, testInfo: TestInfo, fullPage = true) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  // From the top: a full-page shot of a scrolled page draws the sticky header over the content.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

test("paper DCA: create with preview, runs appear live, pause holds, resume finishes", async ({ page, pageProblems }, testInfo) => {
  // The CONFLICT of the first create attempt (no paper account yet) is logged by the browser.
  pageProblems.allow(/Failed to load resource: the server responded with a status of 409/);
  await signInWithEthereum(page);

  // Empty state: one "create" card per kind.
  await page.goto("/automation");
  await expect(page.getByTestId("automation-empty")).toBeVisible();
  for (const k of ["dca", "rebalance", "stop_loss", "trailing_stop", "take_profit"]) await expect(page.getByTestId(`create-${k}`)).toBeVisible();
  await expect(page.getByTestId("automation-subnav").getByRole("link", { name: "Automations" })).toHaveAttribute("aria-current", "page");
  await page.getByTestId("create-dca").click();
  await expect(page).toHaveURL(/\/automation\/new\?kind=dca$/);

  const form = page.getByTestId("automation-form");
  await expect(page.getByTestId("tokenIn")).toHaveAttribute("data-symbol", "USDC");
  await expect(page.getByTestId("tokenOut")).toHaveAttribute("data-symbol", "WETH");
  await page.getByTestId("dca-amount").fill("100");
  await page.getByTestId("interval-every").fill("1");
  await page.getByTestId("interval-unit").selectOption("minute");
  await page.getByTestId("dca-max-runs").fill("3");
  await page.getByTestId("automation-name").fill("E2E paper DCA");

  // The preview runs once the form parses: 3 runs, a quote, and the rail warning (no account yet).
  const preview = page.getByTestId("automation-preview");
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-next-runs").locator("li")).toHaveCount(3);
  await expect(preview.getByTestId("preview-amount-out")).toContainText("WETH");
  await expect(preview.getByTestId("preview-rail-warning")).toBeVisible();

  // Creating without a paper account: the server's message with a link to fix it.
  await page.getByTestId("automation-submit").click();
  const formError = form.getByTestId("automation-form-error");
  await expect(formError).toHaveAttribute("data-code", "automation.NO_PAPER_ACCOUNT");
  await expect(formError).toContainText("Set up your paper account");
  await formError.getByTestId("automation-form-fix").click();
  await expect(page).toHaveURL(/\/automation\/paper\?chain=31337$/);

  // Paper account with the default starting balances (10,000 USDC and 1 ETH as WETH).
  await page.getByTestId("paper-start").click();
  await page.getByTestId("paper-reset-submit").click();
  await expect(page.getByTestId("paper-account")).toHaveAttribute("data-exists", "true", { timeout: 30_000 });

  // Back to the form: the preview now counts the runs the paper USDC funds.
  await page.goto("/automation/new?kind=dca");
  await page.getByTestId("dca-amount").fill("100");
  await page.getByTestId("interval-unit").selectOption("minute");
  await page.getByTestId("dca-max-runs").fill("3");
  await page.getByTestId("automation-name").fill("E2E paper DCA");
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-runs-funded")).toContainText("100", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-budget")).toContainText("300 USDC");
  await expect(preview.getByTestId("preview-rail-warning")).toHaveCount(0);
  await shot(page, "automation-form-dca.png", testInfo);

  await page.getByTestId("automation-submit").click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const detail = page.getByTestId("automation-detail");
  await expect(detail).toBeVisible();
  const id = (await detail.getAttribute("data-automation-id")) ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("automation-title")).toHaveText("E2E paper DCA");
  await expect(page.getByTestId("automation-config")).toContainText("Buy WETH with 100 USDC every minute");

  // Slot 0 is due at once: the first buy and its paper fill appear without a reload.
  const rows = page.getByTestId("run-row");
  await expect(rows).toHaveCount(1, { timeout: RUN_TIMEOUT });
  await expect(rows.first()).toHaveAttribute("data-status", "ok");
  await expect(rows.first().getByTestId("run-amounts")).toContainText("100 USDC");
  await expect(rows.first().getByTestId("run-amounts")).toContainText("WETH");
  await expect(rows.first().getByTestId("run-settlement")).toContainText("Paper fill");
  await expect(rows.first().getByTestId("run-rationale")).toContainText("Buy 1 of 3");
  await expect(page.getByTestId("dca-progress")).toHaveAttribute("data-runs", "1");

  // Advance the schedule one interval: the second buy appears.
  await advanceSchedule(id, INTERVAL_MS);
  await expect(rows).toHaveCount(2, { timeout: RUN_TIMEOUT });
  await expect(rows.first()).toHaveAttribute("data-status", "ok");
  await expect(rows.first().getByTestId("run-rationale")).toContainText("Buy 2 of 3");
  await expect(page.getByTestId("dca-progress")).toHaveAttribute("data-runs", "2");
  await expect(page.getByTestId("dca-chart")).toHaveAttribute("data-points", "2");
  await shot(page, "automation-detail-dca.png", testInfo);

  // Pause: status Paused, and after advancing again no run appears across two worker ticks.
  await page.getByTestId("automation-pause").click();
  await expect(detail).toHaveAttribute("data-status", "paused");
  await expect(detail.getByTestId("automation-status")).toHaveText("Paused");
  const advancedAt = new Date();
  await advanceSchedule(id, INTERVAL_MS);
  await expect.poll(() => ticksSince(advancedAt), { timeout: RUN_TIMEOUT, message: "the worker ticks while paused" }).toBeGreaterThanOrEqual(2);
  expect(await runCount(id)).toBe(2);
  await expect(rows).toHaveCount(2);

  // The list shows it paused, with its last result.
  await page.goto("/automation");
  const row = page.locator(`[data-testid="automation-row"][data-automation-id="${id}"]`);
  await expect(row).toHaveAttribute("data-status", "paused");
  await expect(row.getByTestId("automation-rail")).toHaveText(/Paper/);
  await expect(row.getByTestId("automation-last-run")).toContainText("Buy 2 of 3");
  await shot(page, "automation-list.png", testInfo);

  // Resume (from the list): the due slot runs — the third and last buy — and the DCA finishes.
  await row.getByTestId("automation-resume").click();
  await expect(row).toHaveAttribute("data-status", /active|stopped/);
  await row.getByTestId("automation-link").click();
  await expect(page).toHaveURL(new RegExp(`/automation/${id}$`));
  await expect(rows).toHaveCount(3, { timeout: RUN_TIMEOUT });
  await expect(rows.first()).toHaveAttribute("data-status", "ok");
  await expect(rows.first().getByTestId("run-rationale")).toContainText("Buy 3 of 3");
  await expect(detail).toHaveAttribute("data-status", "stopped");
  await expect(page.getByTestId("automation-health-detail")).toContainText("All 3 buys are done.");
  await expect(page.getByTestId("dca-progress")).toHaveAttribute("data-runs", "3");
  await expect(page.getByTestId("automation-pause")).toHaveCount(0);

  // The other kinds' previews against this paper account (nothing is created).
  await page.goto("/automation/new?kind=rebalance");
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-weights")).toContainText("WETH");
  await expect(preview.getByTestId("preview-orders")).toBeVisible();
  await expect(preview.getByTestId("preview-cost")).toContainText("$");
  await shot(page, "automation-form-rebalance.png", testInfo);

  await page.goto("/automation/new?kind=stop_loss");
  const current = page.getByTestId("stop-current-price");
  await expect(current).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("stop-trigger").fill((Number(await current.getAttribute("data-price")) * 0.9).toFixed(2));
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-distance")).toContainText(/(9\.9\d|10(\.0\d)?) %/);
  await expect(preview.getByTestId("preview-sell")).toContainText("WETH");
  await shot(page, "automation-form-stop.png", testInfo);

  // A trailing stop previews with its default 5 % trail: the level sits 5 % under the price.
  await page.getByTestId("kind-tab-trailing_stop").click();
  await expect(page.getByTestId("automation-form")).toHaveAttribute("data-kind", "trailing_stop");
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByTestId("preview-distance")).toContainText("5 %");

  // Phones: the list stacks each automation's columns.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/automation");
  await expect(row).toHaveAttribute("data-status", "stopped");
  await shot(page, "automation-list-mobile.png", testInfo);
});
