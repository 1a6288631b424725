"use client";
import { errorMessage } from "@/components/feedback/errors";
import { useChainStatus } from "@/components/shell/use-chain-status";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ChainDot } from "@/components/wallet/chain-dot";

export function NetworksCard() {
  const chains = useChainStatus();
  const configured = chains.data?.filter((c) => c.configured) ?? [];
  const unconfigured = chains.data?.filter((c) => !c.configured) ?? [];

  return (
    <Card data-testid="networks-card">
      <CardHeader>
        <CardTitle>Networks</CardTitle>
        <CardDescription>Live head block and RPC latency, checked every 15 seconds.</CardDescription>
      </CardHeader>
      <div className="grid gap-2 px-5 pb-5">
        {chains.isPending ? (
          <>
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </>
        ) : chains.isError ? (
          <p className="text-sm text-negative">{errorMessage(chains.error)}</p>
        ) : (
          <>
            {configured.map((c) => (
              <div key={c.id} className="grid gap-2 rounded-lg border bg-background/40 p-3" data-testid={`network-${c.id}`}>
                <div className="flex items-center gap-2">
                  <ChainDot chainId={c.id} className="ring-0" />
                  <span className="flex-1 truncate text-sm font-medium">{c.name}</span>
                  {c.ok ? <Badge variant="positive">Online</Badge> : <Badge variant="negative">Unreachable</Badge>}
                </div>
                <dl className="grid grid-cols-3 gap-2 text-xs">
                  <div className="grid gap-0.5">
                    <dt className="text-muted-foreground">Block</dt>
                    <dd className="tabular font-mono">{c.block !== null ? `#${c.block.toLocaleString("en-US")}` : "–"}</dd>
                  </div>
                  <div className="grid gap-0.5">
                    <dt className="text-muted-foreground">Latency</dt>
                    <dd className="tabular font-mono">{c.latencyMs !== null && c.ok ? `${c.latencyMs} ms` : "–"}</dd>
                  </div>
                  <div className="grid gap-0.5">
                    <dt className="text-muted-foreground">Chain ID</dt>
                    <dd className="tabular font-mono">{c.id}</dd>
                  </div>
                </dl>
              </div>
            ))}
            {unconfigured.length ? (
              <p className="pt-1 text-xs text-muted-foreground">
                Not configured: {unconfigured.map((c) => c.name).join(", ")}. Set RPC_URL_&lt;chainId&gt; to add one.
              </p>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
