// Publishing: the owner publishes with "percentages only"; a signed-out visitor sees weights and
// returns but no dollar values and no addresses, the public list links it, the OpenGraph image
// renders; after unpublishing the page is a 404.
import fs from "node:fs";
import path from "node:path";
import { BASE_URL, SCREENSHOT_DIR } from "../env";
import { trpcData, trpcMutation } from "../fixtures/api";
import { expect, signInWithEthereum, test } from "../fixtures";

test.setTimeout(150_000);

const CSV = [
  "date,type,asset,quantity,price_usd,account,external_id",
  "2024-01-15T10:00:00Z,buy,BTC,0.25,42000,Binance,pub-1",
  "2024-02-01T10:00:00Z,buy,ETH,3,2300,Binance,pub-2",
  "2024-03-01T10:00:00Z,buy,USDC,1500,1,Binance,pub-3",
].join("\n");

test("publish (percentages only) → public page without values or addresses; unpublish → 404", async ({ page, wallet, browser }, testInfo) => {
  await signInWithEthereum(page);
  // Setup through the API with the page's session: a portfolio with a wallet and some history.
  const created = await trpcData<{ id: string }>(await trpcMutation(page.request, "portfolio.create", { name: "Public e2e", costBasisMethod: "fifo" }));
  const portfolioId = created.id;
  await trpcData(await trpcMutation(page.request, "portfolio.import.commit", { portfolioId, text: CSV, filename: "pub.csv" }));
  await trpcData(await trpcMutation(page.request, "portfolio.wallets.add", { portfolioId, address: wallet.address }));
  const slug = `e2e-${Date.now().toString(36)}-${testInfo.workerIndex}`;

  await page.goto(`/portfolio/${portfolioId}?tab=share`);
  await expect(page.getByTestId("share-status")).toHaveText(/Private/);
  await page.getByTestId("publish-slug").fill("No Caps!");
  await page.getByTestId("publish-submit").click();
  await expect(page.getByText("Use 3–40 lowercase letters, digits and dashes.").first()).toBeVisible();
  await page.getByTestId("publish-slug").fill(slug);
  await page.getByTestId("publish-mode").selectOption("percentages");
  await expect(page.getByTestId("publish-wallets")).toHaveAttribute("aria-checked", "false");
  await page.getByTestId("publish-submit").click();
  await expect(page.getByTestId("share-status")).toHaveText(/Public/);
  await expect(page.getByTestId("public-link")).toHaveAttribute("href", `${BASE_URL}/p/${slug}`);

  // A signed-out visitor in a fresh context.
  const visitor = await browser.newContext({ baseURL: BASE_URL });
  try {
    const v = await visitor.newPage();
    const res = await v.goto(`/p/${slug}`);
    expect(res?.status()).toBe(200);
    const pub = v.getByTestId("public-page");
    await expect(pub).toHaveAttribute("data-privacy-mode", "percentages");
    await expect(v.getByTestId("public-name")).toHaveText("Public e2e");
    await expect(v.locator('[data-testid="public-holding"][data-symbol="BTC"]')).toBeVisible();
    await expect(v.getByTestId("public-holding")).toHaveCount(3);
    const text = (await pub.innerText()).toLowerCase();
    expect(text, "no dollar values in percentages mode").not.toMatch(/\$\s?\d/);
    expect(text, "no wallet address").not.toContain(wallet.address.toLowerCase());
    expect(text).not.toMatch(/0x[0-9a-f]{6}/);
    await expect(v.getByTestId("public-value")).toHaveCount(0);
    await expect(v.getByTestId("public-wallets")).toHaveCount(0);
    // Metadata and the OpenGraph image.
    await expect(v).toHaveTitle(/Public e2e/);
    const ogUrl = await v.locator('meta[property="og:image"]').first().getAttribute("content");
    expect(ogUrl).toMatch(new RegExp(`^${BASE_URL}/p/${slug}/opengraph-image`));
    const og = await visitor.request.get(new URL(ogUrl!, BASE_URL).pathname);
    expect(og.status()).toBe(200);
    expect(og.headers()["content-type"]).toContain("image/png");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, "public-og.png"), await og.body());
    const file = path.join(SCREENSHOT_DIR, "public-page.png");
    await v.setViewportSize({ width: 1280, height: 900 });
    await v.screenshot({ path: file, fullPage: true, animations: "disabled" });
    await testInfo.attach("public-page.png", { path: file, contentType: "image/png" });

    // The public list links it.
    await v.goto("/p");
    await expect(v.locator(`[data-testid="public-list-item"][data-slug="${slug}"]`)).toBeVisible();

    // Owner unpublishes → the page is gone.
    await page.getByTestId("unpublish").click();
    await expect(page.getByTestId("share-status")).toHaveText(/Private/);
    const gone = await v.goto(`/p/${slug}`);
    expect(gone?.status()).toBe(404);
    await v.goto("/p");
    await expect(v.locator(`[data-testid="public-list-item"][data-slug="${slug}"]`)).toHaveCount(0);
  } finally {
    await visitor.close();
  }
});
