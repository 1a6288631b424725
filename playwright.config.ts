// End-to-end tests: chromium (Debian's, never a downloaded one) against the production build
// of the whole stack, started fresh by the launcher on its own ports and data directory.
//   npx playwright test                 build + start the e2e stack, run everything
//   E2E_REUSE_SERVER=1 npx playwright test   reuse a stack already answering on :3100
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, E2E_SERVER_ENV } from "./e2e/env";

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  forbidOnly: CI,
  // No retries: a flaky e2e test is a bug to understand, not to paper over.
  retries: 0,
  // 2 cores: the server (next + PGlite + two anvils) needs one of them.
  workers: 2,
  // Generous: the machine is shared (2 cores, a dev server and vitest may run beside us);
  // under load the SIWE link flow has taken 40 s, alone it takes 10 s.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // --fresh: empty database and fresh chains on every run; --build: always the current code.
    command: "npx tsx scripts/run.ts start --fresh --build",
    url: `${BASE_URL}/api/health`,
    env: E2E_SERVER_ENV,
    // Opt-in only: a reused stack is not fresh, and some tests count per-IP/per-account limits.
    reuseExistingServer: !CI && process.env.E2E_REUSE_SERVER === "1",
    timeout: 5 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the launcher stop next, write anvil state and close PGlite.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
