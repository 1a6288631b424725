import { afterEach, describe, expect, it, vi } from "vitest";
import { requestMetaFromHeaders } from "./context";

afterEach(() => vi.unstubAllEnvs());

describe("requestMetaFromHeaders", () => {
  it("takes the client IP from the entry our one trusted proxy appended (the last)", () => {
    const m = requestMetaFromHeaders(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1", "x-real-ip": "10.9.9.9" }), "r1");
    expect(m.ip).toBe("10.0.0.1");
    expect(m.requestId).toBe("r1");
  });

  it("with TRUSTED_PROXY_HOPS=2 takes the entry the outer proxy appended", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    const m = requestMetaFromHeaders(new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.7, 10.0.0.1" }), "r1");
    expect(m.ip).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to null", () => {
    expect(requestMetaFromHeaders(new Headers({ "x-real-ip": "10.9.9.9" }), "r").ip).toBe("10.9.9.9");
    expect(requestMetaFromHeaders(new Headers({}), "r").ip).toBeNull();
  });

  it("prefers AUTH_URL for host and origin", () => {
    vi.stubEnv("AUTH_URL", "https://lodestar.example");
    const m = requestMetaFromHeaders(new Headers({ host: "internal:3000", "x-forwarded-proto": "http" }), "r");
    expect(m).toMatchObject({ host: "lodestar.example", origin: "https://lodestar.example" });
  });

  it("uses X-Forwarded-Host/Proto, then Host, then the request URL", () => {
    vi.stubEnv("AUTH_URL", "");
    expect(
      requestMetaFromHeaders(new Headers({ host: "internal:3000", "x-forwarded-host": "app.example", "x-forwarded-proto": "https, http" }), "r"),
    ).toMatchObject({ host: "app.example", origin: "https://app.example" });
    expect(requestMetaFromHeaders(new Headers({ host: "localhost:3000" }), "r", "http://x:1/")).toMatchObject({
      host: "localhost:3000",
      origin: "http://localhost:3000",
    });
    expect(requestMetaFromHeaders(new Headers({}), "r", "https://fallback.example:8443/api")).toMatchObject({
      host: "fallback.example:8443",
      origin: "https://fallback.example:8443",
    });
    expect(requestMetaFromHeaders(new Headers({ "user-agent": "ua" }), "r")).toMatchObject({
      host: "localhost",
      origin: "http://localhost",
      userAgent: "ua",
    });
  });

  // Regression guard (was a bug in server/services/context.ts): the client IP is the FIRST X-Forwarded-For entry, which
  // is whatever the client sent: a proxy appends the address it saw to the END of the list.
  // Every per-IP rate limit (sign-up, SIWE nonces, sign-in) is keyed on this value, so a client
  // escapes them by sending a different X-Forwarded-For with each request.
  it("does not let a client choose its own IP with a forged X-Forwarded-For prefix", () => {
    // Both requests come from 198.51.100.7 through one proxy; the client forged the first entry.
    const a = requestMetaFromHeaders(new Headers({ "x-forwarded-for": "1.1.1.1, 198.51.100.7" }), "r");
    const b = requestMetaFromHeaders(new Headers({ "x-forwarded-for": "2.2.2.2, 198.51.100.7" }), "r");
    expect(a.ip).toBe(b.ip);
  });
});
