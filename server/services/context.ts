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
  const ip = clientIp(headers);
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

// The client address as seen by our nearest trusted proxy. Proxies append the address they
// saw to X-Forwarded-For, so everything left of the last TRUSTED_PROXY_HOPS entries is
// whatever the client wrote and cannot be trusted. Default: one proxy (Vercel, nginx, a
// load balancer). Without any proxy in front, every per-IP limit is only as good as the
// header the client sends: deploy behind one.
export function clientIp(headers: Headers, hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1)): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > 0) {
    const index = Math.max(0, entries.length - Math.max(1, Math.floor(hops) || 1));
    return entries[index] ?? null;
  }
  return headers.get("x-real-ip") || null;
}
