"use client";
import { useQuery } from "@tanstack/react-query";
import { FileUpIcon, WalletIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Range } from "@/lib/portfolio/types";
import { useTRPC } from "@/lib/trpc/client";
import { AllocationCard } from "./allocation-donut";
import type { ChartMode } from "./equity-chart";
import { HoldingsTable } from "./holdings-table";
import { PerformanceCard } from "./performance-card";
import { RecentTransactions } from "./recent-transactions";
import { ReturnsTable } from "./returns-table";
import { RiskPanel } from "./risk-panel";
import { RulesPanel } from "./rules-panel";
import { SummaryCards } from "./summary-cards";

function StartActions({ portfolioId }: { portfolioId: string }) {
  return (
    <div className="flex flex-wrap justify-center gap-2">
      <Button asChild size="sm">
        <Link href={`/portfolio/${portfolioId}?tab=wallets`}>
          <WalletIcon aria-hidden="true" /> Add a wallet
        </Link>
      </Button>
      <Button asChild size="sm" variant="outline">
        <Link href={`/portfolio/${portfolioId}?tab=import`}>
          <FileUpIcon aria-hidden="true" /> Import a CSV
        </Link>
      </Button>
    </div>
  );
}

// The trading-dashboard layout for one portfolio: headline figures, equity curve with range tabs
// and benchmarks, allocation, holdings, recent activity, returns, risk and rules.
export function PortfolioOverview({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.portfolio.summary.queryOptions({ portfolioId }));
  const [range, setRange] = useState<Range>("30D");
  const [mode, setMode] = useState<ChartMode>("value");
  const [benchmarks, setBenchmarks] = useState<("BTC" | "ETH")[]>([]);
  const empty = summary.data && summary.data.walletCount === 0 && summary.data.transactionCount === 0;

  return (
    <div className="grid gap-4 lg:gap-6" data-testid="portfolio-overview" data-portfolio-id={portfolioId}>
      {empty ? (
        <Card className="flex flex-col items-center gap-3 border-dashed px-6 py-8 text-center" data-testid="portfolio-empty">
          <p className="text-base font-medium">This portfolio is empty</p>
          <p className="max-w-md text-sm text-muted-foreground">
            Track a wallet address (balances are read from the chain, nothing to sign) or import your exchange history to see value, P&amp;L and risk.
          </p>
          <StartActions portfolioId={portfolioId} />
        </Card>
      ) : null}
      <SummaryCards portfolioId={portfolioId} />
      <div className="grid gap-4 lg:gap-6 xl:grid-cols-3">
        <div className="min-w-0 xl:col-span-2">
          <PerformanceCard
            portfolioId={portfolioId}
            range={range}
            onRange={setRange}
            mode={mode}
            onMode={setMode}
            benchmarks={benchmarks}
            onBenchmarks={setBenchmarks}
          />
        </div>
        <AllocationCard portfolioId={portfolioId} />
      </div>
      <div className="grid gap-4 lg:gap-6 xl:grid-cols-3">
        <div className="min-w-0 xl:col-span-2">
          <HoldingsTable portfolioId={portfolioId} emptyAction={<StartActions portfolioId={portfolioId} />} />
        </div>
        <RecentTransactions portfolioId={portfolioId} />
      </div>
      <div className="grid gap-4 lg:gap-6 lg:grid-cols-2 xl:grid-cols-3">
        <ReturnsTable portfolioId={portfolioId} range={range} />
        <RiskPanel portfolioId={portfolioId} range={range} />
        <RulesPanel portfolioId={portfolioId} />
      </div>
      <p className="text-xs text-muted-foreground" data-testid="price-sources">
        Market data: Binance spot klines (daily closes of the USDT pairs, in USD).
        {summary.data?.priceSources.length ? <> Prices used here: {summary.data.priceSources.join(", ")}.</> : null}
      </p>
    </div>
  );
}
