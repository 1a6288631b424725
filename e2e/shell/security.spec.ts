// Security headers on pages, and CSRF defence on tRPC and the sign-in callbacks.
import { BASE_URL } from "../env";
import { expect, test } from "../fixtures";
import { trpcMutation } from "../fixtures/api";

test("pages carry the security headers", async ({ page }) => {
  const res = await page.goto("/sign-in");
  expect(res?.status()).toBe(200);
  const h = await res!.allHeaders();
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-powered-by"]).toBeUndefined();
  // A fresh nonce per response.
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
});

test("a cross-origin tRPC POST is refused with 403; the same request from our origin is not", async ({ request }) => {
  const evil = await trpcMutation(request, "user.siweNonce", { purpose: "sign_in" }, { Origin: "http://evil.example" });
  expect(evil.status()).toBe(403);
  const fetchSite = await trpcMutation(request, "user.siweNonce", { purpose: "sign_in" }, { "Sec-Fetch-Site": "cross-site" });
  expect(fetchSite.status()).toBe(403);
  // Control: the identical request from the app's own origin works.
  const ours = await trpcMutation(request, "user.siweNonce", { purpose: "sign_in" }, { Origin: BASE_URL });
  expect(ours.status()).toBe(200);
});

test("a cross-origin POST to the sign-in callback is refused with 403", async ({ request }) => {
  const res = await request.post("/api/auth/callback/password", {
    form: { email: "demo@lodestar.local", password: "whatever-it-is", csrfToken: "x" },
    headers: { Origin: "http://evil.example", "X-Auth-Return-Redirect": "1" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
});
