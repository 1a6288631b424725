import { encodeAbiParameters, encodeErrorResult, encodeEventTopics, encodeFunctionData, erc20Abi, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { lodestarExecutorAbi, NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import {
  classifyTx,
  describeRevert,
  DROP_AFTER_MS,
  fillLegs,
  resolveMissingReceipt,
  v2PairSwapAbi,
  v3PoolSwapAbi,
  verifyLogs,
  wethAbi,
  type ChainContracts,
  type ClassifiedTx,
  type TxLog,
} from "./receipts";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const EXECUTOR = addr(0xe0);
const WETH = addr(0x10);
const USDC = addr(0x20);
const DAI = addr(0x30);
const POOL_V2 = addr(0x40); // WETH/USDC on uniswap-v2
const POOL_V3 = addr(0x50); // USDC/DAI 0.05 % on uniswap-v3
const ACCOUNT = addr(0xaa);
const OTHER = addr(0xbb);
const NATIVE = NATIVE_TOKEN.toLowerCase() as Address;

const contracts: ChainContracts = {
  executor: EXECUTOR,
  weth: WETH,
  pools: [
    { address: POOL_V2, venue: "uniswap-v2", venueName: "Uniswap V2", kind: "v2", fee: 3000 },
    { address: POOL_V3, venue: "uniswap-v3", venueName: "Uniswap V3", kind: "v3", fee: 500 },
  ],
};

function swapCalldata(o: { tokenIn?: Address; tokenOut?: Address; amountIn?: bigint; min?: bigint; pool?: Address; deadline?: bigint } = {}): Hex {
  return encodeFunctionData({
    abi: lodestarExecutorAbi,
    functionName: "swap",
    args: [
      o.tokenIn ?? WETH,
      o.tokenOut ?? DAI,
      o.amountIn ?? 1000n,
      o.min ?? 900n,
      ACCOUNT,
      o.deadline ?? 2_000_000_000n,
      [
        {
          amountIn: o.amountIn ?? 1000n,
          hops: [
            { kind: 0, pool: o.pool ?? POOL_V2, tokenIn: WETH, tokenOut: USDC },
            { kind: 1, pool: POOL_V3, tokenIn: USDC, tokenOut: DAI },
          ],
        },
      ],
    ],
  });
}

function log(address: Address, abi: readonly unknown[], eventName: string, args: Record<string, unknown>): TxLog {
  const item = (abi as { type: string; name: string; inputs: { name: string; type: string; indexed?: boolean }[] }[]).find((x) => x.type === "event" && x.name === eventName)!;
  const topics = (encodeEventTopics as (p: unknown) => Hex[])({ abi: [item], eventName, args });
  const nonIndexed = item.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(nonIndexed as never, nonIndexed.map((i) => args[i.name]) as never);
  return { address, topics, data };
}
const transfer = (token: Address, from: Address, to: Address, value: bigint) => log(token, erc20Abi, "Transfer", { from, to, value });
const swapped = (o: { amountIn?: bigint; amountOut?: bigint; tokenIn?: Address; tokenOut?: Address } = {}) =>
  log(EXECUTOR, lodestarExecutorAbi, "Swapped", {
    sender: ACCOUNT,
    recipient: ACCOUNT,
    tokenIn: o.tokenIn ?? WETH,
    tokenOut: o.tokenOut ?? DAI,
    amountIn: o.amountIn ?? 1000n,
    amountOut: o.amountOut ?? 950n,
  });
// The logs of a WETH → USDC (v2) → DAI (v3) swap of 1000 for 950.
function swapLogs(): TxLog[] {
  return [
    transfer(WETH, ACCOUNT, POOL_V2, 1000n),
    transfer(USDC, POOL_V2, POOL_V3, 2000n),
    // WETH (0x10) < USDC (0x20): WETH is token0, so in = amount0In, out = amount1Out.
    log(POOL_V2, v2PairSwapAbi, "Swap", { sender: EXECUTOR, amount0In: 1000n, amount1In: 0n, amount0Out: 0n, amount1Out: 2000n, to: POOL_V3 }),
    transfer(DAI, POOL_V3, ACCOUNT, 950n),
    // USDC (0x20) < DAI (0x30): USDC is token0; positive = paid into the pool.
    log(POOL_V3, v3PoolSwapAbi, "Swap", { sender: EXECUTOR, recipient: ACCOUNT, amount0: 2000n, amount1: -950n, sqrtPriceX96: 1n << 96n, liquidity: 1n, tick: 0 }),
    swapped(),
  ];
}

const swapTx = () => classifyTx({ to: EXECUTOR, input: swapCalldata(), value: 0n }, contracts) as Extract<ClassifiedTx, { kind: "swap" }>;
const ctx = { account: ACCOUNT, value: 0n, contracts };

describe("classifyTx", () => {
  it("decodes an executor swap's tokens, amounts and route from the calldata", () => {
    const tx = swapTx();
    expect(tx).toMatchObject({ kind: "swap", tokenIn: WETH, tokenOut: DAI, amountIn: 1000n, minAmountOut: 900n, recipient: ACCOUNT });
    expect(tx.paths).toEqual([
      {
        amountIn: 1000n,
        legs: [
          { venue: "uniswap-v2", venueName: "Uniswap V2", kind: "v2", pool: POOL_V2, tokenIn: WETH, tokenOut: USDC, fee: 3000 },
          { venue: "uniswap-v3", venueName: "Uniswap V3", kind: "v3", pool: POOL_V3, tokenIn: USDC, tokenOut: DAI, fee: 500 },
        ],
      },
    ]);
  });

  it("refuses a route through a pool outside the registry", () => {
    expect(classifyTx({ to: EXECUTOR, input: swapCalldata({ pool: addr(0x99) }), value: 0n }, contracts).kind).toBeNull();
  });

  it("classifies WETH deposit/withdraw as wrap/unwrap", () => {
    expect(classifyTx({ to: WETH, input: encodeFunctionData({ abi: wethAbi, functionName: "deposit" }), value: 5n }, contracts)).toEqual({
      kind: "wrap", tokenIn: NATIVE, tokenOut: WETH, amountIn: 5n,
    });
    expect(classifyTx({ to: WETH, input: encodeFunctionData({ abi: wethAbi, functionName: "withdraw", args: [7n] }), value: 0n }, contracts)).toEqual({
      kind: "unwrap", tokenIn: WETH, tokenOut: NATIVE, amountIn: 7n,
    });
  });

  it("tracks approvals of the executor only", () => {
    const approve = (spender: Address) => encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, 10n] });
    expect(classifyTx({ to: USDC, input: approve(EXECUTOR), value: 0n }, contracts)).toMatchObject({ kind: "approve", tokenIn: USDC, spender: EXECUTOR, amountIn: 10n });
    expect(classifyTx({ to: USDC, input: approve(OTHER), value: 0n }, contracts).kind).toBeNull();
    expect(classifyTx({ to: USDC, input: approve(EXECUTOR), value: 0n }, { ...contracts, executor: null }).kind).toBeNull();
  });

  it("refuses plain transfers, other contracts and contract creation", () => {
    const t = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [OTHER, 1n] });
    expect(classifyTx({ to: USDC, input: t, value: 0n }, contracts).kind).toBeNull();
    expect(classifyTx({ to: OTHER, input: "0x", value: 1n }, contracts).kind).toBeNull();
    expect(classifyTx({ to: null, input: "0x60", value: 0n }, contracts).kind).toBeNull();
    expect(classifyTx({ to: EXECUTOR, input: "0xdeadbeef", value: 0n }, contracts).kind).toBeNull();
  });
});

describe("verifyLogs: swap", () => {
  it("takes the amounts from the Swapped event when the transfers agree", () => {
    const v = verifyLogs(swapTx(), swapLogs(), ctx);
    expect(v).toMatchObject({ ok: true, amountIn: 1000n, amountOut: 950n });
    // Per-leg fills from the pools' own Swap events.
    expect(v.ok && v.legFills).toEqual([[{ amountIn: 1000n, amountOut: 2000n }, { amountIn: 2000n, amountOut: 950n }]]);
  });

  it("fails when the Swapped amount out disagrees with what the recipient received", () => {
    const logs = swapLogs().map((l, i) => (i === 5 ? swapped({ amountOut: 999n }) : l));
    expect(verifyLogs(swapTx(), logs, ctx)).toEqual({ ok: false, error: "Swapped reports 999 out but the transfers show 950" });
  });

  it("fails when the account paid other than the Swapped amount in", () => {
    const logs = swapLogs().map((l, i) => (i === 0 ? transfer(WETH, ACCOUNT, POOL_V2, 1001n) : l));
    expect(verifyLogs(swapTx(), logs, ctx)).toMatchObject({ ok: false });
  });

  it("ignores a Swapped event from any address but the executor", () => {
    const forged = { ...swapped(), address: OTHER };
    expect(verifyLogs(swapTx(), [...swapLogs().slice(0, 5), forged], ctx)).toEqual({ ok: false, error: "expected one Swapped event from the executor, found 0" });
  });

  it("fails when the Swapped event is for other tokens than the call", () => {
    const logs = swapLogs().map((l, i) => (i === 5 ? swapped({ tokenOut: USDC }) : l));
    expect(verifyLogs(swapTx(), logs, ctx)).toMatchObject({ ok: false, error: "the Swapped event does not match the transaction's call" });
  });

  it("checks the native sides against WETH Deposit / Withdrawal by the executor", () => {
    const ethIn = classifyTx({ to: EXECUTOR, input: swapCalldata({ tokenIn: NATIVE_TOKEN, tokenOut: NATIVE_TOKEN }), value: 1000n }, contracts) as ClassifiedTx;
    const logs = [
      log(WETH, wethAbi, "Deposit", { dst: EXECUTOR, wad: 1000n }),
      log(WETH, wethAbi, "Withdrawal", { src: EXECUTOR, wad: 950n }),
      swapped({ tokenIn: NATIVE, tokenOut: NATIVE }),
    ];
    expect(verifyLogs(ethIn, logs, { ...ctx, value: 1000n })).toMatchObject({ ok: true, amountIn: 1000n, amountOut: 950n });
    expect(verifyLogs(ethIn, logs.slice(0, 1).concat(logs.slice(2)), { ...ctx, value: 1000n })).toMatchObject({ ok: false });
  });

  it("leaves a leg unfilled when its pool emitted no Swap", () => {
    expect(fillLegs(swapTx().paths, swapLogs().slice(0, 2))).toEqual([[null, null]]);
  });
});

describe("verifyLogs: wrap, unwrap, approve", () => {
  it("wrap: the Deposit to the account must equal the value sent", () => {
    const tx = classifyTx({ to: WETH, input: encodeFunctionData({ abi: wethAbi, functionName: "deposit" }), value: 5n }, contracts) as ClassifiedTx;
    expect(verifyLogs(tx, [log(WETH, wethAbi, "Deposit", { dst: ACCOUNT, wad: 5n })], { ...ctx, value: 5n })).toEqual({ ok: true, amountIn: 5n, amountOut: 5n });
    expect(verifyLogs(tx, [log(WETH, wethAbi, "Deposit", { dst: OTHER, wad: 5n })], { ...ctx, value: 5n }).ok).toBe(false);
  });

  it("unwrap: the Withdrawal by the account must equal the requested amount", () => {
    const tx = classifyTx({ to: WETH, input: encodeFunctionData({ abi: wethAbi, functionName: "withdraw", args: [7n] }), value: 0n }, contracts) as ClassifiedTx;
    expect(verifyLogs(tx, [log(WETH, wethAbi, "Withdrawal", { src: ACCOUNT, wad: 7n })], ctx)).toEqual({ ok: true, amountIn: 7n, amountOut: 7n });
    expect(verifyLogs(tx, [log(WETH, wethAbi, "Withdrawal", { src: ACCOUNT, wad: 6n })], ctx).ok).toBe(false);
  });

  it("approve: the amount is the Approval event's, from the token contract", () => {
    const tx = classifyTx({ to: USDC, input: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EXECUTOR, 10n] }), value: 0n }, contracts) as ClassifiedTx;
    expect(verifyLogs(tx, [log(USDC, erc20Abi, "Approval", { owner: ACCOUNT, spender: EXECUTOR, value: 10n })], ctx)).toEqual({ ok: true, amountIn: 10n, amountOut: null });
    expect(verifyLogs(tx, [log(DAI, erc20Abi, "Approval", { owner: ACCOUNT, spender: EXECUTOR, value: 10n })], ctx).ok).toBe(false);
  });
});

describe("describeRevert", () => {
  it("explains InsufficientOutput with both amounts", () => {
    const data = encodeErrorResult({ abi: lodestarExecutorAbi, errorName: "InsufficientOutput", args: [950n, 990n] });
    expect(describeRevert({ tx: swapTx(), blockTimestamp: 1n, revertData: data, formatOut: (r) => `${r} DAI` })).toBe(
      "Price moved beyond your slippage limit: the swap would have returned 950 DAI, less than your minimum 990 DAI.",
    );
  });

  it("explains an expired deadline, from the revert or from the block time", () => {
    const expired = encodeErrorResult({ abi: lodestarExecutorAbi, errorName: "Expired" });
    expect(describeRevert({ tx: swapTx(), blockTimestamp: 1n, revertData: expired })).toBe("The deadline passed before the transaction was mined.");
    expect(describeRevert({ tx: swapTx(), blockTimestamp: 2_000_000_001n, revertData: null })).toBe("The deadline passed before the transaction was mined.");
  });

  it("falls back to Error(string) and then to a generic message", () => {
    const data = encodeErrorResult({ abi: [{ type: "error", name: "Error", inputs: [{ name: "reason", type: "string" }] }], errorName: "Error", args: ["STF"] });
    expect(describeRevert({ tx: swapTx(), blockTimestamp: 1n, revertData: data })).toBe("The transaction reverted: STF");
    expect(describeRevert({ tx: swapTx(), blockTimestamp: 1n, revertData: null })).toBe("The transaction reverted on chain.");
  });
});

describe("resolveMissingReceipt", () => {
  const submittedAt = new Date("2026-03-01T12:00:00Z");
  const at = (ms: number) => new Date(submittedAt.getTime() + ms);
  const base = { txKnown: false, txNonce: 4, minedNonce: 4, replacementHash: null, submittedAt, now: at(60_000) };
  const other = `0x${"ab".repeat(32)}` as Hex;

  it("stays pending while the node still knows the transaction, however old", () => {
    expect(resolveMissingReceipt({ ...base, txKnown: true, minedNonce: null, now: at(10 * DROP_AFTER_MS) })).toEqual({ status: "pending" });
  });

  it("is replaced when the nonce was used by another transaction that was found", () => {
    expect(resolveMissingReceipt({ ...base, minedNonce: 5, replacementHash: other })).toMatchObject({ status: "replaced", replacedBy: other });
  });

  it("is dropped when the nonce was used but the replacement was not found", () => {
    expect(resolveMissingReceipt({ ...base, minedNonce: 5 })).toMatchObject({ status: "dropped" });
  });

  it("is dropped once unknown for longer than DROP_AFTER_MS, pending until then", () => {
    expect(resolveMissingReceipt({ ...base, now: at(DROP_AFTER_MS) })).toEqual({ status: "pending" });
    expect(resolveMissingReceipt({ ...base, now: at(DROP_AFTER_MS + 1) })).toMatchObject({ status: "dropped" });
  });
});
