"use client";
import { useQuery } from "@tanstack/react-query";
import { SettingsIcon, WalletCardsIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { errorMessage } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";
import { CreatePortfolioDialog } from "./create-portfolio-dialog";
import { NativeSelect } from "./native-select";
import { PortfolioOverview } from "./portfolio-overview";

// /dashboard: pick one of the user's portfolios (?portfolio=<id>, else the first) and show it.
export function PortfolioDashboard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.portfolio.list.queryOptions());
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const wanted = params.get("portfolio");
  const selected = list.data?.find((p) => p.id === wanted) ?? list.data?.[0];

  function select(id: string) {
    const next = new URLSearchParams(params);
    next.set("portfolio", id);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  if (list.isPending) {
    return (
      <div className="grid gap-4">
        <Skeleton className="h-10 w-64" />
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-28" />
          ))}
        </div>
        <Skeleton className="h-80" />
      </div>
    );
  }
  if (list.isError) return <Card className="p-5 text-sm text-negative">{errorMessage(list.error)}</Card>;
  if (!selected) {
    return (
      <EmptyState
        icon={<WalletCardsIcon />}
        title="Create your first portfolio"
        description="A portfolio groups wallet addresses and exchange accounts, and tracks their value, P&L and risk."
        action={<CreatePortfolioDialog onCreated={select} />}
        className="py-16"
      />
    );
  }
  return (
    <div className="grid gap-4 lg:gap-6">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <label htmlFor="portfolio-picker" className="text-xs font-medium text-muted-foreground">
            Portfolio
          </label>
          <NativeSelect id="portfolio-picker" data-testid="portfolio-picker" value={selected.id} onChange={(e) => select(e.target.value)} className="h-9 w-60 max-w-full">
            {list.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button asChild variant="outline" size="sm" className="h-9">
          <Link href={`/portfolio/${selected.id}`}>
            <SettingsIcon aria-hidden="true" /> Manage
          </Link>
        </Button>
        <CreatePortfolioDialog onCreated={select} label="New" buttonProps={{ variant: "ghost", size: "sm", className: "h-9" }} />
      </div>
      <PortfolioOverview key={selected.id} portfolioId={selected.id} />
    </div>
  );
}
