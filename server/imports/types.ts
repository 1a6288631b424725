// Types for CSV import of portfolio activity. This module and its siblings are a pure core
// (CONVENTIONS §2): text in, typed activities and line-numbered issues out; no I/O, no clock.
// The service persists the result in one transaction (all-or-nothing) and prices rows whose
// priceUsd is null from candles.

export const ActivityType = {
  buy: "buy",
  sell: "sell",
  transferIn: "transfer_in",
  transferOut: "transfer_out",
  fee: "fee",
  income: "income",
} as const;
export type ActivityType = (typeof ActivityType)[keyof typeof ActivityType];
export const ACTIVITY_TYPES: readonly ActivityType[] = Object.values(ActivityType);

export const IncomeKind = {
  stakingReward: "staking_reward",
  lpFee: "lp_fee",
  farmReward: "farm_reward",
  airdrop: "airdrop",
  other: "other",
} as const;
export type IncomeKind = (typeof IncomeKind)[keyof typeof IncomeKind];
export const INCOME_KINDS: readonly IncomeKind[] = Object.values(IncomeKind);

export const FormatId = {
  generic: "generic",
  binanceTrades: "binance-trades",
  binanceStatement: "binance-statement",
  coinbase: "coinbase",
} as const;
export type FormatId = (typeof FormatId)[keyof typeof FormatId];
export const FORMAT_IDS: readonly FormatId[] = Object.values(FormatId);

/**
 * One normalised activity. Decimal fields are exact strings (no floats), at most 18 decimals.
 * A row yields one activity, except a swap (a trade between two non-USD assets, e.g. ETH/BTC or a
 * Coinbase Convert), which yields two on the same `line`: a `sell` of what was given, then a
 * `buy` of what was received (service may merge them into one portfolio `swap`).
 */
export type ImportedActivity = {
  /** 1-based physical line of the row in the file (preamble, BOM and quoted newlines counted). */
  line: number;
  type: ActivityType;
  incomeKind?: IncomeKind;
  /** Uppercase symbol, e.g. "BTC". */
  asset: string;
  /** Positive decimal string, canonical form ("0.5", "12", never "0.50" or "1e-8"). */
  quantity: string;
  /** Unit price in USD, or null when the service must price it (non-USD quote, transfers). */
  priceUsd: string | null;
  feeAsset?: string;
  feeQuantity?: string;
  /** ISO 8601 UTC with milliseconds: "2024-01-15T10:23:45.000Z". */
  occurredAt: string;
  account?: string;
  note?: string;
  /** The exchange's own id for the row when the format has one. */
  externalId?: string;
  /** Stable key of the economic content (see dedup.ts); same row in two files → same key. */
  dedupKey: string;
};

/** An activity as a format mapper produces it, before line and dedup key are attached. */
export type ActivityDraft = Omit<ImportedActivity, "line" | "dedupKey">;

/** A problem tied to a line; line 0 means the whole file. `reason` has no "line N:" prefix. */
export type ImportIssue = { line: number; reason: string; raw?: string };

export type ImportResult = {
  format: FormatId | null;
  activities: ImportedActivity[];
  /** Any error means the import must not be committed (all-or-nothing). */
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Rows whose dedupKey equals an earlier row's in the same file (they stay in activities). */
  duplicatesInFile: { line: number; duplicateOf: number }[];
  /** Data rows read (after the header, empty lines excluded). */
  rowCount: number;
};

export type ParseImportOptions = { format?: FormatId; defaultAccount?: string };

/** What a format mapper returns for one row. */
export type RowOutcome =
  | { kind: "ok"; activities: ActivityDraft[]; warnings?: string[] }
  | { kind: "skip"; reason: string }
  | { kind: "error"; reason: string };

export type FormatSpec = {
  id: FormatId;
  label: string;
  /** The header line as the source publishes it (for docs and the unknown-format message). */
  headerExample: string;
  /** True when the normalised header cells (trimmed, lower-case) are this format's header. */
  matchesHeader: (cells: readonly string[]) => boolean;
  mapRow: (row: RowCells) => RowOutcome;
};

/** A data row's cells keyed by normalised header name; missing cells read as "". */
export type RowCells = { get: (column: string) => string };

export const IMPORT_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 50_000,
  /** Lines scanned for a header, so exports with a preamble (Coinbase) are recognised. */
  maxPreambleLines: 20,
  maxDecimals: 18,
} as const;

export const ok = (activities: ActivityDraft[], warnings?: string[]): RowOutcome => ({ kind: "ok", activities, warnings });
export const fail = (reason: string): RowOutcome => ({ kind: "error", reason });
export const skip = (reason: string): RowOutcome => ({ kind: "skip", reason });
