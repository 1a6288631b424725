// The paper account (one per user and chain): starting balances chosen by the user, fills at
// the quote engine's exact output (server/services/venues/paper.ts), valued at the local pools'
// USD prices (server/services/prices.ts).
//
// Reset: balances are replaced by the new starting balances and the account's reset_at, reset
// block and starting USD value are set; fills are KEPT (an audit trail of what automations
// did) and those older than reset_at are listed with beforeReset: true. P&L is measured
// against the starting value at the reset block's prices (pnlUsd) and, to separate trading
// from the market's move, against simply holding the starting balances (vsHoldUsd).
import { formatUnits } from "viem";
import type { Db } from "@/db/client";
import { findPaperAccountForUser, findPaperFillForUser, listPaperBalances, listPaperFillsForUser, replacePaperBalances, upsertPaperAccountReset, type PaperFillRow } from "@/db/queries/paper";
import {
  PAPER_MAX_STARTING_VALUE_USD,
  PAPER_MAX_WHOLE_TOKENS,
  type PaperFillsInput,
  type PaperOrderInput,
  type ResetPaperInput,
} from "@/lib/schemas/paper";
import type { ChainRegistry, RegistryToken } from "@/lib/web3/registry/schema";
import type { Addr, Fill } from "@/server/automation/venue";
import { DomainError, ErrorKind } from "@/server/errors";
import { registryOrThrow } from "@/server/services/defi-quote";
import { getLocalPrices, type LocalPrices } from "@/server/services/prices";
import { createPaperVenue, PAPER_REJECT, paperHoldingToken } from "@/server/services/venues/paper";

export type PaperToken = { address: Addr; symbol: string; name: string; decimals: number; logo: string | null };

export type PaperBalanceView = PaperToken & {
  amountRaw: bigint;
  startingRaw: bigint;
  priceUsd: number | null;
  /** USD decimal strings (2 places); null when the token has no price. */
  valueUsd: string | null;
  startingValueUsd: string | null;
};

export type PaperAccountView = {
  chainId: number;
  exists: boolean;
  createdAt: Date | null;
  resetAt: Date | null;
  resetBlock: bigint | null;
  balances: PaperBalanceView[];
  /** Block of the prices used (null: the chain could not be priced right now). */
  pricesBlock: bigint | null;
  totalValueUsd: string | null;
  /** Starting balances at the reset block's prices. */
  startingValueUsd: string | null;
  pnlUsd: string | null;
  pnlBps: number | null;
  /** Starting balances at today's prices, and the difference trading made against holding them. */
  holdValueUsd: string | null;
  vsHoldUsd: string | null;
  /** Suggested starting balances (10,000 USDC and 1 ETH as WETH) for the reset form. */
  defaults: { token: Addr; amountRaw: bigint }[];
};

export type PaperFillView = {
  id: string;
  key: string;
  source: string;
  automationId: string | null;
  chainId: number;
  tokenIn: PaperToken;
  tokenOut: PaperToken;
  amountIn: bigint;
  amountOut: bigint;
  /** tokenOut per 1 whole tokenIn at execution, decimal string. */
  executionPrice: string;
  priceImpactBps: number;
  gasCostOut: bigint | null;
  block: bigint;
  createdAt: Date;
  /** Made before the account's last reset (kept for the record, not in the current balances). */
  beforeReset: boolean;
  duplicate?: boolean;
};

const lower = (a: string) => a.toLowerCase() as Addr;
// Cents, without a "-0.00" for a loss smaller than half a cent.
const usd = (n: number) => (Math.abs(n) < 0.005 ? "0.00" : n.toFixed(2));

function tokenInfo(registry: ChainRegistry, address: string): PaperToken {
  const t: RegistryToken | undefined = registry.tokens.find((x) => x.address.toLowerCase() === address.toLowerCase());
  if (!t) return { address: lower(address), symbol: `${address.slice(0, 6)}…`, name: "Unknown token", decimals: 18, logo: null };
  return { address: lower(t.address), symbol: t.symbol, name: t.name, decimals: t.decimals, logo: t.logo };
}

function wholeUnits(raw: bigint, decimals: number): number {
  return Number(formatUnits(raw, decimals));
}

/** Prices, or null when the chain can't be read right now (balances still show). */
async function pricesOrNull(chainId: number): Promise<LocalPrices | null> {
  try {
    return await getLocalPrices(chainId);
  } catch {
    return null;
  }
}

function priceOf(prices: LocalPrices | null, token: string): number | null {
  return prices?.prices.find((p) => p.address === token.toLowerCase())?.priceUsd ?? null;
}

function defaultBalances(registry: ChainRegistry): { token: Addr; amountRaw: bigint }[] {
  const usdc = registry.tokens.find((t) => t.symbol === "USDC");
  const out: { token: Addr; amountRaw: bigint }[] = [];
  if (usdc) out.push({ token: lower(usdc.address), amountRaw: 10_000n * 10n ** BigInt(usdc.decimals) });
  out.push({ token: lower(registry.weth), amountRaw: 10n ** 18n });
  return out;
}

export async function getAccount(db: Db, userId: string, chainId: number): Promise<PaperAccountView> {
  const registry = registryOrThrow(chainId);
  const account = await findPaperAccountForUser(db, userId, chainId);
  const empty: PaperAccountView = {
    chainId,
    exists: false,
    createdAt: null,
    resetAt: null,
    resetBlock: null,
    balances: [],
    pricesBlock: null,
    totalValueUsd: null,
    startingValueUsd: null,
    pnlUsd: null,
    pnlBps: null,
    holdValueUsd: null,
    vsHoldUsd: null,
    defaults: defaultBalances(registry),
  };
  if (!account) return empty;
  const [rows, prices] = await Promise.all([listPaperBalances(db, account.id), pricesOrNull(chainId)]);
  let total = 0;
  let hold = 0;
  let unpriced = false;
  const balances: PaperBalanceView[] = rows
    .filter((r) => r.amountRaw > 0n || r.startingRaw > 0n)
    .map((r) => {
      const info = tokenInfo(registry, r.token);
      const price = priceOf(prices, r.token);
      if (price === null) unpriced = true;
      const value = price === null ? null : wholeUnits(r.amountRaw, info.decimals) * price;
      const start = price === null ? null : wholeUnits(r.startingRaw, info.decimals) * price;
      total += value ?? 0;
      hold += start ?? 0;
      return { ...info, amountRaw: r.amountRaw, startingRaw: r.startingRaw, priceUsd: price, valueUsd: value === null ? null : usd(value), startingValueUsd: start === null ? null : usd(start) };
    })
    .sort((a, b) => Number(b.valueUsd ?? 0) - Number(a.valueUsd ?? 0) || a.symbol.localeCompare(b.symbol));
  // A total that silently leaves a held token out would be wrong: no total then.
  const priced = prices !== null && !unpriced;
  const startingValue = account.startingValueUsd === null ? null : Number(account.startingValueUsd);
  const pnl = priced && startingValue !== null ? total - startingValue : null;
  return {
    ...empty,
    exists: true,
    createdAt: account.createdAt,
    resetAt: account.resetAt,
    resetBlock: account.resetBlock,
    balances,
    pricesBlock: prices?.block ?? null,
    totalValueUsd: priced ? usd(total) : null,
    startingValueUsd: startingValue === null ? null : usd(startingValue),
    pnlUsd: pnl === null ? null : usd(pnl),
    pnlBps: pnl === null || !startingValue ? null : Math.round((pnl / startingValue) * 10_000),
    holdValueUsd: priced ? usd(hold) : null,
    vsHoldUsd: priced ? usd(total - hold) : null,
  };
}

/**
 * Sets the account's starting balances (creating the account on first use). Tokens: any of
 * the chain's registry tokens, ETH as WETH; each at most PAPER_MAX_WHOLE_TOKENS whole tokens
 * and, where the pools price them, PAPER_MAX_STARTING_VALUE_USD in total.
 */
export async function resetAccount(db: Db, userId: string, input: ResetPaperInput): Promise<PaperAccountView> {
  const registry = registryOrThrow(input.chainId);
  const merged = new Map<Addr, bigint>();
  for (const [i, b] of input.balances.entries()) {
    const token = paperHoldingToken(input.chainId, b.token);
    const info = registry.tokens.find((t) => t.address.toLowerCase() === token);
    if (!info) throw new DomainError("paper.UNKNOWN_TOKEN", ErrorKind.invalid, `Starting balance ${i + 1}: this token is not tradable on this chain.`);
    if (b.amount > PAPER_MAX_WHOLE_TOKENS * 10n ** BigInt(info.decimals)) {
      throw new DomainError("paper.AMOUNT_TOO_LARGE", ErrorKind.invalid, `Starting balance of ${info.symbol}: at most ${PAPER_MAX_WHOLE_TOKENS.toLocaleString("en-US")} ${info.symbol}.`);
    }
    if (merged.has(token)) throw new DomainError("paper.DUPLICATE_TOKEN", ErrorKind.invalid, `${info.symbol} appears twice (ETH is held as WETH).`);
    merged.set(token, b.amount);
  }
  const prices = await pricesOrNull(input.chainId);
  let startingValue: number | null = prices ? 0 : null;
  for (const [token, amount] of merged) {
    const price = priceOf(prices, token);
    if (price !== null && startingValue !== null) startingValue += wholeUnits(amount, tokenInfo(registry, token).decimals) * price;
  }
  if (startingValue !== null && startingValue > PAPER_MAX_STARTING_VALUE_USD) {
    throw new DomainError(
      "paper.STARTING_VALUE_TOO_LARGE",
      ErrorKind.invalid,
      `Starting balances are worth $${Math.round(startingValue).toLocaleString("en-US")}; the limit is $${PAPER_MAX_STARTING_VALUE_USD.toLocaleString("en-US")}.`,
    );
  }
  await db.transaction(async (tx) => {
    const account = await upsertPaperAccountReset(tx, {
      userId,
      chainId: input.chainId,
      startingValueUsd: startingValue === null ? null : startingValue.toFixed(6),
      resetBlock: prices?.block ?? null,
    });
    await replacePaperBalances(tx, account.id, [...merged].map(([token, amountRaw]) => ({ token, amountRaw })));
  });
  return getAccount(db, userId, input.chainId);
}

function executionPrice(amountIn: bigint, amountOut: bigint, decIn: number, decOut: number): string {
  if (amountIn === 0n) return "0";
  // 18 significant decimals of out/in in whole units, exact in bigint, trimmed.
  const scaled = (amountOut * 10n ** BigInt(decIn + 18)) / (amountIn * 10n ** BigInt(decOut));
  const s = formatUnits(scaled, 18);
  const [whole, frac = ""] = s.split(".");
  const digits = whole === "0" ? 8 + (frac.match(/^0*/)?.[0].length ?? 0) : Math.max(2, 8 - whole!.length);
  const cut = frac.slice(0, digits).replace(/0+$/, "");
  return cut ? `${whole}.${cut}` : whole!;
}

function fillView(registry: ChainRegistry, row: PaperFillRow, resetAt: Date | null, duplicate?: boolean): PaperFillView {
  const tokenIn = tokenInfo(registry, row.tokenIn);
  const tokenOut = tokenInfo(registry, row.tokenOut);
  return {
    id: row.id,
    key: row.key,
    source: row.source,
    automationId: row.automationId,
    chainId: row.chainId,
    tokenIn,
    tokenOut,
    amountIn: row.amountIn,
    amountOut: row.amountOut,
    executionPrice: executionPrice(row.amountIn, row.amountOut, tokenIn.decimals, tokenOut.decimals),
    priceImpactBps: row.priceImpactBps,
    gasCostOut: row.gasCostOut,
    block: row.block,
    createdAt: row.createdAt,
    beforeReset: resetAt !== null && row.createdAt < resetAt,
    ...(duplicate === undefined ? {} : { duplicate }),
  };
}

export async function listFills(db: Db, userId: string, input: PaperFillsInput): Promise<{ items: PaperFillView[]; nextCursor: string | null }> {
  const registry = registryOrThrow(input.chainId);
  const [account, rows] = await Promise.all([
    findPaperAccountForUser(db, userId, input.chainId),
    listPaperFillsForUser(db, userId, { chainId: input.chainId, limit: input.limit + 1, before: input.cursor ?? null }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => fillView(registry, r, account?.resetAt ?? null)),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

const REJECT_KIND: Record<string, ErrorKind> = { [PAPER_REJECT.keyConflict]: ErrorKind.conflict };

/** A manual paper swap (key "manual:<id>"): fills at the current quote or throws why not. */
export async function placeOrder(db: Db, userId: string, input: PaperOrderInput, opts: { now: Date }): Promise<PaperFillView> {
  const registry = registryOrThrow(input.chainId);
  const venue = createPaperVenue(db, userId, input.chainId, { now: () => opts.now });
  const result = await venue.execute({
    key: `manual:${input.clientOrderId ?? crypto.randomUUID()}`,
    chainId: input.chainId,
    tokenIn: lower(input.tokenIn),
    tokenOut: lower(input.tokenOut),
    amountIn: input.amountIn,
    slippageBps: input.slippageBps,
    source: "manual",
  });
  if (result.status === "rejected") {
    const code = (result.code.includes(".") ? result.code : `paper.${result.code}`) as `${string}.${string}`;
    throw new DomainError(code, REJECT_KIND[result.code] ?? ErrorKind.invalid, result.reason);
  }
  if (result.status !== "filled") throw new Error("the paper venue never leaves an order pending");
  const account = await findPaperAccountForUser(db, userId, input.chainId);
  return toFillView(registry, result.fill, db, userId, account?.resetAt ?? null);
}

async function toFillView(registry: ChainRegistry, fill: Fill, db: Db, userId: string, resetAt: Date | null): Promise<PaperFillView> {
  const row = fill.paperFillId ? await findPaperFillForUser(db, userId, fill.paperFillId) : null;
  if (!row) throw new Error(`paper fill ${fill.key} not found after execute`);
  return fillView(registry, row, resetAt, fill.duplicate);
}
