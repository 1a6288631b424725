// CSRF defence for state-changing requests. Browsers always send Origin on cross-origin
// POSTs and Sec-Fetch-Site on every request; a request from another site is refused even
// if it carries the session cookie. Requests without either header are not from a browser.
export function isCrossSiteRequest(headers: Headers, requestUrl: string): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  const expected = expectedHosts(headers, requestUrl);
  try {
    return !expected.has(new URL(origin).host);
  } catch {
    return true;
  }
}

function expectedHosts(headers: Headers, requestUrl: string): Set<string> {
  const hosts = new Set<string>();
  if (process.env.AUTH_URL) hosts.add(new URL(process.env.AUTH_URL).host);
  const fwd = headers.get("x-forwarded-host");
  if (fwd) hosts.add(fwd.split(",")[0]!.trim());
  const host = headers.get("host");
  if (host) hosts.add(host);
  hosts.add(new URL(requestUrl).host);
  return hosts;
}
