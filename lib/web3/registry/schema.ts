// The protocol registry: per chain, the tokens, DEX venues and pools Lodestar trades on.
// Local chains: written by contracts/deploy (.data/registry/<chainId>.json); public chains:
// ./public.ts. Addresses are checksummed strings.
import { z } from "zod";

export const VENUE_IDS = ["uniswap-v2", "sushiswap", "uniswap-v3"] as const;
export type VenueId = (typeof VENUE_IDS)[number];

export const TOKEN_CATEGORIES = ["stablecoin", "L1", "DeFi"] as const;
export type TokenCategory = (typeof TOKEN_CATEGORIES)[number];

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address");
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hash");

export const registryTokenSchema = z.object({
  symbol: z.string().min(1),
  name: z.string().min(1),
  address,
  decimals: z.number().int().min(0).max(36),
  logo: z.string().min(1),
  category: z.enum(TOKEN_CATEGORIES),
  // false where an address comes from memory rather than a checked source (public chains).
  verified: z.boolean().default(true),
});

export const registryVenueSchema = z.object({
  id: z.enum(VENUE_IDS),
  name: z.string(),
  kind: z.enum(["v2", "v3"]),
  factory: address,
  router: address,
  quoter: address.optional(),
  positionManager: address.optional(),
  initCodeHash: hash32,
  feeTiers: z.array(z.number().int().positive()).optional(),
  verified: z.boolean().default(true),
});

export const registryPoolSchema = z.object({
  venue: z.enum(VENUE_IDS),
  address,
  token0: address,
  token1: address,
  fee: z.number().int().positive().optional(),
});

export const chainRegistrySchema = z.object({
  chainId: z.number().int().positive(),
  // Block number at which the deployment finished (local chains only).
  deployedAt: z.number().int().nonnegative().nullable(),
  weth: address,
  // Our LodestarExecutor (contracts/src); null where it isn't deployed (public chains for now).
  executor: address.nullable().default(null),
  // Our LodestarVaultFactory (one vault per owner, bound to `executor`); null where it isn't
  // deployed (public chains, and local registries written before it existed).
  vaultFactory: address.nullable().default(null),
  // Multicall3 used for batched reads (the canonical address on public chains).
  multicall3: address.default("0xcA11bde05977b3631167028862bE2a173976CA11"),
  tokens: z.array(registryTokenSchema),
  venues: z.array(registryVenueSchema),
  pools: z.array(registryPoolSchema),
});

export type RegistryToken = z.infer<typeof registryTokenSchema>;
export type RegistryVenue = z.infer<typeof registryVenueSchema>;
export type RegistryPool = z.infer<typeof registryPoolSchema>;
export type ChainRegistry = z.infer<typeof chainRegistrySchema>;
export type ChainRegistryInput = z.input<typeof chainRegistrySchema>;
