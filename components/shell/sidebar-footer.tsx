import { ShieldCheckIcon } from "lucide-react";

export function SidebarFooter() {
  return (
    <div className="m-3 rounded-lg border bg-card/60 p-3 text-xs text-muted-foreground">
      <div className="mb-1 flex items-center gap-1.5 font-medium text-foreground">
        <ShieldCheckIcon aria-hidden="true" className="size-3.5 text-positive" />
        Non-custodial
      </div>
      Your keys stay in your wallet. Lodestar only asks for signatures you approve.
    </div>
  );
}
