"use client";
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useTRPC } from "@/lib/trpc/client";

export const CHAIN_STATUS_REFRESH_MS = 15_000;

const subscribeNever = () => () => {};

// defi.chains (live RPC probes) is not prefetched on the server, to keep RPC latency out of
// page loads. The header starts fetching it as soon as it hydrates, which can be before a
// streamed page segment hydrates; reporting "pending" until this component has hydrated
// keeps the first client render equal to the server HTML.
export function useChainStatus() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.defi.chains.queryOptions(), refetchInterval: CHAIN_STATUS_REFRESH_MS });
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (hydrated) return query;
  return { ...query, data: undefined, isPending: true as const, isError: false as const, isSuccess: false as const, error: null };
}
