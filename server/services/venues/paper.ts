// The paper rail: a Venue that fills orders at the quote engine's exact output against the
// pools' state at a block (the latest, or the order's trigger block), without sending a
// transaction, so price impact and pool fees are those the chain would have charged.
//
// execute(order):
//   1. validate the order; ETH (NATIVE_TOKEN) is held and traded as WETH;
//   2. a fill with this key already exists → return it (duplicate: true), nothing moves; the key
//      alone identifies the order (a replay is not compared field by field), and another
//      user's key is paper.KEY_CONFLICT without any detail of their fill;
//   3. not enough tokenIn → paper.INSUFFICIENT_BALANCE at once (an early answer; step 6 decides);
//   4. computeQuote at the block (outside any transaction: PGlite serialises open transactions),
//      or opts.quote when given;
//   5. min out = max(quoted × (10,000 − slippage) / 10,000, order.minAmountOut): a paper fill is
//      exactly the quote, so only the absolute floor can reject (paper.BELOW_MIN_OUT);
//   6. ONE transaction: insert the fill by key (ON CONFLICT DO NOTHING; lost the race → return
//      the winner's fill as a duplicate), debit tokenIn only if `amount_raw >= amountIn` (else
//      roll back: paper.INSUFFICIENT_BALANCE, nothing written), credit tokenOut.
// Gas: the quote's gas cost (in tokenOut units) is recorded on the fill for information; a paper
// account has no gas balance and is never charged for gas.
// Priced elsewhere (opts.quote): the strategy bots replay history through this same code path
// (validation, key, balance check, the one transaction) with a quoter that prices at a past
// close (server/services/social/historical-quote.ts); its quote's `at` stamps the fill.
// Quote errors the user can fix (unknown token, no route) come back as `rejected`; a chain that
// is unreachable throws, so a job runner retries later.
import type { Db } from "@/db/client";
import {
  creditPaperBalance,
  debitPaperBalance,
  findPaperAccountForUser,
  findPaperFillByKey,
  insertPaperFill,
  listPaperBalances,
  type PaperFillRow,
} from "@/db/queries/paper";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import type { Quote } from "@/lib/web3/swap/types";
import { computeMinAmountOut, validateOrder, type Addr, type ExecuteResult, type Fill, type Venue } from "@/server/automation/venue";
import { getRegistry } from "@/server/chain/registry";
import { DomainError, ErrorKind } from "@/server/errors";
import { computeQuote } from "@/server/services/defi-quote";

export const PAPER_REJECT = {
  invalidOrder: "paper.INVALID_ORDER",
  unknownToken: "paper.UNKNOWN_TOKEN",
  noAccount: "paper.NO_ACCOUNT",
  keyConflict: "paper.KEY_CONFLICT",
  belowMinOut: "paper.BELOW_MIN_OUT",
  insufficientBalance: "paper.INSUFFICIENT_BALANCE",
} as const;

const INSUFFICIENT_REASON = "The paper account does not hold enough of the input token for this order.";
const lower = (a: string) => a.toLowerCase() as Addr;
const rejected = (code: string, reason: string): ExecuteResult => ({ status: "rejected", code, reason });

/** The token a paper account holds for `address`: WETH for ETH, otherwise the address (lowercase). */
export function paperHoldingToken(chainId: number, address: string): Addr {
  if (address.toLowerCase() === NATIVE_TOKEN.toLowerCase()) {
    const registry = getRegistry(chainId);
    if (!registry) throw new DomainError("swap.CHAIN_NOT_SUPPORTED", ErrorKind.invalid, `Swaps are not available on chain ${chainId}.`);
    return lower(registry.weth);
  }
  return lower(address);
}

/** The Fill (Venue type) of a stored paper fill. */
export function fillFromRow(row: PaperFillRow, duplicate: boolean): Fill {
  return {
    venue: "paper",
    key: row.key,
    tokenIn: lower(row.tokenIn),
    tokenOut: lower(row.tokenOut),
    amountIn: row.amountIn,
    amountOut: row.amountOut,
    // A paper fill is the quote: nothing can move between quoting and "executing".
    quotedAmountOut: row.amountOut,
    block: row.block,
    priceImpactBps: row.priceImpactBps,
    gasCostOut: row.gasCostOut,
    paperFillId: row.id,
    duplicate,
  };
}

/** What the fill stores about the route it was priced on (jsonb: bigints as strings). */
function routeRecord(q: Quote, minAmountOut: bigint) {
  return {
    kind: q.kind,
    midPrice: q.midPrice,
    executionPrice: q.executionPrice,
    slippageBps: q.slippageBps,
    minAmountOut: minAmountOut.toString(),
    gasEstimate: q.gasEstimate.toString(),
    gasPriceWei: q.gasPriceWei.toString(),
    paths: q.paths.map((p) => ({
      shareBps: p.shareBps,
      amountIn: p.amountIn.toString(),
      amountOut: p.amountOut.toString(),
      legs: p.legs.map((l) => ({ venue: l.venue, kind: l.kind, pool: lower(l.pool), tokenIn: lower(l.tokenIn), tokenOut: lower(l.tokenOut), fee: l.fee })),
    })),
  };
}


class InsufficientBalance extends Error {}

/** A stored fill under `key`, as this account's duplicate or as a key conflict (another owner). */
function existingResult(row: PaperFillRow, accountId: string): ExecuteResult {
  if (row.accountId !== accountId) {
    // Someone else's (or another chain's) fill: say nothing about it.
    return rejected(PAPER_REJECT.keyConflict, "This order key is already used by another order.");
  }
  return { status: "filled", fill: fillFromRow(row, true) };
}

/** What a paper fill needs from a quote (the live quote engine's Quote, or a historical quoter's). */
export type PaperQuote = {
  amountOut: bigint;
  block: bigint;
  priceImpactBps: number;
  gasCostOut: bigint | null;
  /** Stored as the fill's route (jsonb: bigints as strings). */
  route: unknown;
  /** The instant the price is from: the fill is stamped with it (default: the database's now()). */
  at?: Date;
};

export type PaperQuoteRequest = {
  chainId: number;
  tokenIn: Addr;
  tokenOut: Addr;
  amountIn: bigint;
  slippageBps: number;
  minAmountOut?: bigint;
  triggerBlock?: bigint;
};

export type PaperVenueOptions = {
  now?: () => Date;
  /** Replaces the live quote engine (the pools at the latest or trigger block). */
  quote?: (req: PaperQuoteRequest) => Promise<PaperQuote>;
};

/** The live quote engine as a PaperQuote. */
async function liveQuote(req: PaperQuoteRequest, now: Date): Promise<PaperQuote> {
  const { quote } = await computeQuote(
    { chainId: req.chainId, tokenIn: req.tokenIn, tokenOut: req.tokenOut, amountIn: req.amountIn, slippageBps: req.slippageBps },
    { now, block: req.triggerBlock },
  );
  const minAmountOut = computeMinAmountOut(quote.amountOut, req.slippageBps, req.minAmountOut);
  return { amountOut: quote.amountOut, block: quote.block, priceImpactBps: quote.priceImpactBps, gasCostOut: quote.gasCostOut, route: routeRecord(quote, minAmountOut) };
}

export function createPaperVenue(db: Db, userId: string, chainId: number, opts: PaperVenueOptions = {}): Venue {
  const now = opts.now ?? (() => new Date());
  const quoteOf = opts.quote ?? ((req: PaperQuoteRequest) => liveQuote(req, now()));
  return {
    kind: "paper",
    chainId,

    async balances() {
      const account = await findPaperAccountForUser(db, userId, chainId);
      if (!account) return new Map();
      const rows = await listPaperBalances(db, account.id);
      return new Map(rows.map((r) => [lower(r.token), r.amountRaw]));
    },

    async execute(order) {
      const invalid = validateOrder(order, chainId, "paper account");
      if (invalid) return rejected(PAPER_REJECT.invalidOrder, invalid);
      const account = await findPaperAccountForUser(db, userId, chainId);
      if (!account) return rejected(PAPER_REJECT.noAccount, "There is no paper account on this chain yet: set its starting balances first.");

      let tokenIn: Addr;
      let tokenOut: Addr;
      try {
        tokenIn = paperHoldingToken(chainId, order.tokenIn);
        tokenOut = paperHoldingToken(chainId, order.tokenOut);
      } catch (err) {
        if (err instanceof DomainError) return rejected(err.code, err.userMessage);
        throw err;
      }
      if (tokenIn === tokenOut) return rejected(PAPER_REJECT.invalidOrder, "Choose two different tokens (ETH is held as WETH).");
      const known = new Set(getRegistry(chainId)?.tokens.map((t) => lower(t.address)) ?? []);
      if (!known.has(tokenIn) || !known.has(tokenOut)) return rejected(PAPER_REJECT.unknownToken, "This token is not tradable on this chain.");

      // Replays are answered from the database without quoting again.
      const prior = await findPaperFillByKey(db, order.key);
      if (prior) return existingResult(prior, account.id);

      // Cheap early answer for an account that can't pay; the debit below is what guarantees it.
      const held = (await listPaperBalances(db, account.id)).find((b) => b.token === tokenIn)?.amountRaw ?? 0n;
      if (held < order.amountIn) return rejected(PAPER_REJECT.insufficientBalance, INSUFFICIENT_REASON);

      let quote: PaperQuote;
      try {
        quote = await quoteOf({ chainId, tokenIn, tokenOut, amountIn: order.amountIn, slippageBps: order.slippageBps, minAmountOut: order.minAmountOut, triggerBlock: order.triggerBlock });
      } catch (err) {
        if (err instanceof DomainError && err.kind === ErrorKind.invalid) return rejected(err.code, err.userMessage);
        throw err;
      }
      const minAmountOut = computeMinAmountOut(quote.amountOut, order.slippageBps, order.minAmountOut);
      if (quote.amountOut < minAmountOut) {
        return rejected(
          PAPER_REJECT.belowMinOut,
          `The pools would pay ${quote.amountOut} base units at block ${quote.block}, below the minimum of ${minAmountOut}.`,
        );
      }

      try {
        return await db.transaction(async (tx) => {
          const row = await insertPaperFill(tx, {
            accountId: account.id,
            userId,
            key: order.key,
            source: order.source,
            automationId: order.automationId ?? null,
            chainId,
            tokenIn,
            tokenOut,
            amountIn: order.amountIn,
            amountOut: quote.amountOut,
            block: quote.block,
            priceImpactBps: quote.priceImpactBps,
            gasCostOut: quote.gasCostOut,
            route: quote.route,
            ...(quote.at ? { createdAt: quote.at } : {}),
          });
          if (!row) {
            // A concurrent execute of the same key committed first (the insert waited for it).
            const winner = await findPaperFillByKey(tx, order.key);
            if (!winner) throw new Error(`paper fill ${order.key} conflicted but is not visible`);
            return existingResult(winner, account.id);
          }
          const left = await debitPaperBalance(tx, account.id, tokenIn, order.amountIn);
          if (left === null) throw new InsufficientBalance();
          await creditPaperBalance(tx, account.id, tokenOut, quote.amountOut);
          return { status: "filled", fill: fillFromRow(row, false) } satisfies ExecuteResult;
        });
      } catch (err) {
        // Thrown inside the transaction so the fill insert rolls back with it: nothing written.
        if (err instanceof InsufficientBalance) {
          return rejected(PAPER_REJECT.insufficientBalance, INSUFFICIENT_REASON);
        }
        throw err;
      }
    },
  };
}
