import { AutomationSubnav } from "@/components/automation/automation-subnav";

// Automations · Paper · Vault · Risk · Alerts share one sub-navigation.
export default function AutomationLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AutomationSubnav />
      {children}
    </>
  );
}
