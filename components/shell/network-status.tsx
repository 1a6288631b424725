"use client";
import { ActivityIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { ChainDot } from "@/components/wallet/chain-dot";
import { useChainStatus } from "./use-chain-status";

// Header pill: how many configured networks answer, with per-chain head block and latency.
export function NetworkStatus() {
  const chains = useChainStatus();
  const configured = chains.data?.filter((c) => c.configured) ?? [];
  const up = configured.filter((c) => c.ok).length;
  const state = chains.isPending ? "loading" : chains.isError ? "error" : up === configured.length ? "ok" : up === 0 ? "down" : "degraded";
  const dot = { loading: "bg-muted-foreground animate-pulse", error: "bg-negative", ok: "bg-positive", degraded: "bg-warning", down: "bg-negative" }[state];
  const label = {
    loading: "Checking networks",
    error: "Network status unavailable",
    ok: `${up}/${configured.length} networks online`,
    degraded: `${up}/${configured.length} networks online`,
    down: "Networks offline",
  }[state];

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Network status: ${label}`} data-testid="network-status" data-state-kind={state} className="gap-2">
          <span className="relative flex size-2">
            {state === "ok" ? <span className="absolute inline-flex size-full animate-ping rounded-full bg-positive opacity-50" /> : null}
            <span className={cn("relative inline-flex size-2 rounded-full", dot)} />
          </span>
          <span className="hidden sm:inline">{state === "loading" ? "Networks" : label}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        <DropdownMenuLabel className="flex items-center gap-2">
          <ActivityIcon aria-hidden="true" className="size-3.5" /> Network status
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {chains.isError ? <p className="px-2 py-1.5 text-sm text-negative">Could not load network status.</p> : null}
        <ul className="grid gap-0.5 p-1">
          {(chains.data ?? []).map((c) => (
            <li key={c.id} className={cn("flex items-center gap-2 rounded-md px-1.5 py-1.5 text-sm", !c.configured && "opacity-55")}>
              <ChainDot chainId={c.id} />
              <span className="flex-1 truncate">{c.name}</span>
              {c.configured ? (
                c.ok ? (
                  <span className="tabular font-mono text-xs text-muted-foreground">
                    #{c.block?.toLocaleString("en-US")} · {c.latencyMs} ms
                  </span>
                ) : (
                  <span className="text-xs text-negative">Unreachable</span>
                )
              ) : (
                <span className="text-xs text-muted-foreground">Not configured</span>
              )}
            </li>
          ))}
        </ul>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
