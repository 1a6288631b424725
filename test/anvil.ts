// A throwaway anvil chain for a test file (node_modules/.bin/anvil, in-memory state).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type TestChain = { url: string; port: number; chainId: number; stop: () => Promise<void> };

async function rpcChainId(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(300),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(BigInt(body.result)) : null;
  } catch {
    return null;
  }
}

export async function startAnvil(port: number, chainId: number): Promise<TestChain> {
  const url = `http://127.0.0.1:${port}`;
  const existing = await rpcChainId(url);
  if (existing !== null) throw new Error(`port ${port} is already serving chain ${existing}; pick another test port`);
  const bin = path.resolve("node_modules/.bin/anvil");
  const child: ChildProcess = spawn(bin, ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), "--silent"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil on ${port} exited (${child.exitCode}): ${stderr}`);
    if ((await rpcChainId(url)) === chainId) return { url, port, chainId, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`anvil did not answer on ${port}: ${stderr}`);
}
