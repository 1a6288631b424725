import { PageHeader } from "@/components/shell/page-header";
import { SocialSubnav } from "@/components/social/social-subnav";

// Leaderboard · Signals & feed · Copying · My profile share one header and sub-navigation.
export default function SocialLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader
        title="Social"
        description="Traders ranked on records Lodestar can verify. Follow them, copy them on your own paper account or vault, and see how closely copies track."
        className="mb-4"
      />
      <SocialSubnav />
      {children}
    </>
  );
}
