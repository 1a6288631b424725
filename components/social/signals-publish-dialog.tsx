"use client";
// "Publish a signal": asset, long/short, entry (prefilled with the current pool price: signals
// are published at market), 1–5 targets nearest first, stop, horizon and rationale. Checked with
// the router's own schema (publishSignalSchema) on submit; the server's zod issues and its
// at-market checks come back under the same fields.
import { MinusIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ErrorText, issuesByPath, serverFieldErrors, type Errors } from "@/components/automation/forms/form-kit";
import { errorMessage, isTRPCClientError } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { publishSignalSchema } from "@/lib/schemas/social";
import { usePublishSignal, useLivePrice, useSignalAssets } from "./signals-hooks";
import { formatPrice } from "./signals-row";

/** `entry` null: follow the current price (until the user types their own). */
type Draft = { asset: string; direction: "long" | "short"; entry: string | null; targets: string[]; stop: string; horizon: string; rationale: string };

/** Where the server's at-market checks belong in the form. */
const DOMAIN_FIELDS: Record<string, string> = {
  "social.ENTRY_OFF_MARKET": "entry",
  "social.TARGET_PASSED": "targets.0",
  "social.STOP_PASSED": "stop",
  "social.UNKNOWN_ASSET": "asset",
};

/** A price as a decimal string the schema accepts (≤ 6 significant decimals). */
function priceText(p: number): string {
  const dp = p >= 1000 ? 2 : p >= 1 ? 4 : 6;
  return String(Number(p.toFixed(dp)));
}

export function PublishSignalDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] max-w-lg overflow-y-auto" data-testid="signal-publish-dialog">
        <DialogHeader>
          <DialogTitle>Publish a signal</DialogTitle>
          <DialogDescription>Signals are published at market and tracked from now on live pool prices: target hit, stop hit or expired. Your hit rate is public.</DialogDescription>
        </DialogHeader>
        {open ? <PublishForm onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const { list: assets } = useSignalAssets();
  const [d, setD] = useState<Draft>({ asset: "", direction: "long", entry: null, targets: [""], stop: "", horizon: "7", rationale: "" });
  const [submitted, setSubmitted] = useState(false);
  const asset = d.asset || assets[0]?.symbol || "";
  const { price, loading: priceLoading } = useLivePrice(asset);
  const publish = usePublishSignal((s) => {
    toast.success("Signal published", { description: `${s.asset} ${s.direction} at ${formatPrice(s.entry)}` });
    onDone();
  });

  const edit = (patch: Partial<Draft>) => {
    if (publish.isError) publish.reset();
    setD((x) => ({ ...x, ...patch }));
  };
  const entry = d.entry ?? (price !== null ? priceText(price) : "");
  const raw = {
    asset,
    direction: d.direction,
    entry: entry.trim(),
    targets: d.targets.map((t) => t.trim()),
    stop: d.stop.trim(),
    horizonDays: d.horizon.trim() === "" ? NaN : Number(d.horizon),
    rationale: d.rationale,
  };
  const parsed = publishSignalSchema.safeParse(raw);
  const local: Errors = submitted && !parsed.success ? issuesByPath(parsed.error) : {};
  const server = publish.isError ? serverFieldErrors(publish.error) : {};
  const domain = isTRPCClientError(publish.error) ? (publish.error.data?.domainCode ?? null) : null;
  if (publish.isError && domain && DOMAIN_FIELDS[domain]) server[DOMAIN_FIELDS[domain]] = errorMessage(publish.error);
  const errors: Errors = { ...local, ...server };
  const formError = publish.isError && Object.keys(server).length === 0 ? errorMessage(publish.error) : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.success) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-testid=signal-publish-dialog] [aria-invalid=true]")?.focus());
      return;
    }
    publish.mutate(raw);
  };
  const invalid = (k: string) => (errors[k] ? true : undefined);

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" data-testid="signal-form">
      <div className="grid grid-cols-2 gap-3">
        <div className="grid content-start gap-2">
          <Label htmlFor="signal-asset">Asset</Label>
          <NativeSelect
            id="signal-asset"
            value={asset}
            onChange={(e) => {
              edit({ asset: e.target.value, entry: null });
            }}
            aria-invalid={invalid("asset")}
            data-testid="signal-asset"
          >
            {assets.map((a) => (
              <option key={a.symbol} value={a.symbol}>
                {a.symbol}
              </option>
            ))}
          </NativeSelect>
          <ErrorText id="signal-asset" error={errors.asset} />
        </div>
        <div className="grid content-start gap-2">
          <Label htmlFor="signal-direction">Direction</Label>
          <NativeSelect id="signal-direction" value={d.direction} onChange={(e) => edit({ direction: e.target.value === "short" ? "short" : "long" })} data-testid="signal-direction">
            <option value="long">Long (price goes up)</option>
            <option value="short">Short (price goes down)</option>
          </NativeSelect>
        </div>
      </div>

      <div className="grid gap-2">
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor="signal-entry">Entry (USD)</Label>
          <span className="text-xs text-muted-foreground" data-testid="signal-current-price" data-price={price ?? undefined}>
            {priceLoading ? "Reading the price…" : price !== null ? `Now ${formatPrice(price)}` : "No live price"}
          </span>
        </div>
        <Input
          id="signal-entry"
          inputMode="decimal"
          className="tabular font-mono"
          value={entry}
          onChange={(e) => edit({ entry: e.target.value.replace(/,/g, ".") })}
          aria-invalid={invalid("entry")}
          data-testid="signal-entry"
        />
        <ErrorText id="signal-entry" error={errors.entry} />
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Targets (nearest first)</legend>
        {d.targets.map((t, i) => (
          <div key={i} className="grid gap-1">
            <div className="flex items-center gap-2">
              <Input
                aria-label={`Target ${i + 1} (USD)`}
                inputMode="decimal"
                className="tabular font-mono"
                placeholder={price !== null ? priceText(price * (d.direction === "long" ? 1 + 0.03 * (i + 1) : 1 - 0.03 * (i + 1))) : undefined}
                value={t}
                onChange={(e) => edit({ targets: d.targets.map((x, j) => (j === i ? e.target.value.replace(/,/g, ".") : x)) })}
                aria-invalid={invalid(`targets.${i}`)}
                data-testid={`signal-target-${i}`}
              />
              <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove target ${i + 1}`} disabled={d.targets.length <= 1} onClick={() => edit({ targets: d.targets.filter((_, j) => j !== i) })}>
                <MinusIcon />
              </Button>
            </div>
            <ErrorText id={`signal-target-${i}`} error={errors[`targets.${i}`]} />
          </div>
        ))}
        <Button type="button" variant="outline" size="sm" className="justify-self-start" disabled={d.targets.length >= 5} onClick={() => edit({ targets: [...d.targets, ""] })} data-testid="signal-target-add">
          <PlusIcon />
          Add a target
        </Button>
        <ErrorText id="signal-targets" error={errors.targets} />
      </fieldset>

      <div className="grid grid-cols-2 gap-3">
        <div className="grid content-start gap-2">
          <Label htmlFor="signal-stop">Stop (USD)</Label>
          <Input
            id="signal-stop"
            inputMode="decimal"
            className="tabular font-mono"
            placeholder={price !== null ? priceText(price * (d.direction === "long" ? 0.97 : 1.03)) : undefined}
            value={d.stop}
            onChange={(e) => edit({ stop: e.target.value.replace(/,/g, ".") })}
            aria-invalid={invalid("stop")}
            data-testid="signal-stop"
          />
          <ErrorText id="signal-stop" error={errors.stop} />
        </div>
        <div className="grid content-start gap-2">
          <Label htmlFor="signal-horizon">Horizon (days)</Label>
          <Input id="signal-horizon" inputMode="numeric" className="tabular font-mono" value={d.horizon} onChange={(e) => edit({ horizon: e.target.value.replace(/[^\d]/g, "") })} aria-invalid={invalid("horizonDays")} data-testid="signal-horizon" />
          <ErrorText id="signal-horizon" error={errors.horizonDays} />
        </div>
      </div>

      <div className="grid gap-2">
        <Label htmlFor="signal-rationale">Rationale</Label>
        <Textarea id="signal-rationale" rows={3} maxLength={2000} placeholder="Why this trade? (optional)" value={d.rationale} onChange={(e) => edit({ rationale: e.target.value })} aria-invalid={invalid("rationale")} data-testid="signal-rationale" />
        <ErrorText id="signal-rationale" error={errors.rationale} />
      </div>

      {formError ? (
        <Alert variant="destructive" data-testid="signal-form-error">
          <AlertDescription>
            <p>{formError}</p>
            {domain === "social.NO_PROFILE" ? (
              <Link href="/social/profile" className="font-medium text-primary hover:underline">
                Create your trader profile
              </Link>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}

      <DialogFooter>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={publish.isPending || !asset} data-testid="signal-submit">
          {publish.isPending ? <Spinner /> : null}
          {publish.isPending ? "Publishing…" : "Publish signal"}
        </Button>
      </DialogFooter>
    </form>
  );
}
