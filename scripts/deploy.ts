// npm run deploy: deploys the tokens, venues and pools on the running local chains (skipping
// chains that already have them) and writes .data/registry/<chainId>.json.
import path from "node:path";
import { deployLocalChains } from "@/contracts/deploy/run-all";
import { localChainSpecs, rpcChainId } from "./lib/chains";
import { dataDir, loadEnv } from "./lib/env";
import { logger } from "./lib/log";

loadEnv(true);
const log = logger("deploy");
const dir = path.resolve(dataDir());
const specs = localChainSpecs(dir);
const running = [];
for (const s of specs) {
  if ((await rpcChainId(s.port)) === s.chainId) running.push({ chainId: s.chainId, rpcUrl: `http://${s.host}:${s.port}` });
  else log(`chain ${s.chainId} is not running on port ${s.port} (start it with npm run chain or npm run dev)`);
}
try {
  await deployLocalChains(running, dir, log);
  process.exit(running.length === specs.length ? 0 : 1);
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
