// Copy fidelity: how a follower's fill compares with the leader's fill it mirrors. Pure.
//
// DEFINITIONS
//   execution rate   amountOut / amountIn of a fill (what one unit given up bought), in whole tokens.
//                    Leader and follower swap the same pair in the same direction, so for a buy
//                    (stable → asset) it is the asset received per dollar, for a sell the dollars
//                    received per unit of asset: in both cases more is better.
//   fill difference  diffBps = (1 − followerRate / leaderRate) × 10,000, positive = the follower
//                    did WORSE (got less per unit given up). Equal decimals on both sides cancel:
//                    followerRate / leaderRate = (fOut × lIn) / (fIn × lOut), computed in bigint
//                    with 18 extra digits before one float conversion.
//   delay            follower fill time − leader fill time (ms); blocks likewise when both are given.
//   aggregate        per leader: count, mean, median, p90, min, max of diffBps; a histogram over
//                    FIDELITY_BUCKETS_BPS; mean delay (ms; blocks over the pairs that have them).
//                    Quantiles interpolate linearly between order statistics at rank q × (n − 1)
//                    (Excel's PERCENTILE.INC, numpy's default).
import { DomainError, ErrorKind } from "@/server/errors";

export type Fill = {
  tokenIn: string;
  tokenOut: string;
  amountInRaw: bigint;
  amountOutRaw: bigint;
  timestampMs: number;
  blockNumber?: bigint;
};

export type FillPair = { leaderId: string; leader: Fill; follower: Fill };

export type FillComparison = { diffBps: number; delayMs: number; delayBlocks: number | null };

const E18 = 10n ** 18n;

/** Fill difference and delay of one (leader fill, follower fill) pair. */
export function compareFills(leader: Fill, follower: Fill): FillComparison {
  if (leader.tokenIn !== follower.tokenIn || leader.tokenOut !== follower.tokenOut) {
    throw new DomainError("social.FIDELITY_PAIR_MISMATCH", ErrorKind.invalid, "A copied fill must swap the same tokens in the same direction as the leader's.");
  }
  if (leader.amountInRaw <= 0n || leader.amountOutRaw <= 0n || follower.amountInRaw <= 0n || follower.amountOutRaw < 0n) {
    throw new DomainError("social.FIDELITY_EMPTY_FILL", ErrorKind.invalid, "A fill must have positive amounts.");
  }
  const ratioE18 = (follower.amountOutRaw * leader.amountInRaw * E18) / (follower.amountInRaw * leader.amountOutRaw);
  const ratio = Number(ratioE18 / E18) + Number(ratioE18 % E18) / 1e18;
  return {
    diffBps: (1 - ratio) * 10_000,
    delayMs: follower.timestampMs - leader.timestampMs,
    delayBlocks: leader.blockNumber !== undefined && follower.blockNumber !== undefined ? Number(follower.blockNumber - leader.blockNumber) : null,
  };
}

/** Histogram bucket lower bounds (bps); bucket k is [b_k, b_{k+1}), the first open below, the last open above. */
export const FIDELITY_BUCKETS_BPS = [-Infinity, -50, -25, -10, -5, 0, 5, 10, 25, 50, 100] as const;

export type HistogramBucket = { fromBps: number; toBps: number; count: number };

export type FidelitySummary = {
  count: number;
  meanBps: number | null;
  medianBps: number | null;
  p90Bps: number | null;
  minBps: number | null;
  maxBps: number | null;
  histogram: HistogramBucket[];
  meanDelayMs: number | null;
  meanDelayBlocks: number | null;
};

/** Quantile q ∈ [0, 1] of ascending values, linear between order statistics (rank q(n − 1)). */
export function quantile(sortedAsc: readonly number[], q: number): number | null {
  const n = sortedAsc.length;
  if (n === 0) return null;
  const rank = Math.min(1, Math.max(0, q)) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sortedAsc[lo]! + (sortedAsc[hi]! - sortedAsc[lo]!) * (rank - lo);
}

export function summarizeFidelity(rows: readonly FillComparison[]): FidelitySummary {
  const diffs = rows.map((r) => r.diffBps).sort((a, b) => a - b);
  const n = diffs.length;
  const histogram = FIDELITY_BUCKETS_BPS.map((from, k) => ({ fromBps: from, toBps: FIDELITY_BUCKETS_BPS[k + 1] ?? Infinity, count: 0 }));
  for (const d of diffs) {
    let k = histogram.length - 1;
    while (k > 0 && d < histogram[k]!.fromBps) k--;
    histogram[k]!.count++;
  }
  const blocks = rows.filter((r) => r.delayBlocks !== null).map((r) => r.delayBlocks!);
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return {
    count: n,
    meanBps: mean(diffs),
    medianBps: quantile(diffs, 0.5),
    p90Bps: quantile(diffs, 0.9),
    minBps: n ? diffs[0]! : null,
    maxBps: n ? diffs[n - 1]! : null,
    histogram,
    meanDelayMs: mean(rows.map((r) => r.delayMs)),
    meanDelayBlocks: mean(blocks),
  };
}

/** Fidelity per leader (leader ids in ascending order). */
export function fidelityByLeader(pairs: readonly FillPair[]): Map<string, FidelitySummary> {
  const by = new Map<string, FillComparison[]>();
  for (const p of pairs) {
    const list = by.get(p.leaderId) ?? [];
    list.push(compareFills(p.leader, p.follower));
    by.set(p.leaderId, list);
  }
  const out = new Map<string, FidelitySummary>();
  for (const id of [...by.keys()].sort()) out.set(id, summarizeFidelity(by.get(id)!));
  return out;
}
