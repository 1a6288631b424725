import { sql } from "drizzle-orm";
import type { Db, DbKind } from "@/db/client";
import { configuredChains } from "@/server/chain/config";
import { probeChains } from "@/server/chain/clients";

export type Health = {
  status: "ok" | "degraded";
  db: { ok: boolean; kind: DbKind; error?: string; latencyMs?: number };
  chains: { id: number; ok: boolean; block?: number; error?: string }[];
  version: string;
};

// Database reachable (a real round trip) and the head block of every configured chain.
export async function checkHealth(db: Db, kind: DbKind, version: string): Promise<Health> {
  const chainIds = configuredChains()
    .filter((c) => c.rpcUrl)
    .map((c) => c.id);
  const dbCheck = (async () => {
    const started = Date.now();
    try {
      await withTimeout(db.execute(sql`select 1`), 3_000);
      return { ok: true, kind, latencyMs: Date.now() - started };
    } catch (e) {
      return { ok: false, kind, error: e instanceof Error ? e.message : "unreachable" };
    }
  })();
  const [dbResult, chains] = await Promise.all([dbCheck, probeChains(chainIds)]);
  const chainsOut = chains.map(({ id, ok, block, error }) => (ok ? { id, ok, block } : { id, ok, error }));
  const healthy = dbResult.ok && chainsOut.every((c) => c.ok);
  return { status: healthy ? "ok" : "degraded", db: dbResult, chains: chainsOut, version };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
