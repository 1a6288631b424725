"use client";
// A trader's verified statistics: window tabs with metric cards, the equity curve, copy
// fidelity and signal hit rate. Test ids: `trader-window-<w>`, `metric-<key>` (data-value),
// `fidelity-panel` (data-count), `fidelity-mean`, `fidelity-histogram`, `signals-hit-rate`.
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { FidelityDto, MetricsDto, MetricWindow, TraderDetailDto } from "@/lib/schemas/social";
import { formatDelayMs, formatDiffBps, formatHolding, METRIC_HELP, pct, ratio, signedPct, toneOf, windowLabel, WINDOWS } from "./social-format";
import { MetricLabel, SegmentTabs } from "./trader-bits";
import { TraderEquityChart } from "./trader-equity-chart";

type MetricCard = { key: string; label: string; help: string; value: string; raw: number | null; tone?: string };

function cardsOf(m: MetricsDto): MetricCard[] {
  return [
    { key: "twr", label: "TWR", help: METRIC_HELP.twr, value: signedPct(m.twr, 2), raw: m.twr, tone: toneOf(m.twr) },
    { key: "maxDrawdown", label: "Max drawdown", help: METRIC_HELP.maxDrawdown, value: m.maxDrawdown === null ? "—" : `−${pct(m.maxDrawdown)}`, raw: m.maxDrawdown },
    { key: "sharpe", label: "Sharpe", help: METRIC_HELP.sharpe, value: ratio(m.sharpe), raw: m.sharpe },
    { key: "sortino", label: "Sortino", help: METRIC_HELP.sortino, value: ratio(m.sortino), raw: m.sortino },
    { key: "volatility", label: "Volatility", help: METRIC_HELP.volatility, value: pct(m.volatility), raw: m.volatility },
    { key: "winRate", label: "Win rate", help: METRIC_HELP.winRate, value: m.winRate === null ? "—" : `${pct(m.winRate, 0)} of ${m.roundTrips}`, raw: m.winRate },
    { key: "trades", label: "Trades", help: METRIC_HELP.trades, value: String(m.trades), raw: m.trades },
    { key: "avgHolding", label: "Avg holding", help: METRIC_HELP.avgHolding, value: formatHolding(m.avgHoldingDays), raw: m.avgHoldingDays },
    { key: "exposure", label: "Exposure", help: METRIC_HELP.exposure, value: pct(m.exposure, 0), raw: m.exposure },
    { key: "turnover", label: "Turnover", help: METRIC_HELP.turnover, value: m.turnover === null ? "—" : `${m.turnover.toFixed(1)}×`, raw: m.turnover },
  ];
}

export function TraderMetrics({ detail }: { detail: TraderDetailDto }) {
  const [window, setWindow] = useState<MetricWindow>("30d");
  const m = detail.windows[window];
  return (
    <Card data-testid="trader-metrics" data-window={window}>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>Verified statistics</CardTitle>
          <CardDescription>{m ? `${windowLabel(window)} window · ${m.days} day${m.days === 1 ? "" : "s"} of record` : "No record in this window."}</CardDescription>
        </div>
        <SegmentTabs label="Window" value={window} onChange={setWindow} options={WINDOWS} testId="trader-window" />
      </CardHeader>
      <CardContent>
        {m ? (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {cardsOf(m).map((c) => (
              <div key={c.key} className="grid gap-1 rounded-lg border bg-muted/20 p-3" data-testid={`metric-${c.key}`} data-value={c.raw ?? ""}>
                <dt className="text-xs text-muted-foreground">
                  <MetricLabel label={c.label} help={c.help} />
                </dt>
                <dd className={cn("text-lg font-semibold tabular-nums", c.tone)}>{c.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function EquityCard({ detail }: { detail: TraderDetailDto }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Equity curve</CardTitle>
        <CardDescription>
          Time-weighted return of the verified book since its first day{detail.trader.kind === "bot" && detail.trader.asOf ? `, up to ${detail.trader.asOf} (the end of the shipped market history)` : ""}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {detail.equity.length < 2 ? (
          <p className="rounded-lg border border-dashed px-4 py-12 text-center text-sm text-muted-foreground">Not enough history to draw a curve yet.</p>
        ) : (
          <TraderEquityChart points={detail.equity} />
        )}
      </CardContent>
    </Card>
  );
}

export function FidelityPanel({ fidelity, name }: { fidelity: FidelityDto | null; name: string }) {
  const f = fidelity && fidelity.count > 0 ? fidelity : null;
  return (
    <Card data-testid="fidelity-panel" data-count={f?.count ?? 0}>
      <CardHeader>
        <CardTitle>
          <MetricLabel label="Copy fidelity" help={METRIC_HELP.fidelity} />
        </CardTitle>
        <CardDescription>
          How copiers&apos; fills compared with {name}&apos;s own. <strong className="font-medium text-foreground">+ means copiers got less</strong> per unit than the leader, − means they got more.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!f ? (
          <p className="text-sm text-muted-foreground">No copied fills yet: fidelity is published once someone copies a trade.</p>
        ) : (
          <>
            <dl className="grid grid-cols-3 gap-3 text-sm">
              <Fig label="Mean" value={formatDiffBps(f.meanBps)} testId="fidelity-mean" />
              <Fig label="Median" value={formatDiffBps(f.medianBps)} />
              <Fig label="90th pct" value={formatDiffBps(f.p90Bps)} />
              <Fig label="Copied fills" value={String(f.count)} />
              <Fig label="Mean delay" value={formatDelayMs(f.meanDelayMs)} />
              <Fig label="Delay (blocks)" value={f.meanDelayBlocks === null ? "—" : f.meanDelayBlocks.toFixed(1)} />
            </dl>
            <Histogram buckets={f.histogram} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function Fig({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const edge = (b: number) => (Number.isFinite(b) ? String(b) : b > 0 ? "∞" : "−∞");

function Histogram({ buckets }: { buckets: FidelityDto["histogram"] }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  if (buckets.length === 0) return null;
  return (
    <div className="grid gap-1.5" data-testid="fidelity-histogram">
      <div className="flex h-20 items-end gap-1" role="img" aria-label="Distribution of fill differences in basis points">
        {buckets.map((b, i) => (
          <div
            key={i}
            className={cn("flex-1 rounded-t-sm", b.toBps <= 0 ? "bg-positive/60" : "bg-warning/60")}
            style={{ height: `${Math.max(b.count ? 6 : 2, (b.count / max) * 100)}%`, opacity: b.count ? 1 : 0.3 }}
            title={`${edge(b.fromBps)} to ${edge(b.toBps)} bps: ${b.count}`}
          />
        ))}
      </div>
      <div className="flex justify-between text-[10px] text-muted-foreground tabular-nums">
        <span>{edge(buckets[0]!.fromBps)} bps</span>
        <span>{edge(buckets.at(-1)!.toBps)} bps</span>
      </div>
    </div>
  );
}

export function SignalsHitRate({ signals }: { signals: TraderDetailDto["signals"] }) {
  return (
    <Card data-testid="signals-hit-rate">
      <CardHeader>
        <CardTitle>Signals</CardTitle>
        <CardDescription>Published signals and how many reached their first target before the stop or expiry.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-3 gap-3 text-sm">
          <Fig label="Hit rate" value={signals.hitRate === null ? "—" : pct(signals.hitRate, 0)} />
          <Fig label="Resolved" value={`${signals.resolved} / ${signals.total}`} />
          <Fig label="Targets hit" value={String(signals.targetHits)} />
        </dl>
      </CardContent>
    </Card>
  );
}
