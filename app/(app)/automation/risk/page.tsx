import type { Metadata } from "next";
import { RiskAssessment } from "@/components/automation/risk-assessment";
import { RiskBreakerCard } from "@/components/automation/risk-breaker-card";
import { RiskEvents } from "@/components/automation/risk-events";
import { RiskLevelsEditor } from "@/components/automation/risk-levels-editor";
import { RiskSizing } from "@/components/automation/risk-sizing";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Risk" };

// The breaker values the automated capital at the pools' prices (a chain read): no prefetch,
// every panel loads on the client with its own skeleton.
export default function RiskPage() {
  return (
    <>
      <PageHeader
        title="Risk"
        description="Circuit breakers on the capital your automations trade, risk of what you hold, and how large a position should be."
      />
      <div className="grid gap-6" data-testid="risk-page">
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)] xl:items-start">
          <RiskBreakerCard />
          <RiskLevelsEditor />
        </div>
        <RiskEvents />
        <RiskAssessment />
        <RiskSizing />
      </div>
    </>
  );
}
