import { GlobeIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PnlPct } from "@/components/portfolio/pnl";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PRIVACY_LABELS } from "@/lib/portfolio/format";
import { caller } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Shared portfolios", description: "Portfolios their owners chose to share on Lodestar: returns and allocation, read-only." };

async function load() {
  try {
    return await caller.portfolio.public.list();
  } catch {
    return null;
  }
}

export default async function PublicListPage() {
  const list = await load();
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Shared portfolios</h1>
        <p className="text-sm text-muted-foreground">Read-only pages published by their owners. Returns are time-weighted.</p>
      </div>
      {list === null ? (
        <p className="text-sm text-negative">The list is unavailable right now.</p>
      ) : list.length === 0 ? (
        <EmptyState icon={<GlobeIcon />} title="Nothing shared yet" description="Portfolios appear here once their owners publish them." />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="public-list">
          {list.map((p) => (
            <li key={p.slug}>
              <Link href={`/p/${p.slug}`} className="block rounded-xl focus-visible:outline-2 focus-visible:outline-ring" data-testid="public-list-item" data-slug={p.slug}>
                <Card className="grid gap-2 p-4 transition-colors hover:border-primary/40">
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{p.name}</span>
                    <span className="text-xs text-muted-foreground">{PRIVACY_LABELS[p.privacyMode as keyof typeof PRIVACY_LABELS] ?? p.privacyMode}</span>
                  </div>
                  <div className="flex gap-6 text-sm">
                    <span className="grid">
                      <span className="text-xs text-muted-foreground">30 days</span>
                      <PnlPct value={p.ret30d} className="font-semibold" />
                    </span>
                    <span className="grid">
                      <span className="text-xs text-muted-foreground">All time</span>
                      <PnlPct value={p.retAll} className="font-semibold" />
                    </span>
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
