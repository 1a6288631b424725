"use client";
// The copy settings dialog (start copying a trader, or edit a copy). Copies run on the
// follower's paper account on the chosen chain, or through the follower's own vault there (the
// keeper executes within the vault's on-chain limits; the server checks the vault is ready and
// says what to fix at /automation/vault otherwise).
// Test ids: `copy-dialog`, `copy-rail` (`copy-rail-paper`, `copy-rail-vault`), `copy-chain`, `copy-allocation`, `copy-mode` (`copy-mode-proportional`,
// `copy-mode-fixed`), `copy-fixed-amount`, `copy-max-per-trade`, `copy-stop-loss`,
// `copy-slippage`, `copy-submit`, `copy-form-error`; field errors `error-<field id>`.
import { useState } from "react";
import { toast } from "sonner";
import Link from "next/link";
import { errorMessage, isTRPCClientError } from "@/components/feedback/errors";
import { ErrorText, issuesByPath, Segmented, serverFieldErrors, UnitInput, type Errors } from "@/components/automation/forms/form-kit";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { copyConfigureInput, type CopyConfigureInput, type CopyDto, type TraderKind } from "@/lib/schemas/social";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { BotBadge } from "./trader-bits";
import { useConfigureCopy } from "./use-social";

type Mode = "proportional" | "fixed";
type Draft = { rail: "paper" | "vault"; chainId: number; allocated: string; mode: Mode; fixed: string; maxPerTrade: string; stopLossPct: string; slippagePct: string };

const num = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

function draftOf(copy: CopyDto | null | undefined): Draft {
  if (!copy) return { rail: "paper", chainId: LOCAL_CHAIN_IDS[0], allocated: "1000", mode: "proportional", fixed: "", maxPerTrade: "", stopLossPct: "20", slippagePct: "1" };
  const s = copy.settings;
  return {
    rail: copy.rail,
    chainId: copy.chainId,
    allocated: num(s.allocatedUsd),
    mode: s.mode,
    fixed: num(s.fixedTradeUsd),
    maxPerTrade: num(s.maxPerTradeUsd),
    stopLossPct: s.copyStopLossBps === null ? "" : String(s.copyStopLossBps / 100),
    slippagePct: String(s.slippageBps / 100),
  };
}

/** "12.5" % → 1250 bps; null when empty; NaN when not a number (the schema reports it). */
function pctToBps(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
}

function inputOf(leaderId: string, d: Draft, paused: boolean): CopyConfigureInput {
  return {
    leaderId,
    rail: d.rail,
    chainId: d.chainId,
    slippageBps: pctToBps(d.slippagePct) ?? 100,
    settings: {
      allocatedUsd: d.allocated.trim(),
      mode: d.mode,
      ...(d.mode === "fixed" ? { fixedTradeUsd: d.fixed.trim() } : {}),
      maxPerTradeUsd: d.maxPerTrade.trim() === "" ? null : d.maxPerTrade.trim(),
      copyStopLossBps: pctToBps(d.stopLossPct),
      paused,
    },
  };
}

export function CopyDialog({
  leader,
  copy,
  open,
  onOpenChange,
}: {
  leader: { id: string; name: string; kind: TraderKind };
  copy?: CopyDto | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg" data-testid="copy-dialog">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            {copy ? "Edit copy of" : "Copy"} {leader.name}
            {leader.kind === "bot" ? <BotBadge /> : null}
          </DialogTitle>
          <DialogDescription>Each new trade {leader.name} makes is mirrored on your paper account, sized by these settings. You can pause or stop at any time.</DialogDescription>
        </DialogHeader>
        {/* Keyed so reopening starts from the saved settings. */}
        {open ? <CopyForm key={copy?.updatedAt ?? "new"} leaderId={leader.id} copy={copy ?? null} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CopyForm({ leaderId, copy, onDone }: { leaderId: string; copy: CopyDto | null; onDone: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(copy));
  const [errors, setErrors] = useState<Errors>({});
  const [needsPaper, setNeedsPaper] = useState(false);
  const [needsVault, setNeedsVault] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const touch = () => {};
  const save = useConfigureCopy({
    onSuccess: () => {
      toast.success(copy ? "Copy settings saved" : "Copying started", { description: d.rail === "paper" ? "New trades will be mirrored on your paper account." : "New trades will be mirrored through your vault." });
      onDone();
    },
    onError: (err) => {
      const fe = serverFieldErrors(err);
      setErrors(Object.keys(fe).length ? fe : { form: errorMessage(err) });
      setNeedsPaper(isTRPCClientError(err) && err.data?.domainCode === "social.NO_PAPER_ACCOUNT");
      setNeedsVault(isTRPCClientError(err) && typeof err.data?.domainCode === "string" && /^social\.(NO_VAULT|VAULT_)/.test(err.data.domainCode));
    },
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = inputOf(leaderId, d, copy?.status === "paused");
    const parsed = copyConfigureInput.safeParse(input);
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(input);
  }

  const allocation = Number(d.allocated) || 0;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <div className="grid gap-2">
        <Label>Executes on</Label>
        <Segmented
          label="Executes on"
          value={d.rail}
          onChange={(rail) => set({ rail })}
          options={[
            { value: "paper", label: "Paper account" },
            { value: "vault", label: "My vault" },
          ]}
          testId="copy-rail"
        />
        <p className="text-xs text-muted-foreground">
          {d.rail === "paper"
            ? "Copies fill on your paper account at the pools' prices: nothing is sent on chain."
            : "Copies are swaps of your LodestarVault, sent by Lodestar's keeper within the limits you signed; your wallet's key never leaves your browser."}
        </p>
      </div>

      <div className="grid gap-2">
        <Label htmlFor="copy-chain">Chain</Label>
        <NativeSelect id="copy-chain" value={d.chainId} onChange={(e) => set({ chainId: Number(e.target.value) })} disabled={!!copy} data-testid="copy-chain">
          {LOCAL_CHAIN_IDS.map((id) => (
            <option key={id} value={id}>
              {chainName(id)} · {d.rail === "paper" ? "paper account" : "vault"}
            </option>
          ))}
        </NativeSelect>
        <ErrorText id="copy-chain" error={errors.chainId ?? errors.rail} />
      </div>

      <UnitInput id="copy-allocation" label="Allocation" prefix="$" unit="USD" value={d.allocated} onChange={(v) => set({ allocated: v })} error={errors["settings.allocatedUsd"]} hint="The most this copy will have in open positions." touch={touch} path="settings.allocatedUsd" />

      <div className="grid gap-2">
        <Label>Sizing</Label>
        <Segmented
          label="Sizing"
          value={d.mode}
          onChange={(mode) => set({ mode })}
          options={[
            { value: "proportional", label: "Proportional" },
            { value: "fixed", label: "Fixed per trade" },
          ]}
          testId="copy-mode"
        />
        <p className="text-xs text-muted-foreground">
          {d.mode === "proportional"
            ? `Proportional: if the leader puts 10 % of their book into a trade, you put 10 % of this copy's equity (${allocation > 0 ? `$${(allocation * 0.1).toLocaleString("en-US", { maximumFractionDigits: 2 })} at the start` : "of your allocation"}).`
            : "Fixed: every buy the leader makes is copied with the same dollar amount; their sells close the same share of your position."}
        </p>
      </div>

      {d.mode === "fixed" ? (
        <UnitInput id="copy-fixed-amount" label="Amount per trade" prefix="$" unit="USD" value={d.fixed} onChange={(v) => set({ fixed: v })} error={errors["settings.fixedTradeUsd"]} touch={touch} path="settings.fixedTradeUsd" />
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <UnitInput id="copy-max-per-trade" label="Max per trade" prefix="$" unit="USD" placeholder="No limit" value={d.maxPerTrade} onChange={(v) => set({ maxPerTrade: v })} error={errors["settings.maxPerTradeUsd"]} hint="Caps each copied buy." touch={touch} path="settings.maxPerTradeUsd" />
        <UnitInput id="copy-stop-loss" label="Copy stop-loss" unit="%" placeholder="Off" value={d.stopLossPct} onChange={(v) => set({ stopLossPct: v })} error={errors["settings.copyStopLossBps"]} hint="Stop and close the copy after this drawdown." touch={touch} path="settings.copyStopLossBps" />
        <UnitInput id="copy-slippage" label="Slippage" unit="%" value={d.slippagePct} onChange={(v) => set({ slippagePct: v })} error={errors.slippageBps} hint="Largest price move accepted per fill." touch={touch} path="slippageBps" />
      </div>

      {errors.form || errors.settings || errors.leaderId ? (
        <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive" role="alert" data-testid="copy-form-error">
          {errors.form ?? errors.settings ?? errors.leaderId}
          {needsPaper ? (
            <Link href={`/automation/paper?chain=${d.chainId}`} className="mt-1 block font-medium underline underline-offset-4" data-testid="copy-setup-paper">
              Set up paper trading on {chainName(d.chainId)}
            </Link>
          ) : null}
          {needsVault ? (
            <Link href={`/automation/vault?chain=${d.chainId}`} className="mt-1 block font-medium underline underline-offset-4" data-testid="copy-setup-vault">
              Set up your vault on {chainName(d.chainId)}
            </Link>
          ) : null}
        </p>
      ) : null}

      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending} data-testid="copy-submit">
          {save.isPending ? <Spinner /> : null}
          {copy ? "Save settings" : "Start copying"}
        </Button>
      </DialogFooter>
    </form>
  );
}
