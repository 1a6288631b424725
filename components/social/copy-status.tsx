"use client";
// A copy's status badge (active / paused / stopped) with its reason as a tooltip.
// Test id: `copy-status` (data-status).
import { Badge } from "@/components/ui/badge";
import type { CopyDto } from "@/lib/schemas/social";

const VARIANT = { active: "positive", paused: "warning", stopped: "outline" } as const;
const LABEL = { active: "Active", paused: "Paused", stopped: "Stopped" } as const;

export function CopyStatusBadge({ copy }: { copy: Pick<CopyDto, "status" | "statusReason"> }) {
  return (
    <Badge variant={VARIANT[copy.status]} title={copy.statusReason ?? undefined} data-testid="copy-status" data-status={copy.status}>
      {LABEL[copy.status]}
    </Badge>
  );
}
