"use client";
// The create flow of one automation kind: common fields (name, rail, chain), the kind's fields,
// and the live preview beside them. The form is checked with the router's own zod schema
// (createAutomationInput) as the user types; the preview runs only when it parses (debounced
// 400 ms); errors show under their fields once touched or after a submit attempt, and the
// server's (zod issues, stop-price sanity, rail not ready) come back to the same places.
import { keepPreviousData, skipToken, useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { ArrowRightIcon, FlaskConicalIcon, VaultIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { errorMessage, isTRPCClientError } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { createAutomationInput } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import type { AppRouter } from "@/server/api/root";
import { useInvalidateAutomation } from "../automation-actions";
import { KIND_META, KindIcon, type AutomationKind } from "../automation-meta";
import { PreviewCard } from "./automation-preview";
import { buildDca, DcaFields, initialDca, type DcaDraft } from "./dca-fields";
import { ErrorText, issuesByPath, serverFieldErrors, useAutomationTokens, useDebounced, useRailBalances, type Errors, type FieldsContext, type Rail } from "./form-kit";
import { buildRebalance, initialRebalance, RebalanceFields, type RebalanceDraft } from "./rebalance-fields";
import type { RebalancePrefill } from "./rebalance-prefill";
import { buildStop, initialStop, priceProbeConfig, StopFields, type StopDraft, type StopKind } from "./stop-fields";

type CreateInput = inferRouterInputs<AppRouter>["automation"]["create"];

/** Where a rail problem is fixed. */
const FIX_LINKS: Record<string, { href: (chainId: number) => string; label: string }> = {
  "automation.NO_PAPER_ACCOUNT": { href: (c) => `/automation/paper?chain=${c}`, label: "Set up the paper account" },
  "automation.NO_VAULT": { href: () => "/automation/vault", label: "Open the vault page" },
  "automation.NO_KEEPER": { href: () => "/automation/vault", label: "Open the vault page" },
  "automation.BREAKER": { href: () => "/automation/risk", label: "Open the risk page" },
};

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function CreateAutomation({ kind, prefill = null }: { kind: AutomationKind; prefill?: RebalancePrefill | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateAutomation();
  const [name, setName] = useState<string | null>(null);
  const [rail, setRail] = useState<Rail>("paper");
  const [chainId, setChainId] = useState<number>(prefill?.chainId ?? LOCAL_CHAIN_IDS[0]);
  const [dca, setDca] = useState<DcaDraft | null>(null);
  const [reb, setReb] = useState<RebalanceDraft | null>(null);
  const [stop, setStop] = useState<StopDraft | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const { tokens, byAddress, query: tokensQuery } = useAutomationTokens(chainId);
  const { balanceOf } = useRailBalances(rail, chainId);
  const previewNow = useMinuteClock();

  const create = useMutation(
    trpc.automation.create.mutationOptions({
      onSuccess: async (a) => {
        toast.success("Automation created", { description: a.name });
        await invalidate();
        router.push(`/automation/${a.id}`);
      },
    }),
  );
  const edit = <T,>(setter: (v: T) => void) => (v: T) => {
    if (create.isError) create.reset();
    setter(v);
  };

  const isStop = kind === "stop_loss" || kind === "trailing_stop" || kind === "take_profit";
  const ready = tokens.length > 0;
  // Defaults once per token list, so untouched rows keep their keys across renders.
  const defaults = useMemo(() => (tokens.length ? { dca: initialDca(tokens), reb: initialRebalance(tokens, prefill?.targets), stop: initialStop(tokens) } : null), [tokens, prefill]);
  const dcaDraft = dca ?? defaults?.dca ?? null;
  const rebDraft = reb ?? defaults?.reb ?? null;
  const stopDraft = stop ?? defaults?.stop ?? null;
  const sym = (a: string | undefined) => (a ? (byAddress(a)?.symbol ?? "?") : "?");
  const autoName =
    kind === "dca" && dcaDraft
      ? `DCA ${sym(dcaDraft.tokenIn)} → ${sym(dcaDraft.tokenOut)}`
      : kind === "rebalance" && rebDraft
        ? `Rebalance ${rebDraft.targets.map((t) => sym(t.token)).join("/")}`
        : isStop && stopDraft
          ? `${KIND_META[kind].label} ${sym(stopDraft.token)}`
          : KIND_META[kind].label;
  const nameValue = name ?? autoName;

  const build = (now: Date) => {
    const built =
      kind === "dca"
        ? dcaDraft && buildDca(dcaDraft, { byAddress, now })
        : kind === "rebalance"
          ? rebDraft && buildRebalance(rebDraft)
          : stopDraft && buildStop(kind, stopDraft, { byAddress });
    if (!built) return null;
    const raw = { kind, name: nameValue, rail, chainId, config: built.config };
    const parsed = createAutomationInput.safeParse(raw);
    const errors: Errors = { ...(parsed.success ? {} : issuesByPath(parsed.error)), ...built.local };
    return { raw, errors, valid: parsed.success && Object.keys(built.local).length === 0 };
  };
  const current = build(previewNow);

  // The preview: keyed by the form's JSON so an unchanged form never refetches.
  const key = current?.valid ? JSON.stringify(current.raw) : null;
  const debouncedKey = useDebounced(key, 400);
  const previewInput = useMemo(() => (debouncedKey ? (JSON.parse(debouncedKey) as CreateInput) : null), [debouncedKey]);
  const preview = useQuery(trpc.automation.preview.queryOptions(previewInput ?? skipToken, { placeholderData: keepPreviousData, retry: false, refetchInterval: 15_000 }));

  // Stops: the current price before a trigger is typed (the same preview with a placeholder trigger).
  const probeConfig = isStop && stopDraft ? priceProbeConfig(kind as StopKind, stopDraft) : null;
  const probeKey = useDebounced(probeConfig ? JSON.stringify({ kind, name: "price", rail, chainId, config: probeConfig }) : null, 300);
  const probeInput = useMemo(() => (probeKey ? (JSON.parse(probeKey) as CreateInput) : null), [probeKey]);
  const probe = useQuery(trpc.automation.preview.queryOptions(probeInput ?? skipToken, { retry: false, refetchInterval: 15_000 }));
  const probePrice = probe.data && "price" in probe.data ? probe.data.price : undefined;

  // The vault rail is ready when a registered vault has Lodestar's keeper (the preview's own
  // railReady only says its balances could be read, which an absent vault also passes).
  const vaultState = useQuery(trpc.automation.vault.state.queryOptions({ chainId }, { enabled: rail === "vault", retry: false, staleTime: 15_000 }));
  const vaultReady = rail !== "vault" ? undefined : vaultState.isError ? false : vaultState.data ? vaultState.data.vaults.some((v) => v.registered && v.keeperIsOurs) : undefined;

  const server = create.isError ? serverFieldErrors(create.error) : {};
  const visible: Errors = {};
  for (const [k, v] of Object.entries(current?.errors ?? {})) if (submitted || touched.has(k)) visible[k] = v;
  Object.assign(visible, server);
  const fieldKeys = new Set(Object.keys(server));
  const domainCode = isTRPCClientError(create.error) ? (create.error.data?.domainCode ?? null) : null;
  const formError = create.isError && fieldKeys.size === 0 ? errorMessage(create.error) : null;
  const fix = domainCode ? FIX_LINKS[domainCode] : undefined;

  const ctx: FieldsContext = { chainId, rail, tokens, byAddress, balanceOf, errors: visible, touch: (p) => setTouched((s) => (s.has(p) ? s : new Set(s).add(p))) };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const now = build(new Date());
    if (!now?.valid) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    create.mutate(now.raw as CreateInput);
  };

  const previewError = preview.isError ? errorMessage(preview.error) : null;
  const waitingFor = !ready ? null : !current?.valid ? "Complete the form to see what it would do." : null;

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] lg:items-start">
      <Card className="p-5 sm:p-6">
        <form onSubmit={submit} noValidate className="grid gap-8" data-testid="automation-form" data-kind={kind}>
          <section className="grid gap-4" aria-label="Basics">
            <div className="flex items-center gap-3">
              <KindIcon kind={kind} />
              <div className="grid">
                <h2 className="font-semibold">{KIND_META[kind].long}</h2>
                <p className="text-sm text-muted-foreground">{KIND_META[kind].blurb}</p>
              </div>
            </div>
            <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto_auto]">
              <div className="grid content-start gap-2">
                <Label htmlFor="automation-name">Name</Label>
                <Input id="automation-name" value={nameValue} maxLength={64} onChange={(e) => edit(setName)(e.target.value)} onBlur={() => ctx.touch("name")} aria-invalid={visible.name ? true : undefined} data-testid="automation-name" />
                <ErrorText id="automation-name" error={visible.name} />
              </div>
              <div className="grid content-start gap-2">
                <Label>Runs on</Label>
                <div role="radiogroup" aria-label="Rail" className="inline-flex rounded-lg border bg-muted/40 p-0.5" data-testid="rail">
                  {(["paper", "vault"] as const).map((r) => (
                    <button
                      key={r}
                      type="button"
                      role="radio"
                      aria-checked={rail === r}
                      onClick={() => edit(setRail)(r)}
                      data-testid={`rail-${r}`}
                      className={cn("inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium", rail === r ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground")}
                    >
                      {r === "paper" ? <FlaskConicalIcon className="size-3.5" /> : <VaultIcon className="size-3.5" />}
                      {r === "paper" ? "Paper" : "Vault"}
                    </button>
                  ))}
                </div>
              </div>
              <div className="grid content-start gap-2">
                <Label htmlFor="automation-chain">Chain</Label>
                <NativeSelect
                  id="automation-chain"
                  className="w-40"
                  value={chainId}
                  onChange={(e) => {
                    // Token addresses differ per chain: start the kind's fields from the defaults.
                    edit(setChainId)(Number(e.target.value));
                    setDca(null);
                    setReb(null);
                    setStop(null);
                  }}
                  data-testid="automation-chain"
                >
                  {LOCAL_CHAIN_IDS.map((id) => (
                    <option key={id} value={id}>
                      {chainName(id)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            </div>
            <p className="text-xs text-muted-foreground">
              {rail === "paper" ? "Paper: simulated balances, real pool prices, no transactions." : "Vault: Lodestar's keeper trades your vault within the limits you set on chain."}
            </p>
          </section>

          <section aria-label="Strategy" className="grid gap-4 border-t pt-6">
            {!ready ? (
              tokensQuery.isError ? (
                <p className="text-sm text-negative">{errorMessage(tokensQuery.error)}</p>
              ) : (
                <div className="grid gap-3">
                  <Skeleton className="h-10 w-64" />
                  <Skeleton className="h-10 w-full" />
                  <Skeleton className="h-10 w-full" />
                </div>
              )
            ) : kind === "dca" && dcaDraft ? (
              <DcaFields draft={dcaDraft} set={edit(setDca)} ctx={ctx} />
            ) : kind === "rebalance" && rebDraft ? (
              <>
                {prefill?.source ? (
                  <p className="rounded-md border border-info/30 bg-info/10 px-3 py-2 text-sm" data-testid="rebalance-prefill-note">
                    Targets copied from <span className="font-medium">{prefill.source}</span>. Check the preview: nothing is created until you confirm.
                  </p>
                ) : null}
                <RebalanceFields draft={rebDraft} set={edit(setReb)} ctx={ctx} />
              </>
            ) : isStop && stopDraft ? (
              <StopFields kind={kind as StopKind} draft={stopDraft} set={edit(setStop)} ctx={ctx} price={probeConfig ? (probe.isError ? null : probePrice) : null} />
            ) : null}
          </section>

          {formError ? (
            <Alert variant="destructive" data-testid="automation-form-error" data-code={domainCode ?? undefined}>
              <AlertTitle>Could not create the automation</AlertTitle>
              <AlertDescription>
                <p>{formError}</p>
                {fix ? (
                  <Link href={fix.href(chainId)} className="mt-1 inline-flex items-center gap-1 font-medium text-primary hover:underline" data-testid="automation-form-fix">
                    {fix.label} <ArrowRightIcon className="size-3.5" />
                  </Link>
                ) : null}
              </AlertDescription>
            </Alert>
          ) : null}
          {submitted && current && !current.valid ? (
            <p role="alert" className="text-sm font-medium text-destructive" data-testid="automation-form-invalid">
              Fix the highlighted fields first.
            </p>
          ) : null}

          <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-5">
            <Button asChild variant="ghost">
              <Link href="/automation">Cancel</Link>
            </Button>
            <Button type="submit" size="lg" disabled={create.isPending || !ready} data-testid="automation-submit">
              {create.isPending ? <Spinner /> : null}
              {create.isPending ? "Creating…" : `Create ${rail === "paper" ? "paper " : ""}${kind === "dca" ? "DCA" : KIND_META[kind].label.toLowerCase()}`}
            </Button>
          </div>
        </form>
      </Card>
      <PreviewCard
        data={preview.data}
        loading={preview.isFetching || (key !== null && key !== debouncedKey)}
        error={previewError}
        waitingFor={waitingFor}
        byAddress={byAddress}
        config={(current?.raw.config ?? {}) as Record<string, unknown>}
        rail={rail}
        chainId={chainId}
        railReady={vaultReady}
      />
    </div>
  );
}
