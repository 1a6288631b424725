// Portfolio analytics benchmark.   npx tsx bench/portfolio.ts   (npm run bench:portfolio)
// 1. Generates (seeded, deterministic) 15,000 activities across 50 assets over 8 years: 20 real
//    daily closes from data/market/daily (2017-07-01 … 2025-06-30; unpriced before listing and
//    MATIC after its migration) and 30 seeded synthetic paths (5 stablecoins, 25 GBM tokens).
// 2. Times our core (prepare + full daily valuation + TWR series + returns for all ranges + weekly
//    since-inception MWR series; median of timed runs) and, separately, the FIFO lot engine.
// 3. Runs a naive reference (bench/portfolio-reference.ts: per day, rescan every activity) and
//    asserts the valuation and flow series are equal to the unit and the TWR index to 1e-9.
// 4. Runs the same job in a worker thread (server/portfolio/compute-in-worker.ts) while the main
//    thread serves GET /health on node:http, pinged every 5 ms; reports p50/p99 latency.
// Last line: RESULT activities=<n> portfolio_ms=<ms> reference_ms=<ms> health_p99_ms=<ms>
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareActivities } from "@/server/portfolio/activities";
import { closePortfolioWorker, computeInWorker, runPortfolioJob, type PortfolioJob } from "@/server/portfolio/compute-in-worker";
import { computeLots } from "@/server/portfolio/lots";
import { computeMwrSeries, computeReturns } from "@/server/portfolio/returns";
import { computeValuationSeries } from "@/server/portfolio/valuation";
import {
  dayFromIso,
  dayOf,
  isoFromDay,
  MS_PER_DAY,
  priceLookupFromTable,
  usd,
  type Activity,
  type AssetMeta,
  type AssetRegistry,
  type PriceTable,
  type UsdE18,
} from "@/server/portfolio/types";
import { referenceValuation } from "./portfolio-reference";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N_ACTIVITIES = 15_000;
const START = dayFromIso("2017-07-01");
const END = dayFromIso("2025-06-30");
const DAYS = END - START + 1;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(20251121);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

// ---------------------------------------------------------------- assets and prices
const REAL: Record<string, Omit<AssetMeta, "symbol">> = {
  BTC: { decimals: 8, chain: "bitcoin", category: "l1" },
  ETH: { decimals: 18, chain: "ethereum", category: "l1" },
  BNB: { decimals: 18, chain: "bsc", category: "l1" },
  SOL: { decimals: 9, chain: "solana", category: "l1" },
  ADA: { decimals: 6, chain: "cardano", category: "l1" },
  XRP: { decimals: 6, chain: "xrpl", category: "l1" },
  DOGE: { decimals: 8, chain: "dogecoin", category: "meme" },
  SHIB: { decimals: 18, chain: "ethereum", category: "meme" },
  LINK: { decimals: 18, chain: "ethereum", category: "defi" },
  UNI: { decimals: 18, chain: "ethereum", category: "defi", protocol: "uniswap" },
  AAVE: { decimals: 18, chain: "ethereum", category: "defi", protocol: "aave" },
  AVAX: { decimals: 18, chain: "avalanche", category: "l1" },
  DOT: { decimals: 10, chain: "polkadot", category: "l1" },
  ATOM: { decimals: 6, chain: "cosmos", category: "l1" },
  LTC: { decimals: 8, chain: "litecoin", category: "l1" },
  BCH: { decimals: 8, chain: "bitcoin-cash", category: "l1" },
  ETC: { decimals: 18, chain: "ethereum-classic", category: "l1" },
  TRX: { decimals: 6, chain: "tron", category: "l1" },
  XLM: { decimals: 7, chain: "stellar", category: "l1" },
  MATIC: { decimals: 18, chain: "polygon", category: "l2" },
};

const assets: Record<string, AssetMeta> = {};
const table: Record<string, { startDay: number; prices: (UsdE18 | null)[] }> = {};
const priceF: Record<string, Float64Array> = {}; // float closes for the generator (NaN = unpriced)

for (const [sym, meta] of Object.entries(REAL)) {
  const id = sym.toLowerCase();
  assets[id] = { ...meta, symbol: sym };
  const prices: (UsdE18 | null)[] = new Array(DAYS).fill(null);
  const f = new Float64Array(DAYS).fill(NaN);
  const lines = readFileSync(path.join(root, "data/market/daily", `${sym}-USD.csv`), "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const [date, , , , close] = line.split(",");
    const k = dayFromIso(date!) - START;
    if (k < 0 || k >= DAYS) continue;
    prices[k] = usd(close!);
    f[k] = Number(close);
  }
  table[id] = { startDay: START, prices };
  priceF[id] = f;
}
const CHAINS = ["ethereum", "arbitrum", "base", "optimism", "polygon"];
for (let i = 0; i < 30; i++) {
  const stable = i < 5;
  const id = stable ? `usdc-${CHAINS[i]}` : `tok${i}`;
  assets[id] = stable
    ? { decimals: 6, symbol: "USDC", chain: CHAINS[i]!, category: "stablecoin" }
    : { decimals: 18, symbol: `TOK${i}`, chain: pick(CHAINS), category: pick(["defi", "l2", "lp", "other"] as const), ...(i % 4 === 0 ? { protocol: pick(["aave", "uniswap-v3", "curve"]) } : {}) };
  const listed = stable ? 0 : Math.floor(rng() * 1000);
  const vol = (0.6 + rng() * 0.6) / Math.sqrt(365);
  let p = stable ? 1 : Math.exp(Math.log(0.1) + rng() * Math.log(1000));
  const prices: (UsdE18 | null)[] = new Array(DAYS).fill(null);
  const f = new Float64Array(DAYS).fill(NaN);
  for (let k = listed; k < DAYS; k++) {
    p = stable ? 1 + (rng() - 0.5) * 0.004 : p * Math.exp(vol * gauss() - (vol * vol) / 2);
    const s = p.toFixed(8);
    prices[k] = usd(s);
    f[k] = Number(s);
  }
  table[id] = { startDay: START, prices };
  priceF[id] = f;
}
const ids = Object.keys(assets);
const prices: PriceTable = table;
const lookup = priceLookupFromTable(prices);

// ---------------------------------------------------------------- activities
const ACCOUNTS = ["wallet-a", "wallet-b", "exchange"];
const held = new Map<string, bigint>(); // `${account}|${asset}` → quantity
const key = (acc: string, a: string) => `${acc}|${a}`;
const add = (acc: string, a: string, q: bigint) => held.set(key(acc, a), (held.get(key(acc, a)) ?? 0n) + q);
const qtyFor = (a: string, usdAmount: number, k: number) => BigInt(Math.floor((usdAmount / priceF[a]![k]!) * 10 ** Math.min(assets[a]!.decimals, 15))) * 10n ** BigInt(Math.max(0, assets[a]!.decimals - 15));
const frac = (q: bigint, f: number) => (q * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
const priceAt = (a: string, k: number) => table[a]!.prices[k]!;

const times = Array.from({ length: N_ACTIVITIES }, () => (START + 60 + rng() * (DAYS - 61)) * MS_PER_DAY).sort((x, y) => x - y);
const activities: Activity[] = [];
let n = 0;
for (let t = 0; activities.length < N_ACTIVITIES; t++) {
  const ts = Math.floor(times[Math.min(t, times.length - 1)]!) + t; // distinct, increasing
  const k = dayOf(ts) - START;
  if (k >= DAYS) break;
  const acc = pick(ACCOUNTS);
  const priced = ids.filter((a) => !Number.isNaN(priceF[a]![k]!));
  const positions = priced.filter((a) => (held.get(key(acc, a)) ?? 0n) > 0n);
  const id = `a${++n}`;
  const u = rng();
  const base = { id, timestampMs: ts, accountId: acc };
  if (u < 0.35 || positions.length === 0) {
    const a = pick(priced);
    const q = qtyFor(a, 50 + rng() * 5000, k);
    if (q === 0n) continue;
    activities.push({ ...base, type: "buy", assetId: a, quantityRaw: q, priceUsdE18: priceAt(a, k), ...(rng() < 0.5 ? { fee: { kind: "usd" as const, usdE18: usd((rng() * 5).toFixed(2)) } } : {}) });
    add(acc, a, q);
    continue;
  }
  const a = pick(positions);
  const h = held.get(key(acc, a))!;
  if (u < 0.5) {
    const q = rng() < 0.2 ? h : frac(h, rng());
    if (q === 0n) continue;
    activities.push({ ...base, type: "sell", assetId: a, quantityRaw: q, priceUsdE18: priceAt(a, k), fee: { kind: "usd", usdE18: usd("1.5") } });
    add(acc, a, -q);
  } else if (u < 0.62) {
    const to = pick(priced.filter((x) => x !== a));
    const q = frac(h, rng());
    const valueUsd = (Number(q) / 10 ** assets[a]!.decimals) * priceF[a]![k]!;
    const qt = qtyFor(to, valueUsd, k);
    if (q === 0n || qt === 0n) continue;
    activities.push({ ...base, type: "swap", from: { assetId: a, quantityRaw: q }, to: { assetId: to, quantityRaw: qt }, valueUsdE18: usd(valueUsd.toFixed(6)) });
    add(acc, a, -q);
    add(acc, to, qt);
  } else if (u < 0.74) {
    const q = frac(h, rng() * 0.02) + 1n;
    activities.push({ ...base, type: "income", subtype: pick(["staking_reward", "lp_fee", "farm_reward", "airdrop"] as const), assetId: a, quantityRaw: q, priceUsdE18: priceAt(a, k) });
    add(acc, a, q);
  } else if (u < 0.79) {
    const q = frac(h, rng() * 0.01);
    if (q === 0n) continue;
    activities.push({ ...base, type: "fee", assetId: a, quantityRaw: q });
    add(acc, a, -q);
  } else if (u < 0.87) {
    const q = qtyFor(a, 100 + rng() * 3000, k);
    if (q === 0n) continue;
    activities.push({ ...base, type: "transfer_in", assetId: a, quantityRaw: q });
    add(acc, a, q);
  } else if (u < 0.92) {
    const q = frac(h, rng());
    if (q === 0n) continue;
    activities.push({ ...base, type: "transfer_out", assetId: a, quantityRaw: q });
    add(acc, a, -q);
  } else {
    // Between own accounts: an out/in pair, matched by transferId or automatically (same quantity, 1 min later).
    const to = pick(ACCOUNTS.filter((x) => x !== acc));
    const q = frac(h, rng());
    if (q === 0n) continue;
    const transferId = rng() < 0.5 ? `t${n}` : undefined;
    activities.push({ ...base, type: "transfer_out", assetId: a, quantityRaw: q, ...(transferId ? { transferId } : {}) });
    activities.push({ id: `a${++n}`, timestampMs: ts + 60_000, accountId: to, type: "transfer_in", assetId: a, quantityRaw: q, ...(transferId ? { transferId } : {}) });
    add(acc, a, -q);
    add(to, a, q);
  }
}
activities.length = Math.min(activities.length, N_ACTIVITIES);
const registry: AssetRegistry = assets;

// ---------------------------------------------------------------- timing
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Stages = { prepare: number; valuation: number; returns: number; mwr: number };
function runCore(stages?: Stages[]) {
  const t0 = now();
  const prepared = prepareActivities(activities, registry);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const t1 = now();
  // The same calls as runPortfolioJob (what the worker runs), timed stage by stage.
  const series = computeValuationSeries(prepared.value, registry, lookup, { endDay: END });
  const t2 = now();
  const returns = computeReturns(series, END);
  const t3 = now();
  const mwrSeries = computeMwrSeries(series, 7);
  const t4 = now();
  stages?.push({ prepare: t1 - t0, valuation: t2 - t1, returns: t3 - t2, mwr: t4 - t3 });
  const job: PortfolioJob = { activities, assets: registry, prices, nowDay: END };
  return { job, events: prepared.value, result: { series, returns, mwrSeries } };
}

async function main() {
  console.log(`activities ${activities.length}, assets ${ids.length}, days ${DAYS} (${isoFromDay(START)} … ${isoFromDay(END)}), cores ${(await import("node:os")).availableParallelism()}`);
  for (let i = 0; i < 3; i++) runCore();
  const times: number[] = [];
  const stages: Stages[] = [];
  let last = runCore();
  for (let i = 0; i < 15; i++) {
    const t0 = now();
    last = runCore(stages);
    times.push(now() - t0);
  }
  const portfolioMs = median(times);
  const { job, events, result } = last;
  const check = runPortfolioJob(job); // the worker's entry point gives the same figures
  if (!check.ok || check.value.returns.some((r, i) => r.twr !== result.returns[i]!.twr)) throw new Error("runPortfolioJob differs");
  const unpricedDays = result.series.unpriced.size;
  const st = (k: keyof Stages) => median(stages.map((x) => x[k])).toFixed(1);
  console.log(`core: prepare + daily valuation/TWR + 6 ranges (TWR, MWR, ROI) + weekly since-inception MWR series  median ${portfolioMs.toFixed(1)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; load avg ${(await import("node:os")).loadavg()[0]!.toFixed(1)})`);
  console.log(`  stages (median ms): prepare ${st("prepare")}  valuation+TWR ${st("valuation")}  ranges ${st("returns")}  MWR series ${st("mwr")}`);
  const lotTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    const lots = computeLots(events, registry, "fifo", (a, ts) => lookup(a, dayOf(ts)));
    lotTimes.push(now() - t0);
    if (!lots.ok) throw new Error(lots.error.message);
  }
  console.log(`lots (FIFO, with full traces): median ${median(lotTimes).toFixed(1)} ms`);
  for (const r of result.returns) {
    console.log(`  ${r.range.padEnd(4)} TWR ${(r.twr * 100).toFixed(2)}%  MWR(period) ${r.mwrPeriod === null ? "n/a" : (r.mwrPeriod * 100).toFixed(2) + "%"}  ROI ${r.roi === null ? "n/a" : (r.roi * 100).toFixed(2) + "%"}`);
  }
  console.log(`days with unpriced holdings: ${unpricedDays} (flagged, excluded from value)`);

  const t0 = now();
  const ref = referenceValuation(events, registry, lookup, result.series.startDay, END);
  const referenceMs = now() - t0;
  let mismatches = 0;
  let maxTwrDiff = 0;
  for (let i = 0; i < ref.value.length; i++) {
    if (ref.value[i] !== result.series.valueUsdE18[i] || ref.externalFlow[i] !== result.series.externalFlowUsdE18[i]) mismatches++;
    maxTwrDiff = Math.max(maxTwrDiff, Math.abs(ref.twrIndex[i]! / result.series.twrIndex[i]! - 1));
  }
  console.log(`reference (naive rescan per day): ${referenceMs.toFixed(0)} ms; ${ref.value.length} days compared: value/flow mismatches ${mismatches}, max TWR index rel. diff ${maxTwrDiff.toExponential(2)}`);
  if (mismatches > 0 || maxTwrDiff > 1e-9 || ref.value.length !== result.series.valueUsdE18.length) throw new Error("core and reference disagree");

  const health = await healthDuringWorker(job);
  console.log(`worker: ${health.jobs} jobs in ${health.ms.toFixed(0)} ms (first incl. worker start ${health.firstMs.toFixed(0)} ms); /health during jobs, ${health.samples} pings: p50 ${health.p50.toFixed(2)} ms p99 ${health.p99.toFixed(2)} ms max ${health.max.toFixed(2)} ms; idle baseline p99 ${health.idleP99.toFixed(2)} ms (${health.idleSamples} pings)`);
  console.log(`RESULT activities=${activities.length} portfolio_ms=${portfolioMs.toFixed(1)} reference_ms=${referenceMs.toFixed(0)} health_p99_ms=${health.p99.toFixed(2)}`);
}

async function healthDuringWorker(job: PortfolioJob) {
  const server = http.createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const latencies: number[] = [];
  let running = true;
  const ping = () =>
    new Promise<void>((resolve) => {
      const t0 = now();
      http
        .get({ host: "127.0.0.1", port, path: "/health", agent }, (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(now() - t0);
            resolve();
          });
        })
        .on("error", () => resolve());
    });
  const pinger = (async () => {
    while (running) {
      const next = now() + 5;
      await ping();
      const wait = next - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  // Baseline: the same pinging with no job running (this machine's own noise floor).
  await new Promise((r) => setTimeout(r, 1500));
  const idle = latencies.splice(0).sort((a, b) => a - b);
  const idleP99 = idle[Math.min(idle.length - 1, Math.floor(idle.length * 0.99))]!;
  const t0 = now();
  await computeInWorker(job);
  const firstMs = now() - t0;
  let jobs = 1;
  while (now() - t0 < 4000) {
    const r = await computeInWorker(job);
    if (!r.ok || r.value.series.valueUsdE18.length !== DAYS - (r.value.series.startDay - START)) throw new Error("worker result is wrong");
    jobs++;
  }
  const ms = now() - t0;
  running = false;
  await pinger;
  await closePortfolioWorker();
  agent.destroy();
  await new Promise((r) => server.close(r));
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { jobs, ms, firstMs, samples: latencies.length, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1]!, idleP99, idleSamples: idle.length };
}

await main();
