"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FolderIcon, PencilIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors, toastError } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { COST_BASIS_LABELS } from "@/lib/portfolio/format";
import { costBasisMethodSchema, portfolioNameSchema } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";
import { CreatePortfolioDialog } from "./create-portfolio-dialog";
import { NativeSelect } from "./native-select";

type Item = { id: string; name: string; costBasisMethod: "fifo" | "lifo" | "hifo" | "average"; isPublic: boolean; slug: string | null; createdAt: Date };

export function PortfolioList() {
  const trpc = useTRPC();
  const portfolios = useQuery(trpc.portfolio.list.queryOptions());
  return (
    <Card data-testid="portfolio-list">
      <CardHeader className="flex-row items-start">
        <div className="grid gap-1">
          <CardTitle>Your portfolios</CardTitle>
          <CardDescription>{portfolios.data ? `${portfolios.data.length} of 50` : "Loading…"}</CardDescription>
        </div>
        <CardAction>
          <CreatePortfolioDialog buttonProps={{ size: "sm" }} />
        </CardAction>
      </CardHeader>
      <div className="px-5 pb-5">
        {portfolios.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : portfolios.isError ? (
          <p className="text-sm text-negative">{errorMessage(portfolios.error)}</p>
        ) : portfolios.data.length === 0 ? (
          <EmptyState icon={<FolderIcon />} title="No portfolios yet" description="Create one, then add wallets or import your exchange history." />
        ) : (
          <ul className="grid divide-y rounded-lg border">
            {portfolios.data.map((p) => (
              <PortfolioItem key={p.id} p={p} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function PortfolioItem({ p }: { p: Item }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const update = useMutation(
    trpc.portfolio.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Cost-basis method changed");
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => toastError(err, "Could not change the method"),
    }),
  );
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="portfolio-item" data-portfolio-id={p.id}>
      <span className="flex size-9 items-center justify-center rounded-lg bg-primary/10 text-primary">
        <FolderIcon aria-hidden="true" className="size-4" />
      </span>
      <div className="grid min-w-0 flex-1 gap-0.5">
        <Link href={`/portfolio/${p.id}`} className="truncate text-sm font-medium hover:underline" data-testid="portfolio-link">
          {p.name}
        </Link>
        <span className="text-xs text-muted-foreground">
          Created <Time date={new Date(p.createdAt)} dateOnly />
          {p.isPublic && p.slug ? (
            <>
              {" · "}
              <Link href={`/p/${p.slug}`} className="text-info hover:underline">
                /p/{p.slug}
              </Link>
            </>
          ) : null}
        </span>
      </div>
      {p.isPublic ? <Badge variant="info">Public</Badge> : <Badge variant="outline">Private</Badge>}
      <label className="sr-only" htmlFor={`method-${p.id}`}>
        Cost-basis method of {p.name}
      </label>
      <NativeSelect
        id={`method-${p.id}`}
        className="h-8 w-auto text-xs"
        value={p.costBasisMethod}
        disabled={update.isPending}
        data-testid="cost-basis-select"
        onChange={(e) => update.mutate({ id: p.id, costBasisMethod: costBasisMethodSchema.parse(e.target.value) })}
      >
        {costBasisMethodSchema.options.map((m) => (
          <option key={m} value={m}>
            {COST_BASIS_LABELS[m]}
          </option>
        ))}
      </NativeSelect>
      <RenameDialog p={p} />
      <DeleteDialog p={p} />
    </li>
  );
}

export function RenameDialog({ p }: { p: { id: string; name: string } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(p.name);
  const [error, setError] = useState<string>();
  const rename = useMutation(
    trpc.portfolio.rename.mutationOptions({
      onSuccess: async () => {
        toast.success("Portfolio renamed");
        setOpen(false);
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setError(fe.name ?? errorMessage(err));
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setName(p.name);
          setError(undefined);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Rename ${p.name}`} data-testid="rename-portfolio">
          <PencilIcon />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename portfolio</DialogTitle>
        </DialogHeader>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = portfolioNameSchema.safeParse(name);
            if (!parsed.success) return setError(parsed.error.issues[0]?.message);
            rename.mutate({ id: p.id, name: parsed.data });
          }}
        >
          <Field id={`rename-${p.id}`} label="Name" error={error}>
            <Input {...fieldAria(`rename-${p.id}`, error)} value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoFocus />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? <Spinner /> : null} Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DeleteDialog({ p, onDeleted }: { p: { id: string; name: string }; onDeleted?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const del = useMutation(
    trpc.portfolio.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Portfolio deleted", { description: p.name });
        setOpen(false);
        await qc.invalidateQueries(trpc.portfolio.list.queryFilter());
        onDeleted?.();
      },
      onError: (err) => toastError(err, "Could not delete the portfolio"),
    }),
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Delete ${p.name}`} data-testid="delete-portfolio">
          <Trash2Icon />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete “{p.name}”?</DialogTitle>
          <DialogDescription>Its wallets, transactions, imports and public page are removed. Your wallets themselves are not touched.</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="destructive" disabled={del.isPending} onClick={() => del.mutate({ id: p.id })} data-testid="confirm-delete-portfolio">
            {del.isPending ? <Spinner /> : null} Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
