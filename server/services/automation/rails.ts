// Where an automation executes: the user's paper account or their vault on the automation's
// chain, both behind the one Venue interface (server/automation/venue.ts), plus what the rail
// holds valued at the chain's current pool prices.
import type { Db } from "@/db/client";
import type { Addr, Venue } from "@/server/automation/venue";
import { getRegistry } from "@/server/chain/registry";
import { DomainError } from "@/server/errors";
import { getLocalPrices } from "@/server/services/prices";
import { createPaperVenue } from "@/server/services/venues/paper";
import { createVaultVenue } from "@/server/services/venues/vault";

export type Rail = "paper" | "vault";

export function venueFor(db: Db, userId: string, rail: Rail, chainId: number): Venue {
  return rail === "paper" ? createPaperVenue(db, userId, chainId) : createVaultVenue(db, userId, chainId);
}

export type RailHolding = { token: Addr; symbol: string; decimals: number; amountRaw: bigint; priceUsd: number; valueUsd: number };
export type RailSnapshot = { chainId: number; block: bigint; holdings: RailHolding[]; totalUsd: number; prices: Map<Addr, number> };

export function tokenMeta(chainId: number, token: string): { address: Addr; symbol: string; decimals: number } {
  const registry = getRegistry(chainId);
  const t = registry?.tokens.find((x) => x.address.toLowerCase() === token.toLowerCase());
  if (!t) throw new DomainError("automation.UNKNOWN_TOKEN", "invalid", `Token ${token} is not listed on chain ${chainId}.`);
  return { address: t.address.toLowerCase() as Addr, symbol: t.symbol, decimals: t.decimals };
}

/** Whether a registry token is a stablecoin (the breaker's "risk-reducing" test, risk windows). */
export function isStableToken(chainId: number, token: string): boolean {
  return getRegistry(chainId)?.tokens.find((t) => t.address.toLowerCase() === token.toLowerCase())?.category === "stablecoin";
}

/** USD prices of the chain's tokens at a block (pool mid prices, stablecoins from their pools). */
export async function usdPrices(chainId: number, block?: bigint): Promise<{ block: bigint; prices: Map<Addr, number> }> {
  const local = await getLocalPrices(chainId, block === undefined ? {} : { block });
  return { block: local.block, prices: new Map(local.prices.map((p) => [p.address, p.priceUsd])) };
}

/** What a venue holds, with USD values (tokens without a price count 0 and are flagged by priceUsd 0). */
export async function snapshotRail(venue: Venue, opts: { block?: bigint } = {}): Promise<RailSnapshot> {
  const [balances, { block, prices }] = await Promise.all([venue.balances(), usdPrices(venue.chainId, opts.block)]);
  const holdings: RailHolding[] = [];
  for (const [token, amountRaw] of balances) {
    if (amountRaw <= 0n) continue;
    const meta = tokenMeta(venue.chainId, token);
    const priceUsd = prices.get(meta.address) ?? 0;
    holdings.push({ token: meta.address, symbol: meta.symbol, decimals: meta.decimals, amountRaw, priceUsd, valueUsd: (Number(amountRaw) / 10 ** meta.decimals) * priceUsd });
  }
  holdings.sort((a, b) => b.valueUsd - a.valueUsd);
  return { chainId: venue.chainId, block, holdings, totalUsd: holdings.reduce((s, h) => s + h.valueUsd, 0), prices };
}
