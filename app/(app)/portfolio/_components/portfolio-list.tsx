"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FolderIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { createPortfolioInput, costBasisMethodSchema } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";

type Method = (typeof costBasisMethodSchema.options)[number];

export const COST_BASIS_LABELS: Record<Method, string> = {
  fifo: "FIFO — first in, first out",
  lifo: "LIFO — last in, first out",
  hifo: "HIFO — highest cost first",
  average: "Average cost",
};

export function PortfolioList() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const portfolios = useQuery(trpc.portfolio.list.queryOptions());
  const [name, setName] = useState("");
  const [method, setMethod] = useState<Method>("fifo");
  const [errors, setErrors] = useState<{ name?: string; costBasisMethod?: string }>({});

  const create = useMutation(
    trpc.portfolio.create.mutationOptions({
      onSuccess: async (p) => {
        setName("");
        toast.success("Portfolio created", { description: p.name });
        await qc.invalidateQueries(trpc.portfolio.list.queryFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors({ name: fe.name, costBasisMethod: fe.costBasisMethod });
        if (!fe.name && !fe.costBasisMethod) toast.error("Could not create the portfolio", { description: errorMessage(err) });
      },
    }),
  );

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = createPortfolioInput.safeParse({ name, costBasisMethod: method });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setErrors({ name: fe.name?.[0], costBasisMethod: fe.costBasisMethod?.[0] });
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)]">
      <Card data-testid="portfolio-list">
        <CardHeader>
          <CardTitle>Your portfolios</CardTitle>
          <CardDescription>{portfolios.data ? `${portfolios.data.length} of 50` : "Loading…"}</CardDescription>
        </CardHeader>
        <div className="px-5 pb-5">
          {portfolios.isPending ? (
            <div className="grid gap-2">
              <Skeleton className="h-14 w-full" />
              <Skeleton className="h-14 w-full" />
            </div>
          ) : portfolios.isError ? (
            <p className="text-sm text-negative">{errorMessage(portfolios.error)}</p>
          ) : portfolios.data.length === 0 ? (
            <EmptyState icon={<FolderIcon />} title="No portfolios yet" description="Create your first portfolio with the form." />
          ) : (
            <ul className="grid divide-y rounded-lg border">
              {portfolios.data.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="portfolio-item">
                  <span className="flex size-9 items-center justify-center rounded-lg bg-primary/10 text-primary">
                    <FolderIcon aria-hidden="true" className="size-4" />
                  </span>
                  <div className="grid min-w-0 flex-1 gap-0.5">
                    <span className="truncate text-sm font-medium">{p.name}</span>
                    <span className="text-xs text-muted-foreground">
                      Created <Time date={p.createdAt} dateOnly />
                    </span>
                  </div>
                  <Badge variant="secondary" title={COST_BASIS_LABELS[p.costBasisMethod]}>
                    {p.costBasisMethod === "average" ? "Average cost" : p.costBasisMethod.toUpperCase()}
                  </Badge>
                  {p.isPublic ? <Badge variant="info">Public</Badge> : <Badge variant="outline">Private</Badge>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>New portfolio</CardTitle>
          <CardDescription>The cost-basis method decides which lots a sale uses when P&amp;L is computed.</CardDescription>
        </CardHeader>
        <form className="grid gap-4 px-5 pb-5" onSubmit={onSubmit} noValidate>
          <Field id="portfolio-name" label="Portfolio name" error={errors.name}>
            <Input
              {...fieldAria("portfolio-name", errors.name)}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Long-term holdings"
              maxLength={64}
            />
          </Field>
          <Field id="portfolio-method" label="Cost-basis method" error={errors.costBasisMethod}>
            <select
              {...fieldAria("portfolio-method", errors.costBasisMethod)}
              value={method}
              onChange={(e) => setMethod(costBasisMethodSchema.parse(e.target.value))}
              className="h-10 w-full rounded-md border border-input bg-background/60 px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none"
            >
              {costBasisMethodSchema.options.map((m) => (
                <option key={m} value={m}>
                  {COST_BASIS_LABELS[m]}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? <Spinner /> : <PlusIcon aria-hidden="true" />}
            Create portfolio
          </Button>
        </form>
      </Card>
    </div>
  );
}
