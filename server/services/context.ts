// What a service needs to know about the request it serves (for audit and rate limits).
export type RequestMeta = {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  // Where the app is being served, as the browser sees it: "localhost:3000", "http://localhost:3000".
  host: string;
  origin: string;
};

export function requestMetaFromHeaders(headers: Headers, requestId: string, fallbackUrl?: string): RequestMeta {
  const forwardedFor = headers.get("x-forwarded-for");
  const ip = forwardedFor?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
  const configured = process.env.AUTH_URL ? new URL(process.env.AUTH_URL) : null;
  const fallback = fallbackUrl ? new URL(fallbackUrl) : null;
  const host = configured?.host ?? headers.get("x-forwarded-host") ?? headers.get("host") ?? fallback?.host ?? "localhost";
  const proto =
    configured?.protocol.replace(":", "") ??
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    fallback?.protocol.replace(":", "") ??
    "http";
  return { ip, userAgent: headers.get("user-agent"), requestId, host, origin: `${proto}://${host}` };
}
