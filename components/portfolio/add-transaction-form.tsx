"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { TX_TYPE_LABELS } from "@/lib/portfolio/format";
import { createTransactionInput, TX_TYPES } from "@/lib/schemas/portfolio";
import { useTRPC } from "@/lib/trpc/client";
import { NativeSelect } from "./native-select";

const INCOME_KINDS = [
  ["staking_reward", "Staking reward"],
  ["lp_fee", "LP fee"],
  ["farm_reward", "Farm reward"],
  ["airdrop", "Airdrop"],
] as const;

type Form = { type: (typeof TX_TYPES)[number]; incomeKind: string; asset: string; quantity: string; priceUsd: string; feeUsd: string; occurredAt: string; account: string; note: string };

const nowUtcInput = () => new Date().toISOString().slice(0, 16);
const blank = (): Form => ({ type: "buy", incomeKind: "staking_reward", asset: "", quantity: "", priceUsd: "", feeUsd: "", occurredAt: nowUtcInput(), account: "Manual", note: "" });

// Manual entry, validated with the router's own schema first (same messages), then by the server
// (its flattened zod errors land on the same fields).
export function AddTransactionForm({ portfolioId }: { portfolioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(blank);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((x) => ({ ...x, [k]: e.target.value }));

  const create = useMutation(
    trpc.portfolio.transactions.create.mutationOptions({
      onSuccess: async () => {
        toast.success("Transaction added");
        setF((x) => ({ ...blank(), type: x.type, account: x.account }));
        await qc.invalidateQueries(trpc.portfolio.pathFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors(fe);
        if (!Object.values(fe).some(Boolean)) toast.error("Could not add the transaction", { description: errorMessage(err) });
      },
    }),
  );

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const input = {
      portfolioId,
      type: f.type,
      incomeKind: f.type === "income" ? f.incomeKind : undefined,
      asset: f.asset,
      quantity: f.quantity,
      priceUsd: f.priceUsd.trim() || undefined,
      feeUsd: f.feeUsd.trim() || undefined,
      // The form's date is UTC (datetime-local has no zone).
      occurredAt: f.occurredAt ? `${f.occurredAt}:00Z` : "",
      account: f.account,
      note: f.note.trim() || undefined,
    };
    const parsed = createTransactionInput.safeParse(input);
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors as Record<string, string[] | undefined>;
      setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k, v?.[0]])));
      return;
    }
    setErrors({});
    create.mutate(input as Parameters<typeof create.mutate>[0]);
  }

  const fld = (key: keyof Form & string, label: string, props: React.ComponentProps<typeof Input> = {}, errKey: string = key) => (
    <Field id={`add-tx-${key}`} label={label} error={errors[errKey]}>
      <Input {...fieldAria(`add-tx-${key}`, errors[errKey])} data-testid={`add-tx-${testKey(key)}`} value={f[key]} onChange={set(key)} {...props} />
    </Field>
  );

  return (
    <Card data-testid="add-tx-form">
      <CardHeader>
        <CardTitle>Add a transaction</CardTitle>
        <CardDescription>For activity outside your tracked wallets: an exchange buy, a transfer, a reward.</CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate className="grid gap-3 px-5 pb-5">
        <div className="grid grid-cols-2 gap-3">
          <Field id="add-tx-type" label="Type" error={errors.type}>
            <NativeSelect {...fieldAria("add-tx-type", errors.type)} data-testid="add-tx-type" value={f.type} onChange={set("type")}>
              {TX_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TX_TYPE_LABELS[t]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          {fld("asset", "Asset", { placeholder: "BTC", autoCapitalize: "characters", maxLength: 15 })}
        </div>
        {f.type === "income" ? (
          <Field id="add-tx-incomeKind" label="Kind of income" error={errors.incomeKind}>
            <NativeSelect {...fieldAria("add-tx-incomeKind", errors.incomeKind)} data-testid="add-tx-income-kind" value={f.incomeKind} onChange={set("incomeKind")}>
              {INCOME_KINDS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </NativeSelect>
          </Field>
        ) : null}
        <div className="grid grid-cols-2 gap-3">
          {fld("quantity", "Quantity", { inputMode: "decimal", placeholder: "0.5" })}
          {fld("priceUsd", "Unit price (USD)", { inputMode: "decimal", placeholder: f.type === "buy" || f.type === "sell" || f.type === "income" ? "Required" : "Optional" })}
        </div>
        <div className="grid grid-cols-2 gap-3">
          {fld("feeUsd", "Fee (USD)", { inputMode: "decimal", placeholder: "Optional" })}
          {fld("occurredAt", "Date (UTC)", { type: "datetime-local" })}
        </div>
        {fld("account", "Account", { placeholder: "Binance, Cold storage…", maxLength: 40 })}
        {fld("note", "Note", { placeholder: "Optional", maxLength: 200 })}
        <Button type="submit" disabled={create.isPending} data-testid="add-tx-submit">
          {create.isPending ? <Spinner /> : <PlusIcon aria-hidden="true" />} Add transaction
        </Button>
      </form>
    </Card>
  );
}

const testKey = (k: string) => ({ priceUsd: "price", feeUsd: "fee", occurredAt: "date" })[k] ?? k;
