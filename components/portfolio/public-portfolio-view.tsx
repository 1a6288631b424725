import { formatDay } from "@/components/market/format";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CATEGORY_LABELS, formatBps, formatQuantity, formatReturn, formatUsd, headlineReturn, PRIVACY_LABELS } from "@/lib/portfolio/format";
import type { PublicPortfolio } from "@/lib/portfolio/types";
import { AllocationLegend, Donut } from "./allocation-donut";
import { PnlPct } from "./pnl";

/** A static SVG line of the TWR index (server-rendered: no chart library on the public page). */
function Sparkline({ points }: { points: { day: string; twrIndex: number }[] }) {
  if (points.length < 2) return null;
  const w = 600;
  const h = 140;
  const values = points.map((p) => p.twrIndex);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  // A flat history is drawn across the middle rather than along the bottom edge.
  const y = (v: number) => (span < 1e-9 ? h / 2 : h - 6 - ((v - min) / span) * (h - 12));
  const d = points.map((p, i) => `${((i / (points.length - 1)) * w).toFixed(1)},${y(p.twrIndex).toFixed(1)}`).join(" ");
  const up = (values.at(-1) ?? 0) >= (values[0] ?? 0);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" className="h-36 w-full" role="img" aria-label="Time-weighted return index over time">
      <polygon points={`0,${h} ${d} ${w},${h}`} className={up ? "fill-positive/10" : "fill-negative/10"} />
      <polyline points={d} fill="none" strokeWidth="2" vectorEffect="non-scaling-stroke" className={up ? "stroke-positive" : "stroke-negative"} />
    </svg>
  );
}

const asOfFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

// The shared page's body. What appears depends on the owner's privacy mode; the server has
// already removed what the mode hides (values are null unless mode = "values").
export function PublicPortfolioView({ p }: { p: PublicPortfolio }) {
  const showValues = p.privacyMode === "values";
  const headline = headlineReturn(p);
  return (
    <div className="grid gap-6" data-testid="public-page" data-privacy-mode={p.privacyMode}>
      <div className="grid gap-2">
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Shared portfolio</p>
        <h1 className="text-3xl font-semibold tracking-tight" data-testid="public-name">
          {p.name}
        </h1>
        <p className="text-sm text-muted-foreground">
          {PRIVACY_LABELS[p.privacyMode]} · as of {asOfFormat.format(new Date(p.asOf))} UTC
          {p.privacyMode === "delayed" ? " (24 hours behind)" : ""}
        </p>
      </div>

      <div className={cn("grid gap-4", showValues && p.valueUsd !== null ? "sm:grid-cols-3" : "sm:grid-cols-2")}>
        {showValues && p.valueUsd !== null ? (
          <Card className="p-4">
            <p className="text-xs font-medium text-muted-foreground">Total value</p>
            <p className="tabular mt-1.5 text-2xl font-semibold" data-testid="public-value">
              {formatUsd(p.valueUsd)}
            </p>
          </Card>
        ) : null}
        <Card className="p-4">
          <p className="text-xs font-medium text-muted-foreground">Return {headline ? `(${headline.range}, time-weighted)` : ""}</p>
          <p className="mt-1.5 text-2xl font-semibold" data-testid="public-return">
            <PnlPct value={headline?.twr ?? null} />
          </p>
        </Card>
        <Card className="p-4">
          <p className="text-xs font-medium text-muted-foreground">Holdings</p>
          <p className="tabular mt-1.5 text-2xl font-semibold">{p.holdings.length}</p>
        </Card>
      </div>

      {p.points.length > 1 ? (
        <Card>
          <CardHeader>
            <CardTitle>Performance</CardTitle>
            <CardDescription>
              Growth of the time-weighted index (deposits and withdrawals removed), {formatDay(p.points[0]?.day ?? "")} – {formatDay(p.points.at(-1)?.day ?? "")}:{" "}
              <PnlPct value={(p.points.at(-1)?.twrIndex ?? 1) / (p.points[0]?.twrIndex || 1) - 1} />
            </CardDescription>
          </CardHeader>
          <div className="px-5 pb-5">
            <Sparkline points={p.points} />
          </div>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Returns</CardTitle>
          </CardHeader>
          <div className="overflow-x-auto px-5 pb-5">
            <table className="w-full text-sm" data-testid="public-returns">
              <thead>
                <tr className="border-b text-xs text-muted-foreground">
                  <th className="py-2 text-left font-medium">Range</th>
                  <th className="py-2 text-right font-medium">TWR</th>
                  <th className="py-2 text-right font-medium">MWR</th>
                </tr>
              </thead>
              <tbody>
                {p.returns.map((r) => (
                  <tr key={r.range} className="border-b last:border-0">
                    <td className="py-1.5 font-medium">{r.range}</td>
                    <td className="py-1.5 text-right">
                      <PnlPct value={r.twr} />
                    </td>
                    <td className="py-1.5 text-right">
                      <PnlPct value={r.range === "1Y" || r.range === "ALL" ? (r.mwrAnnualised ?? r.mwr) : r.mwr} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Allocation by category</CardTitle>
          </CardHeader>
          <div className="flex flex-col items-center gap-5 px-5 pb-5 sm:flex-row">
            {p.byCategory.length ? (
              <>
                <Donut slices={p.byCategory} size={140} label="Allocation by category" />
                <AllocationLegend
                  slices={p.byCategory.map((s) => ({ ...s, label: CATEGORY_LABELS[s.label] ?? s.label, valueUsd: showValues ? s.valueUsd : null }))}
                  showValues={showValues}
                />
              </>
            ) : (
              <p className="text-sm text-muted-foreground">Nothing priced yet.</p>
            )}
          </div>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Holdings</CardTitle>
        </CardHeader>
        <div className="overflow-x-auto px-5 pb-5">
          <table className="w-full text-sm" data-testid="public-holdings">
            <thead>
              <tr className="border-b text-xs text-muted-foreground">
                <th className="py-2 text-left font-medium">Asset</th>
                <th className="py-2 text-left font-medium">Chain</th>
                {showValues ? <th className="py-2 text-right font-medium">Quantity</th> : null}
                {showValues ? <th className="py-2 text-right font-medium">Value</th> : null}
                <th className="py-2 text-right font-medium">Weight</th>
              </tr>
            </thead>
            <tbody>
              {p.holdings.map((h) => (
                <tr key={`${h.chain}:${h.symbol}`} className="border-b last:border-0" data-testid="public-holding" data-symbol={h.symbol} data-weight-bps={h.weightBps}>
                  <td className="py-2 font-medium">{h.symbol}</td>
                  <td className="py-2 text-muted-foreground">{h.chain}</td>
                  {showValues ? <td className="tabular py-2 text-right font-mono">{formatQuantity(h.quantity)}</td> : null}
                  {showValues ? <td className="tabular py-2 text-right font-mono">{h.valueUsd === null ? "no price" : formatUsd(h.valueUsd)}</td> : null}
                  <td className="tabular py-2 text-right font-mono">{formatBps(h.weightBps, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.holdings.length === 0 ? <p className="py-4 text-sm text-muted-foreground">No holdings to show.</p> : null}
        </div>
      </Card>

      {p.wallets && p.wallets.length ? (
        <Card data-testid="public-wallets">
          <CardHeader>
            <CardTitle>Wallets</CardTitle>
            <CardDescription>Shown because the owner chose to.</CardDescription>
          </CardHeader>
          <ul className="grid gap-1 px-5 pb-5 font-mono text-xs break-all">
            {p.wallets.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <p className="text-xs text-muted-foreground">{formatReturn(headline?.twr ?? null) !== "–" ? "Past performance says nothing about the future." : ""}</p>
    </div>
  );
}
