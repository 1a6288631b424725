"use client";
// Token list and wallet balances for the swap page (tRPC), with ETH (NATIVE_TOKEN) first.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import type { Address } from "@/lib/web3/swap/types";

export type SwapToken = { address: Address; symbol: string; name: string; decimals: number; logo: string; native?: boolean };

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export function useSwapTokens(chainId: number) {
  const trpc = useTRPC();
  const q = useQuery(trpc.defi.tokens.queryOptions({ chainId }, { staleTime: 5 * 60_000 }));
  const tokens = useMemo<SwapToken[]>(() => {
    if (!q.data) return [];
    const native: SwapToken = { address: NATIVE_TOKEN, ...q.data.native, logo: q.data.native.symbol.toLowerCase(), native: true };
    return [native, ...q.data.tokens.map((t) => ({ address: t.address as Address, symbol: t.symbol, name: t.name, decimals: t.decimals, logo: t.logo }))];
  }, [q.data]);
  const bySymbol = (symbol: string) => tokens.find((t) => t.symbol.toLowerCase() === symbol.toLowerCase());
  const byAddress = (address: string | null | undefined) => tokens.find((t) => sameAddress(t.address, address));
  return { query: q, list: q.data, tokens, bySymbol, byAddress };
}

export function useSwapBalances(chainId: number, address: Address | undefined, block?: bigint) {
  const trpc = useTRPC();
  const q = useQuery(
    trpc.defi.balances.queryOptions({ chainId, address: address ?? "0x0000000000000000000000000000000000000000" }, { enabled: !!address }),
  );
  // Refetch when the chain moves (not on every render): the block is part of the dependency.
  const { refetch } = q;
  useEffect(() => {
    if (block !== undefined && address) void refetch();
  }, [block, address, refetch]);
  const balanceOf = (token: string | undefined): bigint | undefined =>
    token ? q.data?.balances.find((b) => sameAddress(b.token, token))?.raw : undefined;
  return { query: q, balanceOf };
}
