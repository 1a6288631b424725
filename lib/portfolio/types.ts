// Wire shapes of the portfolio router. Fiat amounts are decimal strings (USD, up to 18
// decimals, rounded as the core rounds them: values/proceeds down, costs up); token quantities
// are decimal strings in whole tokens; dimensionless figures (returns, ratios) are numbers.
export type Usd = string;

export const RANGES = ["1D", "7D", "30D", "YTD", "1Y", "ALL"] as const;
export type Range = (typeof RANGES)[number];

export type PortfolioInfo = {
  id: string;
  name: string;
  costBasisMethod: "fifo" | "lifo" | "hifo" | "average";
  isPublic: boolean;
  slug: string | null;
  privacyMode: "values" | "percentages" | "delayed";
  showWallets: boolean;
  publishedAt: Date | null;
  createdAt: Date;
};

export type Change = { absUsd: Usd | null; pct: number | null };

export type PortfolioSummary = {
  portfolio: PortfolioInfo;
  asOf: Date;
  valueUsd: Usd;
  change: { d1: Change; d7: Change; d30: Change };
  /** Today's P&L: value change over the last day net of external flows. */
  dailyPnlUsd: Usd | null;
  /** Share of closed disposals (sells/swaps) with a positive realised P&L; null without any. */
  winRate: number | null;
  costBasisUsd: Usd;
  realizedPnlUsd: Usd;
  unrealizedPnlUsd: Usd;
  incomeUsd: Usd;
  /** Holdings we can't price: shown, never silently valued at zero. */
  unpriced: { assetId: string; symbol: string; chain: string; quantity: string }[];
  walletCount: number;
  transactionCount: number;
  /** Where prices come from (for the UI's credit line). */
  priceSources: string[];
};

export type HoldingRow = {
  assetId: string;
  symbol: string;
  chain: string;
  category: string;
  quantity: string;
  priceUsd: Usd | null;
  change24hPct: number | null;
  valueUsd: Usd | null;
  costBasisUsd: Usd;
  unrealizedPnlUsd: Usd | null;
  realizedPnlUsd: Usd;
  incomeUsd: Usd;
  /** Unrealised P&L / cost basis. */
  pnlPct: number | null;
  weightBps: number;
  /** Per wallet/account. */
  sources: { account: string; quantity: string }[];
};

export type PerformancePoint = { day: string; valueUsd: number; twrIndex: number };
export type RangeReturnRow = { range: Range; twr: number | null; mwr: number | null; mwrAnnualised: number | null; roi: number | null; incomplete: boolean };

export type Performance = {
  range: Range;
  points: PerformancePoint[];
  /** Benchmarks rebased to the portfolio's TWR index at the range start. */
  benchmarks: { symbol: "BTC" | "ETH"; points: { day: string; index: number }[] }[];
  returns: RangeReturnRow[];
};

export type AllocationSlice = { key: string; label: string; valueUsd: Usd; weightBps: number };
export type RuleResult = { id: string; label: string; ok: boolean; thresholdBps: number; actualBps: number; detail: string };
export type AllocationView = { byAsset: AllocationSlice[]; byChain: AllocationSlice[]; byCategory: AllocationSlice[]; rules: RuleResult[] };

export type RiskView = {
  range: Range;
  days: number;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: { pct: number; peakDay: string | null; troughDay: string | null; recoveryDay: string | null };
  currentDrawdownPct: number;
  drawdownLimitBps: number;
  var: { confidence: number; historical: number | null; historicalCvar: number | null; parametric: number | null; parametricCvar: number | null }[];
  beta: number | null;
  correlation: number | null;
};

export type TransactionRow = {
  id: string;
  source: "manual" | "import" | "wallet";
  type: "buy" | "sell" | "transfer_in" | "transfer_out" | "fee" | "income" | "swap";
  incomeKind: string | null;
  asset: string;
  quantity: string;
  toAsset: string | null;
  toQuantity: string | null;
  priceUsd: Usd | null;
  valueUsd: Usd | null;
  feeUsd: Usd | null;
  occurredAt: Date;
  account: string;
  note: string | null;
  /** Chain transactions: the hash and chain. */
  chainId: number | null;
  hash: string | null;
};

export type ImportPreview = {
  format: string | null;
  rows: number;
  activities: { line: number; type: string; asset: string; quantity: string; priceUsd: string | null; occurredAt: string; duplicate: boolean }[];
  errors: { line: number; reason: string }[];
  warnings: { line: number; reason: string }[];
  duplicates: number;
  /** True when the file can be committed (no errors). */
  ok: boolean;
};

export type ExplainView =
  | { kind: "holding"; title: string; lines: { label: string; value: string }[]; lots: { acquired: string; quantity: string; costUsd: Usd; consumed: boolean }[]; result: Usd | null }
  | { kind: "return"; title: string; lines: { label: string; value: string }[]; flows: { day: string; amountUsd: number }[]; subPeriods: { day: string; r: number }[]; result: number | null };

export type PublicPortfolio = {
  name: string;
  slug: string;
  privacyMode: "values" | "percentages" | "delayed";
  asOf: Date;
  valueUsd: Usd | null;
  returns: RangeReturnRow[];
  holdings: { symbol: string; chain: string; weightBps: number; valueUsd: Usd | null; quantity: string | null }[];
  byCategory: AllocationSlice[];
  wallets: string[] | null;
  points: { day: string; twrIndex: number }[];
};
