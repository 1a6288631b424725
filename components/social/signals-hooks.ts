"use client";
// The tRPC calls of the signals & feed page, one small hook each, typed against the contract's
// DTOs (lib/schemas/social.ts). Live data polls every 3 s: the feed always, the signals list
// while it shows an open live signal (so an outcome change after a price move shows up).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import type { FeedDto, SignalDto, SignalsListInput, SignalsPageDto } from "@/lib/schemas/social";
import type { PublishSignalInput } from "@/lib/schemas/social-core";
import { useTRPC } from "@/lib/trpc/client";
import { LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

export const LIVE_POLL_MS = 3_000;
/** Live signals are published and tracked on the first local chain (server/services/social/signals.ts). */
export const SIGNALS_CHAIN_ID: number = LOCAL_CHAIN_IDS[0];

/** Market symbol of a registry token (WETH → ETH, WBTC → BTC), as signals name assets. */
export const marketSymbol = (tokenSymbol: string) => ({ WETH: "ETH", WBTC: "BTC" })[tokenSymbol] ?? tokenSymbol;

export function useFeed(limit: number) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.social.feed.queryOptions({ limit }, { refetchInterval: LIVE_POLL_MS }),
    placeholderData: (prev: FeedDto | undefined) => prev,
  });
}

const hasOpenLive = (d: SignalsPageDto | undefined) => !!d?.items.some((s) => s.status === "open" && s.basis === "live");

export function useSignals(input: SignalsListInput) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.social.signals.list.queryOptions(input, { refetchInterval: (q) => (hasOpenLive(q.state.data as SignalsPageDto | undefined) ? LIVE_POLL_MS : false) }),
    placeholderData: (prev: SignalsPageDto | undefined) => prev,
  });
}

export function usePublishSignal(onDone: (s: SignalDto) => void) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useMutation(
    trpc.social.signals.publish.mutationOptions({
      onSuccess: async (s) => {
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.social.signals.list.pathKey() }), qc.invalidateQueries({ queryKey: trpc.social.feed.pathKey() })]);
        onDone(s);
      },
    }),
  );
}
export type { PublishSignalInput };

/** Assets a signal can be published on: the signal chain's non-stablecoin tokens, as market symbols, with their token. */
export function useSignalAssets() {
  const trpc = useTRPC();
  const q = useQuery(trpc.defi.tokens.queryOptions({ chainId: SIGNALS_CHAIN_ID }, { staleTime: 300_000 }));
  const assets = useMemo(() => {
    const tokens = q.data?.tokens ?? [];
    const usdc = tokens.find((t) => t.symbol === "USDC")?.address ?? null;
    return {
      usdc,
      list: tokens.filter((t) => t.category !== "stablecoin").map((t) => ({ symbol: marketSymbol(t.symbol), token: t.address })),
    };
  }, [q.data]);
  return { ...assets, query: q };
}

/** The current pool price (USD) of an asset on the signal chain: what the server checks a signal's entry against. */
export function useLivePrice(asset: string) {
  const trpc = useTRPC();
  const q = useQuery(trpc.market.prices.queryOptions({ chainId: SIGNALS_CHAIN_ID }, { refetchInterval: 15_000 }));
  const price = q.data?.prices.find((p) => p.symbol === asset)?.priceUsd ?? null;
  return { price, loading: q.isPending };
}
