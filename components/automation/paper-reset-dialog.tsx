"use client";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { PlusIcon, Trash2Icon, TriangleAlertIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { TokenLogo } from "@/components/swap/token-logo";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { PAPER_MAX_STARTING_TOKENS } from "@/lib/schemas/paper";
import { useTRPC } from "@/lib/trpc/client";
import { parseAmountInput, sanitiseAmountTyping, toDecimalString } from "@/lib/web3/swap/amount";
import type { AppRouter } from "@/server/api/root";
import { usePaperTokens, useInvalidatePaper } from "./paper-shared";

type Account = inferRouterOutputs<AppRouter>["automation"]["paper"]["account"];
type Row = { id: number; token: string; amount: string };

let rowId = 0;
const nextId = () => ++rowId;

// Starting balances: the user picks tokens and amounts (defaults 10,000 USDC and 1 ETH, held as
// WETH). Amounts are typed as decimals and sent as base units (lib/schemas/paper.ts).
export function PaperResetDialog({ open, onOpenChange, chainId, account }: { open: boolean; onOpenChange: (open: boolean) => void; chainId: number; account: Account }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg" data-testid="paper-reset-dialog">
        <DialogHeader>
          <DialogTitle>{account.exists ? "Reset with starting balances" : "Set starting balances"}</DialogTitle>
          <DialogDescription>Simulated tokens to trade with. P&amp;L is measured against their value at today&apos;s pool prices.</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from the defaults. */}
        {open ? <ResetForm chainId={chainId} account={account} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ResetForm({ chainId, account, onDone }: { chainId: number; account: Account; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePaper();
  const { tokens, byAddress, query: tokensQuery } = usePaperTokens(chainId);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const reset = useMutation(
    trpc.automation.paper.reset.mutationOptions({
      onSuccess: async (a) => {
        toast.success("Paper account ready", { description: a.startingValueUsd ? `Starting value $${Number(a.startingValueUsd).toLocaleString("en-US", { maximumFractionDigits: 2 })}` : undefined });
        await invalidate();
        onDone();
      },
      onError: (err) => setFormError(errorMessage(err)),
    }),
  );

  // Defaults from the server once the token list is known (decimals are needed to show them).
  const defaults = useMemo<Row[]>(
    () =>
      account.defaults.flatMap((d) => {
        const t = byAddress(d.token);
        return t ? [{ id: nextId(), token: t.address, amount: toDecimalString(d.amountRaw, t.decimals) }] : [];
      }),
    [account.defaults, byAddress],
  );
  const current = rows ?? defaults;
  const update = (next: Row[]) => {
    setRows(next);
    setFormError(null);
  };

  const problems = current.map((r) => {
    const t = byAddress(r.token);
    if (!t) return "Choose a token.";
    const p = parseAmountInput(r.amount, t.decimals);
    if (!p.ok) return p.reason === "empty" ? "Enter an amount." : p.reason === "precision" ? `At most ${t.decimals} decimals.` : "Enter a valid amount.";
    if (p.raw === 0n) return "Enter an amount greater than zero.";
    if (current.some((o) => o.id !== r.id && o.token.toLowerCase() === r.token.toLowerCase())) return "Each token once.";
    return null;
  });

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (current.length === 0) return setFormError("Add at least one starting balance.");
    if (problems.some(Boolean)) return setFormError("Fix the highlighted rows first.");
    reset.mutate({
      chainId,
      balances: current.map((r) => {
        const t = byAddress(r.token)!;
        const p = parseAmountInput(r.amount, t.decimals);
        return { token: t.address, amount: p.ok ? p.raw.toString() : "0" };
      }),
    });
  }

  if (tokensQuery.isPending) return <div className="grid gap-2">{[0, 1].map((i) => <div key={i} className="h-10 animate-pulse rounded-md bg-muted" />)}</div>;
  if (tokensQuery.isError) return <p className="text-sm text-negative">{errorMessage(tokensQuery.error)}</p>;

  const unused = tokens.find((t) => !current.some((r) => r.token.toLowerCase() === t.address.toLowerCase()));
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <ul className="grid gap-2" aria-label="Starting balances">
        {current.map((r, i) => {
          const t = byAddress(r.token);
          const problem = problems[i];
          return (
            <li key={r.id} className="grid gap-1" data-testid="paper-reset-row">
              <div className="flex items-center gap-2">
                <span className="flex size-9 shrink-0 items-center justify-center">{t ? <TokenLogo logo={t.logo} symbol={t.symbol} size={24} /> : null}</span>
                <NativeSelect
                  aria-label={`Token ${i + 1}`}
                  className="w-36 shrink-0"
                  value={r.token}
                  onChange={(e) => update(current.map((x) => (x.id === r.id ? { ...x, token: e.target.value } : x)))}
                >
                  {tokens.map((tk) => (
                    <option key={tk.address} value={tk.address}>
                      {tk.symbol === "WETH" ? "WETH (ETH)" : tk.symbol}
                    </option>
                  ))}
                </NativeSelect>
                <Input
                  aria-label={`Amount of ${t?.symbol ?? `token ${i + 1}`}`}
                  aria-invalid={problem ? true : undefined}
                  inputMode="decimal"
                  autoComplete="off"
                  className="tabular font-mono"
                  placeholder="0"
                  value={r.amount}
                  onChange={(e) => update(current.map((x) => (x.id === r.id ? { ...x, amount: sanitiseAmountTyping(e.target.value) } : x)))}
                  data-testid="paper-reset-amount"
                />
                <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove ${t?.symbol ?? "row"}`} onClick={() => update(current.filter((x) => x.id !== r.id))}>
                  <Trash2Icon />
                </Button>
              </div>
              {problem && r.amount !== "" ? <p className="pl-11 text-xs text-destructive">{problem}</p> : null}
            </li>
          );
        })}
      </ul>
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={!unused || current.length >= PAPER_MAX_STARTING_TOKENS}
          onClick={() => unused && update([...current, { id: nextId(), token: unused.address, amount: "" }])}
        >
          <PlusIcon /> Add token
        </Button>
      </div>
      {account.exists ? (
        <Alert variant="warning">
          <TriangleAlertIcon />
          <AlertDescription>Your current paper balances are replaced. Past fills stay in the history, marked as before the reset.</AlertDescription>
        </Alert>
      ) : null}
      {formError ? (
        <p role="alert" className="text-sm font-medium text-destructive" data-testid="paper-reset-error">
          {formError}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={reset.isPending} data-testid="paper-reset-submit">
          {reset.isPending ? <Spinner /> : null}
          {account.exists ? "Reset account" : "Start paper trading"}
        </Button>
      </DialogFooter>
    </form>
  );
}
