import { ArrowLeftRightIcon } from "lucide-react";
import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { SwapReadiness } from "./_components/swap-readiness";

export const metadata: Metadata = { title: "Swap" };

export default function SwapPage() {
  return (
    <>
      <PageHeader title="Swap" description="Trade tokens at the best available price, signed in your own wallet." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <ComingNext
          icon={<ArrowLeftRightIcon />}
          title="Best-price swaps"
          description="Lodestar will quote every route and let you execute the best one from your own wallet. It never holds your tokens."
          items={[
            "Best-price routing across Uniswap V2, SushiSwap and Uniswap V3 pools on the local chains.",
            "A quote that shows the route, price impact, fees and the minimum you receive after your slippage limit.",
            "Token approval and swap as explicit steps, each simulated first and then signed in your wallet.",
            "Every swap verified on chain by the server before it appears in your history and portfolio.",
          ]}
        />
        <SwapReadiness />
      </div>
    </>
  );
}
