"use client";
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";
import { ImportPanel } from "./import-panel";
import { PortfolioOverview } from "./portfolio-overview";
import { SharePanel } from "./share-panel";
import { TransactionsPanel } from "./transactions-panel";
import { WalletsPanel } from "./wallets-panel";

export const DETAIL_TABS = [
  { key: "overview", label: "Overview" },
  { key: "transactions", label: "Transactions" },
  { key: "wallets", label: "Wallets" },
  { key: "import", label: "Import" },
  { key: "share", label: "Settings & share" },
] as const;
export type DetailTab = (typeof DETAIL_TABS)[number]["key"];

export function isDetailTab(v: string | undefined | null): v is DetailTab {
  return DETAIL_TABS.some((t) => t.key === v);
}

const noSubscribe = () => () => {};

// /portfolio/[id]: one portfolio, tabs kept in ?tab= so they can be linked to.
export function PortfolioDetail({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const p = useQuery(trpc.portfolio.get.queryOptions({ id: portfolioId }));
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // The panels render after hydration (their data is already in the cache from the server's
  // prefetch, so this costs one frame): a production build intermittently failed to hydrate
  // the server-rendered overview of a just-created portfolio (React #418).
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const raw = params.get("tab");
  const tab: DetailTab = isDetailTab(raw) ? raw : "overview";

  function go(t: DetailTab) {
    const next = new URLSearchParams(params);
    if (t === "overview") next.delete("tab");
    else next.set("tab", t);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  return (
    <div className="grid gap-6" data-testid="portfolio-detail" data-portfolio-id={portfolioId}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1">
          {p.data ? (
            <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight" data-testid="portfolio-name">
              {p.data.name}
              {p.data.isPublic ? <Badge variant="info">Public</Badge> : null}
            </h1>
          ) : (
            <Skeleton className="h-8 w-56" />
          )}
          <p className="text-sm text-muted-foreground">Value, performance and risk of this portfolio; its transactions, wallets and public page.</p>
        </div>
      </div>
      <div role="tablist" aria-label="Portfolio sections" className="-mx-1 flex gap-1 overflow-x-auto border-b px-1">
        {DETAIL_TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            data-testid={`portfolio-tab-${t.key}`}
            onClick={() => go(t.key)}
            className={cn(
              "-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground",
              tab === t.key && "border-primary text-foreground",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {!hydrated ? <Skeleton className="h-96" /> : null}
        {!hydrated ? null : tab === "overview" ? <PortfolioOverview portfolioId={portfolioId} /> : null}
        {hydrated && tab === "transactions" ? <TransactionsPanel portfolioId={portfolioId} /> : null}
        {hydrated && tab === "wallets" ? <WalletsPanel portfolioId={portfolioId} /> : null}
        {hydrated && tab === "import" ? <ImportPanel portfolioId={portfolioId} /> : null}
        {hydrated && tab === "share" ? <SharePanel portfolioId={portfolioId} /> : null}
      </div>
    </div>
  );
}
