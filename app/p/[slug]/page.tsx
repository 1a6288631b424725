import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PublicPortfolioView } from "@/components/portfolio/public-portfolio-view";
import { formatReturn, headlineReturn } from "@/lib/portfolio/format";
import { loadPublicPortfolio } from "./load";

type Props = { params: Promise<{ slug: string }> };

// Absolute og:image / og:url need the origin the visitor used (AUTH_URL when configured).
async function metadataBase(): Promise<URL | undefined> {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL);
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() ?? h.get("host");
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  try {
    return host ? new URL(`${proto}://${host}`) : undefined;
  } catch {
    return undefined;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await loadPublicPortfolio((await params).slug);
  if (!p) return { title: "Portfolio not found", robots: { index: false } };
  const h = headlineReturn(p);
  const description = h ? `${p.name}: ${formatReturn(h.twr)} time-weighted return (${h.range}) on Lodestar.` : `${p.name}, a portfolio shared on Lodestar.`;
  return {
    metadataBase: await metadataBase(),
    title: p.name,
    description,
    openGraph: { title: `${p.name} · Lodestar`, description, type: "website", url: `/p/${p.slug}` },
    twitter: { card: "summary_large_image", title: `${p.name} · Lodestar`, description },
  };
}

export default async function PublicPortfolioPage({ params }: Props) {
  const p = await loadPublicPortfolio((await params).slug);
  if (!p) notFound();
  return <PublicPortfolioView p={p} />;
}
