// Signed-out visitors are sent to /sign-in from every app page, and come back after signing in.
import { expect, fillSignIn, test } from "../fixtures";
import { getSession } from "../fixtures/api";

for (const path of ["/dashboard", "/settings"]) {
  test(`${path} redirects to /sign-in when signed out`, async ({ page }) => {
    expect(await getSession(page.request)).toBeNull();
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });
}

test("signing in after the redirect returns to the page that was asked for", async ({ page }) => {
  // KNOWN BUG (reported): app/(app)/_lib/session.ts reads the path from an x-pathname request
  // header that proxy.ts never sets, so every redirect says callbackUrl=/dashboard. Remove this
  // line when fixed (the test then fails as "expected to fail but passed" until you do).
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/settings");
  // The second seeded demo account (db/seed/demo.ts); only this test signs in with it.
  await fillSignIn(page, { email: "demo2@lodestar.local", password: "lodestar-demo-2026" });
  await expect(page).toHaveURL(/\/settings$/);
});

test("tRPC refuses protected procedures without a session", async ({ request }) => {
  const res = await request.get("/api/trpc/user.me");
  expect(res.status()).toBe(401);
});
