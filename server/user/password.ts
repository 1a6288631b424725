// Password policy (NIST 800-63B style: length over composition rules, refuse the obvious).
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
  "lodestar123",
  "0123456789",
  "abcdefghij",
  "passw0rd123",
]);

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "one_character";

export function checkPassword(password: string, email?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too_long";
  if (new Set(password).size === 1) return "one_character";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "too_common";
  if (email && lower === email.toLowerCase()) return "too_common";
  return null;
}

export function describePasswordProblem(p: PasswordProblem): string {
  switch (p) {
    case "too_short":
      return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    case "too_long":
      return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    case "one_character":
      return "A password of one repeated character is too easy to guess.";
    case "too_common":
      return "This password is too common. Choose another.";
  }
}
