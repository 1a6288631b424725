"use client";
// Price bounds of a vault: per ordered pair, the minimum output the keeper must get per unit of
// input (the contract checks every trade against it; without a bound the keeper cannot trade
// the pair). Typed as a price in whole tokens (USDC per WETH), stored as
// minOutPerInX18 = tokenOut base units per 1e18 base units of tokenIn. The current pool price
// (a quote of one whole token, at mid price) is shown as a reference, with a helper for
// "no worse than X % below the current price".
import { useMutation, useQuery } from "@tanstack/react-query";
import { Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { formatUnits, parseUnits } from "viem";
import { NativeSelect } from "@/components/portfolio/native-select";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc/client";
import { formatPrice, sanitiseAmountTyping } from "@/lib/web3/swap/amount";
import { describeVaultError, sameAddr, TxError, useVaultRunner, VaultSteps, type VaultTokenView, type VaultView } from "./vault-shared";

/** Decimal places of a price (whole tokenOut per whole tokenIn) as minOutPerInX18. */
const scaleOf = (tIn: VaultTokenView, tOut: VaultTokenView) => tOut.decimals + 18 - tIn.decimals;

/** A decimal price → minOutPerInX18, truncated (never above what was typed). */
export function boundFromPrice(price: string, tIn: VaultTokenView, tOut: VaultTokenView): bigint | null {
  const s = price.trim();
  if (!/^\d*\.?\d*$/.test(s) || s === "" || s === ".") return null;
  const [w = "", f = ""] = s.split(".");
  const e = scaleOf(tIn, tOut);
  return parseUnits(`${w || "0"}.${f.slice(0, e) || "0"}`, e);
}

export const priceFromBound = (bound: bigint, tIn: VaultTokenView, tOut: VaultTokenView) => formatUnits(bound, scaleOf(tIn, tOut));

/** The pool price of one whole tokenIn in tokenOut (mid price of a one-token quote). */
export function useCurrentPrice(chainId: number, tIn: VaultTokenView | undefined, tOut: VaultTokenView | undefined) {
  const trpc = useTRPC();
  return useQuery(
    trpc.defi.quote.queryOptions(
      { chainId, tokenIn: tIn?.token ?? "0x", tokenOut: tOut?.token ?? "0x", amountIn: (10n ** BigInt(tIn?.decimals ?? 18)).toString() },
      { enabled: !!tIn && !!tOut && !sameAddr(tIn.token, tOut.token), staleTime: 10_000, refetchInterval: 15_000, retry: 1 },
    ),
  );
}

function BoundRow({ chainId, vault, b }: { chainId: number; vault: VaultView; b: VaultView["priceBounds"][number] }) {
  const trpc = useTRPC();
  const tIn = vault.tokens.find((t) => sameAddr(t.token, b.tokenIn));
  const tOut = vault.tokens.find((t) => sameAddr(t.token, b.tokenOut));
  const current = useCurrentPrice(chainId, tIn, tOut);
  const runner = useVaultRunner();
  const build = useMutation(trpc.automation.vault.buildSetPriceBound.mutationOptions());
  if (!tIn || !tOut) return null;
  const floor = priceFromBound(b.minOutPerInX18, tIn, tOut);
  const mid = current.data ? Number(current.data.midPrice) : null;
  const belowPct = mid ? (1 - Number(floor) / mid) * 100 : null;
  async function remove() {
    if (!vault.address) return;
    try {
      const plan = await build.mutateAsync({ chainId, vault: vault.address, tokenIn: b.tokenIn, tokenOut: b.tokenOut, minOutPerInX18: "0" });
      await runner.run(plan);
    } catch (err) {
      runner.fail(describeVaultError(err));
    }
  }
  return (
    <li className="grid gap-2 rounded-lg border px-3 py-2.5 text-sm" data-testid="vault-bound-row" data-pair={`${tIn.symbol}-${tOut.symbol}`} data-bound={b.minOutPerInX18.toString()}>
      <div className="flex items-center justify-between gap-3">
        <span className="grid leading-tight">
          <span className="font-medium">
            {tIn.symbol} → {tOut.symbol}
          </span>
          <span className="text-xs text-muted-foreground">
            at least <span className="tabular font-mono text-foreground">{formatPrice(floor)}</span> {tOut.symbol} per {tIn.symbol}
            {mid !== null ? (
              <>
                {" · now "}
                <span className="tabular font-mono">{formatPrice(current.data!.midPrice)}</span>
                {belowPct !== null ? ` (${belowPct >= 0 ? `${belowPct.toFixed(1)} % below` : `${(-belowPct).toFixed(1)} % above`} the current price)` : ""}
              </>
            ) : null}
          </span>
        </span>
        <Button variant="ghost" size="icon-sm" aria-label={`Remove the ${tIn.symbol} → ${tOut.symbol} bound`} onClick={() => void remove()} disabled={build.isPending || runner.running}>
          {build.isPending || runner.running ? <Spinner /> : <Trash2Icon />}
        </Button>
      </div>
      <VaultSteps steps={runner.running || runner.error ? runner.steps : []} />
      <TxError message={runner.error} />
    </li>
  );
}

export function VaultPriceBounds({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const allowed = vault.tokens.filter((t) => t.allowed);
  return (
    <section className="grid content-start gap-3" aria-labelledby="vault-bounds-title" data-testid="vault-bounds">
      <div className="grid gap-1">
        <h4 id="vault-bounds-title" className="text-sm font-semibold">
          Price bounds
        </h4>
        <p className="text-xs text-muted-foreground">The worst price the keeper may ever accept for a pair, checked by the vault on every trade. No bound: the keeper cannot trade that pair.</p>
      </div>
      {vault.priceBounds.length === 0 ? (
        <p className="rounded-lg border border-dashed px-3 py-4 text-center text-xs text-muted-foreground" data-testid="vault-bounds-empty">
          No price bounds yet{allowed.length < 2 ? ": allow at least two tokens first, then set the worst price per pair." : "."}
        </p>
      ) : (
        <ul className="grid gap-2">
          {vault.priceBounds.map((b) => (
            <BoundRow key={`${b.tokenIn}-${b.tokenOut}`} chainId={chainId} vault={vault} b={b} />
          ))}
        </ul>
      )}
      <BoundForm chainId={chainId} vault={vault} />
    </section>
  );
}

function BoundForm({ chainId, vault }: { chainId: number; vault: VaultView }) {
  const trpc = useTRPC();
  const runner = useVaultRunner();
  const build = useMutation(trpc.automation.vault.buildSetPriceBound.mutationOptions());
  const choices = vault.tokens.filter((t) => t.allowed).length >= 2 ? vault.tokens.filter((t) => t.allowed) : vault.tokens;
  const [inAddr, setIn] = useState<string | null>(null);
  const [outAddr, setOut] = useState<string | null>(null);
  const tIn = choices.find((t) => sameAddr(t.token, inAddr)) ?? choices.find((t) => t.symbol === "WETH") ?? choices[0];
  const tOut = choices.find((t) => sameAddr(t.token, outAddr) && !sameAddr(t.token, tIn?.token)) ?? choices.find((t) => t.symbol === "USDC" && !sameAddr(t.token, tIn?.token)) ?? choices.find((t) => !sameAddr(t.token, tIn?.token));
  const current = useCurrentPrice(chainId, tIn, tOut);
  const [price, setPrice] = useState("");
  const [pct, setPct] = useState("20");
  const [formError, setFormError] = useState<string | null>(null);
  const mid = current.data?.midPrice;
  const bound = tIn && tOut ? boundFromPrice(price, tIn, tOut) : null;
  const belowPct = mid && bound !== null && tIn && tOut ? (1 - Number(priceFromBound(bound, tIn, tOut)) / Number(mid)) * 100 : null;
  const locked = build.isPending || runner.running;

  function applyPct() {
    if (!mid || !tIn || !tOut) return;
    const p = Number(pct);
    if (!Number.isFinite(p) || p < 0 || p >= 100) return setFormError("Use a percentage from 0 to 99.");
    setFormError(null);
    const now = boundFromPrice(mid, tIn, tOut);
    if (now === null) return;
    const bps = BigInt(Math.round(p * 100));
    setPrice(priceFromBound((now * (10_000n - bps)) / 10_000n, tIn, tOut));
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!vault.address || !tIn || !tOut) return;
    if (bound === null || bound === 0n) return setFormError("Enter the minimum price (or use the helper).");
    setFormError(null);
    try {
      const plan = await build.mutateAsync({ chainId, vault: vault.address, tokenIn: tIn.token, tokenOut: tOut.token, minOutPerInX18: bound.toString() });
      if (await runner.run(plan)) {
        toast.success(`${tIn.symbol} → ${tOut.symbol} price bound set`);
        setPrice("");
        runner.reset();
      }
    } catch (err) {
      setFormError(describeVaultError(err));
    }
  }

  if (!tIn || !tOut) return null;
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-lg border bg-muted/10 p-3" data-testid="vault-bound-form">
      <div className="grid grid-cols-2 gap-2">
        <Field id="vault-bound-in" label="Sell">
          <NativeSelect id="vault-bound-in" value={tIn.token} disabled={locked} onChange={(e) => setIn(e.target.value)} data-testid="vault-bound-in">
            {choices.map((t) => (
              <option key={t.token} value={t.token}>
                {t.symbol}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="vault-bound-out" label="For">
          <NativeSelect id="vault-bound-out" value={tOut.token} disabled={locked} onChange={(e) => setOut(e.target.value)} data-testid="vault-bound-out">
            {choices
              .filter((t) => !sameAddr(t.token, tIn.token))
              .map((t) => (
                <option key={t.token} value={t.token}>
                  {t.symbol}
                </option>
              ))}
          </NativeSelect>
        </Field>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="vault-bound-current" data-price={mid ?? ""}>
        Current price:{" "}
        {current.isPending ? "…" : mid ? <span className="tabular font-mono text-foreground">{`${formatPrice(mid)} ${tOut.symbol} per ${tIn.symbol}`}</span> : "unavailable (no route between these tokens)"}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <Field id="vault-bound-pct" label="No worse than" className="w-28">
          <div className="flex items-center gap-1">
            <Input id="vault-bound-pct" inputMode="decimal" className="tabular font-mono" value={pct} disabled={locked} onChange={(e) => setPct(sanitiseAmountTyping(e.target.value))} data-testid="vault-bound-pct" />
            <span className="text-sm text-muted-foreground">%</span>
          </div>
        </Field>
        <Button type="button" variant="outline" size="sm" className="h-9" onClick={applyPct} disabled={!mid || locked} data-testid="vault-bound-apply-pct">
          below the current price
        </Button>
      </div>
      <Field id="vault-bound-price" label={`Minimum ${tOut.symbol} per ${tIn.symbol}`} hint={belowPct !== null ? `${belowPct.toFixed(2)} % below the current price` : undefined}>
        <Input
          {...fieldAria("vault-bound-price", null, belowPct !== null)}
          inputMode="decimal"
          autoComplete="off"
          className="tabular font-mono"
          placeholder="0.0"
          value={price}
          disabled={locked}
          onChange={(e) => setPrice(sanitiseAmountTyping(e.target.value))}
          data-testid="vault-bound-price"
        />
      </Field>
      {belowPct !== null && belowPct < 0 ? <p className="text-xs text-warning">This floor is above the current price: the keeper could not trade until the price rises past it.</p> : null}
      <VaultSteps steps={runner.steps} />
      <TxError message={formError ?? runner.error} />
      <Button type="submit" size="sm" disabled={locked || !bound} data-testid="vault-bound-submit">
        {locked ? <Spinner /> : null}
        Set price bound
      </Button>
    </form>
  );
}
