import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPassword, describePasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from "./password";

describe("checkPassword", () => {
  it("accepts a long, varied, uncommon password", () => {
    expect(checkPassword("correct horse battery staple")).toBeNull();
  });

  it("refuses fewer than 10 characters and accepts exactly 10", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(checkPassword("abcdefgh9")).toBe("too_short");
    expect(checkPassword("abcdefgh9!")).toBeNull();
    expect(checkPassword("")).toBe("too_short");
  });

  it("refuses more than 256 characters and accepts exactly 256", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(256);
    const ok = "ab".repeat(128);
    expect(checkPassword(ok)).toBeNull();
    expect(checkPassword(`${ok}c`)).toBe("too_long");
  });

  it("refuses one repeated character", () => {
    expect(checkPassword("aaaaaaaaaaaa")).toBe("one_character");
    expect(checkPassword("aaaaaaaaaaab")).toBeNull();
  });

  it("refuses common passwords whatever their case", () => {
    expect(checkPassword("password123")).toBe("too_common");
    expect(checkPassword("PassWord123")).toBe("too_common");
    expect(checkPassword("QWERTYUIOP")).toBe("too_common");
  });

  it("refuses the account's own email as the password, whatever the case", () => {
    expect(checkPassword("Alice@Example.com", "alice@example.com")).toBe("too_common");
    expect(checkPassword("alice@example.com", "ALICE@example.com")).toBe("too_common");
    expect(checkPassword("alice@example.com")).toBeNull();
    expect(checkPassword("alice@example.org", "alice@example.com")).toBeNull();
  });

  it("checks length before anything else (a short common password is too_short)", () => {
    expect(checkPassword("password")).toBe("too_short");
  });

  it("property: the verdict on length agrees with the bounds", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 300 }), (pw) => {
        const r = checkPassword(pw);
        if (pw.length < PASSWORD_MIN_LENGTH) return r === "too_short";
        if (pw.length > PASSWORD_MAX_LENGTH) return r === "too_long";
        return r !== "too_short" && r !== "too_long";
      }),
    );
  });
});

describe("describePasswordProblem", () => {
  it.each<[PasswordProblem, RegExp]>([
    ["too_short", /at least 10 characters/],
    ["too_long", /at most 256 characters/],
    ["one_character", /one repeated character/],
    ["too_common", /too common/],
  ])("%s → a sentence the user can act on", (p, re) => {
    expect(describePasswordProblem(p)).toMatch(re);
  });
});
