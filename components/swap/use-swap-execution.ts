"use client";
// Runs a built swap in the wallet: each approval, then the swap, in order. Every hash goes to
// the server (submitSwap) as soon as the wallet returns it; the server verifies the receipt
// on chain and the result shown is the server's record, never what the client assumed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { usePublicClient, useSendTransaction } from "wagmi";
import { errorMessage } from "@/components/feedback/errors";
import { useTRPC } from "@/lib/trpc/client";
import { normaliseWalletError } from "@/lib/web3/errors";
import type { BuiltSwap, Hex, SwapRecord, TxRequest } from "@/lib/web3/swap/types";

export type StepStatus = "idle" | "wallet" | "pending" | "done" | "failed";
export type ExecStep = { id: string; kind: "approve" | "swap"; label: string; status: StepStatus; hash?: Hex };

/** Gas for the swap: the simulation's (or quote's) figure plus 30 %, so a wallet never has to
 * estimate it — an estimate fails on a swap that would revert, and then the user never sees the
 * reason the chain gives. */
function swapGasLimit(built: BuiltSwap): bigint {
  if (built.swap.gas) return built.swap.gas; // the server's limit, with headroom over its simulation
  const base = built.simulation.ok && built.simulation.gasUsed > 0n ? built.simulation.gasUsed : built.quote.gasEstimate;
  const g = (base * 13n) / 10n + 30_000n;
  return g < 120_000n ? 120_000n : g;
}

export function useSwapExecution(chainId: number) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const publicClient = usePublicClient({ chainId });
  const send = useSendTransaction();
  const submit = useMutation(trpc.defi.submitSwap.mutationOptions());
  const [steps, setSteps] = useState<ExecStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [swapHash, setSwapHash] = useState<Hex | null>(null);
  const [running, setRunning] = useState(false);

  // The swap's record, polled until the server has seen it mined (or dropped).
  const status = useQuery(
    trpc.defi.swapStatus.queryOptions(
      { chainId, hash: swapHash ?? "0x0000000000000000000000000000000000000000000000000000000000000000" },
      {
        enabled: !!swapHash,
        refetchInterval: (q) => (q.state.data && q.state.data.status !== "pending" ? false : 1_000),
        retry: 3,
      },
    ),
  );
  const record: SwapRecord | null = status.data && status.data.status !== "pending" ? status.data : null;

  const reset = useCallback(() => {
    setSteps([]);
    setError(null);
    setSwapHash(null);
    setRunning(false);
  }, []);

  const patch = (id: string, p: Partial<ExecStep>) => setSteps((s) => s.map((x) => (x.id === id ? { ...x, ...p } : x)));

  const run = useCallback(
    async (built: BuiltSwap, labels: { approve: (token: string) => string; swap: string }) => {
      const plan: ExecStep[] = [
        ...built.approvals.map((a, i) => ({ id: `approve-${i}`, kind: "approve" as const, label: labels.approve(a.token), status: "idle" as const })),
        { id: "swap", kind: "swap", label: labels.swap, status: "idle" },
      ];
      setSteps(plan);
      setError(null);
      setSwapHash(null);
      setRunning(true);
      const sendTx = (tx: TxRequest, gas?: bigint) => send.mutateAsync({ chainId, to: tx.to, data: tx.data, value: tx.value, gas: gas ?? tx.gas });
      let current = "";
      try {
        for (const [i, a] of built.approvals.entries()) {
          current = `approve-${i}`;
          patch(current, { status: "wallet" });
          const hash = await sendTx(a.tx);
          patch(current, { status: "pending", hash });
          await submit.mutateAsync({ chainId, hash, kind: "approve" });
          const receipt = await publicClient!.waitForTransactionReceipt({ hash });
          if (receipt.status !== "success") throw new Error("The approval transaction reverted.");
          patch(current, { status: "done" });
        }
        current = "swap";
        patch(current, { status: "wallet" });
        const q = built.quote;
        const hash = await sendTx(built.swap, swapGasLimit(built));
        patch(current, { status: "pending", hash });
        await submit.mutateAsync({
          chainId,
          hash,
          kind: q.kind,
          quote: { tokenIn: q.tokenIn, tokenOut: q.tokenOut, amountIn: q.amountIn, amountOut: q.amountOut, minAmountOut: q.minAmountOut },
        });
        // Poll only once the server knows the hash (before that, swapStatus is a 404).
        setSwapHash(hash);
      } catch (err) {
        patch(current, { status: "failed" });
        const w = normaliseWalletError(err);
        setError(w.kind === "unknown" ? errorMessage(err, w.message) : w.message);
        setRunning(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mutateAsync/publicClient are stable enough per chain
    [chainId, publicClient],
  );

  // Once the record settles: mark the step and refresh what depends on the chain.
  const settled = record?.status;
  useEffect(() => {
    if (!settled) return;
    void qc.invalidateQueries({ queryKey: trpc.defi.balances.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.defi.history.queryKey() });
  }, [settled, qc, trpc]);
  // The swap step's final state is the server's record (derived, not copied into state).
  const shownSteps = settled
    ? steps.map((x): ExecStep => (x.id === "swap" ? { ...x, status: settled === "confirmed" ? "done" : "failed" } : x))
    : steps;

  return { steps: shownSteps, error, record, pendingRecord: status.data ?? null, statusError: status.error, running: running && !settled, run, reset, swapHash };
}
