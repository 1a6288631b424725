import { ChartNoAxesCombinedIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { AssetStats } from "./_components/asset-stats";

export const metadata: Metadata = { title: "Insights" };

export default function InsightsPage() {
  return (
    <>
      <PageHeader title="Insights" description="Statistics from years of daily market history, to size risk before you trade." />
      <div className="grid gap-6">
        <AssetStats />
        <ComingNext
          icon={<ChartNoAxesCombinedIcon />}
          title="Indicators, backtests and risk"
          description="Deeper analysis on the same shipped history, plus your own portfolio."
          items={[
            "Indicators on daily and hourly candles: moving averages, RSI, MACD and Bollinger bands.",
            "Backtests of DCA, rebalancing and stop strategies over the shipped history, with fees and slippage.",
            "Risk metrics for your portfolio: volatility, maximum drawdown and Sharpe ratio.",
          ]}
        />
      </div>
    </>
  );
}
