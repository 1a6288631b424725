// API latency of a running Lodestar against the response-time targets in the design
// documents (seed 001: auth < 100 ms, portfolio < 200 ms, market data < 50 ms) and a bare
// Next route (GET /api/health's db+chain round trip is the floor a procedure sits on).
//   npm run dev            (or npm start), then:
//   npx tsx bench/api.ts [baseUrl=http://localhost:3000] [requests=200]
// Sequential requests from one client, after a warm-up; p50/p95/p99 in ms.
export {};

const base = process.argv[2] ?? "http://localhost:3000";
const n = Number(process.argv[3] ?? 200);
const jar = new Map<string, string>();

function cookieHeader() {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}
function keep(res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
async function req(path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, { ...init, headers: { ...(init.headers ?? {}), cookie: cookieHeader() }, redirect: "manual" });
  keep(res);
  return res;
}

async function signIn() {
  const csrf = (await (await req("/api/auth/csrf")).json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken: csrf.csrfToken, email: "demo@lodestar.local", password: "lodestar-demo-2026", callbackUrl: base });
  const res = await req("/api/auth/callback/password", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1", origin: base },
  });
  if (!jar.has("authjs.session-token") && !jar.has("__Secure-authjs.session-token")) {
    throw new Error(`demo sign-in failed (${res.status}): is the demo user seeded (npm run db:seed)?`);
  }
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, targetMs: number | null, fn: () => Promise<Response>) {
  for (let i = 0; i < 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fn();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p95 = pct(times, 95);
  const verdict = targetMs === null ? "" : `target ${targetMs} ms → p95 is ${(p95 / targetMs).toFixed(2)}x of it ${p95 <= targetMs ? "(met)" : "(MISSED)"}`;
  console.log(
    `${label.padEnd(34)} p50 ${pct(times, 50).toFixed(1).padStart(6)}  p95 ${p95.toFixed(1).padStart(6)}  p99 ${pct(times, 99).toFixed(1).padStart(6)} ms  ${verdict}`,
  );
}

await signIn();
console.log(`${base}, ${n} sequential requests each (after 10 warm-up)`);
await measure("GET /api/health (db + 2 chains)", null, () => req("/api/health"));
await measure("session: GET /api/auth/session", 100, () => req("/api/auth/session"));
await measure("auth: user.me", 100, () => req("/api/trpc/user.me"));
await measure("portfolio: portfolio.list", 200, () => req("/api/trpc/portfolio.list"));
await measure("market: market.assets (21 assets)", 50, () => req("/api/trpc/market.assets"));
