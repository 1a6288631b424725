// Screenshots of the signed-in shell (dashboard, settings) at desktop and phone sizes, saved to
// e2e/.artifacts/screenshots/ and attached to the report. Console errors and CSP violations on
// these pages fail the test (fixture).
import path from "node:path";
import { SCREENSHOT_DIR } from "../env";
import { expect, test } from "../fixtures";
import { signInViaApi } from "../fixtures/api";

// The seeded demo account (db/seed/demo.ts): it has a portfolio, so the shell shows content.
const DEMO = { email: "demo@lodestar.local", password: "lodestar-demo-2026" };

const SIZES = [
  { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false },
  { name: "mobile", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

for (const size of SIZES) {
  test.describe(`${size.name} ${size.viewport.width}x${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });

    test(`signed-in shell screenshots (${size.name})`, async ({ page }, testInfo) => {
      await signInViaApi(page.request, DEMO);
      for (const route of ["dashboard", "settings"] as const) {
        await page.goto(`/${route}`);
        await expect(page).toHaveURL(new RegExp(`/${route}(\\?|$)`));
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
        // Settled: no loading skeletons in the page, the network pill has answered.
        await expect(page.getByRole("main").locator(".animate-pulse")).toHaveCount(0);
        await expect(page.getByTestId("network-status")).not.toHaveAttribute("data-state-kind", "loading");
        const file = path.join(SCREENSHOT_DIR, `${route}-${size.name}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
        await testInfo.attach(`${route}-${size.name}.png`, { path: file, contentType: "image/png" });
      }
    });
  });
}
