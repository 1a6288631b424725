"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { COST_BASIS_LABELS } from "@/lib/portfolio/format";
import { costBasisMethodSchema, createPortfolioInput } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";
import { NativeSelect } from "./native-select";

type Method = (typeof costBasisMethodSchema.options)[number];

export function CreatePortfolioDialog({ onCreated, buttonProps, label = "Create portfolio" }: { onCreated?: (id: string) => void; buttonProps?: ButtonProps; label?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [method, setMethod] = useState<Method>("fifo");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(
    trpc.portfolio.create.mutationOptions({
      onSuccess: async (p) => {
        toast.success("Portfolio created", { description: p.name });
        await qc.invalidateQueries(trpc.portfolio.list.queryFilter());
        setOpen(false);
        setName("");
        onCreated?.(p.id);
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors(fe);
        if (!fe.name && !fe.costBasisMethod) toast.error("Could not create the portfolio", { description: errorMessage(err) });
      },
    }),
  );
  function onSubmit(e: React.FormEvent) {
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
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="create-portfolio" {...buttonProps}>
          <PlusIcon aria-hidden="true" /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New portfolio</DialogTitle>
          <DialogDescription>The cost-basis method decides which lots a sale uses when P&amp;L is computed.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field id="new-portfolio-name" label="Portfolio name" error={errors.name}>
            <Input {...fieldAria("new-portfolio-name", errors.name)} value={name} onChange={(e) => setName(e.target.value)} placeholder="Long-term holdings" maxLength={64} autoFocus />
          </Field>
          <Field id="new-portfolio-method" label="Cost-basis method" error={errors.costBasisMethod}>
            <NativeSelect {...fieldAria("new-portfolio-method", errors.costBasisMethod)} value={method} onChange={(e) => setMethod(costBasisMethodSchema.parse(e.target.value))}>
              {costBasisMethodSchema.options.map((m) => (
                <option key={m} value={m}>
                  {COST_BASIS_LABELS[m]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={create.isPending} data-testid="create-portfolio-submit">
              {create.isPending ? <Spinner /> : null} Create
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
