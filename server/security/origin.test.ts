import { afterEach, describe, expect, it, vi } from "vitest";
import { isCrossSiteRequest } from "./origin";

const URL_ = "http://localhost:3000/api/trpc/portfolio.create";
const h = (init: Record<string, string>) => new Headers(init);

afterEach(() => vi.unstubAllEnvs());

describe("isCrossSiteRequest", () => {
  it("allows a same-origin browser request", () => {
    expect(isCrossSiteRequest(h({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin", host: "localhost:3000" }), URL_)).toBe(false);
  });

  it("allows a request with neither Origin nor Sec-Fetch-Site (not a browser)", () => {
    expect(isCrossSiteRequest(h({}), URL_)).toBe(false);
  });

  it("allows Sec-Fetch-Site: none (typed into the address bar, bookmarks)", () => {
    expect(isCrossSiteRequest(h({ "sec-fetch-site": "none" }), URL_)).toBe(false);
  });

  it.each(["cross-site", "same-site"])("refuses Sec-Fetch-Site: %s even with a matching Origin", (site) => {
    expect(isCrossSiteRequest(h({ "sec-fetch-site": site, origin: "http://localhost:3000" }), URL_)).toBe(true);
  });

  it("refuses an Origin of another site", () => {
    expect(isCrossSiteRequest(h({ origin: "https://evil.example", host: "localhost:3000" }), URL_)).toBe(true);
  });

  it("refuses an Origin on another port of the same host", () => {
    expect(isCrossSiteRequest(h({ origin: "http://localhost:3001", host: "localhost:3000" }), URL_)).toBe(true);
  });

  it("refuses Origin: null (sandboxed frames, some redirects) and unparsable origins", () => {
    expect(isCrossSiteRequest(h({ origin: "null" }), URL_)).toBe(true);
    expect(isCrossSiteRequest(h({ origin: "::::" }), URL_)).toBe(true);
  });

  it("accepts the Host header when the request URL is the internal address behind a proxy", () => {
    const internal = "http://10.0.0.5:3000/api/trpc/x";
    expect(isCrossSiteRequest(h({ origin: "https://app.example", host: "app.example" }), internal)).toBe(false);
    expect(isCrossSiteRequest(h({ origin: "https://other.example", host: "app.example" }), internal)).toBe(true);
  });

  it("accepts the first X-Forwarded-Host", () => {
    const internal = "http://10.0.0.5:3000/api/trpc/x";
    const headers = h({ origin: "https://app.example", host: "10.0.0.5:3000", "x-forwarded-host": "app.example, proxy.internal" });
    expect(isCrossSiteRequest(headers, internal)).toBe(false);
    // Only the first entry counts.
    expect(isCrossSiteRequest(h({ origin: "https://proxy.internal", "x-forwarded-host": "app.example, proxy.internal" }), internal)).toBe(true);
  });

  it("accepts the configured AUTH_URL host", () => {
    vi.stubEnv("AUTH_URL", "https://lodestar.example");
    expect(isCrossSiteRequest(h({ origin: "https://lodestar.example" }), "http://127.0.0.1:3000/api/x")).toBe(false);
    expect(isCrossSiteRequest(h({ origin: "https://evil.example" }), "http://127.0.0.1:3000/api/x")).toBe(true);
  });
});
