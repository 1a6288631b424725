"use client";
// Deposit into / withdraw from the vault. Amounts are typed in whole tokens and sent as base
// units; the server builds the steps (an exact approval first when a deposit needs one) and
// the wallet signs them here, one after the other, with their progress shown.
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useConnection } from "wagmi";
import { NativeSelect } from "@/components/portfolio/native-select";
import { TokenLogo } from "@/components/swap/token-logo";
import { useSwapBalances, useSwapTokens, type SwapToken } from "@/components/swap/use-swap-data";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { NATIVE_TOKEN } from "@/lib/web3/abi/executor";
import { shortAddress } from "@/lib/web3/format";
import { formatTokenAmount, parseAmountInput, sanitiseAmountTyping, toDecimalString } from "@/lib/web3/swap/amount";
import type { Address } from "@/lib/web3/swap/types";
import { describeVaultError, sameAddr, SwitchChainNotice, TxError, useVaultRunner, VaultSteps, type VaultView } from "./vault-shared";

export type TransferMode = "deposit" | "withdraw";
const GAS_RESERVE = 10n ** 16n; // keep 0.01 ETH for gas when depositing "max" ETH

export function VaultTransferDialog({
  mode,
  open,
  onOpenChange,
  chainId,
  vault,
}: {
  mode: TransferMode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  chainId: number;
  vault: VaultView;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(o) => (busy && !o ? undefined : onOpenChange(o))}>
      <DialogContent className="max-w-md" data-testid="vault-transfer-dialog" data-mode={mode}>
        <DialogHeader>
          <DialogTitle>{mode === "deposit" ? "Deposit into your vault" : "Withdraw from your vault"}</DialogTitle>
          <DialogDescription>
            {mode === "deposit"
              ? "From your wallet into the vault. ETH is wrapped to WETH by the vault."
              : "From the vault back to your wallet, at any time, whatever the keeper and limits."}
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open: each opening starts clean. */}
        {open ? <TransferForm mode={mode} chainId={chainId} vault={vault} onBusy={setBusy} onClose={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TransferForm({ mode, chainId, vault, onBusy, onClose }: { mode: TransferMode; chainId: number; vault: VaultView; onBusy: (b: boolean) => void; onClose: () => void }) {
  const trpc = useTRPC();
  const connection = useConnection();
  const { tokens, query: tokensQuery } = useSwapTokens(chainId);
  const wallet = useSwapBalances(chainId, vault.owner as Address);
  const runner = useVaultRunner();
  const buildDeposit = useMutation(trpc.automation.vault.buildDeposit.mutationOptions());
  const buildWithdraw = useMutation(trpc.automation.vault.buildWithdraw.mutationOptions());
  const weth = vault.tokens.find((t) => t.symbol === "WETH");

  // Deposit: ETH and every token. Withdraw: what the vault holds (WETH also as ETH, unwrapped).
  const options = useMemo<SwapToken[]>(() => {
    if (mode === "deposit") return tokens;
    return tokens.filter((t) => (t.native ? (weth?.balance ?? 0n) > 0n : (vault.tokens.find((v) => sameAddr(v.token, t.address))?.balance ?? 0n) > 0n));
  }, [mode, tokens, vault.tokens, weth]);
  const [tokenAddr, setTokenAddr] = useState<string | null>(null);
  const [amount, setAmount] = useState("");
  const token = options.find((t) => sameAddr(t.address, tokenAddr)) ?? options[0];

  const available: bigint | undefined = !token
    ? undefined
    : mode === "deposit"
      ? wallet.balanceOf(token.address)
      : token.native
        ? weth?.balance
        : vault.tokens.find((v) => sameAddr(v.token, token.address))?.balance;

  const parsed = token ? parseAmountInput(amount, token.decimals) : null;
  let problem: string | null = null;
  if (parsed && !parsed.ok && parsed.reason !== "empty") problem = parsed.reason === "precision" ? `At most ${token!.decimals} decimals.` : "Enter a valid amount.";
  else if (parsed?.ok && parsed.raw === 0n) problem = "Enter an amount greater than zero.";
  else if (parsed?.ok && available !== undefined && parsed.raw > available) problem = mode === "deposit" ? `Your wallet holds ${formatTokenAmount(available, token!.decimals, 8)} ${token!.symbol}.` : `The vault holds ${formatTokenAmount(available, token!.decimals, 8)} ${token!.symbol}.`;

  const building = buildDeposit.isPending || buildWithdraw.isPending;
  // Inputs lock while signing and once done; after a failure they can be changed and retried.
  const started = building || runner.running || runner.finished;
  const [buildError, setBuildError] = useState<string | null>(null);
  const notOwner = connection.status === "connected" && !sameAddr(connection.address, vault.owner);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!token || !parsed?.ok || problem || !vault.address) return;
    setBuildError(null);
    onBusy(true);
    try {
      const input = { chainId, vault: vault.address, token: token.native ? NATIVE_TOKEN : token.address, amount: parsed.raw.toString() };
      const plan = mode === "deposit" ? await buildDeposit.mutateAsync(input) : await buildWithdraw.mutateAsync(input);
      await runner.run(plan);
    } catch (err) {
      setBuildError(describeVaultError(err));
    } finally {
      onBusy(false);
    }
  }

  if (tokensQuery.isPending) return <div className="grid gap-2">{[0, 1].map((i) => <div key={i} className="h-10 animate-pulse rounded-md bg-muted" />)}</div>;
  if (options.length === 0) return <p className="text-sm text-muted-foreground">The vault holds nothing to withdraw.</p>;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <SwitchChainNotice chainId={chainId} />
      {notOwner ? (
        <p className="rounded-lg border border-warning/40 bg-warning/10 px-3 py-2 text-sm">Switch your wallet to {shortAddress(vault.owner)} (the vault&apos;s owner) to sign.</p>
      ) : null}
      <div className="grid grid-cols-[9rem_minmax(0,1fr)] items-start gap-2">
        <Field id="vault-transfer-token" label="Token">
          <div className="flex items-center gap-2">
            {token ? <TokenLogo logo={token.logo} symbol={token.symbol} size={22} /> : null}
            <NativeSelect
              id="vault-transfer-token"
              value={token?.address ?? ""}
              disabled={started}
              onChange={(e) => {
                setTokenAddr(e.target.value);
                setAmount("");
              }}
              data-testid="vault-transfer-token"
            >
              {options.map((t) => (
                <option key={t.address} value={t.address}>
                  {t.native && mode === "withdraw" ? "ETH (unwrap)" : t.symbol}
                </option>
              ))}
            </NativeSelect>
          </div>
        </Field>
        <Field id="vault-transfer-amount" label="Amount" error={amount ? problem : null}>
          <div className="flex gap-2">
            <Input
              {...fieldAria("vault-transfer-amount", amount ? problem : null)}
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.0"
              className="tabular font-mono"
              value={amount}
              disabled={started}
              onChange={(e) => setAmount(sanitiseAmountTyping(e.target.value))}
              data-testid="vault-transfer-amount"
            />
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="h-9"
              disabled={started || !available}
              onClick={() => {
                if (!token || available === undefined) return;
                const max = mode === "deposit" && token.native ? (available > GAS_RESERVE ? available - GAS_RESERVE : 0n) : available;
                setAmount(toDecimalString(max, token.decimals));
              }}
              data-testid="vault-transfer-max"
            >
              Max
            </Button>
          </div>
        </Field>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="vault-transfer-available">
        {mode === "deposit" ? "In your wallet: " : "In the vault: "}
        <span className="tabular font-mono">{available === undefined ? "…" : `${formatTokenAmount(available, token?.decimals ?? 18, 8)} ${token?.native && mode === "withdraw" ? "WETH" : (token?.symbol ?? "")}`}</span>
        {mode === "deposit" && token && !token.native ? " · an exact approval is asked first when the vault's allowance is short." : ""}
      </p>
      <VaultSteps steps={runner.steps} />
      <TxError message={buildError ?? runner.error} />
      <DialogFooter>
        {runner.finished ? (
          <Button type="button" onClick={onClose} data-testid="vault-transfer-done">
            Done
          </Button>
        ) : (
          <Button type="submit" disabled={!parsed?.ok || !!problem || building || runner.running || !vault.address} data-testid="vault-transfer-submit">
            {building || runner.running ? <Spinner /> : null}
            {runner.error ? "Try again" : mode === "deposit" ? "Deposit" : "Withdraw"}
          </Button>
        )}
      </DialogFooter>
    </form>
  );
}
