"use client";
// Shared bits of the paper account UI: the tokens a paper account can hold (the chain's
// registry tokens; ETH is held as WETH, so the native entry is left out) and one invalidation
// after anything that moves paper balances.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { sameAddress, useSwapTokens, type SwapToken } from "@/components/swap/use-swap-data";
import { useTRPC } from "@/lib/trpc/client";

export function usePaperTokens(chainId: number) {
  const { tokens, query } = useSwapTokens(chainId);
  const list = useMemo<SwapToken[]>(() => tokens.filter((t) => !t.native), [tokens]);
  const byAddress = useCallback((address: string | null | undefined) => list.find((t) => sameAddress(t.address, address)), [list]);
  const bySymbol = useCallback((symbol: string) => list.find((t) => t.symbol === symbol), [list]);
  return { tokens: list, query, byAddress, bySymbol };
}

/** Refreshes the account (balances, P&L) and the fills after an order or a reset. */
export function useInvalidatePaper() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: trpc.automation.paper.account.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.automation.paper.fills.pathKey() }),
      ]),
    [qc, trpc],
  );
}
