import { NextResponse, type NextRequest } from "next/server";
import { API_CSP, buildPageCsp, originsOf } from "@/lib/security/csp";

// WalletConnect relay and verify endpoints, allowed only when WalletConnect is enabled.
const WALLETCONNECT_ORIGINS = [
  "https://api.web3modal.org",
  "https://pulse.walletconnect.org",
  "https://*.walletconnect.com",
  "wss://*.walletconnect.com",
  "https://*.walletconnect.org",
  "wss://*.walletconnect.org",
  "https://*.reown.com",
  "wss://*.reown.com",
];

function rpcOrigins(): string[] {
  const env = process.env;
  const urls = [
    env.RPC_URL_31337 || "http://127.0.0.1:8545",
    env.RPC_URL_31338 || "http://127.0.0.1:8546",
    env.RPC_URL_1,
    env.RPC_URL_8453,
    env.RPC_URL_42161,
    env.RPC_URL_10,
    env.RPC_URL_137,
  ];
  const origins = originsOf(urls);
  // Browsers treat 127.0.0.1 and localhost as different origins.
  for (const o of [...origins]) {
    if (o.includes("127.0.0.1")) origins.push(o.replace("127.0.0.1", "localhost"));
  }
  if (env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID) origins.push(...WALLETCONNECT_ORIGINS);
  return origins;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = isApi
    ? API_CSP
    : buildPageCsp({
        nonce,
        connectSrc: rpcOrigins(),
        dev: process.env.NODE_ENV === "development",
        ...(process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID
          ? { imgSrc: ["https://api.web3modal.org"], fontSrc: ["https://fonts.reown.com"] }
          : {}),
      });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  // Server layouts cannot see the path; the (app) layout needs it for ?callbackUrl=.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  if (!isApi) {
    // Next reads the nonce for its own scripts from the request-side CSP header.
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)" }],
};
