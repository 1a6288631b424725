"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon, WalletIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useConnection } from "wagmi";
import { errorMessage, fieldErrors, toastError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { addWalletInput } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";
import { checksum, shortAddress } from "@/lib/web3/format";

// Watch-only wallets: balances are read on every configured chain, nothing to sign.
export function WalletsPanel({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const wallets = useQuery(trpc.portfolio.wallets.list.queryOptions({ portfolioId }));
  const { address: connected } = useConnection();
  const [address, setAddress] = useState("");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const add = useMutation(
    trpc.portfolio.wallets.add.mutationOptions({
      onSuccess: async (w) => {
        toast.success("Wallet added", { description: shortAddress(w.address) });
        setAddress("");
        setLabel("");
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors(Object.values(fe).some(Boolean) ? fe : { address: errorMessage(err) });
      },
    }),
  );
  const remove = useMutation(
    trpc.portfolio.wallets.remove.mutationOptions({
      onSuccess: async () => {
        toast.success("Wallet removed");
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => toastError(err, "Could not remove the wallet"),
    }),
  );

  function submit(addr: string, lbl: string) {
    const parsed = addWalletInput.safeParse({ portfolioId, address: addr, label: lbl.trim() || undefined });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setErrors({ address: fe.address?.[0], label: fe.label?.[0] });
      return;
    }
    setErrors({});
    add.mutate(parsed.data);
  }

  const alreadyAdded = connected && wallets.data?.some((w) => w.address === connected.toLowerCase());

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
      <Card data-testid="wallets-list" className="min-w-0">
        <CardHeader>
          <CardTitle>Tracked wallets</CardTitle>
          <CardDescription>Balances on every configured network; swaps made in Lodestar from them become transactions.</CardDescription>
        </CardHeader>
        <div className="px-5 pb-5">
          {wallets.isPending ? (
            <div className="grid gap-2">
              <Skeleton className="h-14 w-full" />
              <Skeleton className="h-14 w-full" />
            </div>
          ) : wallets.isError ? (
            <p role="alert" className="text-sm text-negative">
              {errorMessage(wallets.error)}
            </p>
          ) : wallets.data.length === 0 ? (
            <EmptyState icon={<WalletIcon />} title="No wallets tracked" description="Paste an address with the form. It's watch-only: nothing to sign, no permissions." />
          ) : (
            <ul className="grid divide-y rounded-lg border">
              {wallets.data.map((w) => (
                <li key={w.id} className="flex items-center gap-3 px-4 py-3" data-testid="wallet-row" data-address={w.address}>
                  <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-secondary">
                    <WalletIcon aria-hidden="true" className="size-4" />
                  </span>
                  <div className="grid min-w-0 flex-1">
                    <span className="truncate text-sm font-medium">{w.label || shortAddress(w.address)}</span>
                    <span className="truncate font-mono text-xs text-muted-foreground" title={checksum(w.address)}>
                      {checksum(w.address)}
                    </span>
                  </div>
                  <span className="hidden text-xs text-muted-foreground sm:inline">
                    Added <Time date={new Date(w.createdAt)} dateOnly />
                  </span>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    aria-label={`Remove ${w.label || shortAddress(w.address)}`}
                    data-testid="wallet-remove"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ portfolioId, walletId: w.id })}
                  >
                    <Trash2Icon />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Add a wallet</CardTitle>
          <CardDescription>Any EVM address: yours, a cold wallet, a multisig.</CardDescription>
        </CardHeader>
        <form
          noValidate
          className="grid gap-3 px-5 pb-5"
          onSubmit={(e) => {
            e.preventDefault();
            submit(address, label);
          }}
        >
          <Field id="wallet-address" label="Address" error={errors.address}>
            <Input
              {...fieldAria("wallet-address", errors.address)}
              data-testid="add-wallet-address"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              placeholder="0x…"
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
            />
          </Field>
          <Field id="wallet-label" label="Label (optional)" error={errors.label}>
            <Input {...fieldAria("wallet-label", errors.label)} data-testid="add-wallet-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Cold storage" maxLength={40} />
          </Field>
          <Button type="submit" disabled={add.isPending} data-testid="add-wallet-submit">
            {add.isPending ? <Spinner /> : <PlusIcon aria-hidden="true" />} Add wallet
          </Button>
          {connected && !alreadyAdded ? (
            <Button type="button" variant="outline" data-testid="add-connected-wallet" disabled={add.isPending} onClick={() => submit(connected, "Connected wallet")}>
              <WalletIcon aria-hidden="true" /> Add my connected wallet ({shortAddress(connected)})
            </Button>
          ) : null}
        </form>
      </Card>
    </div>
  );
}
