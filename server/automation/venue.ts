/**
 * Venue: where an automation (or a manual paper order) turns an order into a fill.
 *
 * Pure types only (design doc §2). One execution path for backtest, paper and on-chain:
 * strategies produce `OrderRequest`s, a rail (`server/services/venues/paper.ts`,
 * `server/services/venues/vault.ts`) implements `Venue` and executes them.
 */

/** A lowercase 0x-prefixed address. */
export type Addr = `0x${string}`;

export type OrderSource = "automation" | "manual" | "copy" | "bot";

export type OrderRequest = {
  /** Idempotency key: at most one fill per key, ever (per venue kind). */
  key: string;
  chainId: number;
  tokenIn: Addr;
  tokenOut: Addr;
  /** Exact input, in tokenIn base units. */
  amountIn: bigint;
  /** min out = quoted out × (10_000 − slippageBps) / 10_000, rounded down. */
  slippageBps: number;
  /** An absolute floor (e.g. from a stop's price bound); the larger of the two applies. */
  minAmountOut?: bigint;
  source: OrderSource;
  automationId?: string;
  /** The block whose state triggered the order (the paper rail quotes at this block when given). */
  triggerBlock?: bigint;
};

export type Fill = {
  venue: "paper" | "vault";
  key: string;
  tokenIn: Addr;
  tokenOut: Addr;
  amountIn: bigint;
  amountOut: bigint;
  quotedAmountOut: bigint;
  block: bigint;
  priceImpactBps: number;
  /** Gas cost expressed in tokenOut base units; informational for paper (no gas balance). */
  gasCostOut: bigint | null;
  paperFillId?: string;
  keeperTxId?: string;
  txHash?: `0x${string}`;
  /** true when the key had already been filled and this is the stored fill (nothing new was applied). */
  duplicate: boolean;
};

export type ExecuteResult =
  | { status: "filled"; fill: Fill }
  | { status: "pending"; keeperTxId: string; txHash: `0x${string}` | null }
  | { status: "rejected"; code: string; reason: string };

export interface Venue {
  readonly kind: "paper" | "vault";
  readonly chainId: number;
  balances(): Promise<Map<Addr, bigint>>;
  execute(order: OrderRequest): Promise<ExecuteResult>;
}

/** min out = quoted × (10_000 − slippageBps) / 10_000 rounded down, raised to `floor` when given. */
export function computeMinAmountOut(quotedOut: bigint, slippageBps: number, floor?: bigint): bigint {
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) {
    throw new RangeError(`slippageBps must be an integer in [0, 10000], got ${slippageBps}`);
  }
  const bySlippage = (quotedOut * BigInt(10_000 - slippageBps)) / 10_000n;
  return floor !== undefined && floor > bySlippage ? floor : bySlippage;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Why an order cannot be executed by a rail on `chainId` (`rail` names it in the message), or null. */
export function validateOrder(order: OrderRequest, chainId: number, rail: string): string | null {
  if (order.chainId !== chainId) return `This ${rail} is on chain ${chainId}, the order is for chain ${order.chainId}.`;
  if (typeof order.key !== "string" || order.key.length === 0 || order.key.length > 200) return "The order key must be 1 to 200 characters.";
  if (!ADDRESS.test(order.tokenIn) || !ADDRESS.test(order.tokenOut)) return "Token addresses must be 0x followed by 40 hex characters.";
  if (typeof order.amountIn !== "bigint" || order.amountIn <= 0n) return "The amount must be greater than zero.";
  if (!Number.isInteger(order.slippageBps) || order.slippageBps < 0 || order.slippageBps > 10_000) return "Slippage must be 0 to 10,000 basis points.";
  if (order.minAmountOut !== undefined && order.minAmountOut < 0n) return "The minimum output cannot be negative.";
  return null;
}
