import { describe, expect, it } from "vitest";
import { getAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, type CreateSiweMessageParameters } from "viem/siwe";
import { DomainError } from "@/server/errors";
import { checkSiweMessage, SIWE_CLOCK_SKEW_MS, SIWE_NONCE_TTL_MS, type SiweExpectations } from "./siwe";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const ADDRESS = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").address;
const NONCE = "a1B2c3D4e5F6g7H8";

const expected: SiweExpectations = {
  domain: "localhost:3000",
  origin: "http://localhost:3000",
  allowedChainIds: [31337, 31338],
  now: NOW,
};

function message(overrides: Partial<CreateSiweMessageParameters> = {}): string {
  return createSiweMessage({
    address: ADDRESS,
    chainId: 31337,
    domain: "localhost:3000",
    uri: "http://localhost:3000/sign-in",
    nonce: NONCE,
    version: "1",
    issuedAt: NOW,
    statement: "Sign in to Lodestar.",
    ...overrides,
  });
}

const at = (deltaMs: number) => new Date(NOW.getTime() + deltaMs);

// Runs `fn`, expects auth.SIWE_INVALID, returns the error for further checks.
function rejected(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe("auth.SIWE_INVALID");
    expect(e.kind).toBe("invalid");
    return e;
  }
  throw new Error("expected checkSiweMessage to throw");
}

describe("checkSiweMessage", () => {
  it("accepts a well-formed message for this site and returns its fields", () => {
    const checked = checkSiweMessage(message({ expirationTime: at(60_000) }), expected);
    expect(checked).toEqual({
      address: ADDRESS,
      chainId: 31337,
      nonce: NONCE,
      issuedAt: NOW,
      expirationTime: at(60_000),
    });
  });

  it("returns the checksummed address for a lowercase address", () => {
    const lower = message().replace(ADDRESS, ADDRESS.toLowerCase());
    expect(lower).toContain(ADDRESS.toLowerCase());
    const checked = checkSiweMessage(lower, expected);
    expect(checked.address).toBe(getAddress(ADDRESS));
    expect(checked.address).not.toBe(ADDRESS.toLowerCase());
  });

  it("accepts any allowed chain", () => {
    expect(checkSiweMessage(message({ chainId: 31338 }), expected).chainId).toBe(31338);
  });

  it("refuses a message longer than 4096 characters before parsing it", () => {
    const e = rejected(() => checkSiweMessage(message({ statement: "x".repeat(4100) }), expected));
    expect(e.userMessage).toBe("The sign-in message is too long.");
    expect(e.message).toBe("SIWE rejected: message too long");
  });

  it("refuses text that is not a SIWE message", () => {
    const e = rejected(() => checkSiweMessage("hello world", expected));
    expect(e.userMessage).toMatch(/malformed \(no address\)/);
  });

  it("refuses another version", () => {
    const e = rejected(() => checkSiweMessage(message().replace("Version: 1", "Version: 2"), expected));
    expect(e.userMessage).toBe("Unsupported sign-in message version.");
  });

  it("refuses a nonce shorter than 8 characters", () => {
    const e = rejected(() => checkSiweMessage(message().replace(`Nonce: ${NONCE}`, "Nonce: abc123"), expected));
    expect(e.userMessage).toMatch(/malformed \(nonce\)/);
  });

  it("refuses a message made for another domain", () => {
    const e = rejected(() => checkSiweMessage(message({ domain: "evil.example" }), expected));
    expect(e.userMessage).toBe("This sign-in message was made for another site.");
    expect(e.message).toContain("domain evil.example != localhost:3000");
  });

  it("refuses the right domain on another port", () => {
    rejected(() => checkSiweMessage(message({ domain: "localhost:3001" }), expected));
  });

  it.each([
    ["another host", "http://evil.example/sign-in"],
    ["another scheme", "https://localhost:3000/sign-in"],
    ["another port", "http://localhost:3001/sign-in"],
  ])("refuses a URI on %s", (_, uri) => {
    const e = rejected(() => checkSiweMessage(message({ uri }), expected));
    expect(e.userMessage).toBe("This sign-in message was made for another site.");
    expect(e.message).toMatch(/^SIWE rejected: uri /);
  });

  it("refuses a URI that does not parse", () => {
    const e = rejected(() =>
      checkSiweMessage(message().replace("URI: http://localhost:3000/sign-in", "URI: not a url"), expected),
    );
    expect(e.userMessage).toMatch(/malformed \(URI\)/);
  });

  it("refuses an unsupported chain", () => {
    const e = rejected(() => checkSiweMessage(message({ chainId: 1 }), expected));
    expect(e.userMessage).toBe("Sign in on a supported network.");
    expect(e.message).toContain("chain 1");
  });

  describe("expirationTime", () => {
    it("refuses a message that expired", () => {
      const e = rejected(() => checkSiweMessage(message({ expirationTime: at(-1) }), expected));
      expect(e.userMessage).toMatch(/expired/);
      expect(e.message).toBe("SIWE rejected: expired");
    });
    it("refuses a message expiring exactly now", () => {
      rejected(() => checkSiweMessage(message({ expirationTime: NOW }), expected));
    });
    it("accepts a message expiring 1 ms from now", () => {
      expect(checkSiweMessage(message({ expirationTime: at(1) }), expected).expirationTime).toEqual(at(1));
    });
  });

  describe("notBefore", () => {
    it("refuses a message not valid until after the clock-skew allowance", () => {
      const e = rejected(() => checkSiweMessage(message({ notBefore: at(SIWE_CLOCK_SKEW_MS + 1_000) }), expected));
      expect(e.userMessage).toBe("This sign-in request is not valid yet.");
    });
    it("accepts notBefore within the skew allowance and in the past", () => {
      expect(() => checkSiweMessage(message({ notBefore: at(SIWE_CLOCK_SKEW_MS) }), expected)).not.toThrow();
      expect(() => checkSiweMessage(message({ notBefore: at(-60_000) }), expected)).not.toThrow();
    });
  });

  describe("issuedAt", () => {
    it("refuses a message issued in the future beyond the skew", () => {
      const e = rejected(() => checkSiweMessage(message({ issuedAt: at(SIWE_CLOCK_SKEW_MS + 1) }), expected));
      expect(e.message).toBe("SIWE rejected: issuedAt out of range");
    });
    it("refuses a message issued longer ago than a nonce lives (+ skew)", () => {
      rejected(() => checkSiweMessage(message({ issuedAt: at(-SIWE_NONCE_TTL_MS - SIWE_CLOCK_SKEW_MS - 1) }), expected));
    });
    it("accepts both ends of the window", () => {
      expect(() => checkSiweMessage(message({ issuedAt: at(SIWE_CLOCK_SKEW_MS) }), expected)).not.toThrow();
      expect(() =>
        checkSiweMessage(message({ issuedAt: at(-SIWE_NONCE_TTL_MS - SIWE_CLOCK_SKEW_MS) }), expected),
      ).not.toThrow();
    });
  });

  // Regression guard (was a bug in server/user/siwe.ts): viem's parseSiweMessage turns a date-time that is not RFC 3339
  // into an Invalid Date (NaN). Every comparison with NaN is false, so checkSiweMessage lets
  // such a message through: an "Expiration Time" it cannot read never expires, an unreadable
  // "Issued At" / "Not Before" is never checked. A malformed message must be refused.
  describe("unreadable timestamps", () => {
    it("refuses an Expiration Time that is not an RFC 3339 date-time", () => {
      // A date without a time: meant as "expired on 1 Jan 2020", parsed as NaN.
      const m = message({ expirationTime: at(60_000) }).replace(/Expiration Time: .+/, "Expiration Time: 2020-01-01");
      rejected(() => checkSiweMessage(m, expected));
    });
    it("refuses an Issued At that is not an RFC 3339 date-time", () => {
      const m = message().replace(/Issued At: .+/, "Issued At: 2001-01-01 00:00:00");
      rejected(() => checkSiweMessage(m, expected));
    });
  });
});
