// npm test: every test. Unit + integration (vitest: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL is set), then the browser suite (Playwright in Debian's chromium
// against a production build with its own database and chains).
// Flags: --no-e2e, --e2e-only, --no-chaos. Installs chromium with apt-get when it is missing and we can.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const flags = new Set(process.argv.slice(2));
const results: { name: string; passed: number; failed: number; skipped: number; ok: boolean; seconds: number }[] = [];
const CHROMIUM = "/usr/bin/chromium";
const outDir = path.resolve(".data/test-results");
fs.mkdirSync(outDir, { recursive: true });
process.env.TZ = "UTC";
process.env.NEXT_TELEMETRY_DISABLED = "1";

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } as NodeJS.ProcessEnv });
  return { ok: res.status === 0, seconds: (Date.now() - started) / 1000 };
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("[test] chromium is missing: installing it with apt-get (Debian package 'chromium')…");
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (update.status === 0 && install.status === 0 && fs.existsSync(CHROMIUM)) return;
  }
  console.error(
    `[test] The browser tests need Debian's chromium at ${CHROMIUM}. Install it, then run npm test again:\n\n` +
      `    sudo apt-get update && sudo apt-get install -y chromium\n`,
  );
  process.exit(1);
}

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
type PlaywrightJson = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };

if (!flags.has("--e2e-only")) {
  const file = path.join(outDir, "vitest.json");
  fs.rmSync(file, { force: true });
  console.log(
    `[test] vitest: unit + integration on PGlite${process.env.TEST_DATABASE_URL ? " + PostgreSQL (TEST_DATABASE_URL)" : " (set TEST_DATABASE_URL to also run on PostgreSQL)"}`,
  );
  const r = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  const json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as VitestJson) : null;
  results.push({
    name: "vitest",
    passed: json?.numPassedTests ?? 0,
    failed: json ? json.numFailedTests : 1,
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
    ok: r.ok && json !== null,
    seconds: r.seconds,
  });
}

// The job runner's reliability test (scripts/chaos.ts): 2 worker processes over thousands of
// scheduled runs, one SIGKILLed at random moments, PostgreSQL restarted once; it prints
// RESULT runs=… completed=… effects=… duplicates=0 lost=0 and fails on any duplicate or loss.
// It needs PostgreSQL's binaries (or TEST_DATABASE_URL, then the restart is simulated).
if (!flags.has("--e2e-only") && !flags.has("--no-chaos")) {
  const pgBins = fs.existsSync("/usr/lib/postgresql") && fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
  if (pgBins || process.env.TEST_DATABASE_URL) {
    console.log("[test] chaos: the job runner under SIGKILL and a PostgreSQL restart");
    const r = run("npx", ["tsx", "scripts/chaos.ts"]);
    results.push({ name: "chaos", passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, skipped: 0, ok: r.ok, seconds: r.seconds });
  } else {
    console.log("[test] chaos: skipped (no PostgreSQL binaries under /usr/lib/postgresql and no TEST_DATABASE_URL)");
  }
}

if (!flags.has("--no-e2e")) {
  ensureChromium();
  const file = path.join(outDir, "playwright.json");
  fs.rmSync(file, { force: true });
  console.log("[test] playwright: e2e in chromium against a production build");
  const r = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as PlaywrightJson) : null;
  results.push({
    name: "playwright",
    passed: (json?.stats.expected ?? 0) + (json?.stats.flaky ?? 0),
    failed: json ? json.stats.unexpected : 1,
    skipped: json?.stats.skipped ?? 0,
    ok: r.ok && json !== null,
    seconds: r.seconds,
  });
}

for (const r of results) {
  console.log(`[test] ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${r.seconds.toFixed(0)} s`);
}
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
const ok = results.every((r) => r.ok) && failed === 0 && passed > 0;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
