"use client";
// Shared pieces of the vault page: router output types, the runner that signs a built plan's
// steps in the user's wallet (send → wait for the receipt, in order), the step list it shows,
// readable vault/wallet errors, and one invalidation after anything that changes a vault.
import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CheckCircle2Icon, CircleIcon, XCircleIcon } from "lucide-react";
import { useCallback, useState } from "react";
import { decodeErrorResult, type Hex } from "viem";
import { useConfig, useConnection, useSendTransaction, useSwitchChain } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { lodestarVaultAbi, lodestarVaultFactoryAbi } from "@/lib/web3/abi/vault";
import { chainName } from "@/lib/web3/chains";
import { normaliseWalletError } from "@/lib/web3/errors";
import { shortAddress } from "@/lib/web3/format";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>["automation"]["vault"];
export type VaultState = Out["state"];
export type VaultView = VaultState["vaults"][number];
export type VaultTokenView = VaultView["tokens"][number];
export type VaultPlan = Out["buildDeposit"];
export type KeeperTx = Out["keeperTxs"][number];

export const sameAddr = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

// ---------------------------------------------------------------- errors

// The vault's and factory's custom errors as people should read them (the contract's names).
const VAULT_ERRORS: Record<string, string> = {
  NotOwner: "Only the vault owner's wallet can do this. Switch your wallet to the owner account.",
  VaultExists: "This wallet already has a vault on this network.",
  BadToken: "The vault cannot hold this token (ETH is held as WETH).",
  BadValue: "The ETH sent does not match the amount.",
  ZeroAmount: "Enter an amount greater than zero.",
  ZeroAddress: "The address cannot be zero.",
  EthTransferFailed: "Sending the ETH to your wallet failed.",
  SafeERC20FailedOperation: "The token transfer failed: check your balance and the approval.",
  ReentrancyGuardReentrantCall: "The vault refused a nested call.",
};
const decodeAbi = [...lodestarVaultAbi, ...lodestarVaultFactoryAbi];

function vaultRevert(err: unknown): string | null {
  let cur: unknown = err;
  for (let i = 0; i < 8 && cur && typeof cur === "object"; i++) {
    const data = (cur as { data?: unknown }).data;
    const name = data && typeof data === "object" ? (data as { errorName?: unknown }).errorName : undefined;
    if (typeof name === "string" && VAULT_ERRORS[name]) return VAULT_ERRORS[name];
    if (typeof data === "string" && /^0x[0-9a-f]{8}/i.test(data)) {
      try {
        const decoded = decodeErrorResult({ abi: decodeAbi, data: data as Hex });
        return VAULT_ERRORS[decoded.errorName] ?? `The vault refused the transaction (${decoded.errorName}).`;
      } catch {
        /* not a vault error */
      }
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/** One readable sentence for a failed wallet request, transaction or build call. */
export function describeVaultError(err: unknown): string {
  const fromVault = vaultRevert(err);
  if (fromVault) return fromVault;
  const w = normaliseWalletError(err);
  return w.kind === "unknown" ? errorMessage(err, w.message) : w.message;
}

// ---------------------------------------------------------------- running a plan

export type StepStatus = "idle" | "wallet" | "pending" | "done" | "failed";
export type RunStep = { kind: string; label: string; status: StepStatus; hash?: Hex };

export function useInvalidateVault() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: trpc.automation.vault.state.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.automation.vault.keeperTxs.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.defi.balances.pathKey() }),
      ]),
    [qc, trpc],
  );
}

/**
 * Signs a plan's steps in order with the connected wallet: each is sent, then its receipt
 * awaited (a reverted step stops the rest). `after` runs with the hashes once all are mined
 * (e.g. register the vault). The chain is the source of truth: the state is refetched after.
 */
export function useVaultRunner() {
  const config = useConfig();
  const connection = useConnection();
  const send = useSendTransaction();
  const invalidate = useInvalidateVault();
  const [steps, setSteps] = useState<RunStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState(false);

  const reset = useCallback(() => {
    setSteps([]);
    setError(null);
    setRunning(false);
    setFinished(false);
  }, []);

  const fail = useCallback((message: string) => {
    setError(message);
    setRunning(false);
  }, []);

  const run = useCallback(
    async (plan: VaultPlan, after?: (hashes: Hex[]) => Promise<unknown>): Promise<boolean> => {
      setError(null);
      setFinished(false);
      setSteps(plan.steps.map((s) => ({ kind: s.kind, label: s.label, status: "idle" })));
      if (!connection.address || !sameAddr(connection.address, plan.account)) {
        fail(`Switch your wallet to ${shortAddress(plan.account)}, the vault's owner, to sign this.`);
        return false;
      }
      if (connection.chainId !== plan.chainId) {
        fail(`Your wallet is on another network. Switch it to ${chainName(plan.chainId)} first.`);
        return false;
      }
      setRunning(true);
      const patch = (i: number, p: Partial<RunStep>) => setSteps((s) => s.map((x, j) => (j === i ? { ...x, ...p } : x)));
      const hashes: Hex[] = [];
      let i = 0;
      try {
        for (; i < plan.steps.length; i++) {
          const { tx } = plan.steps[i]!;
          patch(i, { status: "wallet" });
          const hash = await send.mutateAsync({ chainId: plan.chainId, to: tx.to, data: tx.data, value: tx.value });
          patch(i, { status: "pending", hash });
          const receipt = await waitForTransactionReceipt(config, { hash, chainId: plan.chainId });
          if (receipt.status !== "success") throw new Error(`“${plan.steps[i]!.label}” reverted on chain. Nothing else was sent.`);
          hashes.push(hash);
          patch(i, { status: "done" });
        }
        if (after) await after(hashes);
        setFinished(true);
        setRunning(false);
        await invalidate();
        return true;
      } catch (err) {
        if (i < plan.steps.length) patch(i, { status: "failed" });
        fail(describeVaultError(err));
        await invalidate();
        return false;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mutateAsync is stable; the connection is read at call time
    [config, connection.address, connection.chainId, fail, invalidate],
  );

  return { steps, error, running, finished, run, reset, fail };
}

// ---------------------------------------------------------------- progress UI

function StepIcon({ status }: { status: StepStatus }) {
  if (status === "done") return <CheckCircle2Icon aria-hidden="true" className="size-4 text-positive" />;
  if (status === "failed") return <XCircleIcon aria-hidden="true" className="size-4 text-negative" />;
  if (status === "wallet" || status === "pending") return <Spinner className="size-4" />;
  return <CircleIcon aria-hidden="true" className="size-4 text-muted-foreground" />;
}

const HINT: Record<StepStatus, string> = { idle: "Waiting", wallet: "Confirm in your wallet", pending: "Waiting for the chain", done: "Done", failed: "Failed" };

export function VaultSteps({ steps, className }: { steps: RunStep[]; className?: string }) {
  if (steps.length === 0) return null;
  return (
    <ol className={cn("grid gap-1.5", className)} aria-label="Progress">
      {steps.map((s, i) => (
        <li key={i} className="flex items-center gap-3 rounded-lg border bg-muted/20 px-3 py-2 text-sm" data-testid="vault-step" data-kind={s.kind} data-status={s.status}>
          <StepIcon status={s.status} />
          <span className="grid min-w-0 flex-1 leading-tight">
            <span className="truncate font-medium">
              {steps.length > 1 ? `${i + 1}. ` : ""}
              {s.label}
            </span>
            <span className="text-xs text-muted-foreground">
              {HINT[s.status]}
              {s.hash ? (
                <>
                  {" · "}
                  <span className="font-mono" title={s.hash}>
                    {shortAddress(s.hash, 6)}
                  </span>
                </>
              ) : null}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The wallet's network differs from the page's: one button to switch (errors read normally). */
export function SwitchChainNotice({ chainId }: { chainId: number }) {
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const [err, setErr] = useState<string | null>(null);
  if (connection.status !== "connected" || connection.chainId === chainId) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-sm" data-testid="vault-switch-chain">
      <span>
        Your wallet is on {chainName(connection.chainId ?? 0)}. Vault transactions here are on {chainName(chainId)}.
        {err ? <span className="block text-xs text-destructive">{err}</span> : null}
      </span>
      <Button
        size="sm"
        variant="outline"
        disabled={switchChain.isPending}
        onClick={() => {
          setErr(null);
          switchChain.mutate({ chainId }, { onError: (e) => setErr(normaliseWalletError(e).message) });
        }}
      >
        {switchChain.isPending ? <Spinner /> : null}
        Switch to {chainName(chainId)}
      </Button>
    </div>
  );
}

export function TxError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive" data-testid="vault-tx-error">
      {message}
    </p>
  );
}

export function HashLink({ hash }: { hash: string | null }) {
  if (!hash) return <span className="text-muted-foreground">–</span>;
  return (
    <span className="font-mono text-xs" title={hash}>
      {shortAddress(hash, 6)}
    </span>
  );
}
