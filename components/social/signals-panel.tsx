"use client";
// The signals half of /social/signals: filters, the signal cards, the providers' hit rates and
// the "Publish a signal" dialog. Filters are query inputs (signals.list), so the hit-rate table
// covers the providers the filters select.
import { RadioTowerIcon } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import type { SignalsListInput } from "@/lib/schemas/social";
import { useSignalAssets, useSignals } from "./signals-hooks";
import { HitRateTable } from "./signals-hit-rates";
import { PublishSignalDialog } from "./signals-publish-dialog";
import { SignalRow } from "./signals-row";
import { SegmentTabs } from "./trader-bits";

type Filters = Required<Pick<SignalsListInput, "provider" | "status" | "direction" | "basis">> & { asset: string };
const PAGE = 30;

const PROVIDERS: { value: Filters["provider"]; label: string }[] = [
  { value: "all", label: "All" },
  { value: "person", label: "People" },
  { value: "bot", label: "Bots" },
  { value: "generated", label: "Generated" },
  { value: "following", label: "Following" },
];
const BASES: { value: Filters["basis"]; label: string }[] = [
  { value: "all", label: "All" },
  { value: "live", label: "Live" },
  { value: "history", label: "History" },
];

function FilterSelect<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <NativeSelect id={id} className="h-8 w-full text-sm sm:w-36" value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={id}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

export function SignalsPanel() {
  const [f, setF] = useState<Filters>({ provider: "all", asset: "", status: "all", direction: "all", basis: "all" });
  const [limit, setLimit] = useState(PAGE);
  const [publishOpen, setPublishOpen] = useState(false);
  const { list: assets } = useSignalAssets();
  const q = useSignals({ ...f, asset: f.asset || undefined, limit });
  const set = (patch: Partial<Filters>) => {
    setF((x) => ({ ...x, ...patch }));
    setLimit(PAGE);
  };
  const assetOptions = [{ value: "", label: "All assets" }, ...[...new Set(assets.map((a) => a.symbol))].map((s) => ({ value: s, label: s }))];
  return (
    <section aria-labelledby="signals-heading" className="grid gap-4" data-testid="signals-panel">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-0.5">
          <h2 id="signals-heading" className="text-lg font-semibold">
            Signals
          </h2>
          <p className="text-sm text-muted-foreground">Every signal is tracked to its outcome: target hit, stop hit or expired, with the return after 1, 7 and 30 days.</p>
        </div>
        <Button type="button" onClick={() => setPublishOpen(true)} data-testid="signal-publish-open">
          <RadioTowerIcon />
          Publish a signal
        </Button>
      </div>

      <div className="grid gap-3 rounded-lg border bg-muted/20 p-3">
        <div className="flex flex-wrap items-center gap-3">
          <div className="max-w-full overflow-x-auto">
            <SegmentTabs label="Provider" value={f.provider} options={PROVIDERS} onChange={(v) => set({ provider: v })} testId="signals-provider" />
          </div>
          <SegmentTabs label="Basis" value={f.basis} options={BASES} onChange={(v) => set({ basis: v })} testId="signals-basis" />
        </div>
        <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap">
          <FilterSelect id="signals-asset" label="Asset" value={f.asset} options={assetOptions} onChange={(v) => set({ asset: v })} />
          <FilterSelect
            id="signals-status"
            label="Status"
            value={f.status}
            options={[
              { value: "all", label: "Any status" },
              { value: "open", label: "Open" },
              { value: "target_hit", label: "Target hit" },
              { value: "stop_hit", label: "Stop hit" },
              { value: "expired", label: "Expired" },
            ]}
            onChange={(v) => set({ status: v })}
          />
          <FilterSelect
            id="signals-direction"
            label="Direction"
            value={f.direction}
            options={[
              { value: "all", label: "Long & short" },
              { value: "long", label: "Long" },
              { value: "short", label: "Short" },
            ]}
            onChange={(v) => set({ direction: v })}
          />
        </div>
      </div>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] xl:items-start">
        <div className="grid gap-3">
          {q.isPending ? (
            [0, 1, 2].map((i) => <Skeleton key={i} className="h-36 w-full" />)
          ) : q.isError ? (
            <p className="text-sm text-negative">{errorMessage(q.error)}</p>
          ) : q.data.items.length === 0 ? (
            <EmptyState icon={<RadioTowerIcon />} title="No signals match these filters" description="Try another provider or status, or publish one yourself." />
          ) : (
            <>
              <ul className="grid gap-3" aria-label="Signals" data-testid="signals-list">
                {q.data.items.map((s) => (
                  <SignalRow key={s.id} s={s} />
                ))}
              </ul>
              {q.data.nextCursor && limit < 100 ? (
                <Button type="button" variant="outline" className="justify-self-center" onClick={() => setLimit((l) => Math.min(100, l + PAGE))} disabled={q.isFetching}>
                  Show more
                </Button>
              ) : null}
            </>
          )}
        </div>
        <HitRateTable rows={q.data?.hitRates ?? []} loading={q.isPending} />
      </div>
      <PublishSignalDialog open={publishOpen} onOpenChange={setPublishOpen} />
    </section>
  );
}
