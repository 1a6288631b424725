// npm run market:replay: the market replay keeper on the local chains (see
// server/services/market-replay.ts). It trades the local pools toward a reference price path
// built from the shipped hourly history, so local prices move like the market did.
//
//   npm run market:replay -- [--chains 31337,31338] [--speed 60] [--step-ms 5000] [--steps N]
//                            [--from 2023-12-04T00:00:00Z] [--hours N] [--tolerance-bps 2]
//
//   --speed     history hours per wall-clock hour (60: one history hour per minute; default 60)
//   --step-ms   how often the keeper trades (default 5000 ms)
//   --steps     stop after N steps (default: run until Ctrl-C)
//   --from      the history hour the path starts at (default: the first hourly candle)
//   --hours     path length before it repeats (default: to the end of the hourly history)
//   --verbose   log every step (default: the first, then about one line a minute)
// The chains must be running and deployed (npm run dev / npm run chain + npm run deploy).
import { getRegistry } from "@/server/chain/registry";
import { replayHoursAfter } from "@/server/market/replay";
import { loadReplayPath } from "@/server/services/market";
import { createReplayKeeper, runKeeperStep, type ReplayKeeper } from "@/server/services/market-replay";
import { loadEnv } from "./lib/env";

loadEnv();
const args = process.argv.slice(2);
function flag(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
const num = (name: string, dflt: number) => {
  const v = flag(name);
  const n = v === undefined ? dflt : Number(v);
  if (v !== undefined && (!Number.isFinite(n) || n < 0)) throw new Error(`--${name}: not a number: ${v}`);
  return n;
};
const chains = (flag("chains") ?? flag("chain") ?? "31337").split(",").map(Number);
const speed = num("speed", 60);
const stepMs = num("step-ms", 5000);
const maxSteps = num("steps", Infinity);
const verbose = args.includes("--verbose");
const log = (m: string) => console.log(`[replay] ${m}`);

// Ctrl-C between steps exits at once; during a step, after it (its swaps are in flight).
let stopping = false;
let inStep = false;
const stop = () => {
  stopping = true;
  if (!inStep) process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const path = await loadReplayPath({ from: flag("from"), hours: flag("hours") ? num("hours", 0) : undefined });
const keepers: ReplayKeeper[] = [];
for (const chainId of chains) {
  const registry = getRegistry(chainId);
  const rpcUrl = process.env[`RPC_URL_${chainId}`] ?? `http://127.0.0.1:${chainId === 31338 ? 8546 : 8545}`;
  if (!registry || registry.deployedAt === null) throw new Error(`chain ${chainId}: no local deployment (run npm run deploy)`);
  keepers.push(await createReplayKeeper({ chainId, rpcUrl, registry, path, toleranceBps: num("tolerance-bps", 2) }));
}
log(`path from ${path.from}, ${path.hours} h (${[...path.methods].map(([s, m]) => `${s}: ${m}`).join(", ")}); speed ${speed}×, a step every ${stepMs} ms, chains ${chains.join(", ")}`);

const started = Date.now();
for (let step = 1; step <= maxSteps && !stopping; step++) {
  const hours = replayHoursAfter(Date.now() - started, speed);
  inStep = true;
  for (const k of keepers) {
    try {
      const r = await runKeeperStep(k, hours);
      const weth = k.registry.weth.toLowerCase() as `0x${string}`;
      // Every step with --verbose; otherwise the first and then about one line a minute.
      if (verbose || step === 1 || step % Math.max(1, Math.round(60_000 / Math.max(stepMs, 1))) === 0) {
        log(`chain ${k.chainId} step ${step}: history +${hours.toFixed(2)} h, ETH target ${r.targetsUsd.get(weth)?.toFixed(2)}, ${r.trades.length} swaps${r.trades.some((t) => !t.ok) ? " (some reverted)" : ""} in ${r.ms} ms`);
      }
    } catch (e) {
      log(`chain ${k.chainId} step ${step} failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    }
  }
  inStep = false;
  if (step < maxSteps && !stopping) await new Promise((r) => setTimeout(r, stepMs));
}
log("stopped");
