// "X-ray for crypto": portfolio rules with user-changeable thresholds. Pure.
// Thresholds and shares are integer basis points of the priced portfolio value (10,000 = 100 %);
// comparisons are exact on the USD×1e18 values (value × 10,000 vs threshold × total).
import type { Allocation, AllocationSlice } from "./risk";
import type { UsdE18 } from "./types";

export type RuleConfig = {
  /** Largest allowed share of one asset (default 4,000 = 40 %). */
  maxAssetBps: number;
  /** Largest allowed share of one chain (default 7,000). */
  maxChainBps: number;
  /** Stablecoin share must lie in [min, max] (defaults 500 and 5,000). */
  minStablecoinBps: number;
  maxStablecoinBps: number;
  /** Largest allowed exposure to one protocol (default 2,500). */
  maxProtocolBps: number;
};

export const DEFAULT_RULES: RuleConfig = { maxAssetBps: 4000, maxChainBps: 7000, minStablecoinBps: 500, maxStablecoinBps: 5000, maxProtocolBps: 2500 };

export type RuleId = "asset_concentration" | "chain_concentration" | "stablecoin_share" | "protocol_exposure";

export type RuleResult = {
  rule: RuleId;
  pass: boolean;
  /** The asset / chain / protocol that decides the rule (largest one), or "stablecoin". */
  subject: string | null;
  valueUsdE18: UsdE18;
  totalUsdE18: UsdE18;
  /** floor(value × 10,000 / total). */
  shareBps: number;
  /** The bound(s) applied. */
  minBps?: number;
  maxBps?: number;
};

const exceeds = (v: UsdE18, total: UsdE18, bps: number) => v * 10_000n > BigInt(bps) * total;
const below = (v: UsdE18, total: UsdE18, bps: number) => v * 10_000n < BigInt(bps) * total;

function maxRule(rule: RuleId, slices: readonly AllocationSlice[], total: UsdE18, maxBps: number): RuleResult {
  const top = slices[0]; // slices are sorted by value, largest first
  const v = top?.valueUsdE18 ?? 0n;
  return { rule, pass: !exceeds(v, total, maxBps), subject: top?.key ?? null, valueUsdE18: v, totalUsdE18: total, shareBps: top?.weightBps ?? 0, maxBps };
}

/** Evaluates every rule on an allocation (risk.ts computeAllocation); an empty portfolio passes all but the stablecoin minimum. */
export function evaluateRules(a: Allocation, config: Partial<RuleConfig> = {}): RuleResult[] {
  const c = { ...DEFAULT_RULES, ...config };
  const total = a.totalUsdE18;
  const stable = a.byCategory.find((s) => s.key === "stablecoin");
  const sv = stable?.valueUsdE18 ?? 0n;
  const stableTooLow = total === 0n ? c.minStablecoinBps > 0 : below(sv, total, c.minStablecoinBps);
  return [
    maxRule("asset_concentration", a.byAsset, total, c.maxAssetBps),
    maxRule("chain_concentration", a.byChain, total, c.maxChainBps),
    {
      rule: "stablecoin_share",
      pass: !stableTooLow && !exceeds(sv, total, c.maxStablecoinBps),
      subject: "stablecoin",
      valueUsdE18: sv,
      totalUsdE18: total,
      shareBps: stable?.weightBps ?? 0,
      minBps: c.minStablecoinBps,
      maxBps: c.maxStablecoinBps,
    },
    maxRule("protocol_exposure", a.byProtocol, total, c.maxProtocolBps),
  ];
}
