import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { readDecimal, readNonNegative, readPositive } from "./decimal";

describe("readDecimal", () => {
  it.each([
    ["0.10", "0.1"],
    ["00012", "12"],
    [".5", "0.5"],
    ["5.", "5"],
    [" 42 ", "42"],
    ["+3.25", "3.25"],
    ["1e-8", "0.00000001"],
    ["1.5E+3", "1500"],
    ["12.345e1", "123.45"],
    ["0.000000000000000001", "0.000000000000000001"],
    ["123456789012345678901234567890.5", "123456789012345678901234567890.5"],
  ])("normalises %j to %j", (raw, value) => {
    expect(readDecimal(raw, "x")).toEqual({ ok: true, negative: false, value });
  });

  it("keeps the sign apart from the digits; negative zero is zero", () => {
    expect(readDecimal("-0.50", "x")).toEqual({ ok: true, negative: true, value: "0.5" });
    expect(readDecimal("-0.000", "x")).toEqual({ ok: true, negative: false, value: "0" });
  });

  it("accepts thousands separators and currency symbols only when asked", () => {
    expect(readDecimal("1,234,567.5", "x", { thousands: true })).toMatchObject({ ok: true, value: "1234567.5" });
    expect(readDecimal("1,234.5", "x")).toMatchObject({ ok: false });
    expect(readDecimal("-$1,000.00", "x", { thousands: true, currencySymbol: true })).toEqual({ ok: true, negative: true, value: "1000" });
    expect(readDecimal("$5", "x")).toMatchObject({ ok: false });
    // "12,34" is not a thousands group: never silently read as 1234.
    expect(readDecimal("12,34", "x", { thousands: true })).toMatchObject({ ok: false });
  });

  it.each([
    ["abc", "quantity 'abc' is not a number"],
    ["", "quantity is empty"],
    ["1.2.3", "quantity '1.2.3' is not a number"],
    [".", "quantity '.' is not a number"],
    ["1,5", "quantity '1,5' is not a number (use '.' as the decimal separator)"],
    ["=1+2", "quantity '=1+2' is not a number"],
    ["0.1234567890123456789", "quantity '0.1234567890123456789' has more than 18 decimals"],
    ["1e-19", "quantity '1e-19' has more than 18 decimals"],
  ])("rejects %j", (raw, reason) => {
    expect(readDecimal(raw, "quantity")).toEqual({ ok: false, reason });
  });

  it("readPositive refuses zero and negatives unless abs is set", () => {
    expect(readPositive("0.000", "quantity")).toEqual({ ok: false, reason: "quantity must be greater than zero" });
    expect(readPositive("-1", "quantity")).toEqual({ ok: false, reason: "quantity must be positive, got '-1'" });
    expect(readPositive("-1.50", "quantity", { abs: true })).toEqual({ ok: true, negative: false, value: "1.5" });
    expect(readNonNegative("0", "fee")).toEqual({ ok: true, negative: false, value: "0" });
    expect(readNonNegative("-2", "fee")).toEqual({ ok: false, reason: "fee must not be negative, got '-2'" });
  });

  // Reference: the value as an integer count of 1e-18 units, built with bigint.
  const units = (value: string): bigint => {
    const [i = "0", f = ""] = value.split(".");
    return BigInt(i) * 10n ** 18n + BigInt(f.padEnd(18, "0"));
  };

  it("property: any spelling of a value (padding zeros, exponent) reads to the same canonical value", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        fc.nat(4),
        fc.nat(4),
        (n, scale, lead, trail) => {
          const digits = n.toString().padStart(scale + 1, "0");
          const intPart = digits.slice(0, digits.length - scale);
          const frac = digits.slice(digits.length - scale);
          const spelled = `${"0".repeat(lead)}${intPart}${scale ? "." : ""}${frac}${scale ? "0".repeat(trail) : ""}`;
          const plain = readDecimal(spelled, "x");
          const exp = readDecimal(`${n}e-${scale}`, "x");
          expect(plain.ok && exp.ok).toBe(true);
          if (!plain.ok || !exp.ok) return;
          expect(exp.value).toBe(plain.value);
          expect(units(plain.value)).toBe(n * 10n ** BigInt(18 - scale));
          // Canonical: no leading zeros (except "0."), no trailing fractional zeros.
          expect(plain.value).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
        },
      ),
    );
  });
});
