import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { DomainError } from "@/server/errors";
import { isCrossSiteRequest } from "@/server/security/origin";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  // Mutations are POSTs: refuse them from other origins (CSRF), whatever cookies they carry.
  if (req.method === "POST" && isCrossSiteRequest(req.headers, req.url)) {
    return Response.json(
      { error: { message: "Cross-origin requests are not allowed.", code: "FORBIDDEN" } },
      { status: 403 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createRequestContext({ headers: req.headers, url: req.url }),
    responseMeta({ errors }) {
      const retry = errors
        .map((e) => (e.cause instanceof DomainError ? e.cause.retryAfterSeconds : undefined))
        .find((s) => typeof s === "number");
      return retry ? { headers: new Headers({ "Retry-After": String(retry) }) } : {};
    },
  });
}

export { handler as GET, handler as POST };
