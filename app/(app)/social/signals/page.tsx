import type { Metadata } from "next";
import { FeedPanel } from "@/components/social/feed-panel";
import { SignalsPanel } from "@/components/social/signals-panel";

export const metadata: Metadata = { title: "Signals & feed" };

// Signals & feed (inside the social layout's header and tabs): the live feed of followed traders,
// then the signals with their tracked outcomes and the providers' hit rates.
export default function SignalsPage() {
  return (
    <div className="grid gap-8">
      <FeedPanel />
      <SignalsPanel />
    </div>
  );
}
