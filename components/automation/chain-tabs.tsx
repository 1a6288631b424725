import Link from "next/link";
import { ChainDot } from "@/components/wallet/chain-dot";
import { cn } from "@/components/ui/cn";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

// Links that switch an automation page (paper account, vault) between the local chains
// (?chain=). `testId` names the nav and each link (`<testId>-<chainId>`) when given.
export function ChainTabs({ chainId, path, testId }: { chainId: number; path: string; testId?: string }) {
  return (
    <nav aria-label="Chain" className="inline-flex rounded-lg border bg-muted/30 p-0.5" data-testid={testId ? `${testId}-tabs` : undefined}>
      {LOCAL_CHAIN_IDS.map((id) => (
        <Link
          key={id}
          href={`${path}?chain=${id}`}
          aria-current={id === chainId ? "page" : undefined}
          data-testid={testId ? `${testId}-${id}` : undefined}
          className={cn(
            "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground",
            id === chainId && "bg-background text-foreground shadow-sm",
          )}
        >
          <ChainDot chainId={id} className="ring-0" />
          {chainName(id)}
        </Link>
      ))}
    </nav>
  );
}
