"use client";
// Per-token limits of a vault (on chain, per INPUT token): whether the keeper may trade it
// (allowed also gates it as an output), the cap per execution and per UTC day, and what the
// keeper has spent today. Edited in whole tokens; sent as base units.
import { useMutation } from "@tanstack/react-query";
import { PencilIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { fieldErrors } from "@/components/feedback/errors";
import { TokenLogo } from "@/components/swap/token-logo";
import { useSwapTokens } from "@/components/swap/use-swap-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { formatTokenAmount, parseAmountInput, sanitiseAmountTyping, toDecimalString } from "@/lib/web3/swap/amount";
import { describeVaultError, sameAddr, SwitchChainNotice, TxError, useVaultRunner, VaultSteps, type VaultTokenView, type VaultView } from "./vault-shared";

const MAX_UINT128 = 2n ** 128n - 1n;

function capText(raw: bigint, t: VaultTokenView) {
  if (raw >= MAX_UINT128) return "No cap";
  return `${formatTokenAmount(raw, t.decimals, 8)} ${t.symbol}`;
}

export function VaultLimits({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const { byAddress } = useSwapTokens(chainId);
  const [editing, setEditing] = useState<VaultTokenView | null>(null);
  // Allowed tokens first (in the chain's token-list order, so rows do not jump as balances
  // change); the rest after, so any token can be enabled.
  const rows = [...vault.tokens].sort((a, b) => Number(b.allowed) - Number(a.allowed));
  return (
    <section className="grid gap-3" aria-labelledby="vault-limits-title">
      <div className="grid gap-1">
        <h4 id="vault-limits-title" className="text-sm font-semibold">
          Keeper limits
        </h4>
        <p className="text-xs text-muted-foreground">Enforced by the vault contract on each trade&apos;s input token. The daily window is the UTC day.</p>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table data-testid="vault-limits">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Token</TableHead>
              <TableHead>Keeper may trade</TableHead>
              <TableHead className="text-right">Max per execution</TableHead>
              <TableHead className="text-right">Max per day</TableHead>
              <TableHead className="text-right">Spent today</TableHead>
              <TableHead className="w-0">
                <span className="sr-only">Edit</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((t) => {
              const logo = byAddress(t.token)?.logo;
              const usedPct = t.maxPerDay > 0n && t.maxPerDay < MAX_UINT128 ? Number((t.spentToday * 10_000n) / t.maxPerDay) / 100 : 0;
              return (
                <TableRow key={t.token} data-testid="vault-limit-row" data-symbol={t.symbol} data-allowed={String(t.allowed)} data-max-per-execution={t.maxPerExecution.toString()} data-max-per-day={t.maxPerDay.toString()}>
                  <TableCell>
                    <span className="inline-flex items-center gap-2 font-medium">
                      <TokenLogo logo={logo} symbol={t.symbol} size={20} />
                      {t.symbol}
                    </span>
                  </TableCell>
                  <TableCell>{t.allowed ? <Badge variant="positive">Allowed</Badge> : <Badge variant="outline">Not allowed</Badge>}</TableCell>
                  <TableCell className="tabular text-right font-mono text-xs">{t.allowed ? capText(t.maxPerExecution, t) : "–"}</TableCell>
                  <TableCell className="tabular text-right font-mono text-xs">{t.allowed ? capText(t.maxPerDay, t) : "–"}</TableCell>
                  <TableCell className="tabular text-right text-xs">
                    {t.allowed ? (
                      <span className="grid justify-items-end gap-1">
                        <span className="font-mono">{formatTokenAmount(t.spentToday, t.decimals, 8)}</span>
                        {usedPct > 0 ? (
                          <span className="h-1 w-20 overflow-hidden rounded-full bg-muted" aria-label={`${usedPct.toFixed(0)} % of today's cap used`}>
                            <span className="block h-full bg-primary" style={{ width: `${Math.min(100, usedPct)}%` }} />
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      "–"
                    )}
                  </TableCell>
                  <TableCell>
                    <Button variant="ghost" size="icon-sm" aria-label={`Edit ${t.symbol} limits`} onClick={() => setEditing(t)} data-testid="vault-limit-edit">
                      <PencilIcon />
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <Dialog open={!!editing} onOpenChange={(o) => (!o ? setEditing(null) : undefined)}>
        <DialogContent className="max-w-md" data-testid="vault-limit-dialog">
          <DialogHeader>
            <DialogTitle>{editing ? `${editing.symbol} limits` : "Limits"}</DialogTitle>
            <DialogDescription>What the keeper may sell of this token per trade and per UTC day. You can change or remove them at any time.</DialogDescription>
          </DialogHeader>
          {editing ? <LimitForm key={editing.token} chainId={chainId} vault={vault} token={vault.tokens.find((t) => sameAddr(t.token, editing.token)) ?? editing} onDone={() => setEditing(null)} /> : null}
        </DialogContent>
      </Dialog>
    </section>
  );
}

function LimitForm({ chainId, vault, token, onDone }: { chainId: number; vault: VaultView; token: VaultTokenView; onDone: () => void }) {
  const trpc = useTRPC();
  const runner = useVaultRunner();
  const build = useMutation(trpc.automation.vault.buildSetLimits.mutationOptions());
  const initial = (raw: bigint) => (token.allowed && raw < MAX_UINT128 ? toDecimalString(raw, token.decimals) : "");
  // Editing a token usually means allowing it: start "on"; switching off disallows it.
  const [allowed, setAllowed] = useState(true);
  const [perExec, setPerExec] = useState(initial(token.maxPerExecution));
  const [perDay, setPerDay] = useState(initial(token.maxPerDay));
  const [buildError, setBuildError] = useState<string | null>(null);

  const parse = (v: string) => parseAmountInput(v, token.decimals);
  const pe = parse(perExec);
  const pd = parse(perDay);
  const local: { maxPerExecution?: string; maxPerDay?: string } = {};
  if (allowed) {
    if (!pe.ok) local.maxPerExecution = pe.reason === "precision" ? `At most ${token.decimals} decimals.` : "Enter the most the keeper may sell in one trade.";
    if (!pd.ok) local.maxPerDay = pd.reason === "precision" ? `At most ${token.decimals} decimals.` : "Enter the most the keeper may sell per day.";
    if (pe.ok && pd.ok && pe.raw > pd.raw) local.maxPerExecution = "The per-execution cap cannot exceed the daily cap.";
  }
  const server = fieldErrors(build.error);
  const errors = { maxPerExecution: local.maxPerExecution ?? server.maxPerExecution, maxPerDay: local.maxPerDay ?? server.maxPerDay };
  const [touched, setTouched] = useState(false);
  const locked = build.isPending || runner.running || runner.finished;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!vault.address || (allowed && (errors.maxPerExecution || errors.maxPerDay))) return;
    setBuildError(null);
    try {
      const plan = await build.mutateAsync({
        chainId,
        vault: vault.address,
        token: token.token,
        allowed,
        maxPerExecution: allowed && pe.ok ? pe.raw.toString() : "0",
        maxPerDay: allowed && pd.ok ? pd.raw.toString() : "0",
      });
      if (await runner.run(plan)) {
        toast.success(allowed ? `${token.symbol} limits saved` : `${token.symbol} disallowed`);
        onDone();
      }
    } catch (err) {
      setBuildError(describeVaultError(err));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <SwitchChainNotice chainId={chainId} />
      <label className="flex items-center justify-between gap-3 rounded-lg border p-3 text-sm">
        <span className="grid gap-0.5">
          <span className="font-medium">Keeper may trade {token.symbol}</span>
          <span className="text-xs text-muted-foreground">Off: the keeper can neither sell nor buy {token.symbol} for this vault.</span>
        </span>
        <Switch checked={allowed} onCheckedChange={setAllowed} disabled={locked} aria-label={`Allow ${token.symbol}`} data-testid="vault-limit-allowed" />
      </label>
      {allowed ? (
        <div className="grid grid-cols-2 items-start gap-3">
          <Field id="vault-limit-per-exec" label={`Max per execution (${token.symbol})`} error={touched || perExec ? errors.maxPerExecution : null}>
            <Input
              {...fieldAria("vault-limit-per-exec", touched || perExec ? errors.maxPerExecution : null)}
              inputMode="decimal"
              autoComplete="off"
              className="tabular font-mono"
              value={perExec}
              disabled={locked}
              onChange={(e) => setPerExec(sanitiseAmountTyping(e.target.value))}
              data-testid="vault-limit-per-exec"
            />
          </Field>
          <Field id="vault-limit-per-day" label={`Max per day (${token.symbol})`} error={touched || perDay ? errors.maxPerDay : null}>
            <Input
              {...fieldAria("vault-limit-per-day", touched || perDay ? errors.maxPerDay : null)}
              inputMode="decimal"
              autoComplete="off"
              className="tabular font-mono"
              value={perDay}
              disabled={locked}
              onChange={(e) => setPerDay(sanitiseAmountTyping(e.target.value))}
              data-testid="vault-limit-per-day"
            />
          </Field>
        </div>
      ) : null}
      <p className="text-xs text-muted-foreground">
        Spent today: <span className="tabular font-mono">{formatTokenAmount(token.spentToday, token.decimals, 8)} {token.symbol}</span> · vault balance{" "}
        <span className="tabular font-mono">{formatTokenAmount(token.balance, token.decimals, 8)}</span>
      </p>
      <VaultSteps steps={runner.steps} />
      <TxError message={buildError ?? runner.error} />
      <DialogFooter>
        <Button type="submit" disabled={locked} data-testid="vault-limit-submit">
          {locked ? <Spinner /> : null}
          Save limits
        </Button>
      </DialogFooter>
    </form>
  );
}
