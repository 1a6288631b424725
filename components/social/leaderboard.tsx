"use client";
// The leaderboard (/social): window, kind and risk filters, sortable columns, ranked rows
// (table on desktop, cards on phones) and the traders still building a record.
// Test ids: `leaderboard` (data-window, data-sort, data-order), `leaderboard-window-<w>`,
// `leaderboard-kind-<all|person|bot>`, `leaderboard-risk-min`, `leaderboard-risk-max`,
// `leaderboard-sort-<metric>` (column headers, aria-sort), `leaderboard-requirements`,
// `leaderboard-row` (table rows, md and up; data-trader-id, data-kind, data-rank) and
// `leaderboard-card` (the same on phones, below md), inside each `trader-name`, `bot-badge`, `risk-score`, `sparkline`;
// `leaderboard-empty`, `unranked` with `unranked-row` (data-trader-id).
import { ArrowDownIcon, ArrowUpIcon, ChevronsUpDownIcon, TrophyIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { LEADERBOARD_SORTS, MetricWindow, TraderSummaryDto } from "@/lib/schemas/social";
import { DEFAULT_TOP_INPUT, formatDiffBps, METRIC_HELP, pct, ratio, signedPct, toneOf, WINDOWS } from "./social-format";
import { RiskScorePill, SegmentTabs, Sparkline, TraderAvatar, TraderName } from "./trader-bits";
import { useLeaderboard } from "./use-social";

type Sort = (typeof LEADERBOARD_SORTS)[number];
type Kind = "all" | "person" | "bot";
type Order = "asc" | "desc";

/** Lower is better for these: they sort ascending first. */
const ASC_FIRST: Sort[] = ["maxDrawdown", "riskScore", "fidelity"];
const defaultOrder = (s: Sort): Order => (ASC_FIRST.includes(s) ? "asc" : "desc");

// Sortino (wide screens) and the trend sparkline (xl) give way on narrower desktops; the trader page has both.
const WIDE_ONLY = "hidden 2xl:table-cell";
const COLUMNS: { sort: Sort; label: string; help: string; className?: string }[] = [
  { sort: "twr", label: "TWR", help: METRIC_HELP.twr },
  { sort: "maxDrawdown", label: "Max DD", help: METRIC_HELP.maxDrawdown },
  { sort: "sharpe", label: "Sharpe", help: METRIC_HELP.sharpe },
  { sort: "sortino", label: "Sortino", help: METRIC_HELP.sortino, className: WIDE_ONLY },
  { sort: "winRate", label: "Win rate", help: METRIC_HELP.winRate },
  { sort: "trades", label: "Trades", help: METRIC_HELP.trades },
  { sort: "riskScore", label: "Risk", help: METRIC_HELP.riskScore },
  { sort: "followers", label: "Followers", help: METRIC_HELP.followers },
  { sort: "fidelity", label: "Fidelity", help: METRIC_HELP.fidelity },
];

const RISK_OPTIONS = Array.from({ length: 10 }, (_, i) => i + 1);

export function Leaderboard() {
  const [window, setWindow] = useState<MetricWindow>(DEFAULT_TOP_INPUT.window);
  const [sort, setSort] = useState<Sort>(DEFAULT_TOP_INPUT.sort);
  const [order, setOrder] = useState<Order | undefined>(undefined);
  const [kind, setKind] = useState<Kind>(DEFAULT_TOP_INPUT.kind);
  const [riskMin, setRiskMin] = useState<number>(DEFAULT_TOP_INPUT.riskMin);
  const [riskMax, setRiskMax] = useState<number>(DEFAULT_TOP_INPUT.riskMax);
  const q = useLeaderboard({ ...DEFAULT_TOP_INPUT, window, sort, kind, riskMin, riskMax, ...(order ? { order } : {}) });
  const effectiveOrder = order ?? defaultOrder(sort);

  function onSort(s: Sort) {
    if (s === sort) setOrder(effectiveOrder === "asc" ? "desc" : "asc");
    else {
      setSort(s);
      setOrder(defaultOrder(s));
    }
  }

  const req = q.data?.requirements ?? { minDays: 30, minTrades: 10 };
  const entries = q.data?.entries ?? [];

  return (
    <div className="grid gap-6">
      <Card className="gap-0 overflow-hidden py-0" data-testid="leaderboard" data-window={window} data-sort={sort} data-order={effectiveOrder}>
        <div className="flex flex-col gap-3 border-b p-4 lg:flex-row lg:items-center lg:justify-between">
          <div className="flex flex-wrap items-center gap-2">
            <SegmentTabs label="Window" value={window} onChange={setWindow} options={WINDOWS} testId="leaderboard-window" />
            <SegmentTabs
              label="Trader kind"
              value={kind}
              onChange={setKind}
              options={[
                { value: "all", label: "All" },
                { value: "person", label: "People" },
                { value: "bot", label: "Bots" },
              ]}
              testId="leaderboard-kind"
            />
          </div>
          <div className="flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">Risk</span>
            <NativeSelect
              aria-label="Lowest risk score"
              className="h-8 w-16"
              value={riskMin}
              onChange={(e) => {
                const v = Number(e.target.value);
                setRiskMin(v);
                if (v > riskMax) setRiskMax(v);
              }}
              data-testid="leaderboard-risk-min"
            >
              {RISK_OPTIONS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </NativeSelect>
            <span className="text-muted-foreground">to</span>
            <NativeSelect
              aria-label="Highest risk score"
              className="h-8 w-16"
              value={riskMax}
              onChange={(e) => {
                const v = Number(e.target.value);
                setRiskMax(v);
                if (v < riskMin) setRiskMin(v);
              }}
              data-testid="leaderboard-risk-max"
            >
              {RISK_OPTIONS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        <p className="border-b bg-muted/20 px-4 py-2.5 text-xs text-muted-foreground" data-testid="leaderboard-requirements">
          Ranked after {req.minDays} days and {req.minTrades} verified trades — only trades Lodestar executed (paper), confirmed on chain by receipt, or made through a vault count.
        </p>

        {q.isPending ? (
          <div className="grid gap-2 p-4" aria-label="Loading leaderboard">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        ) : q.isError ? (
          <p className="p-4 text-sm text-negative" role="alert">
            {errorMessage(q.error)}
          </p>
        ) : entries.length === 0 ? (
          <div className="p-4" data-testid="leaderboard-empty">
            <EmptyState
              icon={<TrophyIcon />}
              title="No ranked traders here yet"
              description={
                kind !== "all" || riskMin > 1 || riskMax < 10
                  ? "No trader matches these filters. Widen the risk range or show all traders."
                  : `Traders appear once their verified record spans ${req.minDays} days and ${req.minTrades} trades.`
              }
            />
          </div>
        ) : (
          <div className={cn(q.isPlaceholderData && "opacity-60 transition-opacity")}>
            <LeaderboardTable entries={entries} sort={sort} order={effectiveOrder} onSort={onSort} />
            <LeaderboardCards entries={entries} />
          </div>
        )}
      </Card>

      {q.data && q.data.unranked.length > 0 ? <Unranked traders={q.data.unranked} minDays={req.minDays} minTrades={req.minTrades} /> : null}
    </div>
  );
}

function SortHead({ col, sort, order, onSort }: { col: (typeof COLUMNS)[number]; sort: Sort; order: Order; onSort: (s: Sort) => void }) {
  const active = col.sort === sort;
  const Icon = !active ? ChevronsUpDownIcon : order === "asc" ? ArrowUpIcon : ArrowDownIcon;
  return (
    <TableHead className={cn("px-2 text-right", col.className)} aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}>
      <Tooltip>
        <TooltipTrigger asChild>
          <button
            type="button"
            onClick={() => onSort(col.sort)}
            className={cn("inline-flex items-center gap-1 uppercase hover:text-foreground", active && "text-foreground")}
            data-testid={`leaderboard-sort-${col.sort}`}
          >
            {col.label}
            <Icon className={cn("size-3", !active && "opacity-50")} aria-hidden="true" />
          </button>
        </TooltipTrigger>
        <TooltipContent className="normal-case tracking-normal">{col.help}</TooltipContent>
      </Tooltip>
    </TableHead>
  );
}

function AsOf({ t }: { t: TraderSummaryDto }) {
  if (t.kind !== "bot" || !t.asOf) return null;
  return (
    <span className="text-[11px] text-muted-foreground">
      record as of <Time date={new Date(t.asOf)} dateOnly />
    </span>
  );
}

function LeaderboardTable({ entries, sort, order, onSort }: { entries: TraderSummaryDto[]; sort: Sort; order: Order; onSort: (s: Sort) => void }) {
  const router = useRouter();
  return (
    <div className="hidden md:block">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-10 pl-4">#</TableHead>
            <TableHead>Trader</TableHead>
            {COLUMNS.map((c) => (
              <SortHead key={c.sort} col={c} sort={sort} order={order} onSort={onSort} />
            ))}
            <TableHead className="hidden pr-4 xl:table-cell">Trend</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((t, i) => (
            <TableRow
              key={t.id}
              className="cursor-pointer"
              onClick={(e) => {
                if (!(e.target as HTMLElement).closest("a,button")) router.push(`/social/traders/${t.id}`);
              }}
              data-testid="leaderboard-row"
              data-trader-id={t.id}
              data-kind={t.kind}
              data-rank={i + 1}
            >
              <TableCell className="pl-4 text-muted-foreground tabular-nums">{i + 1}</TableCell>
              <TableCell className="max-w-64 min-w-44">
                <Link href={`/social/traders/${t.id}`} className="flex min-w-0 items-center gap-2.5 hover:underline-offset-4 [&:hover_[data-testid=trader-name]]:underline">
                  <TraderAvatar name={t.name} avatar={t.avatar} kind={t.kind} />
                  <span className="grid min-w-0">
                    <TraderName wrap name={t.name} kind={t.kind} botStrategy={t.botStrategy} />
                    <AsOf t={t} />
                  </span>
                </Link>
              </TableCell>
              <TableCell className={cn("px-2 text-right font-medium tabular-nums", toneOf(t.metrics.twr))}>{signedPct(t.metrics.twr, 2)}</TableCell>
              <TableCell className="px-2 text-right tabular-nums">{t.metrics.maxDrawdown === null ? "—" : `−${pct(t.metrics.maxDrawdown)}`}</TableCell>
              <TableCell className="px-2 text-right tabular-nums">{ratio(t.metrics.sharpe)}</TableCell>
              <TableCell className={cn("px-2 text-right tabular-nums", WIDE_ONLY)}>{ratio(t.metrics.sortino)}</TableCell>
              <TableCell className="px-2 text-right tabular-nums">{pct(t.metrics.winRate, 0)}</TableCell>
              <TableCell className="px-2 text-right tabular-nums">{t.metrics.trades}</TableCell>
              <TableCell className="px-2 text-right">
                <RiskScorePill risk={t.risk} />
              </TableCell>
              <TableCell className="px-2 text-right tabular-nums">
                {t.followers}
                <span className="text-muted-foreground"> / {t.copiers}</span>
              </TableCell>
              <TableCell className="px-2 text-right tabular-nums" data-testid="leaderboard-fidelity">
                {t.fidelity && t.fidelity.count > 0 ? formatDiffBps(t.fidelity.meanBps) : "—"}
              </TableCell>
              <TableCell className="hidden pr-4 xl:table-cell">
                <Sparkline points={t.sparkline} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function LeaderboardCards({ entries }: { entries: TraderSummaryDto[] }) {
  return (
    <ul className="divide-y md:hidden">
      {entries.map((t, i) => (
        <li key={t.id}>
          <Link href={`/social/traders/${t.id}`} className="grid gap-3 p-4 hover:bg-muted/40" data-testid="leaderboard-card" data-trader-id={t.id} data-kind={t.kind} data-rank={i + 1}>
            <div className="flex items-center gap-3">
              <span className="w-5 text-sm text-muted-foreground tabular-nums">{i + 1}</span>
              <TraderAvatar name={t.name} avatar={t.avatar} kind={t.kind} />
              <span className="grid min-w-0 flex-1">
                <TraderName name={t.name} kind={t.kind} botStrategy={t.botStrategy} />
                <AsOf t={t} />
              </span>
              <RiskScorePill risk={t.risk} />
            </div>
            <div className="flex items-end justify-between gap-3 pl-8">
              <dl className="grid flex-1 grid-cols-3 gap-x-3 gap-y-1.5 text-xs">
                <Stat label="TWR" value={signedPct(t.metrics.twr, 2)} className={toneOf(t.metrics.twr)} />
                <Stat label="Max DD" value={t.metrics.maxDrawdown === null ? "—" : `−${pct(t.metrics.maxDrawdown)}`} />
                <Stat label="Sharpe" value={ratio(t.metrics.sharpe)} />
                <Stat label="Win rate" value={pct(t.metrics.winRate, 0)} />
                <Stat label="Trades" value={String(t.metrics.trades)} />
                <Stat label="Fidelity" value={t.fidelity && t.fidelity.count > 0 ? formatDiffBps(t.fidelity.meanBps) : "—"} />
              </dl>
              <Sparkline points={t.sparkline} className="w-20" />
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Stat({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className="grid">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={cn("font-medium tabular-nums", className)}>{value}</dd>
    </div>
  );
}

function Unranked({ traders, minDays, minTrades }: { traders: TraderSummaryDto[]; minDays: number; minTrades: number }) {
  return (
    <Card className="gap-0 overflow-hidden py-0" data-testid="unranked">
      <CardHeader className="border-b py-4">
        <CardTitle>Unranked — building a record</CardTitle>
        <CardDescription>
          Public traders below the minimum of {minDays} days and {minTrades} verified trades. They are not ranked until they meet it.
        </CardDescription>
      </CardHeader>
      <ul className="divide-y">
        {traders.map((t) => (
          <li key={t.id}>
            <Link href={`/social/traders/${t.id}`} className="flex flex-wrap items-center gap-3 px-4 py-3 hover:bg-muted/40" data-testid="unranked-row" data-trader-id={t.id}>
              <TraderAvatar name={t.name} avatar={t.avatar} kind={t.kind} size="sm" />
              <TraderName name={t.name} kind={t.kind} botStrategy={t.botStrategy} className="min-w-0 flex-1" />
              <span className="text-xs text-muted-foreground tabular-nums">
                {t.recordDays} d · {t.totalTrades} trade{t.totalTrades === 1 ? "" : "s"}
              </span>
              <span className="w-full text-xs text-warning sm:w-auto" data-testid="unranked-missing">
                {t.missing.length ? `Needs ${t.missing.join(" and ")}` : "Almost there"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
