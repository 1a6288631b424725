import { AlertTriangleIcon, CheckCircle2Icon, InfoIcon, OctagonAlertIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

export type Severity = "info" | "success" | "warning" | "critical";

const ICONS = { info: InfoIcon, success: CheckCircle2Icon, warning: AlertTriangleIcon, critical: OctagonAlertIcon } as const;
const COLORS = { info: "text-info", success: "text-positive", warning: "text-warning", critical: "text-negative" } as const;
export const SEVERITY_LABEL = { info: "Info", success: "Success", warning: "Warning", critical: "Critical" } as const;

export function SeverityIcon({ severity, className }: { severity: Severity; className?: string }) {
  const Icon = ICONS[severity];
  return <Icon role="img" aria-label={SEVERITY_LABEL[severity]} className={cn("size-4 shrink-0", COLORS[severity], className)} />;
}
