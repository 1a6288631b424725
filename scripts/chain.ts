// npm run chain: the two local anvil chains in the foreground, state under .data/chains.
import { localChainSpecs, startChain, stopChild } from "./lib/chains";
import { dataDir, loadEnv } from "./lib/env";
import { logger } from "./lib/log";

loadEnv();
const log = logger("chain");
const running = await Promise.all(localChainSpecs(dataDir()).map((s) => startChain(s)));
for (const r of running) {
  log(`chain ${r.spec.chainId} on http://${r.spec.host}:${r.spec.port}${r.child ? "" : " (already running)"} state ${r.spec.stateFile}`);
}
if (running.every((r) => !r.child)) process.exit(0);
const stop = async () => {
  await Promise.all(running.map((r) => stopChild(r.child)));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
