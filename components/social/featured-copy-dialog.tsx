"use client";
// "Copy this allocation": the portfolio's weights mapped to the tokens a chain trades (server:
// social.portfolios.copyAllocation), previewed here; "Continue to rebalance" opens the rebalance
// form prefilled with them, where the live order plan is shown before anything is created.
import { skipToken, useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, TriangleAlertIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { rebalancePrefillHref } from "@/components/automation/forms/rebalance-prefill";
import { errorMessage } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import type { FeaturedPortfolioDto } from "@/lib/schemas/social";
import { useTRPC } from "@/lib/trpc/client";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";
import { AllocationBar, fmtBps } from "./featured-allocation";

export function CopyAllocationDialog({ portfolio, onOpenChange }: { portfolio: FeaturedPortfolioDto | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [chainId, setChainId] = useState<number>(LOCAL_CHAIN_IDS[0]);
  const q = useQuery(trpc.social.portfolios.copyAllocation.queryOptions(portfolio ? { portfolioId: portfolio.portfolioId, chainId } : skipToken, { retry: false }));
  const data = q.data;
  const canContinue = !!data && data.targets.length > 0 && !q.isFetching;
  const go = () => {
    if (!data || !portfolio) return;
    router.push(rebalancePrefillHref({ chainId: data.chainId, targets: data.targets, source: `${portfolio.name} by ${portfolio.owner.name}` }));
  };
  return (
    <Dialog open={portfolio !== null} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg" data-testid="copy-allocation-dialog">
        <DialogHeader>
          <DialogTitle>Copy “{portfolio?.name}”</DialogTitle>
          <DialogDescription>These weights become the targets of a rebalance automation. You review its order plan on the next page; nothing is created until you confirm there.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          <div className="grid gap-2 sm:grid-cols-[auto_1fr] sm:items-center sm:gap-3">
            <Label htmlFor="copy-allocation-chain">Chain</Label>
            <NativeSelect id="copy-allocation-chain" className="w-full sm:w-48" value={chainId} onChange={(e) => setChainId(Number(e.target.value))} data-testid="copy-allocation-chain">
              {LOCAL_CHAIN_IDS.map((id) => (
                <option key={id} value={id}>
                  {chainName(id)}
                </option>
              ))}
            </NativeSelect>
          </div>
          {q.isPending && portfolio ? (
            <div className="grid gap-2">
              <Skeleton className="h-3 w-full" />
              <Skeleton className="h-24 w-full" />
            </div>
          ) : q.isError ? (
            <p className="text-sm text-negative" role="alert">
              {errorMessage(q.error)}
            </p>
          ) : data ? (
            <div className="grid gap-3" data-testid="copy-allocation-preview">
              {data.targets.length ? (
                <>
                  <AllocationBar allocation={data.targets.map((t) => ({ symbol: t.symbol, weightBps: t.weightBps }))} />
                  <table className="w-full text-sm">
                    <thead>
                      <tr className="text-left text-xs text-muted-foreground">
                        <th className="py-1 font-medium">Token on {chainName(data.chainId)}</th>
                        <th className="py-1 text-right font-medium">Target weight</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.targets.map((t) => (
                        <tr key={t.token} className="border-t" data-testid="copy-allocation-target" data-symbol={t.symbol} data-bps={t.weightBps}>
                          <td className="py-1.5 font-medium">{t.symbol}</td>
                          <td className="tabular py-1.5 text-right">{fmtBps(t.weightBps)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : (
                <p className="text-sm text-muted-foreground">None of this portfolio&apos;s assets trade on {chainName(data.chainId)}.</p>
              )}
              {data.unsupported.length ? (
                <Alert data-testid="copy-allocation-unsupported">
                  <TriangleAlertIcon />
                  <AlertDescription>
                    Not traded on {chainName(data.chainId)}, left out (the rest scaled up to 100 %): {data.unsupported.map((u) => `${u.symbol} ${fmtBps(u.weightBps)}`).join(", ")}.
                  </AlertDescription>
                </Alert>
              ) : null}
            </div>
          ) : null}
        </div>
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="button" onClick={go} disabled={!canContinue} data-testid="copy-allocation-continue">
            Continue to rebalance
            <ArrowRightIcon />
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
