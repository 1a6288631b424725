// Decoding and verification of tracked transactions: what a transaction asks for (from its
// calldata) and what it did (from its receipt's logs). Pure: values in, values out; the
// network calls live in server/services/swaps.ts. Amounts here come only from the chain.
import { decodeErrorResult, decodeEventLog, decodeFunctionData, erc20Abi, formatUnits, parseAbi, type Address, type Hex } from "viem";
import { lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import type { TxKind } from "@/lib/web3/swap/types";

export const wethAbi = parseAbi([
  "function deposit() payable",
  "function withdraw(uint256 wad)",
  "event Deposit(address indexed dst, uint256 wad)",
  "event Withdrawal(address indexed src, uint256 wad)",
]);
export const v2PairSwapAbi = parseAbi(["event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)"]);
export const v3PoolSwapAbi = parseAbi(["event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)"]);

/** A transaction with no receipt for this long, that the node no longer knows, is dropped. */
export const DROP_AFTER_MS = 30 * 60_000;

const lc = (a: string) => a.toLowerCase();
const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && lc(a) === lc(b);
const NATIVE = lc(NATIVE_TOKEN) as Address;

export type TxLog = { address: Address; topics: readonly Hex[] | [Hex, ...Hex[]] | []; data: Hex; logIndex?: number | null };
export type PoolInfo = { address: string; venue: string; venueName: string; kind: "v2" | "v3"; fee: number };
/** The contracts of a chain that tracked transactions may call (from the protocol registry). */
export type ChainContracts = { executor: Address | null; weth: Address; pools: PoolInfo[] };

export type RouteLeg = { venue: string; venueName: string; kind: "v2" | "v3"; pool: Address; tokenIn: Address; tokenOut: Address; fee: number };
export type RoutePath = { amountIn: bigint; legs: RouteLeg[] };

/** What a transaction asks for, decoded from its target and calldata (all addresses lowercase). */
export type ClassifiedTx =
  | { kind: "swap"; tokenIn: Address; tokenOut: Address; amountIn: bigint; minAmountOut: bigint; recipient: Address; deadline: bigint; paths: RoutePath[] }
  | { kind: "wrap"; tokenIn: Address; tokenOut: Address; amountIn: bigint }
  | { kind: "unwrap"; tokenIn: Address; tokenOut: Address; amountIn: bigint }
  | { kind: "approve"; tokenIn: Address; spender: Address; amountIn: bigint };

export type Unsupported = { kind: null; reason: string };

// Classifies a transaction by where it goes and what it calls. Only our executor's swap,
// WETH deposit/withdraw and ERC-20 approvals of the executor are tracked.
export function classifyTx(tx: { to: Address | null; input: Hex; value: bigint }, c: ChainContracts): ClassifiedTx | Unsupported {
  if (!tx.to) return { kind: null, reason: "contract creation" };
  if (c.executor && same(tx.to, c.executor)) return classifyExecutorCall(tx.input, c);
  if (same(tx.to, c.weth)) {
    const call = tryDecode(wethAbi, tx.input);
    if (call?.functionName === "deposit") return { kind: "wrap", tokenIn: NATIVE, tokenOut: lc(c.weth) as Address, amountIn: tx.value };
    if (call?.functionName === "withdraw") return { kind: "unwrap", tokenIn: lc(c.weth) as Address, tokenOut: NATIVE, amountIn: call.args[0] };
  }
  const approve = tryDecode(erc20Abi, tx.input);
  if (approve?.functionName === "approve") {
    const [spender, amount] = approve.args;
    if (c.executor && same(spender, c.executor)) return { kind: "approve", tokenIn: lc(tx.to) as Address, spender: lc(spender) as Address, amountIn: amount };
    return { kind: null, reason: "approval of a spender other than the Lodestar executor" };
  }
  return { kind: null, reason: "not a Lodestar swap, approval, wrap or unwrap" };
}

function classifyExecutorCall(input: Hex, c: ChainContracts): ClassifiedTx | Unsupported {
  const call = tryDecode(lodestarExecutorAbi, input);
  if (call?.functionName !== "swap") return { kind: null, reason: "not a call of the executor's swap" };
  const [tokenIn, tokenOut, amountIn, minAmountOut, recipient, deadline, rawPaths] = call.args;
  const paths: RoutePath[] = [];
  for (const p of rawPaths) {
    const legs: RouteLeg[] = [];
    for (const h of p.hops) {
      const pool = c.pools.find((x) => same(x.address, h.pool));
      // Routes are built from the registry's pools; anything else was not built by us.
      if (!pool) return { kind: null, reason: `route through a pool outside the registry (${h.pool})` };
      legs.push({
        venue: pool.venue,
        venueName: pool.venueName,
        kind: h.kind === 1 ? "v3" : "v2",
        pool: lc(h.pool) as Address,
        tokenIn: lc(h.tokenIn) as Address,
        tokenOut: lc(h.tokenOut) as Address,
        fee: pool.fee,
      });
    }
    paths.push({ amountIn: p.amountIn, legs });
  }
  return {
    kind: "swap",
    tokenIn: lc(tokenIn) as Address,
    tokenOut: lc(tokenOut) as Address,
    amountIn,
    minAmountOut,
    recipient: lc(recipient) as Address,
    deadline,
    paths,
  };
}

function tryDecode<const A extends readonly unknown[]>(abi: A, data: Hex) {
  try {
    return decodeFunctionData({ abi: abi as never, data }) as ReturnType<typeof decodeFunctionData<A>>;
  } catch {
    return null;
  }
}

type Decoded = { eventName: string; args: Record<string, unknown> };
function decodeLog(abi: readonly unknown[], log: TxLog): Decoded | null {
  try {
    return decodeEventLog({ abi: abi as never, data: log.data, topics: log.topics as [Hex, ...Hex[]], strict: true }) as unknown as Decoded;
  } catch {
    return null;
  }
}

function eventsFrom(logs: readonly TxLog[], address: string, abi: readonly unknown[], eventName: string): Record<string, unknown>[] {
  return logs
    .filter((l) => same(l.address, address))
    .map((l) => decodeLog(abi, l))
    .filter((d): d is Decoded => d?.eventName === eventName)
    .map((d) => d.args);
}
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

export type LegFill = { amountIn: bigint; amountOut: bigint } | null;
export type Verified = { ok: true; amountIn: bigint | null; amountOut: bigint | null; legFills?: LegFill[][] } | { ok: false; error: string };

// What a successful transaction did, from its logs, cross-checked between the executor's
// Swapped event and the token transfers (or WETH deposit/withdrawal for the native side).
export function verifyLogs(tx: ClassifiedTx, logs: readonly TxLog[], ctx: { account: Address; value: bigint; contracts: ChainContracts }): Verified {
  const { account, contracts } = ctx;
  const weth = contracts.weth;
  switch (tx.kind) {
    case "wrap": {
      const wad = sum(eventsFrom(logs, weth, wethAbi, "Deposit").filter((a) => same(a.dst as string, account)).map((a) => a.wad as bigint));
      if (wad !== ctx.value) return { ok: false, error: `WETH Deposit of ${wad} does not match the ${ctx.value} wei sent` };
      return { ok: true, amountIn: wad, amountOut: wad };
    }
    case "unwrap": {
      const wad = sum(eventsFrom(logs, weth, wethAbi, "Withdrawal").filter((a) => same(a.src as string, account)).map((a) => a.wad as bigint));
      if (wad !== tx.amountIn) return { ok: false, error: `WETH Withdrawal of ${wad} does not match the ${tx.amountIn} requested` };
      return { ok: true, amountIn: wad, amountOut: wad };
    }
    case "approve": {
      const approvals = eventsFrom(logs, tx.tokenIn, erc20Abi, "Approval").filter((a) => same(a.owner as string, account) && same(a.spender as string, tx.spender));
      const last = approvals.at(-1);
      if (!last) return { ok: false, error: "no Approval event for the executor in the receipt" };
      return { ok: true, amountIn: last.value as bigint, amountOut: null };
    }
    case "swap":
      return verifySwap(tx, logs, ctx);
  }
}

function verifySwap(tx: Extract<ClassifiedTx, { kind: "swap" }>, logs: readonly TxLog[], ctx: { account: Address; value: bigint; contracts: ChainContracts }): Verified {
  const { executor, weth } = ctx.contracts;
  if (!executor) return { ok: false, error: "no executor on this chain" };
  const swapped = eventsFrom(logs, executor, lodestarExecutorAbi, "Swapped");
  if (swapped.length !== 1) return { ok: false, error: `expected one Swapped event from the executor, found ${swapped.length}` };
  const ev = swapped[0]!;
  const [amountIn, amountOut] = [ev.amountIn as bigint, ev.amountOut as bigint];
  if (!same(ev.sender as string, ctx.account) || !same(ev.recipient as string, tx.recipient) || !same(ev.tokenIn as string, tx.tokenIn) || !same(ev.tokenOut as string, tx.tokenOut)) {
    return { ok: false, error: "the Swapped event does not match the transaction's call" };
  }
  // Input side: WETH deposited by the executor for ETH in, else the tokens taken from the account.
  const paid =
    tx.tokenIn === NATIVE
      ? sum(eventsFrom(logs, weth, wethAbi, "Deposit").filter((a) => same(a.dst as string, executor)).map((a) => a.wad as bigint))
      : sum(eventsFrom(logs, tx.tokenIn, erc20Abi, "Transfer").filter((a) => same(a.from as string, ctx.account)).map((a) => a.value as bigint));
  // Output side: WETH withdrawn by the executor for ETH out, else the tokens sent to the recipient.
  const received =
    tx.tokenOut === NATIVE
      ? sum(eventsFrom(logs, weth, wethAbi, "Withdrawal").filter((a) => same(a.src as string, executor)).map((a) => a.wad as bigint))
      : sum(eventsFrom(logs, tx.tokenOut, erc20Abi, "Transfer").filter((a) => same(a.to as string, tx.recipient)).map((a) => a.value as bigint));
  if (paid !== amountIn) return { ok: false, error: `Swapped reports ${amountIn} in but the transfers show ${paid}` };
  if (received !== amountOut) return { ok: false, error: `Swapped reports ${amountOut} out but the transfers show ${received}` };
  if (amountOut < tx.minAmountOut) return { ok: false, error: `output ${amountOut} is below the minimum ${tx.minAmountOut}` };
  return { ok: true, amountIn, amountOut, legFills: fillLegs(tx.paths, logs) };
}

// Per-leg amounts from the pools' own Swap events, matched to the route's legs in order.
export function fillLegs(paths: RoutePath[], logs: readonly TxLog[]): LegFill[][] {
  const used = new Set<number>();
  return paths.map((p) =>
    p.legs.map((leg) => {
      const zeroForOne = leg.tokenIn < leg.tokenOut;
      for (let i = 0; i < logs.length; i++) {
        const log = logs[i]!;
        if (used.has(i) || !same(log.address, leg.pool)) continue;
        const d = decodeLog(leg.kind === "v2" ? v2PairSwapAbi : v3PoolSwapAbi, log);
        if (d?.eventName !== "Swap") continue;
        used.add(i);
        const a = d.args;
        if (leg.kind === "v2") {
          return zeroForOne
            ? { amountIn: a.amount0In as bigint, amountOut: a.amount1Out as bigint }
            : { amountIn: a.amount1In as bigint, amountOut: a.amount0Out as bigint };
        }
        const [a0, a1] = [a.amount0 as bigint, a.amount1 as bigint];
        return zeroForOne ? { amountIn: a0, amountOut: -a1 } : { amountIn: a1, amountOut: -a0 };
      }
      return null;
    }),
  );
}

// A readable reason for a reverted swap: from the deadline, else the executor's revert data.
export function describeRevert(opts: {
  tx: ClassifiedTx;
  blockTimestamp: bigint | null;
  revertData: Hex | null;
  formatOut?: (raw: bigint) => string;
}): string {
  const { tx, revertData } = opts;
  const fmt = opts.formatOut ?? ((raw: bigint) => raw.toString());
  if (tx.kind === "swap" && opts.blockTimestamp !== null && opts.blockTimestamp > tx.deadline) return EXPIRED_MESSAGE;
  if (revertData && revertData.length >= 10) {
    try {
      // viem also decodes the built-in Error(string) and Panic(uint256).
      const err = decodeErrorResult({ abi: lodestarExecutorAbi, data: revertData });
      if (err.errorName === "InsufficientOutput") {
        const [out, min] = err.args as readonly [bigint, bigint];
        return `Price moved beyond your slippage limit: the swap would have returned ${fmt(out)}, less than your minimum ${fmt(min)}.`;
      }
      if (err.errorName === "Expired") return EXPIRED_MESSAGE;
      // viem's result type lists only the ABI's errors; at run time it may be the built-ins.
      const name: string = err.errorName;
      if (name === "Error") return `The transaction reverted: ${String((err.args as readonly unknown[] | undefined)?.[0])}`;
      return `The transaction reverted (${name}).`;
    } catch {
      // unknown revert data: the generic message below
    }
  }
  return "The transaction reverted on chain.";
}
const EXPIRED_MESSAGE = "The deadline passed before the transaction was mined.";

export function formatTokenAmount(raw: bigint, token: { symbol: string; decimals: number } | null): string {
  return token ? `${formatUnits(raw, token.decimals)} ${token.symbol}` : raw.toString();
}

export type MissingReceiptOutcome =
  | { status: "pending" }
  | { status: "dropped"; error: string }
  | { status: "replaced"; replacedBy: Hex; error: string };

// A transaction without a receipt: still pending while the node knows it; replaced when the
// account's nonce moved past it and another transaction with its nonce was found; dropped
// when the nonce moved past it otherwise, or when it has been unknown for DROP_AFTER_MS.
export function resolveMissingReceipt(s: {
  txKnown: boolean;
  txNonce: number;
  minedNonce: number | null;
  replacementHash: Hex | null;
  submittedAt: Date;
  now: Date;
}): MissingReceiptOutcome {
  if (s.txKnown) return { status: "pending" };
  if (s.minedNonce !== null && s.minedNonce > s.txNonce) {
    if (s.replacementHash) return { status: "replaced", replacedBy: s.replacementHash, error: "Replaced by another transaction with the same nonce (sped up or cancelled in the wallet)." };
    return { status: "dropped", error: "Another transaction used this nonce; this one will never be mined." };
  }
  if (s.now.getTime() - s.submittedAt.getTime() > DROP_AFTER_MS) {
    return { status: "dropped", error: "The network dropped the transaction before it was mined." };
  }
  return { status: "pending" };
}

export function isTxKind(k: ClassifiedTx["kind"] | null): k is TxKind {
  return k !== null;
}
