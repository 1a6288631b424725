"use client";
import { ChevronDownIcon, SearchIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { shortAddress } from "@/lib/web3/format";
import { formatTokenAmount } from "@/lib/web3/swap/amount";
import { TokenLogo } from "./token-logo";
import type { SwapToken } from "./use-swap-data";

const COMMON = ["ETH", "USDC", "USDT", "WBTC", "DAI", "WETH"];

// The token button of a swap field; opens the picker.
export function TokenSelectButton({
  token,
  onClick,
  testId,
  label,
}: {
  token: SwapToken | undefined;
  onClick: () => void;
  testId: string;
  label: string;
}) {
  return (
    <Button
      variant={token ? "secondary" : "default"}
      className="h-10 rounded-full pr-3 pl-2"
      onClick={onClick}
      data-testid={testId}
      data-symbol={token?.symbol}
      aria-label={token ? `${label}: ${token.symbol}. Change token` : `${label}: select a token`}
    >
      {token ? <TokenLogo logo={token.logo} symbol={token.symbol} size={24} /> : null}
      <span className={cn("text-base font-semibold", !token && "pl-1")}>{token ? token.symbol : "Select token"}</span>
      <ChevronDownIcon className="opacity-70" />
    </Button>
  );
}

/** Sorts held tokens first (largest holding in whole units first), then the registry order. */
function sortByHolding(tokens: SwapToken[], balanceOf: (t: string) => bigint | undefined): SwapToken[] {
  const whole = (t: SwapToken) => {
    const b = balanceOf(t.address) ?? 0n;
    return Number(b) / 10 ** t.decimals;
  };
  return tokens
    .map((t, i) => ({ t, i, w: whole(t) }))
    .sort((a, b) => (b.w > 0 ? 1 : 0) - (a.w > 0 ? 1 : 0) || (a.w > 0 && b.w > 0 ? b.w - a.w : 0) || a.i - b.i)
    .map((x) => x.t);
}

export function TokenSelectDialog({
  open,
  onOpenChange,
  tokens,
  balanceOf,
  selected,
  onSelect,
  title,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tokens: SwapToken[];
  balanceOf: (token: string) => bigint | undefined;
  selected?: SwapToken;
  onSelect: (t: SwapToken) => void;
  title: string;
}) {
  const [search, setSearch] = useState("");
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = q
      ? tokens.filter((t) => t.symbol.toLowerCase().includes(q) || t.name.toLowerCase().includes(q) || t.address.toLowerCase() === q || (q.length >= 6 && t.address.toLowerCase().startsWith(q)))
      : tokens;
    return sortByHolding(list, balanceOf);
  }, [search, tokens, balanceOf]);
  const common = COMMON.map((s) => tokens.find((t) => t.symbol === s)).filter((t): t is SwapToken => !!t);

  const choose = (t: SwapToken) => {
    onSelect(t);
    setSearch("");
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={(o) => (onOpenChange(o), o ? undefined : setSearch(""))}>
      <DialogContent className="max-w-md gap-3 p-0" data-testid="token-dialog">
        <DialogHeader className="px-5 pt-5">
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>Search by name, symbol or paste an address.</DialogDescription>
        </DialogHeader>
        <div className="px-5">
          <div className="relative">
            <SearchIcon aria-hidden="true" className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              autoFocus
              aria-label="Search tokens"
              placeholder="Search name, symbol or 0x address"
              className="pl-9"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="token-search"
            />
          </div>
          <div className="mt-3 flex flex-wrap gap-2" aria-label="Common tokens">
            {common.map((t) => (
              <button
                key={t.address}
                type="button"
                onClick={() => choose(t)}
                data-testid={`token-chip-${t.symbol}`}
                className={cn(
                  "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-sm font-medium transition-colors hover:bg-accent",
                  selected?.address === t.address && "border-primary/60 bg-primary/10",
                )}
              >
                <TokenLogo logo={t.logo} symbol={t.symbol} size={18} />
                {t.symbol}
              </button>
            ))}
          </div>
        </div>
        <ul className="max-h-[min(24rem,55dvh)] overflow-y-auto border-t px-2 py-2" aria-label="Tokens">
          {filtered.length === 0 ? (
            <li className="px-3 py-8 text-center text-sm text-muted-foreground">No token matches “{search}”.</li>
          ) : (
            filtered.map((t) => {
              const bal = balanceOf(t.address);
              const isSelected = selected?.address === t.address;
              return (
                <li key={t.address}>
                  <button
                    type="button"
                    onClick={() => choose(t)}
                    data-testid={`token-option-${t.symbol}`}
                    aria-current={isSelected ? "true" : undefined}
                    className={cn(
                      "flex w-full items-center gap-3 rounded-lg px-3 py-2.5 text-left transition-colors hover:bg-accent focus-visible:bg-accent focus-visible:outline-none",
                      isSelected && "bg-accent/60",
                    )}
                  >
                    <TokenLogo logo={t.logo} symbol={t.symbol} size={32} />
                    <span className="grid min-w-0 flex-1">
                      <span className="font-medium">{t.symbol}</span>
                      <span className="truncate text-xs text-muted-foreground">
                        {t.name}
                        {t.native ? "" : ` · ${shortAddress(t.address)}`}
                      </span>
                    </span>
                    {bal !== undefined && bal > 0n ? (
                      <span className="tabular text-right font-mono text-sm">{formatTokenAmount(bal, t.decimals)}</span>
                    ) : null}
                  </button>
                </li>
              );
            })
          )}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
