import type * as nodeCrypto from "node:crypto";
import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
// The real node:crypto, with timingSafeEqual wrapped in a spy (the comparison must use it).
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof nodeCrypto>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

import { computeSignature, parseSignatureHeader, safeEqualHex, signPayload, verifySignature } from "./hmac";

const SECRET = "whsec_test";
const BODY = '{"id":"n1","kind":"alert.price"}';
const T = 1_772_366_400; // 2026-03-01T12:00:00Z

describe("signing", () => {
  it("matches an independent HMAC-SHA256 over `${t}.${body}`", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(computeSignature(SECRET, T, BODY)).toBe(expected);
    expect(signPayload(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
  });

  it("a known vector (RFC 4231-style check by hand: key 'key', message '0.')", () => {
    // echo -n "0." | openssl dgst -sha256 -hmac key
    expect(computeSignature("key", 0, "")).toBe(createHmac("sha256", "key").update("0.").digest("hex"));
  });

  it("refuses a non-integer timestamp", () => {
    expect(() => signPayload(SECRET, BODY, 1.5)).toThrow();
  });
});

describe("parsing", () => {
  it("reads t and every v1, ignores other schemes and junk", () => {
    const a = "a".repeat(64);
    const b = "B".repeat(64);
    expect(parseSignatureHeader(`t=12, v0=zz, v1=${a},v1=${b},junk`)).toEqual({ timestamp: 12, signatures: [a, "b".repeat(64)] });
  });
  it.each([null, "", "t=12", `v1=${"a".repeat(64)}`, `t=abc,v1=${"a".repeat(64)}`, "t=12,v1=short"])("rejects %s", (h) => {
    expect(parseSignatureHeader(h)).toBeNull();
  });
});

describe("verification", () => {
  const header = signPayload(SECRET, BODY, T);

  it("accepts the signature within the tolerance window", () => {
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T })).toEqual({ ok: true, timestamp: T });
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T + 300 }).ok).toBe(true);
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T - 300 }).ok).toBe(true);
  });

  it("rejects timestamps outside the window (replays)", () => {
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T + 301 })).toEqual({ ok: false, reason: "expired" });
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T + 20, toleranceSeconds: 10 })).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects a changed body, a wrong secret or a changed timestamp", () => {
    expect(verifySignature({ secret: SECRET, body: `${BODY} `, header, nowSeconds: T })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature({ secret: "whsec_other", body: BODY, header, nowSeconds: T })).toEqual({ ok: false, reason: "mismatch" });
    const moved = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(verifySignature({ secret: SECRET, body: BODY, header: moved, nowSeconds: T })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature({ secret: SECRET, body: BODY, header: "garbage", nowSeconds: T })).toEqual({ ok: false, reason: "malformed" });
  });

  it("accepts when any of several v1 signatures matches (secret rotation)", () => {
    const old = computeSignature("whsec_old", T, BODY);
    const both = `t=${T},v1=${old},v1=${computeSignature(SECRET, T, BODY)}`;
    expect(verifySignature({ secret: SECRET, body: BODY, header: both, nowSeconds: T }).ok).toBe(true);
  });

  it("compares with crypto.timingSafeEqual, never ===", () => {
    vi.mocked(timingSafeEqual).mockClear();
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T }).ok).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    expect(safeEqualHex("ab".repeat(32), "ab".repeat(32))).toBe(true);
    expect(safeEqualHex("ab".repeat(32), "ac".repeat(32))).toBe(false);
    expect(safeEqualHex("ab", "abab")).toBe(false);
    expect(safeEqualHex("abzz", "ab")).toBe(false);
    expect(safeEqualHex("zz", "zz")).toBe(false);
  });
});
