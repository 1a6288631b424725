// Copy sizing: what a follower does when a leader trades. Pure; the amount is base units (bigint),
// reached through automation/sizing.ts usdToRawDown (THE rounding path from a USD size: down).
//
// DEFINITIONS
//   copy allocation   the USD budget the follower gives to copying one leader (`allocatedUsd`).
//   used allocation   USD of that budget deployed in open copied positions (at entry value);
//                     remaining = max(0, allocatedUsd − usedAllocationUsd).
//   allocation equity what the copy allocation is worth now (cash left + copied positions at
//                     market); its peak is the high-water mark (the service keeps it, as breakers do).
//   side              'buy' opens or adds exposure (spends the allocation's cash, usually a
//                     stablecoin); 'sell' reduces it (gives up an asset the copy holds).
//
// DECISION, in order
//   1. Copy stop-loss: drawdown = breakers.ts drawdownBps(max(peak, equity), equity) (floor bps).
//      drawdown ≥ copyStopLossBps → 'stop' (stop copying, close the copied positions). Checked
//      before pause: a paused copy still protects the follower.
//   2. paused → 'skip'.
//   3. Size in USD:
//        buy,  proportional: leader.valueUsd / leader.equityUsd (clamped to [0, 1]; 0 when the
//              leader's equity is unknown) × allocation equity (the leader's
//              trade as a share of its equity, mirrored on the follower's current copy equity,
//              which starts at allocatedUsd and then moves with the copy's P&L);
//        buy,  fixed: fixedTradeUsd;
//        sell: the same FRACTION of the follower's balance as the leader sold of its own when
//              `leaderBalanceInRaw` (before the trade) is given — a leader closing a position
//              closes the copy exactly; otherwise sized as a buy.
//   4. Caps: buy → min(size, maxPerTradeUsd, remaining allocation); both → ≤ available balance.
//      A sell is NOT capped by the per-trade maximum or the allocation: a cap would leave the
//      follower holding what the leader has already sold (the caps limit new exposure).
//   5. amountInRaw = min(usdToRawDown(size, price, decimals), balance) (a fraction: mulBpsDown);
//      0 or below `minTradeUsd` → 'skip'.
import { drawdownBps } from "@/server/automation/breakers";
import { mulBpsDown, rawToUsd, usdToRawDown } from "@/server/automation/sizing";
import { BPS } from "@/server/automation/types";

export const CopyMode = { proportional: "proportional", fixed: "fixed" } as const;
export type CopyMode = (typeof CopyMode)[keyof typeof CopyMode];

export type CopySettings = {
  allocatedUsd: number;
  mode: CopyMode;
  /** USD per copied buy in 'fixed' mode. */
  fixedTradeUsd?: number;
  /** null = no per-trade maximum. */
  maxPerTradeUsd: number | null;
  /** Stop copying after this drawdown of the allocation equity (bps); null = none. */
  copyStopLossBps: number | null;
  paused: boolean;
  /** Skip copies worth less than this (USD); default 0. */
  minTradeUsd?: number;
};

export type LeaderTrade = {
  side: "buy" | "sell";
  tokenIn: string;
  tokenOut: string;
  amountInRaw: bigint;
  valueUsd: number;
  /** Leader's book value just before the trade. */
  leaderEquityUsd: number;
  /** Leader's balance of tokenIn just before the trade (for proportional closing). */
  leaderBalanceInRaw?: bigint;
};

export type FollowerCopyState = {
  allocationEquityUsd: number;
  allocationPeakUsd: number | null;
  usedAllocationUsd: number;
  tokenInBalanceRaw: bigint;
  tokenInPriceUsd: number;
  tokenInDecimals: number;
};

export type CopyDecision =
  | { action: "copy"; amountInRaw: bigint; usd: number; cappedBy: "max_per_trade" | "allocation" | "balance" | null; reason: string }
  | { action: "skip"; code: "paused" | "no_size" | "allocation_exhausted" | "no_balance" | "too_small"; reason: string }
  | { action: "stop"; drawdownBps: number; reason: string };

const usd = (x: number) => `$${x.toFixed(2)}`;

function skip(code: Extract<CopyDecision, { action: "skip" }>["code"], reason: string): CopyDecision {
  return { action: "skip", code, reason };
}

/** The copy decision for one leader trade (rules in the header). */
export function decideCopy(settings: CopySettings, leader: LeaderTrade, follower: FollowerCopyState): CopyDecision {
  const equity = follower.allocationEquityUsd;
  const peak = follower.allocationPeakUsd === null || equity > follower.allocationPeakUsd ? equity : follower.allocationPeakUsd;
  const dd = drawdownBps(peak, equity);
  if (settings.copyStopLossBps !== null && dd >= settings.copyStopLossBps) {
    return { action: "stop", drawdownBps: dd, reason: `Copy stop-loss: the copy is ${(dd / 100).toFixed(2)} % below its peak ${usd(peak)} (limit ${(settings.copyStopLossBps / 100).toFixed(2)} %); stop copying and close the copied positions.` };
  }
  if (settings.paused) return skip("paused", "Copying is paused.");

  const balance = follower.tokenInBalanceRaw > 0n ? follower.tokenInBalanceRaw : 0n;
  if (balance === 0n) return skip("no_balance", `No ${leader.tokenIn} available to copy this trade.`);
  const { tokenInPriceUsd: price, tokenInDecimals: dec } = follower;

  // A proportional sell: the leader's sold fraction of its balance, in bps (floor), of ours.
  if (leader.side === "sell" && leader.leaderBalanceInRaw !== undefined && leader.leaderBalanceInRaw > 0n) {
    const fracBps = leader.amountInRaw >= leader.leaderBalanceInRaw ? BPS : Number((leader.amountInRaw * BigInt(BPS)) / leader.leaderBalanceInRaw);
    const amount = mulBpsDown(balance, fracBps);
    return finishCopy(settings, amount, price, dec, null, `Sell ${(fracBps / 100).toFixed(2)} % of the copied ${leader.tokenIn}, as the leader sold ${(fracBps / 100).toFixed(2)} % of its own.`);
  }

  let size: number;
  let why: string;
  if (settings.mode === "fixed") {
    size = settings.fixedTradeUsd ?? 0;
    why = `Fixed ${usd(size)} per trade`;
  } else {
    const share = leader.leaderEquityUsd > 0 ? Math.min(1, Math.max(0, leader.valueUsd / leader.leaderEquityUsd)) : 0;
    size = share * Math.max(0, equity);
    why = `Leader traded ${(share * 100).toFixed(2)} % of its equity; × copy equity ${usd(equity)} = ${usd(size)}`;
  }
  if (!(size > 0)) return skip("no_size", `${why}: nothing to copy.`);

  let cappedBy: Extract<CopyDecision, { action: "copy" }>["cappedBy"] = null;
  if (leader.side === "buy") {
    if (settings.maxPerTradeUsd !== null && size > settings.maxPerTradeUsd) {
      size = Math.max(0, settings.maxPerTradeUsd);
      cappedBy = "max_per_trade";
      why += `; capped at the maximum per trade ${usd(size)}`;
    }
    const remaining = Math.max(0, settings.allocatedUsd - follower.usedAllocationUsd);
    if (remaining <= 0) return skip("allocation_exhausted", `The copy allocation ${usd(settings.allocatedUsd)} is fully used.`);
    if (size > remaining) {
      size = remaining;
      cappedBy = "allocation";
      why += `; capped at the allocation remaining ${usd(remaining)}`;
    }
  }
  const raw = usdToRawDown(size, price, dec);
  if (raw > balance) return finishCopy(settings, balance, price, dec, "balance", `${why}; capped at the available balance.`);
  return finishCopy(settings, raw, price, dec, cappedBy, `${why}.`);
}

function finishCopy(settings: CopySettings, amountInRaw: bigint, price: number, dec: number, cappedBy: Extract<CopyDecision, { action: "copy" }>["cappedBy"], reason: string): CopyDecision {
  if (amountInRaw <= 0n) return skip("no_size", `${reason} Rounded down to base units, nothing is left to copy.`);
  const value = rawToUsd(amountInRaw, price, dec);
  const min = settings.minTradeUsd ?? 0;
  if (value < min) return skip("too_small", `${reason} ${usd(value)} is below the minimum copy of ${usd(min)}.`);
  return { action: "copy", amountInRaw, usd: value, cappedBy, reason };
}
