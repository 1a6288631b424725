"use client";
import { WalletIcon } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";

// EIP-6963 wallets announce their icon as a data: URI. Anything else (a remote URL) would be
// blocked by the CSP, so it falls back to a generic glyph.
export function ConnectorIcon({ icon, className }: { icon?: string | undefined; className?: string }) {
  const [failed, setFailed] = useState(false);
  const usable = icon && icon.startsWith("data:image/") && !failed;
  return (
    <span className={cn("flex size-9 shrink-0 items-center justify-center overflow-hidden rounded-lg border bg-background", className)}>
      {usable ? (
        // eslint-disable-next-line @next/next/no-img-element -- data: URI from the wallet itself
        <img src={icon} alt="" aria-hidden="true" className="size-6" onError={() => setFailed(true)} />
      ) : (
        <WalletIcon aria-hidden="true" className="size-4 text-muted-foreground" />
      )}
    </span>
  );
}
