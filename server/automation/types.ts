// Config and state types of the automation strategy cores (CONVENTIONS §5: token amounts are
// bigint base units, weights/slippage/thresholds integer basis points, instants `Date`,
// durations ms, prices and USD values floats). Their zod schemas live in
// lib/schemas/automation.ts; the schemas' outputs are assignable to these types
// (checked at compile time in types.test.ts).
import type { Interval } from "./schedule";
import type { Addr } from "./venue";

export type { Interval, IntervalUnit } from "./schedule";
/** A lowercase 0x-prefixed 20-byte address (one definition, in venue.ts). */
export type { Addr } from "./venue";

/** 10,000 basis points = 100 %. */
export const BPS = 10_000;
export const BPS_N = 10_000n;

export const AutomationKind = {
  rebalance: "rebalance",
  dca: "dca",
  stopLoss: "stop_loss",
  trailingStop: "trailing_stop",
  takeProfit: "take_profit",
} as const;
export type AutomationKind = (typeof AutomationKind)[keyof typeof AutomationKind];

export const Rail = { paper: "paper", vault: "vault" } as const;
export type Rail = (typeof Rail)[keyof typeof Rail];

// ---------------------------------------------------------------- rebalance

/** A priced holding (or a target token not held: amountRaw 0n with its price and decimals). */
export type Holding = { token: Addr; symbol: string; decimals: number; amountRaw: bigint; priceUsd: number };
export type TargetWeight = { token: Addr; weightBps: number };

export type RebalanceConfig = {
  /** Sum to exactly 10,000. A held token without a target has target 0 (it is sold). */
  targets: TargetWeight[];
  /**
   * threshold: rebalance whenever some asset's drift exceeds `thresholdBps`.
   * periodic: at each slot of `interval` from `startAt`, rebalance if some drift exceeds
   * `thresholdBps` (0 = always trade back to target).
   */
  mode: "threshold" | "periodic";
  thresholdBps: number;
  interval?: Interval;
  startAt?: Date;
  /** Orders worth less than this (USD) are skipped, and reported as skipped. */
  minTradeUsd: number;
  slippageBps: number;
  /** The service rejects a plan whose quoted price impact on one order exceeds this. */
  maxPriceImpactBps?: number;
};
export type RebalanceState = { lastSlot: number | null; lastRunAt: Date | null };

// ---------------------------------------------------------------- DCA

export type DcaConfig = {
  /** Spent each run (e.g. USDC). */
  tokenIn: Addr;
  /** Bought (e.g. WETH). */
  tokenOut: Addr;
  amountInRaw: bigint;
  interval: Interval;
  startAt: Date;
  /** No slot after this instant. */
  endAt?: Date;
  /** Completes after this many buys; the budget is amountInRaw × maxRuns and is never exceeded. */
  maxRuns?: number;
  /** Skip a slot (not spent, counted as skipped) while tokenOut's price is above / below. */
  pauseAbovePriceUsd?: number;
  pauseBelowPriceUsd?: number;
  slippageBps: number;
};
export type DcaState = {
  /** Highest slot decided (bought or skipped); null before the first. */
  lastSlot: number | null;
  runs: number;
  spentRaw: bigint;
  skipped: number;
  /** Slots that passed while nothing ran (only the latest due slot is ever executed). */
  missed: number;
};
export const INITIAL_DCA_STATE: DcaState = { lastSlot: null, runs: 0, spentRaw: 0n, skipped: 0, missed: 0 };

// ---------------------------------------------------------------- stops

/** Which price a trigger is expressed in: USD, or token priced in quoteToken (e.g. ETH in USDC). */
export type PriceBasis = "usd" | "quote";
export type StopAmount = { type: "all" } | { type: "raw"; amountRaw: bigint };
type StopBase = {
  /** Sold when the stop fires. */
  token: Addr;
  /** Received (usually a stablecoin). */
  quoteToken: Addr;
  basis: PriceBasis;
  amount: StopAmount;
  slippageBps: number;
};
/** Fires when price ≤ triggerPrice. */
export type StopLossConfig = StopBase & { kind: "stop_loss"; triggerPrice: number };
/** Fires when price ≥ triggerPrice. */
export type TakeProfitConfig = StopBase & { kind: "take_profit"; triggerPrice: number };
/**
 * Tracks the high-water mark (hw) of the price once it has reached `activationPrice` (or from
 * the first observation); fires when price ≤ hw × (10,000 − trailBps) / 10,000.
 */
export type TrailingStopConfig = StopBase & { kind: "trailing_stop"; trailBps: number; activationPrice?: number };
export type StopConfig = StopLossConfig | TakeProfitConfig | TrailingStopConfig;

export type StopState = {
  /** Trailing stops: the highest price seen since activation (null until activated). */
  highWater: number | null;
  triggered: boolean;
  triggeredBlock: bigint | null;
  /** Last observation applied; older blocks are ignored. */
  lastBlock: bigint | null;
};
export const INITIAL_STOP_STATE: StopState = { highWater: null, triggered: false, triggeredBlock: null, lastBlock: null };

// ---------------------------------------------------------------- risk settings and breakers

export type RiskSettings = {
  /** Largest single position as a share of the portfolio (default 1,000 = 10 %). */
  maxPositionBps: number;
  /** Equity risked per trade by fixed-fraction sizing (default 100 = 1 %). */
  riskPerTradeBps: number;
  /** Largest Kelly position (default 2,000 = 20 %). */
  kellyCapBps: number;
  /** Fractional Kelly multiplier (default 5,000 = half Kelly). */
  kellyFractionBps: number;
  /** Annualised portfolio volatility targeted by volatility-scaled sizing (default 2,000 = 20 %). */
  targetVolBps: number;
};
export const DEFAULT_RISK_SETTINGS: RiskSettings = { maxPositionBps: 1000, riskPerTradeBps: 100, kellyCapBps: 2000, kellyFractionBps: 5000, targetVolBps: 2000 };

export const BreakerAction = { halveSize: "halve_size", conservativeOnly: "conservative_only", stopAll: "stop_all" } as const;
export type BreakerAction = (typeof BreakerAction)[keyof typeof BreakerAction];
/** Severity order: a later level's action must be at least as strict as an earlier one's. */
export const BREAKER_SEVERITY: Record<BreakerAction, number> = { halve_size: 1, conservative_only: 2, stop_all: 3 };
export type BreakerLevel = { drawdownBps: number; action: BreakerAction };
export const DEFAULT_BREAKER_LEVELS: BreakerLevel[] = [
  { drawdownBps: 500, action: "halve_size" },
  { drawdownBps: 1000, action: "conservative_only" },
  { drawdownBps: 1500, action: "stop_all" },
];
/** level 0 = normal; level k = levels[k − 1] tripped. peakUsd is the high-water mark. */
export type BreakerState = { level: number; peakUsd: number | null; changedAt?: Date | null };
export const INITIAL_BREAKER_STATE: BreakerState = { level: 0, peakUsd: null, changedAt: null };
