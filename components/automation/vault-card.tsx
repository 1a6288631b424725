"use client";
// One linked wallet's vault on a chain: create it (sign, then register from the receipt), or
// its balances, deposit/withdraw, keeper, limits and price bounds.
import { useMutation, useQueries } from "@tanstack/react-query";
import { ArrowDownToLineIcon, ArrowUpFromLineIcon, LockKeyholeIcon, VaultIcon } from "lucide-react";
import { useState } from "react";
import type { Hex } from "viem";
import { useConnection } from "wagmi";
import { TokenLogo } from "@/components/swap/token-logo";
import { useSwapTokens } from "@/components/swap/use-swap-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatUsd } from "@/lib/portfolio/format";
import { useTRPC } from "@/lib/trpc/client";
import { chainName } from "@/lib/web3/chains";
import { shortAddress } from "@/lib/web3/format";
import { formatPrice, formatTokenAmount } from "@/lib/web3/swap/amount";
import { VaultKeeperPanel } from "./vault-keeper";
import { VaultLimits } from "./vault-limits";
import { VaultPriceBounds } from "./vault-price-bounds";
import { describeVaultError, sameAddr, SwitchChainNotice, TxError, useVaultRunner, VaultSteps, type VaultTokenView, type VaultView } from "./vault-shared";
import { VaultTransferDialog, type TransferMode } from "./vault-transfer-dialog";

export const NON_CUSTODIAL_LINE =
  "Non-custodial: the vault is a contract only your wallet owns. You can withdraw at any time; Lodestar's keeper can only swap inside it, within your limits and price bounds, and never send funds anywhere else.";

function OwnerNote({ owner }: { owner: string }) {
  const connection = useConnection();
  if (connection.status !== "connected" || sameAddr(connection.address, owner)) return null;
  return <p className="text-xs text-warning">Your wallet is connected as {shortAddress(connection.address ?? "")}: switch it to {shortAddress(owner)} to sign for this vault.</p>;
}

function CreateVault({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const trpc = useTRPC();
  const runner = useVaultRunner();
  const build = useMutation(trpc.automation.vault.buildCreate.mutationOptions());
  const register = useMutation(trpc.automation.vault.register.mutationOptions());
  const [createdHash, setCreatedHash] = useState<Hex | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setError(null);
    try {
      const plan = await build.mutateAsync({ chainId, owner: vault.owner });
      await runner.run(plan, async ([hash]) => {
        setCreatedHash(hash!);
        await register.mutateAsync({ chainId, hash: hash! });
      });
    } catch (err) {
      setError(describeVaultError(err));
    }
  }
  async function retryRegister() {
    if (!createdHash) return;
    setError(null);
    try {
      await register.mutateAsync({ chainId, hash: createdHash });
      runner.reset();
    } catch (err) {
      setError(describeVaultError(err));
    }
  }
  const busy = build.isPending || runner.running || register.isPending;
  const registerFailed = !!createdHash && register.isError;
  return (
    <div className="grid gap-3">
      <EmptyState
        icon={<VaultIcon />}
        title="No vault for this wallet yet"
        description={`Create your vault on ${chainName(chainId)}: one transaction deploys a contract only ${shortAddress(vault.owner)} owns. Then deposit, set limits and authorise the keeper.`}
        action={
          registerFailed ? (
            <Button size="sm" onClick={() => void retryRegister()} disabled={busy} data-testid="vault-register-retry">
              {register.isPending ? <Spinner /> : null}
              Retry registration
            </Button>
          ) : (
            <Button size="sm" onClick={() => void create()} disabled={busy} data-testid="vault-create">
              {busy ? <Spinner /> : <VaultIcon />}
              Create vault
            </Button>
          )
        }
      />
      <VaultSteps steps={runner.steps} />
      <TxError message={error ?? runner.error} />
    </div>
  );
}

/** USD per whole token from a one-token quote into USDC (mid price); stablecoins' own pools price them too. */
function useUsdPrices(chainId: number, held: VaultTokenView[]) {
  const trpc = useTRPC();
  const { list } = useSwapTokens(chainId);
  const usdcAddr = list?.tokens.find((t) => t.symbol === "USDC")?.address;
  const results = useQueries({
    queries: held.map((t) =>
      trpc.defi.quote.queryOptions(
        { chainId, tokenIn: t.token, tokenOut: usdcAddr ?? "0x", amountIn: (10n ** BigInt(t.decimals)).toString() },
        { enabled: !!usdcAddr && !sameAddr(t.token, usdcAddr), staleTime: 15_000, refetchInterval: 30_000, retry: 1 },
      ),
    ),
  });
  return (t: VaultTokenView): number | null => {
    if (sameAddr(t.token, usdcAddr)) return 1;
    const i = held.findIndex((h) => sameAddr(h.token, t.token));
    const mid = results[i]?.data?.midPrice;
    return mid ? Number(mid) : null;
  };
}

function Balances({ chainId, vault, onTransfer }: { chainId: number; vault: VaultView; onTransfer: (m: TransferMode) => void }) {
  const { byAddress } = useSwapTokens(chainId);
  const held = vault.tokens.filter((t) => t.balance > 0n);
  const priceOf = useUsdPrices(chainId, held);
  const values = held.map((t) => {
    const p = priceOf(t);
    return p === null ? null : (Number(t.balance) / 10 ** t.decimals) * p;
  });
  const total = values.every((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
  return (
    <section className="grid content-start gap-3" aria-label="Balances">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid">
          <h4 className="text-sm font-semibold">Balances</h4>
          <p className="tabular text-xs text-muted-foreground" data-testid="vault-total">
            {held.length === 0 ? "Empty" : total !== null ? `≈ ${formatUsd(total.toFixed(2))} at pool prices` : "Pricing…"}
          </p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => onTransfer("deposit")} data-testid="vault-deposit-open">
            <ArrowDownToLineIcon />
            Deposit
          </Button>
          <Button size="sm" variant="outline" onClick={() => onTransfer("withdraw")} disabled={held.length === 0} data-testid="vault-withdraw-open">
            <ArrowUpFromLineIcon />
            Withdraw
          </Button>
        </div>
      </div>
      {held.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground" data-testid="vault-balances-empty">
          Nothing in the vault yet. Deposit ETH or a token to let automations trade it.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border">
          <Table data-testid="vault-balances">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Token</TableHead>
                <TableHead className="text-right">Balance</TableHead>
                <TableHead className="text-right">Price</TableHead>
                <TableHead className="text-right">Value</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {held.map((t, i) => {
                const p = priceOf(t);
                return (
                  <TableRow key={t.token} data-testid="vault-balance-row" data-symbol={t.symbol} data-raw={t.balance.toString()}>
                    <TableCell>
                      <span className="inline-flex items-center gap-2.5">
                        <TokenLogo logo={byAddress(t.token)?.logo} symbol={t.symbol} size={24} />
                        <span className="grid leading-tight">
                          <span className="font-medium">{t.symbol}</span>
                          <span className="text-xs text-muted-foreground">{byAddress(t.token)?.name ?? ""}</span>
                        </span>
                      </span>
                    </TableCell>
                    <TableCell className="tabular text-right font-mono">{formatTokenAmount(t.balance, t.decimals, 8)}</TableCell>
                    <TableCell className="tabular text-right text-muted-foreground">{p !== null ? `$${formatPrice(String(p))}` : "–"}</TableCell>
                    <TableCell className="tabular text-right font-medium">{values[i] != null ? formatUsd(values[i]!.toFixed(2)) : "–"}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

export function VaultCard({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const [transfer, setTransfer] = useState<TransferMode | null>(null);
  if (!vault.address) {
    return (
      <Card data-testid="vault-card" data-owner={vault.owner.toLowerCase()} data-exists="false">
        <CardHeader>
          <CardTitle>Wallet {shortAddress(vault.owner)}</CardTitle>
          <CardDescription>{NON_CUSTODIAL_LINE}</CardDescription>
        </CardHeader>
        <div className="grid gap-3 px-5 pb-5">
          <SwitchChainNotice chainId={chainId} />
          <OwnerNote owner={vault.owner} />
          <CreateVault chainId={chainId} vault={vault} />
        </div>
      </Card>
    );
  }
  return (
    <Card data-testid="vault-card" data-owner={vault.owner.toLowerCase()} data-vault={vault.address.toLowerCase()} data-exists="true" data-registered={String(vault.registered)}>
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1.5">
          <CardTitle className="flex flex-wrap items-center gap-2">
            <VaultIcon aria-hidden="true" className="size-4 text-muted-foreground" />
            Vault <span className="font-mono text-sm font-normal">{shortAddress(vault.address)}</span>
            {vault.registered ? null : <Badge variant="warning">Not registered</Badge>}
          </CardTitle>
          <CardDescription>
            Owned by <span className="font-mono">{shortAddress(vault.owner)}</span> on {chainName(chainId)}
          </CardDescription>
        </div>
        <CardAction>
          <Badge variant="outline" className="gap-1.5">
            <LockKeyholeIcon aria-hidden="true" />
            Non-custodial
          </Badge>
        </CardAction>
      </CardHeader>
      <div className="grid gap-5 px-5 pb-5">
        <p className="text-xs text-muted-foreground" data-testid="vault-guarantee">
          {NON_CUSTODIAL_LINE}
        </p>
        <SwitchChainNotice chainId={chainId} />
        <OwnerNote owner={vault.owner} />
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
          <Balances chainId={chainId} vault={vault} onTransfer={setTransfer} />
          <VaultKeeperPanel chainId={chainId} vault={vault} />
        </div>
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
          <VaultLimits chainId={chainId} vault={vault} />
          <VaultPriceBounds chainId={chainId} vault={vault} />
        </div>
      </div>
      <VaultTransferDialog mode={transfer ?? "deposit"} open={transfer !== null} onOpenChange={(o) => (!o ? setTransfer(null) : undefined)} chainId={chainId} vault={vault} />
    </Card>
  );
}
