// A verified trade on the wire (TradeDto): the leaderboard, trader pages, the feed and the copy
// history all show trades this way. side: buy = a stablecoin given up for a non-stable asset,
// sell = the reverse, otherwise swap.
import type { VerifiedTradeRow } from "@/db/queries/social";
import type { TradeDto } from "@/lib/schemas/social";
import { tradeSide } from "@/server/social/record-book";
import { marketSymbolOf } from "@/server/services/prices";
import { isStableSymbol, tokenInfoOf } from "./records";

export function toTradeDto(t: VerifiedTradeRow): TradeDto {
  const a = tokenInfoOf(t.chainId, t.tokenIn);
  const b = tokenInfoOf(t.chainId, t.tokenOut);
  return {
    id: t.id,
    source: t.source,
    origin: t.origin,
    chainId: t.chainId,
    side: tradeSide(isStableSymbol(marketSymbolOf(t.symbolIn)), isStableSymbol(marketSymbolOf(t.symbolOut))),
    symbolIn: t.symbolIn,
    symbolOut: t.symbolOut,
    amountIn: t.amountIn.toString(),
    amountOut: t.amountOut.toString(),
    decimalsIn: a.decimals,
    decimalsOut: b.decimals,
    valueUsd: Number(t.valueUsd),
    block: t.block === null ? null : t.block.toString(),
    txHash: t.txHash,
    executedAt: t.executedAt.toISOString(),
  };
}
