// The fixture that fails tests on console errors and CSP violations must itself be able to
// fail: a page with a strict CSP and an inline script must be reported.
import { expect, test } from "../fixtures";

test("console errors, page errors and CSP violations are collected", async ({ page, pageProblems }) => {
  await page.route("**/__problems-check", (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: { "content-security-policy": "default-src 'self'; script-src 'nonce-abc'" },
      body: `<!doctype html><title>problems</title>
        <script nonce="abc">console.error("boom from the page"); setTimeout(() => { throw new Error("uncaught in page"); });</script>
        <script>console.log("inline script without nonce must be blocked")</script>`,
    }),
  );
  await page.goto("/__problems-check");
  await expect.poll(() => pageProblems.all.map((p) => p.kind).sort()).toEqual(["console", "csp", "csp", "pageerror"]);
  const texts = pageProblems.all.map((p) => p.text);
  // The console error, the browser's own CSP console message and the securitypolicyviolation event.
  expect(texts).toEqual(
    expect.arrayContaining([
      "boom from the page",
      expect.stringMatching(/Content Security Policy/),
      expect.stringMatching(/^CSP violation: script-src/),
      expect.stringMatching(/uncaught in page/),
    ]),
  );
  // Expected here; the same problems in any other test fail it.
  pageProblems.allow(/boom from the page|uncaught in page|Content Security Policy|CSP violation/);
  expect(pageProblems.unexpected()).toEqual([]);
});

test("an unexpected console error fails the test (expected to fail)", async ({ page, pageProblems }) => {
  test.fail(true, "the fixture must turn a console error into a failure");
  await page.route("**/__problems-check", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><script>console.error("unexpected")</script>` }),
  );
  await page.goto("/__problems-check");
  await expect.poll(() => pageProblems.all.length).toBe(1);
});
