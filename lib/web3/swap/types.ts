// Wire shapes of the defi router (superjson carries bigint). Token amounts are base units.
import type { VenueId } from "@/lib/web3/registry/schema";

export type Hex = `0x${string}`;
export type Address = `0x${string}`;

/** One pool step of a path. `fee` in hundredths of a bp (3000 = 0.3 %); V2 venues: 3000. */
export type QuoteLeg = {
  venue: VenueId;
  venueName: string;
  kind: "v2" | "v3";
  pool: Address;
  tokenIn: Address;
  tokenOut: Address;
  fee: number;
  amountIn: bigint;
  amountOut: bigint;
  /** V3: initialized ticks crossed (drives gas). */
  ticksCrossed: number;
};

/** One split of the route: its share of the input and its hops in order. */
export type QuotePath = {
  shareBps: number;
  amountIn: bigint;
  amountOut: bigint;
  legs: QuoteLeg[];
};

/** Best single-path route on one venue (all hops on that venue), for the comparison table. */
export type VenueComparison = {
  venue: VenueId;
  venueName: string;
  /** null: no route on this venue for this pair. */
  amountOut: bigint | null;
  gasEstimate: bigint | null;
  /** Output minus gas cost expressed in the output token (null when unpriceable). */
  netAmountOut: bigint | null;
  hops: number | null;
};

export type Quote = {
  chainId: number;
  /** Token addresses as the user chose them; NATIVE_TOKEN for ETH. */
  tokenIn: Address;
  tokenOut: Address;
  /** "swap" through the executor, or a 1:1 "wrap"/"unwrap" of WETH. */
  kind: "swap" | "wrap" | "unwrap";
  amountIn: bigint;
  amountOut: bigint;
  /** amountOut × (10,000 − slippageBps) / 10,000, rounded down. */
  minAmountOut: bigint;
  slippageBps: number;
  /** true when slippageBps was chosen by the auto rule (volatility + impact). */
  autoSlippage: boolean;
  /** Loss against the pools' mid prices, in basis points (≥ 0). */
  priceImpactBps: number;
  /** Output per 1 whole input token at mid price / at execution, as decimal strings. */
  midPrice: string;
  executionPrice: string;
  paths: QuotePath[];
  venues: VenueComparison[];
  gasEstimate: bigint;
  gasPriceWei: bigint;
  /** Gas cost in the output token's base units (null when the output token can't be priced in ETH). */
  gasCostOut: bigint | null;
  /** Block the pool state was read at. */
  block: bigint;
  quotedAt: number;
  /** ms epoch after which the quote must be refreshed before signing. */
  expiresAt: number;
  /** Route search time on the server (ms), for the "how we got here" detail. */
  routeMs: number;
};

/** `gas`: a limit with headroom over the simulation (a later block can cost more, e.g. V2 price accumulators). */
export type TxRequest = { to: Address; data: Hex; value: bigint; gas?: bigint };

export type ApprovalStep = {
  token: Address;
  spender: Address;
  /** Allowance currently granted. */
  current: bigint;
  /** Amount the step approves (exact input by default, max uint256 when asked). */
  amount: bigint;
  tx: TxRequest;
};

export type BalanceChange = { token: Address; symbol: string; decimals: number; diff: bigint };

export type BuiltSwap = {
  quote: Quote;
  /** Approvals to sign first (empty when the allowance already covers the input). */
  approvals: ApprovalStep[];
  swap: TxRequest;
  /** The executor / WETH contract the swap calls. */
  spender: Address;
  deadline: number;
  /** Balance changes of the account from eth_simulateV1 of [approvals…, swap] at the quote block. */
  simulation: { ok: true; changes: BalanceChange[]; gasUsed: bigint } | { ok: false; reason: string };
};

export const SWAP_STATUSES = ["pending", "confirmed", "failed", "dropped", "replaced"] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];
export const TX_KINDS = ["swap", "approve", "wrap", "unwrap"] as const;
export type TxKind = (typeof TX_KINDS)[number];

/** A tracked transaction as the history shows it. Amounts come from the receipt, never the client. */
export type SwapRecord = {
  id: string;
  chainId: number;
  hash: Hex;
  kind: TxKind;
  status: SwapStatus;
  account: Address;
  tokenIn: Address | null;
  tokenOut: Address | null;
  /** What the user asked for (from the route built by the server). */
  quotedAmountIn: bigint | null;
  quotedAmountOut: bigint | null;
  minAmountOut: bigint | null;
  /** What the chain did (from the receipt's logs); null until confirmed. */
  amountIn: bigint | null;
  amountOut: bigint | null;
  route: QuotePath[] | null;
  blockNumber: bigint | null;
  gasUsed: bigint | null;
  effectiveGasPrice: bigint | null;
  /** Readable reason for failed / dropped / replaced. */
  error: string | null;
  replacedBy: Hex | null;
  submittedAt: Date;
  confirmedAt: Date | null;
};
