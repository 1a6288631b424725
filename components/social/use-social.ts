"use client";
// Every tRPC call of the social UI (leaderboard, trader pages, copying, profile) in one place:
// the procedures are typed from the router, and each hook states the DTO it returns
// (lib/schemas/social.ts), so the components are written against the contract.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import type {
  CopyConfigureInput,
  CopyDto,
  CopyTradeDto,
  LeaderboardDto,
  ProfileDto,
  TradeDto,
  TraderDetailDto,
  TradersTopInput,
  UpdateTraderProfileInput,
} from "@/lib/schemas/social";
import { useTRPC } from "@/lib/trpc/client";
import { COPY_TRADES_PAGE, TRADER_TRADES_PAGE } from "./social-format";

/** Copy list and history poll so new copies and fills appear without a reload. */
export const COPY_POLL_MS = 3_000;

export type Page<T> = { items: T[]; nextCursor: string | null };

export function useLeaderboard(input: TradersTopInput) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.social.traders.top.queryOptions(input), placeholderData: (prev: LeaderboardDto | undefined) => prev });
}

export function useTrader(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.social.traders.get.queryOptions({ id }));
}
export type { TraderDetailDto };

export function useTraderTrades(id: string) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.social.traders.trades.infiniteQueryOptions({ id, limit: TRADER_TRADES_PAGE }, { getNextPageParam: (last: Page<TradeDto>) => last.nextCursor ?? undefined }),
  );
}

export function useProfile() {
  const trpc = useTRPC();
  return useQuery(trpc.social.profile.get.queryOptions());
}

export function useOwnPortfolios() {
  const trpc = useTRPC();
  return useQuery(trpc.portfolio.list.queryOptions());
}

export function useCopies(opts: { poll?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery(trpc.social.copy.list.queryOptions(undefined, { refetchInterval: opts.poll ? COPY_POLL_MS : false }));
}
export type { CopyDto, CopyTradeDto };

export function useCopyTrades(copyId?: string) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.social.copy.trades.infiniteQueryOptions(
      { copyId, limit: COPY_TRADES_PAGE },
      { getNextPageParam: (last: Page<CopyTradeDto>) => last.nextCursor ?? undefined, refetchInterval: COPY_POLL_MS },
    ),
  );
}

/** Everything under social.* is refreshed after a social mutation (cheap, and the pages read each other's data). */
function useInvalidateSocial() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries(trpc.social.pathFilter());
}

type LeaderInput = { leaderId: string };
type CopyIdInput = { copyId: string };

export function useFollow(): { follow: UseMutationResult<unknown, unknown, LeaderInput>; unfollow: UseMutationResult<unknown, unknown, LeaderInput> } {
  const trpc = useTRPC();
  const invalidate = useInvalidateSocial();
  const follow = useMutation(trpc.social.follow.mutationOptions({ onSettled: invalidate }));
  const unfollow = useMutation(trpc.social.unfollow.mutationOptions({ onSettled: invalidate }));
  return { follow, unfollow };
}

export function useConfigureCopy(opts: { onSuccess?: (c: CopyDto) => void; onError?: (err: unknown) => void } = {}): UseMutationResult<CopyDto, unknown, CopyConfigureInput> {
  const trpc = useTRPC();
  const invalidate = useInvalidateSocial();
  return useMutation(
    trpc.social.copy.configure.mutationOptions({
      onSuccess: async (c: CopyDto) => {
        await invalidate();
        opts.onSuccess?.(c);
      },
      onError: opts.onError,
    }),
  );
}

export function useCopyControls(): Record<"pause" | "resume" | "stop", UseMutationResult<CopyDto, unknown, CopyIdInput>> {
  const trpc = useTRPC();
  const invalidate = useInvalidateSocial();
  const pause = useMutation(trpc.social.copy.pause.mutationOptions({ onSettled: invalidate }));
  const resume = useMutation(trpc.social.copy.resume.mutationOptions({ onSettled: invalidate }));
  const stop = useMutation(trpc.social.copy.stop.mutationOptions({ onSettled: invalidate }));
  return { pause, resume, stop };
}

export function useUpdateProfile(opts: { onSuccess?: (p: ProfileDto) => void; onError?: (err: unknown) => void } = {}): UseMutationResult<ProfileDto, unknown, UpdateTraderProfileInput> {
  const trpc = useTRPC();
  const invalidate = useInvalidateSocial();
  return useMutation(
    trpc.social.profile.update.mutationOptions({
      onSuccess: async (p) => {
        await invalidate();
        opts.onSuccess?.(p as ProfileDto);
      },
      onError: opts.onError,
    }),
  );
}
