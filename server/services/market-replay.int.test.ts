// The replay keeper on a throwaway anvil with the full deploy: step by step it trades every
// pool to its target through the routers (real swaps, receipts), and afterwards each traded
// pool's mid price is within the tolerance of the target; repeating a step trades nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, http, type PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/db/testing/database";
import type { ChainRegistry } from "@/lib/web3/registry/schema";
import { readMarketState, resetPoolStateCache } from "@/server/chain/pool-state";
import { edgeMidPrice } from "@/server/defi/routing/route";
import { targetPoolPrice } from "@/server/market/keeper";
import { startAnvil, type TestChain } from "@/test/anvil";
import type * as Replay from "./market-replay";

const PORT = 28956;
const CHAIN_ID = 31337;
const RUNS_HERE = testDatabaseKind() === "pglite";

let chain: TestChain;
let dataDir = "";
let registry: ChainRegistry;
let replay: typeof Replay;

beforeAll(async () => {
  if (!RUNS_HERE) return;
  chain = await startAnvil(PORT, CHAIN_ID);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestar-replay-"));
  process.env.RPC_URL_31337 = chain.url;
  process.env.LODESTAR_DATA_DIR = dataDir;
  const { deployChain } = await import("@/contracts/deploy/deploy");
  registry = (await deployChain({ rpcUrl: chain.url, chainId: CHAIN_ID, dataDir })).registry;
  replay = await import("./market-replay");
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(RUNS_HERE)("market replay keeper on anvil", () => {
  it("moves every pool to its target step by step (within the tolerance), as a real trader", async () => {
    const { loadReplayPath } = await import("./market");
    const path = await loadReplayPath({ from: "2024-03-01T00:00:00Z", hours: 24 * 10 });
    const keeper = await replay.createReplayKeeper({ chainId: CHAIN_ID, rpcUrl: chain.url, registry, path, toleranceBps: 2 });
    const client = createPublicClient({ transport: http(chain.url) }) as PublicClient;
    const decimals = new Map(registry.tokens.map((x) => [x.address.toLowerCase() as `0x${string}`, x.decimals]));
    const stables = new Set(registry.tokens.filter((x) => x.category === "stablecoin").map((x) => x.address.toLowerCase()));
    const times: number[] = [];
    for (const hours of [1, 24, 24 * 3, 24 * 7]) {
      const step = await replay.runKeeperStep(keeper, hours);
      times.push(step.ms);
      expect(step.trades.length, `step ${hours} h`).toBeGreaterThan(0);
      expect(step.trades.every((x) => x.ok)).toBe(true);
      resetPoolStateCache();
      const state = await readMarketState(client, registry);
      let worst = 0;
      for (const e of state.edges) {
        if (stables.has(e.token0) && stables.has(e.token1)) continue;
        const goal = targetPoolPrice(e, step.targetsUsd, decimals)!;
        worst = Math.max(worst, Math.abs(edgeMidPrice(e, e.token0) / goal - 1) * 10_000);
      }
      // Every non-stable pool (traded or already there) is within 2 bps (+ rounding) of its target.
      expect(worst, `worst pool after ${hours} h (bps)`).toBeLessThan(2.5);
      // The path moved ETH: WETH's target is the start price × the history's factor.
      const weth = registry.weth.toLowerCase() as `0x${string}`;
      expect(step.targetsUsd.get(weth)).toBeCloseTo(keeper.startUsd.get(weth)! * (await import("@/server/market/replay")).replayFactorAt(path, "ETH", hours), 6);
    }
    console.log(`[keeper] step times (ms): ${times.join(", ")}`);
    // The same target again: nothing to do.
    const again = await replay.runKeeperStep(keeper, 24 * 7);
    expect(again.trades).toEqual([]);
  });
});
