"use client";
// Featured portfolios (on the leaderboard page): published portfolios ranked by risk-adjusted
// return, then followers. Each card shows percentages only (never values), links to the public
// page and offers "Copy this allocation" (a previewed rebalance, see featured-copy-dialog.tsx).
import { useQuery } from "@tanstack/react-query";
import { BotIcon, CopyIcon, ExternalLinkIcon, LayoutGridIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { FeaturedPortfolioDto } from "@/lib/schemas/social";
import { useTRPC } from "@/lib/trpc/client";
import { AllocationBar, fmtPct, fmtRatio } from "./featured-allocation";
import { CopyAllocationDialog } from "./featured-copy-dialog";

export function FeaturedPortfolios() {
  const trpc = useTRPC();
  const q = useQuery(trpc.social.portfolios.featured.queryOptions({ limit: 12 }, { staleTime: 60_000 }));
  const [copying, setCopying] = useState<FeaturedPortfolioDto | null>(null);
  return (
    <section aria-labelledby="featured-heading" className="grid gap-3" data-testid="featured-portfolios">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="grid gap-0.5">
          <h2 id="featured-heading" className="text-lg font-semibold">
            Featured portfolios
          </h2>
          <p className="text-sm text-muted-foreground">Shared portfolios ranked by risk-adjusted return (Sharpe), then followers. Percentages only.</p>
        </div>
      </div>
      {q.isPending ? (
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-52 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <p className="text-sm text-negative">{errorMessage(q.error)}</p>
      ) : q.data.items.length === 0 ? (
        <EmptyState icon={<LayoutGridIcon />} title="No shared portfolios yet" description="Portfolios their owners publish (Portfolio → Share) appear here." />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {q.data.items.map((p, i) => (
            <li key={p.portfolioId}>
              <FeaturedCard p={p} rank={i + 1} onCopy={() => setCopying(p)} />
            </li>
          ))}
        </ul>
      )}
      <CopyAllocationDialog portfolio={copying} onOpenChange={(open) => (open ? null : setCopying(null))} />
    </section>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="grid gap-0.5" title={hint}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="tabular text-sm font-medium">{value}</dd>
    </div>
  );
}

function FeaturedCard({ p, rank, onCopy }: { p: FeaturedPortfolioDto; rank: number; onCopy: () => void }) {
  return (
    <Card className="flex h-full flex-col gap-4 p-4" data-testid="featured-card" data-portfolio-id={p.portfolioId}>
      <div className="flex items-start justify-between gap-3">
        <div className="grid min-w-0 gap-0.5">
          <Link href={`/p/${p.slug}`} className="inline-flex min-w-0 items-center gap-1.5 font-semibold hover:underline" data-testid="featured-link">
            <span className="truncate">{p.name}</span>
            <ExternalLinkIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
          </Link>
          <p className="flex min-w-0 items-center gap-1.5 text-sm text-muted-foreground">
            <span className="truncate">by {p.owner.name}</span>
            {p.owner.kind === "bot" ? (
              <Badge variant="info">
                <BotIcon /> Bot
              </Badge>
            ) : null}
          </p>
        </div>
        <span className="tabular shrink-0 rounded-full bg-muted px-2 py-0.5 text-xs font-medium text-muted-foreground" aria-label={`Rank ${rank}`}>
          #{rank}
        </span>
      </div>
      <dl className="grid grid-cols-4 gap-2">
        <Stat label="Sharpe" value={fmtRatio(p.sharpe)} hint={`Annualised Sharpe ratio of daily returns over ${p.days} days`} />
        <Stat label="TWR" value={fmtPct(p.twr, true)} hint="Time-weighted return since the first transaction" />
        <Stat label="Volatility" value={fmtPct(p.volatility)} hint="Annualised volatility of daily returns" />
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Followers</dt>
          <dd className="tabular inline-flex items-center gap-1 text-sm font-medium">
            <UsersIcon className="size-3.5 text-muted-foreground" aria-hidden="true" />
            {p.followers}
          </dd>
        </div>
      </dl>
      <AllocationBar allocation={p.allocation} />
      <div className="mt-auto flex justify-end">
        <Button type="button" variant="outline" size="sm" onClick={onCopy} data-testid="copy-allocation-button">
          <CopyIcon />
          Copy this allocation
        </Button>
      </div>
    </Card>
  );
}
