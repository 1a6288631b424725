// Runs the heavy portfolio computation (prepare + valuation + returns + MWR series) off the main
// thread so the server keeps answering (e.g. /api/health) while it runs. The one file of
// server/portfolio allowed to use node:worker_threads: the core itself stays pure and is also
// callable directly through `runPortfolioJob`.
//
// This module is its own worker entry: the worker loads this same file and answers jobs posted to
// it. One long-lived worker is started lazily and reused (jobs queue in it); it is unref'd while
// idle so it never keeps the process alive. From TypeScript sources (tsx, vitest) the worker loads
// this file through tsx's API; a bundled build must ship this file as its own entry.
//
// Main-thread cost: structured-cloning 15,000 activities takes ~30 ms and a 50-asset × 8-year
// price table ~20 ms, long enough to hurt a 50 ms health-check p99. So a job is posted in chunks
// (1,000 activities, or one asset's prices, per message) with a macrotask yield between them.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { prepareActivities } from "./activities";
import { computeLots, type LotLedger } from "./lots";
import { computeMwrSeries, computeReturns, type RangeReturn } from "./returns";
import { MS_PER_DAY, ok, priceLookupFromTable, type Activity, type AssetRegistry, type DayNumber, type LotMethod, type PriceTable, type Result } from "./types";
import { computeValuationSeries, type ValuationSeries } from "./valuation";

export type PortfolioJob = {
  /** Raw activities; validated, matched and sorted in the worker (prepareActivities). */
  activities: readonly Activity[];
  assets: AssetRegistry;
  /** Prices as a table: functions cannot cross a thread boundary. */
  prices: PriceTable;
  nowDay: DayNumber;
  /** Sampling step of the since-inception MWR series (default 7 days). */
  mwrStepDays?: number;
  /** Automatic own-account transfer matching window (prepareActivities). */
  matchWindowMs?: number;
  /** Also run the cost-basis engine with this lot method (transfers in priced from the table). */
  lotMethod?: LotMethod;
};

export type PortfolioJobResult = {
  series: ValuationSeries;
  returns: RangeReturn[];
  mwrSeries: { day: DayNumber; mwrAnnualised: number | null }[];
  /** When `lotMethod` was given. */
  ledger?: LotLedger;
};

/** The job itself, synchronous and pure (what the worker runs). */
export function runPortfolioJob(job: PortfolioJob): Result<PortfolioJobResult> {
  const events = prepareActivities(job.activities, job.assets, { matchWindowMs: job.matchWindowMs });
  if (!events.ok) return events;
  const lookup = priceLookupFromTable(job.prices);
  const series = computeValuationSeries(events.value, job.assets, lookup, { endDay: job.nowDay });
  let ledger: LotLedger | undefined;
  if (job.lotMethod) {
    const lots = computeLots(events.value, job.assets, job.lotMethod, (assetId, ts) => lookup(assetId, Math.floor(ts / MS_PER_DAY)));
    if (!lots.ok) return lots;
    ledger = lots.value;
  }
  return ok({ series, returns: computeReturns(series, job.nowDay), mwrSeries: computeMwrSeries(series, job.mwrStepDays ?? 7), ...(ledger ? { ledger } : {}) });
}

const MARK = "lodestar-portfolio-worker";
const CHUNK = 1000;
type Header = Omit<PortfolioJob, "activities" | "prices">;
type Request =
  | { id: number; part: "begin"; header: Header }
  | { id: number; part: "activities"; chunk: Activity[] }
  | { id: number; part: "prices"; assetId: string; table: PriceTable[string] }
  | { id: number; part: "run" };
type Response = { id: number; ok: true; result: Result<PortfolioJobResult> } | { id: number; ok: false; error: string };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (r: Result<PortfolioJobResult>) => void; reject: (e: Error) => void }>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  // Inside a bundled server (next build) this module is a chunk that can't be a worker entry:
  // boot from the TypeScript source through tsx when it is there (npm start / dev), else fail
  // (callers fall back to computing inline).
  const source = path.join(process.cwd(), "server/portfolio/compute-in-worker.ts");
  const self = import.meta.url.endsWith(".ts") ? import.meta.url : existsSync(source) ? pathToFileURL(source).href : null;
  if (!self) throw new Error("portfolio worker: no loadable entry in this build");
  const url = JSON.stringify(self);
  // On Node 20 `execArgv: ["--import", "tsx"]` does not apply tsx's loader to a worker's entry
  // module (ERR_UNKNOWN_FILE_EXTENSION), so TypeScript sources are loaded through tsx's API.
  const boot = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${url}, ${url}))`;
  const w = new Worker(boot, { eval: true, workerData: { kind: MARK } });
  w.unref();
  w.on("message", (m: Response) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
    if (pending.size === 0) w.unref();
  });
  w.on("error", (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  w.on("exit", (code) => failAll(new Error(`portfolio worker exited with code ${code}`)));
  worker = w;
  return w;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Runs `runPortfolioJob` in the shared worker thread and resolves with its result (a Result:
 * invalid activities come back as a PortfolioError, not a rejection). Rejects only if the worker
 * itself fails.
 */
export async function computeInWorker(job: PortfolioJob): Promise<Result<PortfolioJobResult>> {
  const w = getWorker();
  const id = ++nextId;
  const done = new Promise<Result<PortfolioJobResult>>((resolve, reject) => pending.set(id, { resolve, reject }));
  w.ref(); // keep the process alive while a job is outstanding
  const { activities, prices, ...header } = job;
  const post = (m: Request) => w.postMessage(m);
  post({ id, part: "begin", header });
  for (let i = 0; i < activities.length; i += CHUNK) {
    post({ id, part: "activities", chunk: activities.slice(i, i + CHUNK) });
    await yieldToLoop();
  }
  for (const [assetId, table] of Object.entries(prices)) {
    post({ id, part: "prices", assetId, table });
    await yieldToLoop();
  }
  post({ id, part: "run" });
  return done;
}

/** Stops the shared worker (tests, shutdown). */
export async function closePortfolioWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind === MARK) {
  const port = parentPort;
  const jobs = new Map<number, { header: Header; activities: Activity[]; prices: Record<string, PriceTable[string]> }>();
  port.on("message", (m: Request) => {
    if (m.part === "begin") jobs.set(m.id, { header: m.header, activities: [], prices: {} });
    const j = jobs.get(m.id);
    if (!j) return;
    if (m.part === "activities") for (const a of m.chunk) j.activities.push(a);
    else if (m.part === "prices") j.prices[m.assetId] = m.table;
    else if (m.part === "run") {
      jobs.delete(m.id);
      let res: Response;
      try {
        res = { id: m.id, ok: true, result: runPortfolioJob({ ...j.header, activities: j.activities, prices: j.prices }) };
      } catch (e) {
        res = { id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(res);
    }
  });
}
