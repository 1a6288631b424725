// Content Security Policy for pages: scripts only with this request's nonce (plus what
// they load, 'strict-dynamic'); network only to ourselves and the configured RPC endpoints.
export function buildPageCsp(opts: { nonce: string; connectSrc: string[]; dev: boolean; imgSrc?: string[]; fontSrc?: string[] }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${opts.nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    // Tailwind/Radix set inline style attributes; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...(opts.imgSrc ?? [])],
    "font-src": ["'self'", "data:", ...(opts.fontSrc ?? [])],
    "connect-src": ["'self'", ...opts.connectSrc, ...(opts.dev ? ["ws:", "wss:"] : [])],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${Array.from(new Set(v)).join(" ")}`)
    .join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

// Origins (scheme://host:port) of the given URLs, for connect-src.
export function originsOf(urls: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    if (!u) continue;
    try {
      const parsed = new URL(u);
      out.push(parsed.origin);
      if (parsed.protocol === "http:") out.push(`ws://${parsed.host}`);
      if (parsed.protocol === "https:") out.push(`wss://${parsed.host}`);
    } catch {
      // ignored: env validation reports bad URLs
    }
  }
  return out;
}
