// The social router's contract: zod inputs (shared by forms and server/api/routers/social*.ts)
// and the DTOs the services return (the UI imports these types). Wire conventions as the rest of
// the app: token amounts as base-unit integer strings, USD as numbers (analytics) and dates as
// ISO strings.
import { z } from "zod";
import { chainIdSchema, railSchema } from "./automation";
import { copySettingsSchema, metricWindowSchema, publishSignalSchema } from "./social-core";
import { displayNameSchema } from "./user";

export { copySettingsSchema, metricWindowSchema, publishSignalSchema };
export type MetricWindow = z.infer<typeof metricWindowSchema>;

const idSchema = z.string().trim().min(1, "Choose a trader.").max(64, "Unknown id.");
const cursorSchema = z.string().max(200).nullish();

// ---------------------------------------------------------------- profile

/** An avatar: a data: URL of a PNG, JPEG or WebP image up to 64 KB, or null for the monogram. */
export const AVATAR_MAX_BYTES = 64 * 1024;
export const avatarSchema = z
  .string()
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/, "Use a PNG, JPEG or WebP image.")
  .refine((s) => Math.floor(((s.length - s.indexOf(",") - 1) * 3) / 4) <= AVATAR_MAX_BYTES, "Use an image of at most 64 KB.")
  .nullable();

export const TRADE_DELAY_CHOICES_MIN = [0, 15, 60, 240, 1440] as const;

export const traderSourcesSchema = z.object({
  paper: z.boolean().default(true),
  vaults: z.boolean().default(true),
  portfolioIds: z.array(z.string().min(1).max(64)).max(20, "Choose at most 20 portfolios.").default([]),
});

export const updateTraderProfileInput = z.object({
  displayName: displayNameSchema,
  bio: z.string().trim().max(280, "Use at most 280 characters.").default(""),
  isPublic: z.boolean(),
  avatar: avatarSchema.default(null),
  tradeDelayMinutes: z
    .number()
    .int()
    .refine((m) => (TRADE_DELAY_CHOICES_MIN as readonly number[]).includes(m), "Choose one of the offered delays.")
    .default(0),
  sources: traderSourcesSchema.default({ paper: true, vaults: true, portfolioIds: [] }),
});
export type UpdateTraderProfileInput = z.input<typeof updateTraderProfileInput>;

// ---------------------------------------------------------------- traders

export const LEADERBOARD_SORTS = ["twr", "sharpe", "sortino", "maxDrawdown", "winRate", "trades", "riskScore", "followers", "fidelity"] as const;
export const tradersTopInput = z.object({
  window: metricWindowSchema.default("30d"),
  sort: z.enum(LEADERBOARD_SORTS).default("twr"),
  order: z.enum(["asc", "desc"]).optional(),
  riskMin: z.number().int().min(1).max(10).default(1),
  riskMax: z.number().int().min(1).max(10).default(10),
  kind: z.enum(["all", "person", "bot"]).default("all"),
  limit: z.number().int().min(1).max(100).default(50),
}).refine((v) => v.riskMin <= v.riskMax, { message: "The lowest risk score must not exceed the highest.", path: ["riskMin"] });
export type TradersTopInput = z.input<typeof tradersTopInput>;

export const traderIdInput = z.object({ id: idSchema });
export const traderTradesInput = z.object({ id: idSchema, limit: z.number().int().min(1).max(100).default(25), cursor: cursorSchema });

// ---------------------------------------------------------------- follow / copy

export const followInput = z.object({ leaderId: idSchema });
export const copyConfigureInput = z.object({
  leaderId: idSchema,
  rail: railSchema.default("paper"),
  chainId: chainIdSchema,
  slippageBps: z.number().int("Use whole basis points.").min(1, "Allow at least 0.01 % slippage.").max(1_000, "Use at most 10 % slippage.").default(100),
  settings: copySettingsSchema,
});
export type CopyConfigureInput = z.input<typeof copyConfigureInput>;
export const copyIdInput = z.object({ copyId: idSchema });
export const copyTradesInput = z.object({ copyId: idSchema.optional(), limit: z.number().int().min(1).max(100).default(25), cursor: cursorSchema });

// ---------------------------------------------------------------- signals

export const signalsListInput = z.object({
  provider: z.enum(["all", "person", "bot", "generated", "following"]).default("all"),
  providerId: idSchema.optional(),
  asset: z.string().trim().max(16).optional(),
  status: z.enum(["all", "open", "target_hit", "stop_hit", "expired"]).default("all"),
  direction: z.enum(["all", "long", "short"]).default("all"),
  basis: z.enum(["all", "live", "history"]).default("all"),
  limit: z.number().int().min(1).max(100).default(30),
  cursor: cursorSchema,
});
export type SignalsListInput = z.input<typeof signalsListInput>;
export const signalIdInput = z.object({ id: idSchema });
export const publishSignalInput = publishSignalSchema;
export const feedInput = z.object({ limit: z.number().int().min(1).max(100).default(40), cursor: cursorSchema });

// ---------------------------------------------------------------- featured portfolios

export const featuredInput = z.object({ limit: z.number().int().min(1).max(50).default(12) });
export const copyAllocationInput = z.object({ portfolioId: idSchema, chainId: chainIdSchema });

// ================================================================ DTOs (service outputs)

export type TraderKind = "person" | "bot";

export type MetricsDto = {
  window: MetricWindow;
  days: number;
  twr: number | null;
  maxDrawdown: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  winRate: number | null;
  trades: number;
  roundTrips: number;
  avgHoldingDays: number | null;
  exposure: number | null;
  turnover: number | null;
};

export type FidelityDto = {
  count: number;
  meanBps: number | null;
  medianBps: number | null;
  p90Bps: number | null;
  minBps: number | null;
  maxBps: number | null;
  histogram: { fromBps: number; toBps: number; count: number }[];
  meanDelayMs: number | null;
  meanDelayBlocks: number | null;
};

export type RiskDto = { score: number; volatilitySub: number; drawdownSub: number; concentrationSub: number };

export type TraderSummaryDto = {
  id: string;
  name: string;
  kind: TraderKind;
  avatar: string | null;
  bio: string;
  botStrategy: string | null;
  riskScore: number;
  risk: RiskDto;
  metrics: MetricsDto;
  recordDays: number;
  totalTrades: number;
  /** Ranked: the minimum record is met. */
  eligible: boolean;
  /** What is missing when not eligible ("12 more days", "3 more trades"). */
  missing: string[];
  followers: number;
  copiers: number;
  fidelity: FidelityDto | null;
  /** Last day of the record (ISO date): today for live books, the end of the shipped history for bots. */
  asOf: string | null;
  /** TWR index (1 = start) of the window's days, for a sparkline. */
  sparkline: number[];
};

export type LeaderboardDto = {
  window: MetricWindow;
  requirements: { minDays: number; minTrades: number };
  entries: TraderSummaryDto[];
  /** Public traders below the minimum record (shown apart, never ranked). */
  unranked: TraderSummaryDto[];
};

export type TradeDto = {
  id: string;
  source: "paper" | "chain" | "vault";
  origin: string;
  chainId: number;
  side: "buy" | "sell" | "swap";
  symbolIn: string;
  symbolOut: string;
  amountIn: string;
  amountOut: string;
  decimalsIn: number;
  decimalsOut: number;
  valueUsd: number;
  block: string | null;
  txHash: string | null;
  executedAt: string;
};

export type EquityPointDto = { day: string; valueUsd: number; index: number };

export type TraderDetailDto = {
  trader: TraderSummaryDto;
  windows: Record<MetricWindow, MetricsDto>;
  equity: EquityPointDto[];
  recentTrades: TradeDto[];
  /** Public viewers see trades this late (0 for the trader themself). */
  delayMinutes: number;
  isSelf: boolean;
  following: boolean;
  /** The viewer's copy of this trader, if any. */
  copy: CopyDto | null;
  signals: { total: number; resolved: number; targetHits: number; hitRate: number | null };
};

export type CopyDto = {
  id: string;
  leader: { id: string; name: string; kind: TraderKind };
  rail: "paper" | "vault";
  chainId: number;
  status: "active" | "paused" | "stopped";
  statusReason: string | null;
  settings: {
    allocatedUsd: number;
    mode: "proportional" | "fixed";
    fixedTradeUsd: number | null;
    maxPerTradeUsd: number | null;
    copyStopLossBps: number | null;
    minTradeUsd: number;
    slippageBps: number;
  };
  usedAllocationUsd: number;
  equityUsd: number;
  peakEquityUsd: number | null;
  drawdownBps: number;
  positions: { token: string; symbol: string; amountRaw: string; decimals: number; valueUsd: number }[];
  counts: { filled: number; skipped: number; failed: number; pending: number };
  fidelity: FidelityDto | null;
  startedAt: string;
  updatedAt: string;
};

export type CopyTradeDto = {
  id: string;
  copyId: string;
  leader: { id: string; name: string };
  kind: "copy" | "close";
  status: "pending" | "filled" | "skipped" | "failed";
  code: string | null;
  reason: string;
  leaderTrade: TradeDto | null;
  symbolIn: string | null;
  symbolOut: string | null;
  amountIn: string | null;
  amountOut: string | null;
  decimalsIn: number | null;
  decimalsOut: number | null;
  valueUsd: number | null;
  diffBps: number | null;
  delayMs: number | null;
  delayBlocks: number | null;
  txHash: string | null;
  createdAt: string;
  filledAt: string | null;
};

export type SignalDto = {
  id: string;
  provider: { id: string | null; name: string; kind: "person" | "bot" | "generated" };
  rule: string | null;
  asset: string;
  direction: "long" | "short";
  entry: number;
  targets: number[];
  stop: number;
  horizonDays: number;
  rationale: string;
  basis: "live" | "history";
  publishedAt: string;
  expiresAt: string;
  status: "open" | "target_hit" | "stop_hit" | "expired";
  targetsReached: number;
  resolvedAt: string | null;
  resolvedPrice: number | null;
  returns: { d1: number | null; d7: number | null; d30: number | null };
  lastPrice: number | null;
  lastObservedAt: string | null;
};

export type ProviderHitRateDto = {
  providerId: string | null;
  name: string;
  kind: "person" | "bot" | "generated";
  total: number;
  resolved: number;
  targetHits: number;
  stopHits: number;
  expired: number;
  open: number;
  hitRate: number | null;
};

export type SignalsPageDto = { items: SignalDto[]; nextCursor: string | null; hitRates: ProviderHitRateDto[] };

export type FeedItemDto =
  | { type: "trade"; at: string; trader: { id: string; name: string; kind: TraderKind }; trade: TradeDto }
  | { type: "signal"; at: string; signal: SignalDto };
export type FeedDto = { items: FeedItemDto[]; nextCursor: string | null; following: number };

export type FeaturedPortfolioDto = {
  portfolioId: string;
  slug: string;
  name: string;
  owner: { id: string; name: string; kind: TraderKind };
  followers: number;
  /** Sharpe of the portfolio's daily returns (risk-adjusted return); null when too short. */
  sharpe: number | null;
  twr: number | null;
  volatility: number | null;
  days: number;
  allocation: { symbol: string; weightBps: number }[];
};

export type CopyAllocationDto = {
  chainId: number;
  portfolioName: string;
  /** Targets for a rebalance on this chain (bps, sum 10,000): assets the chain trades. */
  targets: { token: string; symbol: string; weightBps: number }[];
  /** Assets of the portfolio this chain cannot trade (left out, the rest scaled up). */
  unsupported: { symbol: string; weightBps: number }[];
};

export type ProfileDto = {
  displayName: string;
  bio: string;
  isPublic: boolean;
  avatar: string | null;
  tradeDelayMinutes: number;
  sources: { paper: boolean; vaults: boolean; portfolioIds: string[] };
  publishedAt: string | null;
} | null;

export { chainIdSchema };
