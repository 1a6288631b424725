import { AppShell } from "@/components/shell/app-shell";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydrateClient } from "./_lib/hydrate";
import { requireSession } from "./_lib/session";

// Everything under (app) needs a session: no session, no render (redirect to sign-in).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await requireSession();
  // The account menu's data, so the header paints with the user's name.
  await getQueryClient().prefetchQuery(trpc.user.me.queryOptions());
  return (
    <HydrateClient>
      <AppShell>{children}</AppShell>
    </HydrateClient>
  );
}
