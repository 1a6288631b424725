"use client";
// The breaker's levels: drawdown thresholds (typed in %, stored as bps) with an action each,
// plus the hysteresis. Validated with the router's own zod schema before sending, so the
// messages are the same ones the server would give (strictly increasing, never milder).
import { useMutation } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { BREAKER_ACTIONS, updateRiskSettingsInput } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import { sanitiseAmountTyping } from "@/lib/web3/swap/amount";
import { ACTION_LABEL, useInvalidateRisk, useRiskState, type BreakerActionName, type RiskState } from "./risk-breaker-card";

type Row = { pct: string; action: BreakerActionName };
export const DEFAULT_LEVELS: Row[] = [
  { pct: "5", action: "halve_size" },
  { pct: "10", action: "conservative_only" },
  { pct: "15", action: "stop_all" },
];

const toRows = (levels: RiskState["levels"]): Row[] => levels.map((l) => ({ pct: String(l.drawdownBps / 100), action: l.action }));
/** "7.5" % → 750 bps; NaN when not a number (zod then says what is expected). */
const toBps = (pct: string) => (pct.trim() === "" ? Number.NaN : Math.round(Number(pct) * 100 * 1e6) / 1e6);

export function RiskLevelsEditor() {
  const q = useRiskState();
  if (q.isPending) return <Skeleton className="h-72 rounded-xl" />;
  if (q.isError) return null; // the breaker card shows the error
  // Keyed by the stored levels: a save (or another tab) resets the form to what is stored.
  return <LevelsForm key={JSON.stringify([q.data.levels, q.data.hysteresisBps])} state={q.data} />;
}

function LevelsForm({ state }: { state: RiskState }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRisk();
  const [rows, setRows] = useState<Row[]>(() => toRows(state.levels));
  const [hyst, setHyst] = useState(String(state.hysteresisBps / 100));
  const [submitted, setSubmitted] = useState(false);
  const update = useMutation(
    trpc.automation.breakers.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Breaker levels saved");
        setSubmitted(false);
        await invalidate();
      },
    }),
  );

  const candidate = { breakers: { levels: rows.map((r) => ({ drawdownBps: toBps(r.pct), action: r.action })), hysteresisBps: toBps(hyst) } };
  const parsed = updateRiskSettingsInput.safeParse(candidate);
  // Issues by place: ["breakers","levels",i,"drawdownBps"|"action"], ["breakers","levels"], ["breakers","hysteresisBps"].
  const issues = parsed.success ? [] : parsed.error.issues;
  const at = (...path: (string | number)[]) => issues.find((i) => i.path.length === path.length + 1 && path.every((p, k) => i.path[k + 1] === p))?.message;
  const listError = issues.find((i) => i.path.length === 2 && i.path[1] === "levels")?.message;
  const hystError = issues.find((i) => i.path[1] === "hysteresisBps")?.message;
  const show = submitted || JSON.stringify(rows) !== JSON.stringify(toRows(state.levels)) || hyst !== String(state.hysteresisBps / 100);
  const patch = (i: number, p: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));

  function save(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.success || !parsed.data.breakers) return;
    update.mutate({ breakers: parsed.data.breakers });
  }

  return (
    <Card data-testid="breaker-levels">
      <CardHeader>
        <CardTitle>Levels</CardTitle>
        <CardDescription>Each level trips when the drawdown from the peak reaches its threshold. Deeper levels must be larger and at least as strict.</CardDescription>
      </CardHeader>
      <form onSubmit={save} noValidate className="grid gap-4 px-5 pb-5">
        <ol className="grid gap-2">
          {rows.map((r, i) => {
            const ddErr = show ? (Number.isNaN(toBps(r.pct)) ? "Enter the drawdown as a percentage (e.g. 5)." : at("levels", i, "drawdownBps")) : undefined;
            const actErr = show ? at("levels", i, "action") : undefined;
            return (
              <li key={i} className="grid gap-1" data-testid="breaker-level-row">
                <div className="flex items-center gap-2">
                  <span className="w-7 shrink-0 text-xs font-semibold text-muted-foreground">L{i + 1}</span>
                  <div className="flex w-28 shrink-0 items-center gap-1">
                    <Input
                      aria-label={`Level ${i + 1} drawdown (%)`}
                      aria-invalid={ddErr ? true : undefined}
                      inputMode="decimal"
                      className="tabular font-mono"
                      value={r.pct}
                      onChange={(e) => patch(i, { pct: sanitiseAmountTyping(e.target.value) })}
                      data-testid="breaker-level-pct"
                    />
                    <span className="text-sm text-muted-foreground">%</span>
                  </div>
                  <NativeSelect
                    aria-label={`Level ${i + 1} action`}
                    aria-invalid={actErr ? true : undefined}
                    value={r.action}
                    onChange={(e) => patch(i, { action: e.target.value as BreakerActionName })}
                    data-testid="breaker-level-action"
                  >
                    {BREAKER_ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {ACTION_LABEL[a]}
                      </option>
                    ))}
                  </NativeSelect>
                  <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove level ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    <Trash2Icon />
                  </Button>
                </div>
                {ddErr || actErr ? (
                  <p className="pl-9 text-xs text-destructive" data-testid="breaker-level-error">
                    {ddErr ?? actErr}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
        {rows.length === 0 ? <p className="text-xs text-warning">No levels: the breaker never trips.</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={rows.length >= 5}
            onClick={() => {
              const last = rows.at(-1);
              setRows([...rows, { pct: last ? String(Number(last.pct || 0) + 5) : "5", action: last?.action ?? "halve_size" }]);
            }}
          >
            <PlusIcon /> Add level
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => setRows(DEFAULT_LEVELS)} data-testid="breaker-defaults">
            Defaults (5 / 10 / 15 %)
          </Button>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="breaker-hysteresis" className="text-sm">
            Hysteresis
          </label>
          <div className="flex w-24 items-center gap-1">
            <Input id="breaker-hysteresis" inputMode="decimal" className="tabular font-mono" value={hyst} aria-invalid={show && hystError ? true : undefined} onChange={(e) => setHyst(sanitiseAmountTyping(e.target.value))} data-testid="breaker-hysteresis" />
            <span className="text-sm text-muted-foreground">%</span>
          </div>
        </div>
        {show && hystError ? <p className="text-xs text-destructive">{hystError}</p> : null}
        {show && listError ? <p className="text-xs text-destructive">{listError}</p> : null}
        {update.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(update.error)}
          </p>
        ) : null}
        <div>
          <Button type="submit" size="sm" disabled={update.isPending || (submitted && !parsed.success)} data-testid="breaker-save">
            {update.isPending ? <Spinner /> : null}
            Save levels
          </Button>
        </div>
      </form>
    </Card>
  );
}
