import type { NextRequest } from "next/server";
import { db } from "@/db";
import { handlers } from "@/server/auth";
import { RATE_LIMITS } from "@/server/security/rate-limit";
import { isCrossSiteRequest } from "@/server/security/origin";
import { requestMetaFromHeaders } from "@/server/services/context";
import { checkRateLimit } from "@/server/services/security";

export const dynamic = "force-dynamic";

export const GET = handlers.GET;

// Sign-in attempts (password and SIWE) are rate limited per IP before Auth.js sees them:
// 429 with Retry-After, in the JSON shape next-auth/react's signIn() understands.
export async function POST(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (/\/callback\/(password|siwe)$/.test(pathname)) {
    if (isCrossSiteRequest(req.headers, req.url)) {
      return Response.json({ error: "Cross-origin sign-in refused." }, { status: 403 });
    }
    const meta = requestMetaFromHeaders(req.headers, req.headers.get("x-request-id") ?? crypto.randomUUID(), req.url);
    const decision = await checkRateLimit(db, RATE_LIMITS.signInIp, meta.ip ?? "unknown", new Date());
    if (!decision.allowed) {
      const url = new URL("/sign-in", meta.origin);
      url.searchParams.set("error", "CredentialsSignin");
      url.searchParams.set("code", "rate_limited");
      return Response.json(
        { url: url.toString(), retryAfterSeconds: decision.retryAfterSeconds },
        { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(req);
}
