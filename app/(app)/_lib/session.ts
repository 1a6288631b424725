import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { safeCallbackPath } from "@/app/_lib/callback";

// The path being rendered, when the proxy forwards it (layouts do not receive it).
async function requestPath(): Promise<string | null> {
  const h = await headers();
  return safeCallbackPath(h.get("x-pathname")) ?? safeCallbackPath(h.get("x-invoke-path"));
}

// Redirects to sign-in (coming back to `path`, or the current path) when there is no session.
export async function requireSession(path?: string) {
  const session = await auth();
  if (!session?.user?.id) {
    const back = path ?? (await requestPath()) ?? "/dashboard";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }
  return session;
}
