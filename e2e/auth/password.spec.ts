// Email + password: sign up, sign out, sign in again; wrong passwords; per-account throttling.
import { expect, fillSignIn, signInWithPassword, signOut, signUp, test } from "../fixtures";
import { getSession } from "../fixtures/api";

test("sign up, sign out, sign in again: the dashboard greets the user by name", async ({ page, newUser }) => {
  const user = newUser();
  await signUp(page, user);
  expect((await getSession(page.request))?.user?.email).toBe(user.email);

  await signOut(page);
  expect(await getSession(page.request)).toBeNull();

  await signInWithPassword(page, user);
  await expect(page.getByRole("main")).toContainText(user.name);
  // The account menu knows who is signed in too.
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toContainText(user.email);
  await page.keyboard.press("Escape");
});

test("a wrong password shows an error and stays on /sign-in", async ({ page, newUser }) => {
  const user = newUser();
  await signUp(page, user);
  await signOut(page);

  await fillSignIn(page, { email: user.email, password: `${user.password}-wrong` });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  expect(await getSession(page.request)).toBeNull();

  // An unknown email reads the same (no account enumeration).
  await page.goto("/sign-in");
  await fillSignIn(page, { email: `nobody-${Date.now()}@example.com`, password: user.password });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
});

test("after 5 wrong passwords for one email, the 6th attempt is throttled even with the right password", async ({
  page,
  newUser,
}) => {
  const user = newUser();
  await signUp(page, user);
  await signOut(page);

  await page.goto("/sign-in");
  // One attempt at a time: wait for each callback's answer before the next try.
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/password") && r.request().method() === "POST");
    await fillSignIn(page, { email: user.email, password });
    await answered;
  };
  for (let i = 1; i <= 5; i++) {
    await attempt(`${user.password}-wrong-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  await attempt(user.password);
  await expect(page.getByRole("alert").filter({ hasText: /too many attempts/i })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  expect(await getSession(page.request)).toBeNull();
});
