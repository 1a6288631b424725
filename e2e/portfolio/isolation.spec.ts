// A user never sees another user's private portfolio: not in the UI (not found) and not through
// the API (NOT_FOUND, the same answer as for an id that does not exist).
import { BASE_URL } from "../env";
import { signInViaApi, trpcData, trpcMutation } from "../fixtures/api";
import { expect, signInWithEthereum, test } from "../fixtures";

const DEMO_B = { email: "demo2@lodestar.local", password: "lodestar-demo-2026" };

test("user B gets not found for user A's portfolio (page and tRPC)", async ({ page, browser }) => {
  await signInWithEthereum(page);
  const { id } = await trpcData<{ id: string }>(await trpcMutation(page.request, "portfolio.create", { name: "A's private", costBasisMethod: "fifo" }));
  await page.goto(`/portfolio/${id}`);
  await expect(page.getByTestId("portfolio-name")).toHaveText(/A's private/);

  const b = await browser.newContext({ baseURL: BASE_URL });
  try {
    await signInViaApi(b.request, DEMO_B);
    const pb = await b.newPage();
    // The (app) group streams behind its loading.tsx, so the status is already sent (200) when
    // notFound() renders: the page itself is what the user sees.
    await pb.goto(`/portfolio/${id}`);
    await expect(pb.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(pb.getByText("A's private")).toHaveCount(0);

    const input = encodeURIComponent(JSON.stringify({ json: { portfolioId: id } }));
    for (const proc of ["portfolio.summary", "portfolio.holdings", "portfolio.wallets.list"]) {
      const r = await b.request.get(`/api/trpc/${proc}?input=${input}`, { headers: { "x-trpc-source": "e2e" } });
      expect(r.status(), proc).toBe(404);
      const body = (await r.json()) as { error: { json: { data: { code: string } } } };
      expect(body.error.json.data.code, proc).toBe("NOT_FOUND");
    }
    // Writes too: B cannot rename A's portfolio.
    const rename = await trpcMutation(b.request, "portfolio.rename", { id, name: "Hijacked" });
    expect(rename.status()).toBe(404);
  } finally {
    await b.close();
  }
  // A still sees it, unchanged.
  const ok = await page.request.get(`/api/trpc/portfolio.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`, { headers: { "x-trpc-source": "e2e" } });
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain("A's private");
});
