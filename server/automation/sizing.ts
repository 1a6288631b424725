// Position sizing, and the one function that turns a USD size into token base units. Pure.
//
// Every path from a float metric (a Kelly fraction, a volatility ratio, a USD value) to an order
// amount goes through `usdToRawDown`: it computes floor(usd / priceUsd × 10^decimals) EXACTLY on
// the doubles' binary values (no float multiplication by 10^18, which would lose digits above
// 2^53), rounding down — a size is a maximum the user spends, so the user's favour is "less".
//
// Sizing steps (all methods): raw fraction of equity → method cap (Kelly: kellyCapBps) → never
// negative → global cap maxPositionBps → × breaker multiplier → USD → base units (down).
import { DomainError, ErrorKind } from "@/server/errors";
import { BPS, BPS_N, DEFAULT_RISK_SETTINGS, type RiskSettings } from "./types";

// ---------------------------------------------------------------- exact float → base units

/** The exact value of a finite double ≥ 0 as num / den (den a power of two). */
export function exactRational(x: number): { num: bigint; den: bigint } {
  if (!Number.isFinite(x) || x < 0) throw new DomainError("automation.INVALID_NUMBER", ErrorKind.invalid, "Expected a finite number ≥ 0.");
  if (x === 0) return { num: 0n, den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074; // subnormal
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return exp >= 0 ? { num: mant << BigInt(exp), den: 1n } : { num: mant, den: 1n << BigInt(-exp) };
}

/**
 * THE rounding function: a USD size → base units of a token priced at `priceUsd`, rounded down.
 * floor(usd × 10^decimals / priceUsd), exact. 0n for usd ≤ 0.
 */
export function usdToRawDown(usd: number, priceUsd: number, decimals: number): bigint {
  if (!(priceUsd > 0) || !Number.isFinite(priceUsd)) throw new DomainError("automation.NO_PRICE", ErrorKind.invalid, "The token has no usable price.");
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) throw new DomainError("automation.INVALID_DECIMALS", ErrorKind.invalid, "Invalid token decimals.");
  if (!(usd > 0)) return 0n;
  const u = exactRational(usd);
  const p = exactRational(priceUsd);
  return (u.num * p.den * 10n ** BigInt(decimals)) / (u.den * p.num);
}

/** floor(amountRaw × price × 10^decimalsOut / 10^decimalsIn): an amount of one token in another at a price (out per in). */
export function convertRawDown(amountRaw: bigint, price: number, decimalsIn: number, decimalsOut: number): bigint {
  if (amountRaw <= 0n) return 0n;
  const p = exactRational(price);
  return (amountRaw * p.num * 10n ** BigInt(decimalsOut)) / (p.den * 10n ** BigInt(decimalsIn));
}

/**
 * floor(amountRaw × priceInUsd / priceOutUsd × 10^decimalsOut / 10^decimalsIn): what an amount of
 * one token is worth in another at two USD prices, exact (no float ratio of the prices).
 */
export function convertRawAtUsdPricesDown(amountRaw: bigint, priceInUsd: number, priceOutUsd: number, decimalsIn: number, decimalsOut: number): bigint {
  if (amountRaw <= 0n) return 0n;
  if (!(priceOutUsd > 0)) throw new DomainError("automation.NO_PRICE", ErrorKind.invalid, "The token has no usable price.");
  const a = exactRational(priceInUsd);
  const b = exactRational(priceOutUsd);
  return (amountRaw * a.num * b.den * 10n ** BigInt(decimalsOut)) / (a.den * b.num * 10n ** BigInt(decimalsIn));
}

/** USD value of base units (a float: for analytics and display, never for an order amount). */
export function rawToUsd(amountRaw: bigint, priceUsd: number, decimals: number): number {
  // Split into whole and fractional tokens so large raw amounts keep their precision.
  const scale = 10n ** BigInt(decimals);
  const whole = amountRaw / scale;
  const frac = amountRaw % scale;
  return (Number(whole) + Number(frac) / Number(scale)) * priceUsd;
}

/** floor(amountRaw × bps / 10,000). */
export const mulBpsDown = (amountRaw: bigint, bps: number): bigint => (amountRaw * BigInt(Math.trunc(bps))) / BPS_N;

// ---------------------------------------------------------------- sizing

export type SizingMethod = "fixed_fraction" | "volatility_scaled" | "kelly";

export type SizingContext = {
  equityUsd: number;
  /** Price and decimals of the token bought. */
  priceUsd: number;
  decimals: number;
  settings?: Partial<RiskSettings>;
  /** From breakers.ts sizeMultiplierBps (10,000 = none, 5,000 = halved, 0 = stopped). */
  breakerMultiplierBps?: number;
};

export type PositionSize = {
  method: SizingMethod;
  /** The method's fraction of equity before any cap (may be negative for Kelly, > 1 for the others). */
  rawFraction: number;
  /** Final fraction of equity after caps and the breaker multiplier. */
  fraction: number;
  usd: number;
  /** usdToRawDown(usd, priceUsd, decimals). */
  amountRaw: bigint;
  cappedBy: "method_cap" | "max_position" | null;
  breakerMultiplierBps: number;
  /** Human explanations of each step (shown in previews and run rationales). */
  notes: string[];
};

const pct = (f: number) => `${(f * 100).toFixed(2)} %`;

function finish(method: SizingMethod, ctx: SizingContext, rawFraction: number, methodCap: number | null, notes: string[]): PositionSize {
  const s = { ...DEFAULT_RISK_SETTINGS, ...ctx.settings };
  const mult = ctx.breakerMultiplierBps ?? BPS;
  let f = Number.isFinite(rawFraction) ? rawFraction : 0;
  let cappedBy: PositionSize["cappedBy"] = null;
  if (f < 0) {
    notes.push(`The method gives ${pct(f)} (no edge): no position.`);
    f = 0;
  }
  if (methodCap !== null && f > methodCap) {
    notes.push(`Capped at the method's cap of ${pct(methodCap)}.`);
    f = methodCap;
    cappedBy = "method_cap";
  }
  const maxPos = s.maxPositionBps / BPS;
  if (f > maxPos) {
    notes.push(`Capped at the maximum position of ${pct(maxPos)} of the portfolio.`);
    f = maxPos;
    cappedBy = "max_position";
  }
  if (mult !== BPS) {
    notes.push(mult === 0 ? "The circuit breaker stops new positions: size 0." : `Circuit breaker: size × ${pct(mult / BPS)}.`);
    f = (f * mult) / BPS;
  }
  const equity = ctx.equityUsd > 0 ? ctx.equityUsd : 0;
  if (equity === 0) notes.push("No equity: size 0.");
  const usd = f * equity;
  return { method, rawFraction, fraction: f, usd, amountRaw: usdToRawDown(usd, ctx.priceUsd, ctx.decimals), cappedBy, breakerMultiplierBps: mult, notes };
}

/**
 * Fixed fraction: risk `riskPerTradeBps` of equity between entry and stop.
 * fraction = risk / stopDistance, stopDistance = (entry − stop) / entry (a long position).
 */
export function fixedFractionSize(ctx: SizingContext, p: { entryPriceUsd: number; stopPriceUsd: number }): PositionSize {
  const s = { ...DEFAULT_RISK_SETTINGS, ...ctx.settings };
  if (!(p.entryPriceUsd > 0) || !(p.stopPriceUsd > 0) || p.stopPriceUsd >= p.entryPriceUsd) {
    throw new DomainError("automation.INVALID_STOP_DISTANCE", ErrorKind.invalid, "The stop price must be above 0 and below the entry price.");
  }
  const dist = (p.entryPriceUsd - p.stopPriceUsd) / p.entryPriceUsd;
  const risk = s.riskPerTradeBps / BPS;
  return finish("fixed_fraction", ctx, risk / dist, null, [`Risk ${pct(risk)} of equity over a stop ${pct(dist)} below entry: ${pct(risk / dist)} of equity.`]);
}

/**
 * Volatility-scaled: fraction = targetVol / assetVol (both annualised), so the position alone
 * contributes the target volatility; capped by maxPositionBps.
 */
export function volatilityScaledSize(ctx: SizingContext, p: { assetVolAnnual: number }): PositionSize {
  const s = { ...DEFAULT_RISK_SETTINGS, ...ctx.settings };
  if (!(p.assetVolAnnual > 0) || !Number.isFinite(p.assetVolAnnual)) {
    throw new DomainError("automation.NO_VOLATILITY", ErrorKind.invalid, "The asset's volatility is unknown (not enough price history).");
  }
  const target = s.targetVolBps / BPS;
  return finish("volatility_scaled", ctx, target / p.assetVolAnnual, null, [`Target volatility ${pct(target)} / asset volatility ${pct(p.assetVolAnnual)} = ${pct(target / p.assetVolAnnual)} of equity.`]);
}

/**
 * Kelly: f* = p − (1 − p) / b (p = win probability, b = average win / average loss), times the
 * fractional-Kelly multiplier, never negative, capped at kellyCapBps.
 */
export function kellySize(ctx: SizingContext, p: { winProb: number; payoffRatio: number }): PositionSize {
  const s = { ...DEFAULT_RISK_SETTINGS, ...ctx.settings };
  if (!(p.winProb >= 0 && p.winProb <= 1) || !(p.payoffRatio > 0)) {
    throw new DomainError("automation.INVALID_KELLY", ErrorKind.invalid, "Win probability must be in [0, 1] and the payoff ratio above 0.");
  }
  const full = kellyFraction(p.winProb, p.payoffRatio);
  const k = s.kellyFractionBps / BPS;
  return finish("kelly", ctx, full * k, s.kellyCapBps / BPS, [`Kelly f* = ${p.winProb} − ${(1 - p.winProb).toFixed(4)} / ${p.payoffRatio} = ${pct(full)}; × ${pct(k)} (fractional Kelly) = ${pct(full * k)}.`]);
}

/** The full Kelly fraction p − (1 − p) / b (may be negative: no edge). */
export const kellyFraction = (winProb: number, payoffRatio: number): number => winProb - (1 - winProb) / payoffRatio;
