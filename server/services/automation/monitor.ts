// The stop monitor: watches each chain's blocks and evaluates every active stop-loss,
// trailing stop and take-profit at each new block's pool prices. A trigger enqueues the stop's
// one execution job (key stop:<id>) with the block it was observed at, and asks the runner
// to run it at once, so an on-chain stop lands within a block or two of its trigger.
import type { Db } from "@/db/client";
import * as q from "@/db/queries/automation";
import { publicClientFor } from "@/server/chain/clients";
import { getRegistry } from "@/server/chain/registry";
import { logger } from "@/server/logger";
import { enqueueStop } from "./engine";
import { evaluateStopFor } from "./strategies";
import { usdPrices } from "./rails";

const log = logger.child({ module: "stop-monitor" });
const STOP_KINDS = ["stop_loss", "trailing_stop", "take_profit"] as const;

export type StopCheck = { chainId: number; block: bigint; evaluated: number; triggered: string[] };

export async function checkStops(db: Db, chainId: number, block: bigint): Promise<StopCheck> {
  const stops = (await q.listActiveAutomations(db, [...STOP_KINDS])).filter((a) => a.chainId === chainId);
  const out: StopCheck = { chainId, block, evaluated: 0, triggered: [] };
  if (stops.length === 0) return out;
  const { prices } = await usdPrices(chainId, block);
  for (const a of stops) {
    const r = evaluateStopFor(a, prices, block);
    if (!r) continue;
    out.evaluated++;
    // Enqueue before marking the stop triggered: a crash in between must not lose the sell
    // (the job key makes a second enqueue a no-op).
    if (r.trigger) {
      const { created } = await enqueueStop(db, a, { block, priceUsd: r.priceUsd, quoteUsd: r.quoteUsd, reason: r.reason });
      if (created) out.triggered.push(a.id);
    }
    if (r.stateChanged) await q.updateAutomationForUser(db, a.userId, a.id, { state: r.state });
  }
  return out;
}

/** Poll each local chain's head; on a new block check the stops there. */
export function startStopMonitor(opts: { db: Db; chainIds?: number[]; pollMs?: number; onTriggered?: () => void }) {
  const chainIds = opts.chainIds ?? [31337, 31338].filter((id) => getRegistry(id));
  const last = new Map<number, bigint>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const pollMs = opts.pollMs ?? 150;

  async function once() {
    for (const chainId of chainIds) {
      try {
        const head = await publicClientFor(chainId).getBlockNumber({ cacheTime: 0 });
        if (head === last.get(chainId)) continue;
        last.set(chainId, head);
        const r = await checkStops(opts.db, chainId, head);
        if (r.triggered.length) {
          log.info({ chainId, block: head.toString(), triggered: r.triggered }, "stop triggered");
          opts.onTriggered?.();
        }
      } catch (err) {
        log.debug({ err, chainId }, "stop monitor: chain unavailable");
      }
    }
  }
  const loop = async () => {
    if (stopped) return;
    await once();
    if (!stopped) timer = setTimeout(() => void loop(), pollMs);
  };
  void loop();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
