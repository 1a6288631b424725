import { db } from "@/db";
import { auth } from "@/server/auth";
import { requestMetaFromHeaders } from "@/server/services/context";
import type { Context } from "./trpc";

// Context for HTTP requests and React Server Components: the Auth.js session from cookies.
export async function createRequestContext(opts: { headers: Headers; url?: string }): Promise<Context> {
  const session = await auth();
  const requestId = opts.headers.get("x-request-id") ?? crypto.randomUUID();
  const user = session?.user?.id ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
  return {
    db,
    session: user ? { user } : null,
    meta: requestMetaFromHeaders(opts.headers, requestId, opts.url),
    now: () => new Date(),
  };
}
