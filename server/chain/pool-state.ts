// Reads every registry pool of a chain at one block with viem multicall (V2 reserves; V3
// slot0, liquidity, and the initialized ticks with their liquidityNet) and caches the result
// per block. V3 tick data is read in full once per pool (every tickBitmap word, then each
// initialized tick; on chains we deployed, the ticks named by Mint logs since genesis) and afterwards kept current from the pools' Mint/Burn logs, which name the
// only ticks a block can change; a chain that went backwards (restart, reorg) is re-read.
import { encodeAbiParameters, encodePacked, getCreate2Address, keccak256, type PublicClient } from "viem";
import { v2PairAbi, v3PoolAbi } from "@/lib/web3/abi/uniswap";
import type { ChainRegistry, RegistryPool } from "@/lib/web3/registry/schema";
import { UNISWAP_V2_FEE } from "@/server/defi/math/v2";
import { MAX_TICK, MIN_TICK } from "@/server/defi/math/tick-math";
import type { V3Tick } from "@/server/defi/math/v3-pool";
import type { Addr, PoolEdge } from "@/server/defi/routing/types";

export type MarketState = {
  chainId: number;
  block: bigint;
  gasPriceWei: bigint;
  edges: PoolEdge[];
  /** Pools that could not be read at this block (left out of routing). */
  unreadable: Addr[];
  readMs: number;
};

type TickBook = { spacing: number; ticks: V3Tick[]; asOf: bigint };
type ChainCache = {
  block: bigint;
  state: MarketState | null;
  inflight: Promise<MarketState> | null;
  ticks: Map<Addr, TickBook>;
  /** Derived pool addresses with no pool behind them (public chains). */
  absent: Set<Addr>;
};

// Per client (one RPC endpoint), then per registry: two nodes serving the same chain id and
// identical deployments (tests, forks) must never share state.
let caches = new WeakMap<PublicClient, Map<string, ChainCache>>();
const lower = (a: string) => a.toLowerCase() as Addr;
const MULTICALL_BATCH_BYTES = 64_000;

function cacheFor(client: PublicClient, key: string): ChainCache {
  let byKey = caches.get(client);
  if (!byKey) caches.set(client, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = { block: -1n, state: null, inflight: null, ticks: new Map(), absent: new Set() }));
  return c;
}

/** Forget cached state (tests, or after a chain was redeployed). */
export function resetPoolStateCache(): void {
  caches = new WeakMap();
}

/** Pool state at the chain's head block (or `block`), shared by concurrent callers of the same block. */
export async function readMarketState(client: PublicClient, registry: ChainRegistry, opts: { block?: bigint } = {}): Promise<MarketState> {
  const key = `${registry.chainId}:${registry.multicall3}:${registry.pools.length}:${registry.deployedAt ?? ""}`;
  const cache = cacheFor(client, key);
  const started = performance.now();
  const [block, gasPriceWei] = await Promise.all([
    opts.block !== undefined ? Promise.resolve(opts.block) : client.getBlockNumber({ cacheTime: 0 }),
    client.getGasPrice(),
  ]);
  if (block < cache.block) {
    if (opts.block !== undefined) {
      // A read of an older block than the cache's (e.g. the block a stop triggered at): read it
      // on its own, with tick books of its own, leaving the cache (at a newer block) alone.
      const pools = poolsOf(registry).filter((p) => !cache.absent.has(lower(p.address)));
      const state = await readAt(client, { ...registry, pools }, block, new Map(), new Set<Addr>());
      return { ...state, gasPriceWei, readMs: Math.round((performance.now() - started) * 100) / 100 };
    }
    // The chain's head went backwards (a reset node): nothing cached is trustworthy.
    cache.ticks.clear();
    cache.state = null;
  }
  if (cache.state && cache.block === block) return { ...cache.state, gasPriceWei };
  if (cache.inflight && cache.block === block) return cache.inflight;
  cache.block = block;
  const run = (async () => {
    // Derived (public-chain) addresses that turn out empty are remembered as absent; a listed
    // pool that fails a read is only skipped for this block.
    const absent = registry.pools.length === 0 ? cache.absent : new Set<Addr>();
    const pools = poolsOf(registry).filter((p) => !cache.absent.has(lower(p.address)));
    const state = await readAt(client, { ...registry, pools }, block, cache.ticks, absent);
    const done = { ...state, gasPriceWei, readMs: Math.round((performance.now() - started) * 100) / 100 };
    if (cache.block === block) cache.state = done;
    return done;
  })();
  cache.inflight = run;
  try {
    return await run;
  } finally {
    if (cache.inflight === run) cache.inflight = null;
  }
}

/**
 * The registry's pools, or, where it lists none (public chains), every pool the venues' factories
 * could have created for the registry's tokens: CREATE2 addresses from the init-code hashes
 * (V2: each pair; V3: each pair × fee tier). Addresses without a pool are dropped on first read.
 */
export function poolsOf(registry: ChainRegistry): RegistryPool[] {
  if (registry.pools.length > 0) return registry.pools;
  const out: RegistryPool[] = [];
  const tokens = registry.tokens.map((t) => lower(t.address));
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      const [token0, token1] = tokens[i]! < tokens[j]! ? [tokens[i]!, tokens[j]!] : [tokens[j]!, tokens[i]!];
      for (const v of registry.venues) {
        if (v.kind === "v2") {
          const salt = keccak256(encodePacked(["address", "address"], [token0, token1]));
          out.push({ venue: v.id, address: getCreate2Address({ from: v.factory as Addr, salt, bytecodeHash: v.initCodeHash as Addr }), token0, token1 });
        } else {
          for (const fee of v.feeTiers ?? [500, 3000, 10000]) {
            const salt = keccak256(encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "uint24" }], [token0, token1, fee]));
            out.push({ venue: v.id, address: getCreate2Address({ from: v.factory as Addr, salt, bytecodeHash: v.initCodeHash as Addr }), token0, token1, fee });
          }
        }
      }
    }
  }
  return out;
}

async function readAt(
  client: PublicClient,
  registry: ChainRegistry,
  block: bigint,
  books: Map<Addr, TickBook>,
  absent: Set<Addr>,
): Promise<Omit<MarketState, "gasPriceWei" | "readMs">> {
  const v2 = registry.pools.filter((p) => registry.venues.find((v) => v.id === p.venue)?.kind === "v2");
  const v3 = registry.pools.filter((p) => registry.venues.find((v) => v.id === p.venue)?.kind === "v3");
  const mc = { blockNumber: block, multicallAddress: registry.multicall3 as Addr, batchSize: MULTICALL_BATCH_BYTES } as const;

  // Tick books first (their reads are at `block` too), so the snapshot is one block's state.
  await refreshTickBooks(client, registry, v3.map((p) => lower(p.address)), block, books, absent);

  const results = await client.multicall({
    ...mc,
    allowFailure: true,
    contracts: [
      ...v2.map((p) => ({ address: p.address as Addr, abi: v2PairAbi, functionName: "getReserves" as const })),
      ...v3.flatMap((p) => [
        { address: p.address as Addr, abi: v3PoolAbi, functionName: "slot0" as const },
        { address: p.address as Addr, abi: v3PoolAbi, functionName: "liquidity" as const },
      ]),
    ],
  });

  const edges: PoolEdge[] = [];
  const unreadable: Addr[] = [];
  v2.forEach((p, i) => {
    const r = results[i];
    if (!r || r.status !== "success") {
      absent.add(lower(p.address));
      return unreadable.push(lower(p.address));
    }
    const [reserve0, reserve1] = r.result as readonly [bigint, bigint, number];
    edges.push({ kind: "v2", id: lower(p.address), venue: p.venue, token0: lower(p.token0), token1: lower(p.token1), feePips: 3000, reserve0, reserve1, fee: UNISWAP_V2_FEE });
  });
  v3.forEach((p, j) => {
    const s = results[v2.length + 2 * j];
    const l = results[v2.length + 2 * j + 1];
    const book = books.get(lower(p.address));
    if (absent.has(lower(p.address))) return;
    if (!s || !l || s.status !== "success" || l.status !== "success" || !book || !p.fee) return unreadable.push(lower(p.address));
    const slot0 = s.result as readonly [bigint, number, ...unknown[]];
    edges.push({
      kind: "v3",
      id: lower(p.address),
      venue: p.venue,
      token0: lower(p.token0),
      token1: lower(p.token1),
      feePips: p.fee,
      state: { sqrtPriceX96: slot0[0], tick: Number(slot0[1]), liquidity: l.result as bigint, fee: p.fee, tickSpacing: book.spacing, ticks: book.ticks },
    });
  });
  return { chainId: registry.chainId, block, edges, unreadable };
}

async function refreshTickBooks(client: PublicClient, registry: ChainRegistry, pools: Addr[], block: bigint, books: Map<Addr, TickBook>, absent: Set<Addr>) {
  const mc = { blockNumber: block, multicallAddress: registry.multicall3 as Addr, batchSize: MULTICALL_BATCH_BYTES } as const;
  let missing = pools.filter((p) => !books.has(p) && !absent.has(p));
  const known = pools.filter((p) => books.has(p));

  // Known pools: only ticks named by Mint/Burn logs since the book was read can have changed.
  if (known.length > 0) {
    const from =
      known.reduce((m, p) => {
        const asOf = books.get(p)?.asOf;
        return asOf !== undefined && asOf < m ? asOf : m;
      }, block) + 1n;
    if (from <= block) {
      const logs = await client.getLogs({
        address: known,
        events: [v3PoolAbi.find((x) => x.type === "event" && x.name === "Mint")!, v3PoolAbi.find((x) => x.type === "event" && x.name === "Burn")!] as const,
        fromBlock: from,
        toBlock: block,
      } as Parameters<PublicClient["getLogs"]>[0]);
      const touched = new Map<Addr, Set<number>>();
      for (const log of logs as unknown as { address: string; args: { tickLower?: number; tickUpper?: number } }[]) {
        const pool = lower(log.address);
        const set = touched.get(pool) ?? new Set<number>();
        if (log.args.tickLower !== undefined) set.add(Number(log.args.tickLower));
        if (log.args.tickUpper !== undefined) set.add(Number(log.args.tickUpper));
        touched.set(pool, set);
      }
      const reads = [...touched.entries()].flatMap(([pool, set]) => [...set].map((tick) => ({ pool, tick })));
      if (reads.length > 0) {
        const res = await client.multicall({
          ...mc,
          allowFailure: false,
          contracts: reads.map((r) => ({ address: r.pool, abi: v3PoolAbi, functionName: "ticks" as const, args: [r.tick] as const })),
        });
        reads.forEach((r, i) => {
          const book = books.get(r.pool);
          if (!book) return; // dropped by a concurrent reset; re-read in full next time
          const t = res[i] as readonly [bigint, bigint, ...unknown[]];
          const gross = t[0];
          const net = t[1];
          const rest = book.ticks.filter((x) => x.index !== r.tick);
          if (gross > 0n) rest.push({ index: r.tick, liquidityNet: net });
          rest.sort((a, b) => a.index - b.index);
          book.ticks = rest;
        });
      }
    }
    for (const p of known) {
      const book = books.get(p);
      if (book && book.asOf < block) book.asOf = block;
    }
  }

  if (missing.length === 0) return;
  // New pools: spacing (no answer = no pool at that address), then the initialized ticks.
  const spacingResults = await client.multicall({
    ...mc,
    allowFailure: true,
    contracts: missing.map((address) => ({ address, abi: v3PoolAbi, functionName: "tickSpacing" as const })),
  });
  const spacings: number[] = [];
  const present: Addr[] = [];
  missing.forEach((pool, i) => {
    const r = spacingResults[i];
    if (r?.status === "success") {
      present.push(pool);
      spacings.push(Number(r.result));
    } else {
      absent.add(pool);
    }
  });
  missing = present;
  if (missing.length === 0) return;
  const tickReads: { pool: Addr; tick: number }[] = [];
  if (registry.deployedAt !== null) {
    // A chain we deployed and can read from genesis: every tick ever initialized was named by
    // a Mint log, so those candidates (checked for liquidityGross > 0 below) are the whole book.
    const logs = (await client.getLogs({
      address: missing,
      event: v3PoolAbi.find((x) => x.type === "event" && x.name === "Mint")!,
      fromBlock: 0n,
      toBlock: block,
    } as Parameters<PublicClient["getLogs"]>[0])) as unknown as { address: string; args: { tickLower?: number; tickUpper?: number } }[];
    const seen = new Set<string>();
    for (const log of logs) {
      for (const t of [log.args.tickLower, log.args.tickUpper]) {
        if (t === undefined) continue;
        const key = `${lower(log.address)}:${t}`;
        if (seen.has(key)) continue;
        seen.add(key);
        tickReads.push({ pool: lower(log.address), tick: Number(t) });
      }
    }
  } else {
    // Anywhere else: every tickBitmap word in range, then each set bit.
    const words: { pool: Addr; word: number; spacing: number }[] = [];
    missing.forEach((pool, i) => {
      const spacing = Number(spacings[i]);
      const lo = Math.floor(MIN_TICK / spacing) >> 8;
      const hi = Math.floor(MAX_TICK / spacing) >> 8;
      for (let w = lo; w <= hi; w++) words.push({ pool, word: w, spacing });
    });
    const bitmaps = (await client.multicall({
      ...mc,
      allowFailure: false,
      contracts: words.map((w) => ({ address: w.pool, abi: v3PoolAbi, functionName: "tickBitmap" as const, args: [w.word] as const })),
    })) as bigint[];
    words.forEach((w, i) => {
      let bits = bitmaps[i]!;
      for (let bit = 0; bits !== 0n; bit++, bits >>= 1n) {
        if (bits & 1n) tickReads.push({ pool: w.pool, tick: (w.word * 256 + bit) * w.spacing });
      }
    });
  }
  const tickData = (tickReads.length
    ? await client.multicall({
        ...mc,
        allowFailure: false,
        contracts: tickReads.map((r) => ({ address: r.pool, abi: v3PoolAbi, functionName: "ticks" as const, args: [r.tick] as const })),
      })
    : []) as (readonly [bigint, bigint, ...unknown[]])[];
  missing.forEach((pool, i) => books.set(pool, { spacing: Number(spacings[i]), ticks: [], asOf: block }));
  tickReads.forEach((r, i) => {
    const [gross, net] = tickData[i]!;
    if (gross > 0n) books.get(r.pool)!.ticks.push({ index: r.tick, liquidityNet: net });
  });
  for (const pool of missing) books.get(pool)!.ticks.sort((a, b) => a.index - b.index);
}
