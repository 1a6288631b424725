"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CopyIcon, ExternalLinkIcon, GlobeIcon, LockIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors, toastError } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { COST_BASIS_LABELS, PRIVACY_LABELS } from "@/lib/portfolio/format";
import { costBasisMethodSchema, publishInput } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";
import { NativeSelect } from "./native-select";
import { DeleteDialog, RenameDialog } from "./portfolio-list";

type Mode = "values" | "percentages" | "delayed";
const MODE_HELP: Record<Mode, string> = {
  values: "Dollar values, quantities and weights.",
  percentages: "Weights and returns only; no dollar amounts or quantities.",
  delayed: "Weights and returns as of 24 hours ago; no dollar amounts.",
};

const noSubscribe = () => () => {};

const suggestSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .padEnd(3, "0");

export function SharePanel({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const p = useQuery(trpc.portfolio.get.queryOptions({ id: portfolioId }));
  // The page's own origin, for a link that can be copied (empty during the server render).
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
  const [form, setForm] = useState<{ slug: string; privacyMode: Mode; showWallets: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const current = form ?? (p.data ? { slug: p.data.slug ?? suggestSlug(p.data.name), privacyMode: p.data.privacyMode, showWallets: p.data.showWallets } : null);

  const invalidate = () => qc.invalidateQueries(trpc.portfolio.pathFilter());
  const publish = useMutation(
    trpc.portfolio.publish.mutationOptions({
      onSuccess: async () => {
        toast.success("Published");
        setForm(null);
        await invalidate();
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors(Object.values(fe).some(Boolean) ? fe : { slug: errorMessage(err) });
      },
    }),
  );
  const unpublish = useMutation(
    trpc.portfolio.unpublish.mutationOptions({
      onSuccess: async () => {
        toast.success("Unpublished: the page is gone");
        setForm(null);
        await invalidate();
      },
      onError: (err) => toastError(err, "Could not unpublish"),
    }),
  );
  const update = useMutation(
    trpc.portfolio.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Cost-basis method changed");
        await invalidate();
      },
      onError: (err) => toastError(err),
    }),
  );

  if (p.isPending || !current) return <Skeleton className="h-80" />;
  if (p.isError) return <p className="text-sm text-negative">{errorMessage(p.error)}</p>;
  const info = p.data;
  const url = info.isPublic && info.slug ? `${origin}/p/${info.slug}` : null;

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!current) return;
    const parsed = publishInput.safeParse({ portfolioId, ...current });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setErrors({ slug: fe.slug?.[0], privacyMode: fe.privacyMode?.[0] });
      return;
    }
    setErrors({});
    publish.mutate(parsed.data);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
      <Card data-testid="share-card">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            Public page
            {info.isPublic ? (
              <Badge variant="info" data-testid="share-status">
                <GlobeIcon /> Public
              </Badge>
            ) : (
              <Badge variant="outline" data-testid="share-status">
                <LockIcon /> Private
              </Badge>
            )}
          </CardTitle>
          <CardDescription>A read-only page anyone with the link can open. Wallet addresses are hidden unless you choose to show them.</CardDescription>
        </CardHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4 px-5 pb-5">
          {url ? (
            <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-background/40 px-3 py-2">
              <a href={url} data-testid="public-link" className="min-w-0 flex-1 truncate font-mono text-sm text-info hover:underline" target="_blank" rel="noreferrer">
                {url}
              </a>
              <Button
                type="button"
                variant="ghost"
                size="icon-sm"
                aria-label="Copy link"
                data-testid="copy-link"
                onClick={() => {
                  void navigator.clipboard
                    .writeText(url)
                    .then(() => toast.success("Link copied"))
                    .catch(() => toast.error("Could not copy: select the link instead"));
                }}
              >
                <CopyIcon />
              </Button>
              <Button asChild variant="ghost" size="icon-sm" aria-label="Open the public page">
                <Link href={`/p/${info.slug}`} target="_blank">
                  <ExternalLinkIcon />
                </Link>
              </Button>
            </div>
          ) : null}
          <Field id="publish-slug" label="Address" error={errors.slug} hint="3–40 lowercase letters, digits and dashes.">
            <div className="flex items-center rounded-md border border-input bg-background/60 focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30">
              <span className="pl-3 font-mono text-sm text-muted-foreground">/p/</span>
              <input
                {...fieldAria("publish-slug", errors.slug, true)}
                data-testid="publish-slug"
                className="h-10 min-w-0 flex-1 bg-transparent pr-3 font-mono text-sm outline-none"
                value={current.slug}
                onChange={(e) => setForm({ ...current, slug: e.target.value })}
                maxLength={40}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          </Field>
          <Field id="publish-mode" label="What the page shows" hint={MODE_HELP[current.privacyMode]} error={errors.privacyMode}>
            <NativeSelect {...fieldAria("publish-mode", errors.privacyMode, true)} data-testid="publish-mode" value={current.privacyMode} onChange={(e) => setForm({ ...current, privacyMode: e.target.value as Mode })}>
              {(Object.keys(PRIVACY_LABELS) as Mode[]).map((m) => (
                <option key={m} value={m}>
                  {PRIVACY_LABELS[m]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className="flex items-center justify-between gap-3 rounded-lg border px-3 py-2.5">
            <Label htmlFor="publish-wallets" className="grid gap-0.5">
              <span>Show wallet addresses</span>
              <span className="text-xs font-normal text-muted-foreground">Off: addresses never appear on the page.</span>
            </Label>
            <Switch id="publish-wallets" data-testid="publish-wallets" checked={current.showWallets} onCheckedChange={(v) => setForm({ ...current, showWallets: v })} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={publish.isPending} data-testid="publish-submit">
              {publish.isPending ? <Spinner /> : <GlobeIcon aria-hidden="true" />} {info.isPublic ? "Save" : "Publish"}
            </Button>
            {info.isPublic ? (
              <Button type="button" variant="outline" disabled={unpublish.isPending} onClick={() => unpublish.mutate({ portfolioId })} data-testid="unpublish">
                {unpublish.isPending ? <Spinner /> : <LockIcon aria-hidden="true" />} Unpublish
              </Button>
            ) : null}
          </div>
        </form>
      </Card>
      <Card data-testid="settings-card">
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>Name, cost-basis method, and deletion.</CardDescription>
        </CardHeader>
        <div className="grid gap-4 px-5 pb-5">
          <div className="flex items-center justify-between gap-3">
            <span className="truncate text-sm font-medium">{info.name}</span>
            <RenameDialog p={info} />
          </div>
          <Field id="settings-method" label="Cost-basis method" hint="Which lots a sale consumes: it changes realised and unrealised P&L, not the value.">
            <NativeSelect
              {...fieldAria("settings-method", undefined, true)}
              value={info.costBasisMethod}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ id: portfolioId, costBasisMethod: costBasisMethodSchema.parse(e.target.value) })}
            >
              {costBasisMethodSchema.options.map((m) => (
                <option key={m} value={m}>
                  {COST_BASIS_LABELS[m]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className="flex items-center justify-between gap-3 rounded-lg border border-destructive/30 px-3 py-2.5">
            <span className="text-sm">Delete this portfolio</span>
            <DeleteDialog p={info} onDeleted={() => router.push("/portfolio")} />
          </div>
        </div>
      </Card>
    </div>
  );
}
