// Webhook signatures (Stripe's scheme). Every delivery carries
//
//   X-Lodestar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${raw body}`)>
//
// The receiver recomputes the HMAC over the timestamp and the raw request body (before any
// JSON parsing), compares it in constant time and rejects timestamps outside a tolerance
// window (default 5 minutes), which bounds replays of a captured request. Several v1= entries
// may appear (e.g. while a secret is rotated); one match is enough. Pure: the caller passes
// the clock.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Lodestar-Signature";
export const EVENT_HEADER = "X-Lodestar-Event";
export const DELIVERY_HEADER = "X-Lodestar-Delivery";
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `${timestamp}.${body}` under `secret`. */
export function computeSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestampSeconds}.${body}`, "utf8").digest("hex");
}

/** The header value for a body sent at `timestampSeconds`. */
export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new Error("timestamp must be whole seconds since the epoch");
  return `t=${timestampSeconds},v1=${computeSignature(secret, timestampSeconds, body)}`;
}

export type ParsedSignature = { timestamp: number; signatures: string[] };

/** "t=…,v1=…[,v1=…]" → parts; null when there is no valid t or no v1. Unknown schemes are ignored. */
export function parseSignatureHeader(header: string | null | undefined): ParsedSignature | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k === "t" && /^\d{1,15}$/.test(v)) timestamp = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/i.test(v)) signatures.push(v.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Constant-time equality of two hex strings (length leaks, content does not). */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  // Buffer.from(…, "hex") stops at the first non-hex pair: compare lengths of the decoded bytes
  // and of the inputs, so "ab" and "abzz" are not equal.
  if (x.length !== y.length || x.length * 2 !== a.length || y.length * 2 !== b.length) return false;
  return timingSafeEqual(x, y);
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

export function verifySignature(input: {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  header: string | null | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): VerifyResult {
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed" };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.nowSeconds - parsed.timestamp) > tolerance) return { ok: false, reason: "expired" };
  const expected = computeSignature(input.secret, parsed.timestamp, input.body);
  // Check every candidate (no early exit) so timing does not reveal which one matched.
  let match = false;
  for (const s of parsed.signatures) match = safeEqualHex(expected, s) || match;
  return match ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: "mismatch" };
}
