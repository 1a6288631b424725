// Social trading end to end, two people in two browser contexts on the e2e stack:
//   A signs up, opens a paper account, publishes a trader profile and trades (paper fills are
//   verified trades); A is listed as unranked until the e2e minimum record (3 trades) is met.
//   B signs up, opens a paper account, follows A and copies A with a per-trade cap; A trades;
//   B's copy appears on /social/copying with its fidelity (bps) and the cap applied. B pauses;
//   A's next trade is recorded as "not copied" and B's paper account gets no new fill. With 3
//   trades A is ranked. A publishes a short ETH signal at market; the market mover drives ETH
//   down through the target with real swaps; the signal's status turns to "target hit".
// The leaderboard also shows Lodestar's four labelled strategy bots from a fresh install.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { SCREENSHOT_DIR } from "../env";
import { sql } from "../fixtures/db";
import { MarketMover } from "../fixtures/market";
import { expect, signUp, test, type User } from "../fixtures";

test.setTimeout(300_000);

// The worker's social tick runs every 2 s; copies go through two more jobs.
const LIVE = 45_000;

async function shot(page: Page, name: string, testInfo: TestInfo) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function openPaperAccount(page: Page) {
  await page.goto("/automation/paper?chain=31337");
  await page.getByTestId("paper-start").click();
  await page.getByTestId("paper-reset-submit").click();
  await expect(page.getByTestId("paper-account")).toHaveAttribute("data-exists", "true", { timeout: 30_000 });
}

async function paperBuy(page: Page, usdc: string) {
  await page.goto("/automation/paper?chain=31337");
  await page.getByTestId("paper-amount-in").fill(usdc);
  await expect(page.getByTestId("paper-amount-out")).toContainText(/[1-9]/, { timeout: 30_000 });
  await page.getByTestId("paper-order-submit").click();
  // Filled: the form clears its amount (a navigation before that would abort the order).
  await expect(page.getByTestId("paper-amount-in")).toHaveValue("", { timeout: 30_000 });
  await expect(page.getByTestId("paper-order-error")).toHaveCount(0);
}

async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>("select id from users where email = $1", [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

async function verifiedTrades(id: string): Promise<number> {
  const [row] = await sql<{ n: string }>("select count(*)::text as n from verified_trades where user_id = $1", [id]);
  return Number(row?.n ?? 0);
}

async function paperFills(id: string): Promise<number> {
  const [row] = await sql<{ n: string }>("select count(*)::text as n from paper_fills where user_id = $1", [id]);
  return Number(row?.n ?? 0);
}

async function newPerson(browser: Browser, user: User) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, user);
  return { context, page };
}

test("copy trading: publish, follow and copy with a cap, fidelity, pause, ranking, signal outcome", async ({ page, browser, newUser }, testInfo) => {
  const a = newUser();
  const b = newUser();

  // ---- A: paper account, public profile, first trade
  await signUp(page, a);
  await openPaperAccount(page);
  await page.goto("/social/profile");
  await page.getByTestId("profile-display-name").fill("E2E Leader A");
  await page.getByTestId("profile-public").click();
  await page.getByTestId("profile-save").click();
  await expect(page.getByTestId("profile-public-link")).toBeVisible({ timeout: 15_000 });
  const aId = await userId(a.email);

  await paperBuy(page, "500");
  await expect.poll(() => verifiedTrades(aId), { timeout: LIVE, message: "A's paper fill becomes a verified trade" }).toBe(1);

  // Fresh install: the leaderboard shows the four labelled bots; A is not ranked yet.
  await page.goto("/social");
  const rows = page.getByTestId("leaderboard-row");
  await expect(page.getByTestId("bot-badge").first()).toBeVisible({ timeout: LIVE });
  await expect(rows.filter({ has: page.getByTestId("bot-badge") })).toHaveCount(4, { timeout: LIVE });
  await expect(page.locator(`[data-testid=leaderboard-row][data-trader-id="${aId}"]`)).toHaveCount(0);
  await expect(page.getByTestId("unranked-row").filter({ hasText: "E2E Leader A" })).toContainText("2 more verified trades");
  await shot(page, "social-leaderboard.png", testInfo);

  // ---- B: paper account, follow + copy A with a $25 per-trade cap
  const { context: bContext, page: pb } = await newPerson(browser, b);
  const bId = await userId(b.email);
  await openPaperAccount(pb);
  await pb.goto(`/social/traders/${aId}`);
  await expect(pb.getByTestId("trader-name")).toHaveText("E2E Leader A");
  await pb.getByTestId("follow-button").click();
  await expect(pb.getByTestId("follow-button")).toHaveText(/Following|Unfollow/);
  await pb.getByTestId("copy-button").click();
  await pb.getByTestId("copy-allocation").fill("1000");
  await pb.getByTestId("copy-max-per-trade").fill("25");
  await pb.getByTestId("copy-stop-loss").fill("20");
  await pb.getByTestId("copy-submit").click();
  // Saved: the dialog closes and the trader page shows the viewer's copy (navigating away
  // before the mutation answers would abort it).
  await expect(pb.getByTestId("copy-dialog")).toHaveCount(0, { timeout: 30_000 });
  await expect(pb.getByTestId("viewer-copy")).toHaveAttribute("data-status", "active", { timeout: 30_000 });
  await pb.goto("/social/copying");
  const card = pb.getByTestId("copy-card");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("copy-status")).toHaveText(/Active/i);
  const fillsBefore = await paperFills(bId);

  // ---- A trades: B's copy appears with its fidelity, capped at $25
  await paperBuy(page, "500");
  const history = pb.getByTestId("copy-trade-row");
  await expect(history.first()).toHaveAttribute("data-status", "filled", { timeout: LIVE });
  await expect(history.first().getByTestId("copy-fidelity")).toContainText("bps");
  await expect(history.first()).toContainText("25");
  expect(await paperFills(bId)).toBe(fillsBefore + 1);
  const [copy] = await sql<{ amount_in: string; diff_bps: number; leader_trade_id: string }>(
    "select amount_in::text, diff_bps, leader_trade_id from copy_trades where follower_id = $1 and status = 'filled'",
    [bId],
  );
  // 25 USDC (6 decimals) at most: the cap, rounded down to base units.
  expect(BigInt(copy?.amount_in ?? "0")).toBeLessThanOrEqual(25_000_000n);
  expect(BigInt(copy?.amount_in ?? "0")).toBeGreaterThan(24_000_000n);
  expect(copy?.leader_trade_id).toBeTruthy();
  await shot(pb, "social-copying.png", testInfo);

  // ---- B pauses; A's next trade is not copied
  await card.getByTestId("copy-pause").click();
  await expect(card.getByTestId("copy-status")).toHaveText(/Paused/i);
  await paperBuy(page, "500");
  await expect(history.first()).toHaveAttribute("data-status", "skipped", { timeout: LIVE });
  await expect(history.first()).toContainText(/paused/i);
  expect(await paperFills(bId)).toBe(fillsBefore + 1);

  // ---- 3 verified trades: A is ranked
  await expect.poll(() => verifiedTrades(aId), { timeout: LIVE }).toBe(3);
  await page.goto("/social");
  await expect(page.locator(`[data-testid=leaderboard-row][data-trader-id="${aId}"]`)).toHaveCount(1, { timeout: LIVE });

  // ---- A publishes a short ETH signal at market; the market falls through its target
  await page.goto("/social/signals");
  await page.getByTestId("signal-publish-open").click();
  await page.getByTestId("signal-asset").selectOption("ETH");
  await page.getByTestId("signal-direction").selectOption("short");
  const entry = Number(await page.getByTestId("signal-entry").inputValue());
  expect(entry).toBeGreaterThan(0);
  await page.getByTestId("signal-target-0").fill((entry * 0.985).toFixed(2));
  await page.getByTestId("signal-stop").fill((entry * 1.05).toFixed(2));
  await page.getByTestId("signal-horizon").fill("7");
  await page.getByTestId("signal-submit").click();
  const signal = page.getByTestId("signal-row").filter({ hasText: "E2E Leader A" }).first();
  await expect(signal).toHaveAttribute("data-status", "open", { timeout: LIVE });

  const mover = await MarketMover.create(31337);
  await mover.driveWethBelow(entry * 0.98, { stepHours: 0.5 });
  await expect(signal).toHaveAttribute("data-status", "target_hit", { timeout: LIVE });
  await expect(signal.getByTestId("signal-status")).toContainText(/target hit/i);
  await shot(page, "social-signals.png", testInfo);

  // B's feed shows A's trades and the signal.
  await pb.goto("/social/signals");
  await expect(pb.getByTestId("feed-item").first()).toBeVisible({ timeout: LIVE });
  await expect(pb.locator('[data-testid=feed-item][data-type="signal"]')).toHaveCount(1);
  await bContext.close();
});
