// Portfolio analytics core: shared types, money arithmetic and UTC-day helpers. Pure.
//
// MONEY REPRESENTATION (CONVENTIONS §5)
//   - Token quantities are `bigint` base units (`quantityRaw`); each asset's `decimals` comes from
//     the `AssetRegistry` passed in, never from the activity.
//   - Every USD amount (unit prices, cost basis, proceeds, values, P&L, cash flows) is a `bigint`
//     in fixed point USD × 1e18 (`UsdE18`, names end in `UsdE18`). A unit price is USD per WHOLE
//     token, so the value of a quantity is `quantityRaw × priceUsdE18 / 10^decimals`.
//   - Rounding is explicit and documented where it happens. The rule ("in the user's favour",
//     i.e. never overstating a taxable gain): a COST is rounded UP (`mulDivUp`), PROCEEDS and
//     market VALUES are rounded DOWN (`mulDivDown`). When part of a lot is consumed, the consumed
//     cost is rounded up and the remainder is `cost − consumed`, so no cost is ever created or
//     lost and the P&L identities hold to the last unit (see lots.ts).
//   - Floats (`number`) only for dimensionless analytics: returns, volatility, Sharpe, Sortino,
//     drawdown, VaR %, beta, correlation, weights. `usdE18ToNumber` is the one bridge.
//
// TIME
//   - Activities carry `timestampMs` (UTC epoch ms). Analytics work on UTC days: `DayNumber` is
//     `floor(timestampMs / 86_400_000)` (days since 1970-01-01 UTC). No clock is read here:
//     callers pass `now`.
export type UsdE18 = bigint;
export type DayNumber = number;

export const USD_SCALE = 10n ** 18n;
export const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------- assets

export const AssetCategory = {
  stablecoin: "stablecoin",
  l1: "l1",
  l2: "l2",
  defi: "defi",
  meme: "meme",
  lp: "lp",
  other: "other",
} as const;
export type AssetCategory = (typeof AssetCategory)[keyof typeof AssetCategory];

/** Metadata the core needs about an asset. An asset id is chain-scoped (USDC on Base ≠ USDC on Arbitrum). */
export type AssetMeta = {
  decimals: number;
  symbol: string;
  chain: string;
  category: AssetCategory;
  /** Protocol whose risk the holding carries (aTokens → "aave", LP tokens → "uniswap-v3"), if any. */
  protocol?: string;
};
export type AssetRegistry = Readonly<Record<string, AssetMeta>>;

/** Close price of an asset on a UTC day, or null when unknown. Unpriced holdings are excluded and flagged, never valued at zero. */
export type PriceLookup = (assetId: string, day: DayNumber) => UsdE18 | null;

/** A structured-cloneable price table (for worker threads): `prices[i]` is the close of day `startDay + i`. */
export type PriceTable = Readonly<Record<string, { startDay: DayNumber; prices: readonly (UsdE18 | null)[] }>>;

// ---------------------------------------------------------------- activities

/** A fee: paid in USD from outside the portfolio, or in an asset the portfolio holds (gas), valued at `priceUsdE18`. */
export type Fee =
  | { kind: "usd"; usdE18: UsdE18 }
  | { kind: "asset"; assetId: string; quantityRaw: bigint; priceUsdE18: UsdE18 };

type ActivityBase = {
  id: string;
  timestampMs: number;
  /** Wallet or account of the user that the activity belongs to. */
  accountId: string;
  fee?: Fee;
};

export const IncomeSubtype = {
  stakingReward: "staking_reward",
  lpFee: "lp_fee",
  farmReward: "farm_reward",
  airdrop: "airdrop",
} as const;
export type IncomeSubtype = (typeof IncomeSubtype)[keyof typeof IncomeSubtype];

/**
 * What happened to a portfolio. Semantics (and which are external cash flows, see valuation.ts):
 * - `buy`: assets bought with outside money at `priceUsdE18`; lot cost = value + fee.
 * - `sell`: assets sold for outside money; proceeds = value − fee.
 * - `transfer_in` / `transfer_out`: assets arriving from / leaving to outside the portfolio
 *   (not P&L events: they move cost basis in or out). A transfer between two of the user's own
 *   accounts (`internal: true`, a shared `transferId`, or an automatically matched out/in pair,
 *   see activities.ts) moves lots and is neither a P&L event nor a cash flow.
 * - `fee`: a standalone fee paid in an asset (gas): a disposal for zero proceeds.
 * - `income`: rewards; a new lot whose cost basis is its market value at receipt, reported as income.
 * - `swap`: one activity disposing `from` and acquiring `to`; `valueUsdE18` is the market value of
 *   the exchange (proceeds of `from`, cost of `to`).
 */
export type Activity =
  | (ActivityBase & { type: "buy" | "sell"; assetId: string; quantityRaw: bigint; priceUsdE18: UsdE18 })
  | (ActivityBase & {
      type: "transfer_in";
      assetId: string;
      quantityRaw: bigint;
      /** Market price at receipt; when absent the price lookup of that day is used. */
      priceUsdE18?: UsdE18;
      /** Known cost basis of what arrives (e.g. bought elsewhere); defaults to market value at receipt. */
      costBasisUsdE18?: UsdE18;
      internal?: boolean;
      fromAccountId?: string;
      transferId?: string;
    })
  | (ActivityBase & {
      type: "transfer_out";
      assetId: string;
      quantityRaw: bigint;
      priceUsdE18?: UsdE18;
      internal?: boolean;
      toAccountId?: string;
      transferId?: string;
    })
  | (ActivityBase & { type: "fee"; assetId: string; quantityRaw: bigint })
  | (ActivityBase & { type: "income"; subtype: IncomeSubtype; assetId: string; quantityRaw: bigint; priceUsdE18: UsdE18 })
  | (ActivityBase & {
      type: "swap";
      from: { assetId: string; quantityRaw: bigint };
      to: { assetId: string; quantityRaw: bigint };
      valueUsdE18: UsdE18;
    });
export type ActivityType = Activity["type"];

/** A transfer between two of the user's own accounts, after matching (activities.ts). */
export type InternalMove = {
  type: "move";
  id: string;
  /** Ids of the source activities (one or two). */
  activityIds: string[];
  timestampMs: number;
  assetId: string;
  fromAccountId: string;
  toAccountId: string;
  sentRaw: bigint;
  /** ≤ sentRaw; the difference (bridge fee) is a disposal for zero proceeds at the source. */
  receivedRaw: bigint;
  /** Fees of both legs (gas on the sending and receiving side). */
  fees: Fee[];
};

/**
 * The normalised, validated, time-sorted event stream every calculator consumes (prepareActivities):
 * activities as given, except that transfers between own accounts became `InternalMove`s, so any
 * `transfer_in` / `transfer_out` left in it is external.
 */
export type PortfolioEvent = Activity | InternalMove;

export const LotMethod = { fifo: "fifo", lifo: "lifo", hifo: "hifo", average: "average" } as const;
export type LotMethod = (typeof LotMethod)[keyof typeof LotMethod];

// ---------------------------------------------------------------- results and errors

export const PortfolioErrorCode = {
  insufficientQuantity: "portfolio.INSUFFICIENT_QUANTITY",
  invalidActivity: "portfolio.INVALID_ACTIVITY",
  unknownAsset: "portfolio.UNKNOWN_ASSET",
} as const;
export type PortfolioErrorCode = (typeof PortfolioErrorCode)[keyof typeof PortfolioErrorCode];

/** A typed failure of the core (services turn it into a DomainError with `toDomainError`, errors.ts). */
export type PortfolioError = {
  code: PortfolioErrorCode;
  message: string;
  activityId?: string;
  assetId?: string;
  heldRaw?: bigint;
  requestedRaw?: bigint;
};
export type Result<T, E = PortfolioError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (error: PortfolioError): Result<never> => ({ ok: false, error });

// ---------------------------------------------------------------- arithmetic

const POW10: bigint[] = Array.from({ length: 78 }, (_, i) => 10n ** BigInt(i));
/** 10^n as bigint, cached for token decimals. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** floor(a × b / d) for non-negative a, b and positive d. */
export function mulDivDown(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b) / d;
}

/** ceil(a × b / d) for non-negative a, b and positive d. */
export function mulDivUp(a: bigint, b: bigint, d: bigint): bigint {
  const p = a * b;
  const q = p / d;
  return q * d === p ? q : q + 1n;
}

/** Market value (rounded down) of `quantityRaw` base units at `priceUsdE18` per whole token. */
export function valueUsdE18(quantityRaw: bigint, decimals: number, priceUsdE18: UsdE18): UsdE18 {
  return mulDivDown(quantityRaw, priceUsdE18, pow10(decimals));
}

/** Cost (rounded up) of `quantityRaw` base units at `priceUsdE18` per whole token. */
export function costUsdE18(quantityRaw: bigint, decimals: number, priceUsdE18: UsdE18): UsdE18 {
  return mulDivUp(quantityRaw, priceUsdE18, pow10(decimals));
}

/** The one bridge from fixed-point money to a float, for dimensionless analytics and display. */
export function usdE18ToNumber(v: UsdE18): number {
  // Split so values beyond 2^53 / 1e18 keep their fractional digits.
  const whole = v / USD_SCALE;
  const frac = v - whole * USD_SCALE;
  return Number(whole) + Number(frac) / 1e18;
}

/** Whole/decimal USD string → UsdE18 (for tests, fixtures and the wire). Truncates beyond 18 decimals. */
export function usd(s: string | number): UsdE18 {
  const str = typeof s === "number" ? s.toString() : s;
  const neg = str.startsWith("-");
  const [w = "0", f = ""] = (neg ? str.slice(1) : str).split(".");
  const v = BigInt(w) * USD_SCALE + BigInt((f + "0".repeat(18)).slice(0, 18));
  return neg ? -v : v;
}

/** UsdE18 → decimal string with 18 fractional digits trimmed of trailing zeros (the wire format for fiat). */
export function formatUsdE18(v: UsdE18): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % USD_SCALE).toString().padStart(18, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / USD_SCALE}${frac ? `.${frac}` : ""}`;
}

// ---------------------------------------------------------------- days

export function dayOf(timestampMs: number): DayNumber {
  return Math.floor(timestampMs / MS_PER_DAY);
}
/** "2024-03-01" → day number. */
export function dayFromIso(iso: string): DayNumber {
  return dayOf(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));
}
export function isoFromDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A PriceLookup over a PriceTable (what a worker receives instead of a function). */
export function priceLookupFromTable(table: PriceTable): PriceLookup {
  return (assetId, day) => {
    const t = table[assetId];
    if (!t) return null;
    return t.prices[day - t.startDay] ?? null;
  };
}
