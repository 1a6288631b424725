import { describe, expect, it } from "vitest";
import { displayNameSchema, emailSchema, signInInput, signUpInput, siweNonceInput, siweProofInput, walletIdInput } from "./user";

describe("user schemas", () => {
  it("normalises an email: trimmed, lowercased", () => {
    expect(emailSchema.parse("  Alice@Example.COM ")).toBe("alice@example.com");
    expect(signInInput.parse({ email: "BOB@example.com", password: "x" }).email).toBe("bob@example.com");
  });

  it("refuses what is not an email, or too long", () => {
    expect(emailSchema.safeParse("not-an-email").success).toBe(false);
    expect(emailSchema.safeParse(`${"a".repeat(250)}@example.com`).success).toBe(false);
  });

  it("bounds the password length for sign-up (policy runs on the server)", () => {
    const base = { name: "A", email: "a@example.com" };
    expect(signUpInput.safeParse({ ...base, password: "123456789" }).success).toBe(false);
    expect(signUpInput.safeParse({ ...base, password: "1234567890" }).success).toBe(true);
    expect(signUpInput.safeParse({ ...base, password: "x".repeat(257) }).success).toBe(false);
  });

  it("refuses display names with markup, empty or too long", () => {
    expect(displayNameSchema.parse("  Ada  ")).toBe("Ada");
    for (const bad of ["<script>", "a>b", "   ", "x".repeat(65)]) expect(displayNameSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("accepts only known nonce purposes, hex signatures and UUID wallet ids", () => {
    expect(siweNonceInput.safeParse({ purpose: "admin" }).success).toBe(false);
    expect(siweProofInput.safeParse({ message: "m", signature: "0xABCdef01" }).success).toBe(true);
    expect(siweProofInput.safeParse({ message: "m", signature: "abcdef" }).success).toBe(false);
    expect(siweProofInput.safeParse({ message: "x".repeat(4097), signature: "0x00" }).success).toBe(false);
    expect(walletIdInput.safeParse({ walletId: "1" }).success).toBe(false);
    expect(walletIdInput.safeParse({ walletId: crypto.randomUUID() }).success).toBe(true);
  });
});
