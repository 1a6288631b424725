// Starts the local anvil chains (or reuses ones already answering on their ports).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pipeLines } from "./log";

export type LocalChainSpec = { chainId: number; host: string; port: number; stateFile: string };

// Local chains are the ones whose RPC URL points at this machine.
export function localChainSpecs(dataDir: string, env: NodeJS.ProcessEnv = process.env): LocalChainSpec[] {
  const defs: [number, string][] = [
    [31337, env.RPC_URL_31337 || "http://127.0.0.1:8545"],
    [31338, env.RPC_URL_31338 || "http://127.0.0.1:8546"],
  ];
  return defs.flatMap(([chainId, url]) => {
    const u = new URL(url);
    if (!["127.0.0.1", "localhost"].includes(u.hostname)) return [];
    return [{ chainId, host: "127.0.0.1", port: Number(u.port || 80), stateFile: path.resolve(dataDir, "chains", `${chainId}.json`) }];
  });
}

export async function rpcChainId(port: number, timeoutMs = 1000): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(BigInt(body.result)) : null;
  } catch {
    return null;
  }
}

export type RunningChain = { spec: LocalChainSpec; child: ChildProcess | null };

export async function startChain(spec: LocalChainSpec, opts: { silent?: boolean } = {}): Promise<RunningChain> {
  const existing = await rpcChainId(spec.port);
  if (existing === spec.chainId) return { spec, child: null };
  if (existing !== null) throw new Error(`port ${spec.port} answers with chain id ${existing}, expected ${spec.chainId}`);
  fs.mkdirSync(path.dirname(spec.stateFile), { recursive: true });
  const bin = path.resolve("node_modules/.bin/anvil");
  const args = [
    "--host", spec.host,
    "--port", String(spec.port),
    "--chain-id", String(spec.chainId),
    // The well-known development mnemonic: the same funded accounts on every start.
    "--mnemonic", "test test test test test test test test test test test junk",
    "--accounts", "10",
    "--balance", "10000",
    // Loaded at start, written on exit and every 10 s, so a restart keeps deployments.
    "--state", spec.stateFile,
    "--state-interval", "10",
    "--silent",
  ];
  if (!opts.silent) args.pop();
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  const name = `chain:${spec.chainId}`;
  if (!opts.silent) {
    pipeLines(child.stdout!, name);
    pipeLines(child.stderr!, name);
  } else {
    child.stdout?.resume();
    pipeLines(child.stderr!, name);
  }
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil for chain ${spec.chainId} exited with code ${child.exitCode}`);
    if ((await rpcChainId(spec.port, 300)) === spec.chainId) return { spec, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`anvil for chain ${spec.chainId} did not answer on port ${spec.port}`);
}

export async function stopChild(child: ChildProcess | null, timeoutMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT lets anvil write its --state file before it exits.
    child.kill("SIGINT");
  });
}
