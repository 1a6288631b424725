// Sign-In with Ethereum (EIP-4361) message checks. Pure: the caller passes what the
// server expects and the current time; signature verification happens in the service.
import { parseSiweMessage } from "viem/siwe";
import { isAddress, getAddress } from "viem";
import { DomainError } from "@/server/errors";

export const SIWE_NONCE_TTL_MS = 10 * 60 * 1000;
// A message without expirationTime is still bounded by its nonce's lifetime; a message
// issued far in the past or the future is refused (clock skew allowance below).
export const SIWE_CLOCK_SKEW_MS = 60 * 1000;

export type SiweExpectations = {
  // Host (and port) the app is served on, e.g. "localhost:3000".
  domain: string;
  // Origin the app is served on, e.g. "http://localhost:3000".
  origin: string;
  allowedChainIds: readonly number[];
  now: Date;
};

export type CheckedSiweMessage = {
  address: `0x${string}`;
  chainId: number;
  nonce: string;
  issuedAt: Date | undefined;
  expirationTime: Date | undefined;
};

const invalid = (reason: string, user: string) =>
  new DomainError("auth.SIWE_INVALID", "invalid", user, { message: `SIWE rejected: ${reason}` });

export function checkSiweMessage(message: string, expected: SiweExpectations): CheckedSiweMessage {
  if (message.length > 4096) throw invalid("message too long", "The sign-in message is too long.");
  const fields = parseSiweMessage(message);
  if (!fields.address || !isAddress(fields.address, { strict: false })) {
    throw invalid("no address", "The sign-in message is malformed (no address).");
  }
  if (fields.version !== "1") throw invalid("version", "Unsupported sign-in message version.");
  if (!fields.nonce || !/^[a-zA-Z0-9]{8,}$/.test(fields.nonce)) {
    throw invalid("nonce", "The sign-in message is malformed (nonce).");
  }
  if (fields.domain !== expected.domain) {
    throw invalid(`domain ${fields.domain} != ${expected.domain}`, "This sign-in message was made for another site.");
  }
  let uriOrigin: string;
  try {
    uriOrigin = new URL(fields.uri ?? "").origin;
  } catch {
    throw invalid("uri unparsable", "The sign-in message is malformed (URI).");
  }
  if (uriOrigin !== expected.origin) {
    throw invalid(`uri ${uriOrigin} != ${expected.origin}`, "This sign-in message was made for another site.");
  }
  if (typeof fields.chainId !== "number" || !expected.allowedChainIds.includes(fields.chainId)) {
    throw invalid(`chain ${fields.chainId}`, "Sign in on a supported network.");
  }
  // viem parses a date-time it cannot read as an Invalid Date; NaN compares false with
  // everything, which would make an unreadable expiry never expire. Refuse instead.
  for (const [name, value] of [
    ["Expiration Time", fields.expirationTime],
    ["Not Before", fields.notBefore],
    ["Issued At", fields.issuedAt],
  ] as const) {
    if (value !== undefined && Number.isNaN(value.getTime())) {
      throw invalid(`unreadable ${name}`, "The sign-in message is malformed (date).");
    }
  }
  const now = expected.now.getTime();
  if (fields.expirationTime && fields.expirationTime.getTime() <= now) {
    throw invalid("expired", "This sign-in request has expired. Please try again.");
  }
  if (fields.notBefore && fields.notBefore.getTime() > now + SIWE_CLOCK_SKEW_MS) {
    throw invalid("not yet valid", "This sign-in request is not valid yet.");
  }
  if (fields.issuedAt) {
    const t = fields.issuedAt.getTime();
    if (t > now + SIWE_CLOCK_SKEW_MS || t < now - SIWE_NONCE_TTL_MS - SIWE_CLOCK_SKEW_MS) {
      throw invalid("issuedAt out of range", "This sign-in request has expired. Please try again.");
    }
  }
  return {
    address: getAddress(fields.address),
    chainId: fields.chainId,
    nonce: fields.nonce,
    issuedAt: fields.issuedAt,
    expirationTime: fields.expirationTime,
  };
}
