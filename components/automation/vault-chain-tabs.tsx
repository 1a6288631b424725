import Link from "next/link";
import { ChainDot } from "@/components/wallet/chain-dot";
import { cn } from "@/components/ui/cn";
import { chainName, LOCAL_CHAIN_IDS } from "@/lib/web3/chains";

// One vault per wallet and chain: links switch the page between the local chains (?chain=).
export function VaultChainTabs({ chainId }: { chainId: number }) {
  return (
    <nav aria-label="Chain" className="inline-flex rounded-lg border bg-muted/30 p-0.5" data-testid="vault-chain-tabs">
      {LOCAL_CHAIN_IDS.map((id) => (
        <Link
          key={id}
          href={`/automation/vault?chain=${id}`}
          aria-current={id === chainId ? "page" : undefined}
          data-testid={`vault-chain-${id}`}
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
