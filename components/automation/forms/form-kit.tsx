"use client";
// Building blocks of the automation forms: field-error plumbing (client zod issues and the
// server's), the token picker field, the interval field and small numeric helpers. Amounts are
// typed as whole-token decimals and converted to base units here (parseUnits), never on the server.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ZodError } from "zod";
import { TokenSelectButton, TokenSelectDialog } from "@/components/swap/token-select";
import { sameAddress, useSwapTokens, type SwapToken } from "@/components/swap/use-swap-data";
import { isTRPCClientError } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { INTERVAL_UNITS } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import { formatTokenAmount, parseAmountInput } from "@/lib/web3/swap/amount";

export type Errors = Record<string, string | undefined>;
export type Rail = "paper" | "vault";

/** What every kind's fields get: the chain's tokens, the rail's balances, the visible errors. */
export type FieldsContext = {
  chainId: number;
  rail: Rail;
  tokens: SwapToken[];
  byAddress: (a: string | null | undefined) => SwapToken | undefined;
  balanceOf: (token: string) => bigint | undefined;
  errors: Errors;
  touch: (path: string) => void;
};

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** First message per issue path ("config.amountInRaw", "config.targets.0.weightBps"). */
export function issuesByPath(err: ZodError): Errors {
  const out: Errors = {};
  for (const i of err.issues) {
    const key = i.path.map(String).join(".") || "form";
    out[key] ??= i.message;
  }
  return out;
}

/** Where a domain error belongs in the form (the rest is shown above the submit button). */
const DOMAIN_FIELDS: Record<string, string> = {
  "automation.STOP_ABOVE_PRICE": "config.triggerPrice",
  "automation.TARGET_BELOW_PRICE": "config.triggerPrice",
};

/**
 * Per-field messages from a tRPC error: every zod issue with its full path (data.zodIssues:
 * "config.targets.0.weightBps"), else the summary message ("config.x: msg; config.y: msg").
 */
export function serverFieldErrors(err: unknown): Errors {
  if (!isTRPCClientError(err)) return {};
  const out: Errors = {};
  const domain = err.data?.domainCode;
  if (domain && DOMAIN_FIELDS[domain]) out[DOMAIN_FIELDS[domain]] = err.message;
  const issues = (err.data as { zodIssues?: { path: string[]; message: string }[] | null } | undefined)?.zodIssues;
  if (issues?.length) {
    for (const i of issues) out[i.path.join(".")] ??= i.message;
  } else if (err.data?.zodError) {
    for (const part of err.message.split(/; (?=[\w.]+: )/)) {
      const m = /^([\w.]+): ([\s\S]+)$/.exec(part);
      if (m) out[m[1]!] ??= m[2];
    }
    const fe = err.data.zodError.fieldErrors as Record<string, string[] | undefined>;
    for (const [k, v] of Object.entries(fe)) if (!Object.keys(out).some((p) => p === k || p.startsWith(`${k}.`))) out[k] ??= v?.[0];
  }
  return out;
}

/** Tokens an automation can trade on a chain (ETH is held as WETH, so the native entry is left out). */
export function useAutomationTokens(chainId: number) {
  const { tokens, query } = useSwapTokens(chainId);
  const list = useMemo(() => tokens.filter((t) => !t.native), [tokens]);
  const byAddress = useCallback((a: string | null | undefined) => list.find((t) => sameAddress(t.address, a)), [list]);
  return { tokens: list, byAddress, query };
}

/** The rail's balances where the UI can read them (the paper account); vault balances come with the preview. */
export function useRailBalances(rail: Rail, chainId: number) {
  const trpc = useTRPC();
  const account = useQuery(trpc.automation.paper.account.queryOptions({ chainId }, { enabled: rail === "paper", staleTime: 10_000 }));
  const balanceOf = useCallback(
    (token: string): bigint | undefined => {
      if (rail !== "paper" || !account.data) return undefined;
      return account.data.balances.find((b) => sameAddress(b.address, token))?.amountRaw ?? 0n;
    },
    [rail, account.data],
  );
  return { balanceOf, paperExists: rail === "paper" ? account.data?.exists : undefined };
}

/** Whole tokens typed → base-unit string for the wire; a local message when it cannot convert. */
export function toBaseUnits(input: string, token: SwapToken | undefined, what: string): { raw?: string; error?: string } {
  if (!token) return {};
  const p = parseAmountInput(input, token.decimals);
  if (p.ok) return { raw: p.raw.toString() };
  if (p.reason === "empty") return { error: `Enter ${what}.` };
  if (p.reason === "precision") return { error: `${token.symbol} has at most ${token.decimals} decimals.` };
  return { error: "Enter a number, e.g. 100 or 0.5." };
}

/** "0.5" % → 50 bps (rounded to whole bps); undefined when empty or not a number. */
export function pctToBps(input: string): number | undefined {
  const s = input.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
}

export const intOrUndefined = (s: string) => (s.trim() === "" ? undefined : Number(s.trim()));
export const usdOrUndefined = (s: string) => (s.trim() === "" ? undefined : s.trim());

export function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="text-xs font-medium text-destructive" data-testid={`error-${id}`}>
      {error}
    </p>
  );
}

export function Hint({ children }: { children: React.ReactNode }) {
  return <p className="text-xs text-muted-foreground">{children}</p>;
}

/** A labelled token button with its picker dialog and the rail's balance below. */
export function TokenField({
  id,
  label,
  value,
  onChange,
  ctx,
  error,
  exclude,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (address: string) => void;
  ctx: FieldsContext;
  error?: string;
  exclude?: string;
}) {
  const [open, setOpen] = useState(false);
  const token = ctx.byAddress(value);
  const bal = token ? ctx.balanceOf(token.address) : undefined;
  return (
    <div className="grid gap-2">
      <Label>{label}</Label>
      <div className="flex items-center gap-3">
        {ctx.tokens.length === 0 ? <Skeleton className="h-10 w-32 rounded-full" /> : <TokenSelectButton token={token} onClick={() => setOpen(true)} testId={id} label={label} />}
        {token && bal !== undefined ? (
          <span className="text-xs text-muted-foreground">
            {ctx.rail === "paper" ? "Paper" : "Vault"} balance <span className="tabular text-foreground">{formatTokenAmount(bal, token.decimals)}</span>
          </span>
        ) : null}
      </div>
      <ErrorText id={id} error={error} />
      <TokenSelectDialog
        open={open}
        onOpenChange={setOpen}
        tokens={exclude ? ctx.tokens.filter((t) => !sameAddress(t.address, exclude)) : ctx.tokens}
        balanceOf={ctx.balanceOf}
        selected={token}
        onSelect={(t) => (onChange(t.address), ctx.touch(`config.${id}`))}
        title={label}
      />
    </div>
  );
}

export type IntervalDraft = { every: string; unit: (typeof INTERVAL_UNITS)[number] };

export function IntervalField({ id, label, value, onChange, errors, touch }: { id: string; label: string; value: IntervalDraft; onChange: (v: IntervalDraft) => void; errors: Errors; touch: (p: string) => void }) {
  const err = errors[`${id}.every`] ?? errors[`${id}.unit`] ?? errors[id];
  return (
    <div className="grid gap-2">
      <Label htmlFor={`${id}-every`}>{label}</Label>
      <div className="flex items-center gap-2">
        <span className="text-sm text-muted-foreground">Every</span>
        <Input
          id={`${id}-every`}
          inputMode="numeric"
          className="tabular w-20 font-mono"
          value={value.every}
          aria-invalid={err ? true : undefined}
          onChange={(e) => onChange({ ...value, every: e.target.value.replace(/[^\d]/g, "") })}
          onBlur={() => touch(`${id}.every`)}
          data-testid="interval-every"
        />
        <NativeSelect aria-label="Interval unit" className="w-32" value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as IntervalDraft["unit"] })} data-testid="interval-unit">
          {INTERVAL_UNITS.map((u) => (
            <option key={u} value={u}>
              {Number(value.every) === 1 ? u : `${u}s`}
            </option>
          ))}
        </NativeSelect>
      </div>
      <ErrorText id="interval" error={err} />
    </div>
  );
}

/** A text input with a unit suffix ("%", "$", a token symbol). */
export function UnitInput({
  id,
  label,
  unit,
  prefix,
  value,
  onChange,
  error,
  hint,
  placeholder,
  touch,
  path,
  className,
}: {
  id: string;
  label: React.ReactNode;
  unit?: string;
  prefix?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: React.ReactNode;
  placeholder?: string;
  touch: (p: string) => void;
  path: string;
  className?: string;
}) {
  return (
    <div className={cn("grid content-start gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        {prefix ? <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-muted-foreground">{prefix}</span> : null}
        <Input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          placeholder={placeholder ?? "0"}
          className={cn("tabular font-mono", prefix && "pl-7", unit && "pr-16")}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value.replace(/,/g, ".").replace(/[^\d.]/g, ""))}
          onBlur={() => touch(path)}
          data-testid={id}
        />
        {unit ? <span className="pointer-events-none absolute top-1/2 right-3 max-w-14 -translate-y-1/2 truncate text-sm text-muted-foreground">{unit}</span> : null}
      </div>
      {error ? <ErrorText id={id} error={error} /> : hint ? <Hint>{hint}</Hint> : null}
    </div>
  );
}

export function Segmented<T extends string>({ value, options, onChange, label, testId }: { value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; label: string; testId?: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg border bg-muted/40 p-0.5" data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          onClick={() => onChange(o.value)}
          data-testid={testId ? `${testId}-${o.value}` : undefined}
          className={cn("rounded-md px-3 py-1.5 text-sm font-medium transition-colors", value === o.value ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground")}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
