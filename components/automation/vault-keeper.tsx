"use client";
// The keeper of a vault: whether Lodestar's keeper may trade (within the limits below), with
// "Authorise" and a prominent one-click "Revoke keeper" (one transaction, stops all
// automation on this vault at once; funds stay where they are).
import { useMutation, useQuery } from "@tanstack/react-query";
import { BotIcon, ShieldCheckIcon, ShieldOffIcon, ShieldAlertIcon } from "lucide-react";
import { usePublicClient } from "wagmi";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { lodestarVaultAbi } from "@/lib/web3/abi/vault";
import { shortAddress } from "@/lib/web3/format";
import type { Address } from "@/lib/web3/swap/types";
import { describeVaultError, TxError, useVaultRunner, VaultSteps, type VaultView } from "./vault-shared";

export type KeeperStatus = "authorised" | "not_set" | "revoked" | "other";

/** "revoked" needs the chain's history: the vault's KeeperRevoked events (read only when no keeper is set). */
function useKeeperStatus(chainId: number, vault: VaultView): KeeperStatus | null {
  const client = usePublicClient({ chainId });
  const needsLogs = !!vault.address && vault.keeper === null;
  const logs = useQuery({
    queryKey: ["vault-keeper-revoked", chainId, vault.address, vault.keeper],
    enabled: needsLogs && !!client,
    staleTime: 60_000,
    queryFn: async () => {
      const events = await client!.getContractEvents({ address: vault.address as Address, abi: lodestarVaultAbi, eventName: "KeeperRevoked", fromBlock: 0n });
      return events.length > 0;
    },
  });
  if (vault.keeper !== null) return vault.keeperIsOurs ? "authorised" : "other";
  if (!client || logs.isError) return "not_set";
  if (logs.isPending) return null;
  return logs.data ? "revoked" : "not_set";
}

const LABEL: Record<KeeperStatus, string> = { authorised: "Authorised", not_set: "Not authorised", revoked: "Revoked", other: "Another keeper" };

export function VaultKeeperPanel({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const trpc = useTRPC();
  const status = useKeeperStatus(chainId, vault);
  const runner = useVaultRunner();
  const buildSet = useMutation(trpc.automation.vault.buildSetKeeper.mutationOptions());
  const buildRevoke = useMutation(trpc.automation.vault.buildRevoke.mutationOptions());
  const busy = buildSet.isPending || buildRevoke.isPending || runner.running;

  async function act(kind: "set" | "revoke") {
    if (!vault.address) return;
    runner.reset();
    try {
      const plan = kind === "set" ? await buildSet.mutateAsync({ chainId, vault: vault.address }) : await buildRevoke.mutateAsync({ chainId, vault: vault.address });
      await runner.run(plan);
    } catch (err) {
      runner.fail(describeVaultError(err));
    }
  }

  const canRevoke = vault.keeper !== null;
  return (
    <section className="grid content-start gap-3 rounded-lg border p-4" data-testid="vault-keeper" data-status={status ?? "loading"} aria-label="Keeper">
      <div className="flex items-start justify-between gap-3">
        <div className="grid gap-1">
          <h4 className="flex items-center gap-2 text-sm font-semibold">
            <BotIcon aria-hidden="true" className="size-4 text-muted-foreground" />
            Keeper
          </h4>
          <p className="text-xs text-muted-foreground">Lodestar&apos;s keeper runs your stops, DCA and rebalances from this vault, only within the limits and price bounds below.</p>
        </div>
        {status === null ? (
          <Spinner className="size-4" />
        ) : (
          <Badge variant={status === "authorised" ? "positive" : status === "revoked" ? "negative" : status === "other" ? "warning" : "outline"} data-testid="vault-keeper-status">
            {status === "authorised" ? <ShieldCheckIcon /> : status === "other" ? <ShieldAlertIcon /> : <ShieldOffIcon />}
            {LABEL[status]}
          </Badge>
        )}
      </div>
      {vault.keeper ? (
        <p className="text-xs text-muted-foreground">
          Keeper <span className="font-mono">{shortAddress(vault.keeper)}</span>
          {status === "other" ? " is not Lodestar's: automations here will not run until you authorise Lodestar's keeper." : ""}
        </p>
      ) : status === "revoked" ? (
        <p className="text-xs text-muted-foreground">Revoked: no automation can trade from this vault until you authorise the keeper again.</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canRevoke ? (
          <Button variant="destructive" onClick={() => void act("revoke")} disabled={busy} data-testid="vault-keeper-revoke" className="flex-1">
            {buildRevoke.isPending || (runner.running && runner.steps[0]?.kind === "revokeKeeper") ? <Spinner /> : <ShieldOffIcon />}
            Revoke keeper
          </Button>
        ) : null}
        {status !== "authorised" ? (
          <Button variant={canRevoke ? "outline" : "default"} onClick={() => void act("set")} disabled={busy || status === null} data-testid="vault-keeper-authorise" className="flex-1">
            {buildSet.isPending || (runner.running && runner.steps[0]?.kind === "setKeeper") ? <Spinner /> : <ShieldCheckIcon />}
            Authorise Lodestar&apos;s keeper
          </Button>
        ) : null}
      </div>
      {canRevoke ? <p className="text-xs text-muted-foreground">One transaction stops all automation on this vault. Your funds stay in the vault and you can withdraw them any time.</p> : null}
      <VaultSteps steps={runner.steps} />
      <TxError message={runner.error} />
    </section>
  );
}
