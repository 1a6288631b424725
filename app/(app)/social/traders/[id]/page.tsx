import type { Metadata } from "next";
import { cache } from "react";
import { TraderDetail, TraderNotFound } from "@/components/social/trader-detail";
import { caller, getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "../../../_lib/hydrate";

type Props = { params: Promise<{ id: string }> };

type Loaded = { ok: true; detail: Awaited<ReturnType<typeof caller.social.traders.get>> } | { ok: false; notFound: boolean };

// A private trader, an unknown one and a malformed id all look the same: not found. Other
// failures fall through to the client, which fetches again and shows the error.
// cache(): generateMetadata and the page share one read per request.
const load = cache(async (id: string): Promise<Loaded> => {
  try {
    return { ok: true, detail: await caller.social.traders.get({ id }) };
  } catch (err) {
    const code = (err as { code?: string } | null)?.code;
    return { ok: false, notFound: code === "NOT_FOUND" || code === "BAD_REQUEST" };
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await load((await params).id);
  return { title: r.ok ? `${r.detail.trader.name} · Social` : "Trader not found" };
}

export default async function TraderPage({ params }: Props) {
  const { id } = await params;
  const r = await load(id);
  if (!r.ok && r.notFound) return <TraderNotFound />;
  if (r.ok) getQueryClient().setQueryData(trpc.social.traders.get.queryKey({ id }), r.detail);
  return (
    <HydrateClient>
      <TraderDetail id={id} />
    </HydrateClient>
  );
}
