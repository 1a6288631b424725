// Chain-facing services against real anvil chains (started here on ports no other engineer
// or project uses; each int project gets its own, as both may run at once): checkHealth and
// the defi router (chain status, native balances read from the chain).
// The tests run in order: chain B (31338) is down until the "is ok" test starts it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/db/client";
import { testDatabaseKind, useTestDatabase, type TestDatabase } from "@/db/testing/database";
import { startAnvil, type TestChain } from "@/test/anvil";
import { accountA, freshAccount, signedProof } from "@/test/siwe";
import { callerFor, FIXED_NOW, testMeta } from "@/test/trpc";
import { checkHealth } from "./health";
import { issueSiweNonce, signInWithEthereum } from "./user";

const PORTS = testDatabaseKind() === "pglite" ? { a: 28545, b: 28546, unused: 28599 } : { a: 28555, b: 28556, unused: 28609 };

let t: TestDatabase;
let chainA: TestChain | undefined;
let chainB: TestChain | undefined;

beforeAll(async () => {
  // Only the two local chains are configured, whatever the machine's environment says.
  for (const id of [1, 8453, 42161, 10, 137]) vi.stubEnv(`RPC_URL_${id}`, "");
  [t, chainA] = await Promise.all([useTestDatabase(), startAnvil(PORTS.a, 31337)]);
  vi.stubEnv("RPC_URL_31337", chainA.url);
  vi.stubEnv("RPC_URL_31338", `http://127.0.0.1:${PORTS.unused}`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([chainA?.stop(), chainB?.stop(), t?.close()]);
});

async function mine(url: string, blocks: number) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_mine", params: [`0x${blocks.toString(16)}`] }),
  });
  expect(res.ok).toBe(true);
}

async function walletUser(account = freshAccount()) {
  const { nonce } = await issueSiweNonce(t.db, { purpose: "sign_in", userId: null }, testMeta(), FIXED_NOW);
  return signInWithEthereum(t.db, await signedProof(account, nonce, FIXED_NOW), testMeta(), FIXED_NOW);
}

describe("checkHealth", () => {
  it("is degraded while one configured chain is down, and says which", async () => {
    await mine(chainA!.url, 3);
    const h = await checkHealth(t.db, t.kind, "0.0.0");
    expect(h.status).toBe("degraded");
    expect(h.version).toBe("0.0.0");
    expect(h.db).toEqual({ ok: true, kind: t.kind, latencyMs: expect.any(Number) });
    expect(h.chains).toEqual([
      { id: 31337, ok: true, block: 3 },
      { id: 31338, ok: false, error: expect.any(String) },
    ]);
    expect(h.chains[1]!.error!.length).toBeGreaterThan(0);
  });

  it("defi.chains reports each configured chain's state; nativeBalances on a down chain is 503", async () => {
    const status = await callerFor(t.db).defi.chains();
    expect(status.find((c) => c.id === 31337)).toMatchObject({ configured: true, ok: true, block: 3, local: true });
    expect(status.find((c) => c.id === 31338)).toMatchObject({ configured: true, ok: false, block: null });
    expect(status.find((c) => c.id === 1)).toMatchObject({ configured: false, ok: false });

    const u = await walletUser();
    await expect(callerFor(t.db, { userId: u.id }).defi.nativeBalances({ chainId: 31338 })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: "Lodestar Local B is not reachable right now.",
    });
    await expect(callerFor(t.db, { userId: u.id }).defi.nativeBalances({ chainId: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("defi.nativeBalances reads the caller's wallets' balances from the chain", async () => {
    // anvil funds its first development account with 10 000 ETH; a new key has nothing.
    const u = await walletUser(accountA);
    const res = await callerFor(t.db, { userId: u.id }).defi.nativeBalances({ chainId: 31337 });
    expect(res).toEqual({
      chainId: 31337,
      block: 3n,
      balances: [{ walletId: expect.any(String), address: accountA.address.toLowerCase(), balanceWei: 10_000n * 10n ** 18n }],
    });
    const other = await walletUser();
    const empty = await callerFor(t.db, { userId: other.id }).defi.nativeBalances({ chainId: 31337 });
    expect(empty.balances.map((b) => b.balanceWei)).toEqual([0n]);
  });

  it("is ok once both chains answer, with each chain's head block", async () => {
    chainB = await startAnvil(PORTS.b, 31338);
    vi.stubEnv("RPC_URL_31338", chainB.url);
    const h = await checkHealth(t.db, t.kind, "1.2.3");
    expect(h).toEqual({
      status: "ok",
      db: { ok: true, kind: t.kind, latencyMs: expect.any(Number) },
      chains: [
        { id: 31337, ok: true, block: 3 },
        { id: 31338, ok: true, block: 0 },
      ],
      version: "1.2.3",
    });
  });

  it("is degraded when the database does not answer", async () => {
    const down = createDb(`postgres://postgres@127.0.0.1:${PORTS.unused}/postgres`, { max: 1 });
    try {
      const h = await checkHealth(down.db, "postgres", "0.0.0");
      expect(h.status).toBe("degraded");
      expect(h.db).toMatchObject({ ok: false, kind: "postgres", error: expect.any(String) });
      expect(h.chains.every((c) => c.ok)).toBe(true);
    } finally {
      await down.sql.end({ timeout: 1 });
    }
  });
});
