// "Demo Trader (demo)" -> "DT"; "a@b.c" -> "A"; nothing -> "?".
export function initialsOf(nameOrEmail: string | null | undefined): string {
  if (!nameOrEmail) return "?";
  // Accounts created by Sign-In with Ethereum are named after the address ("0x976E…0aa9").
  if (/^0x[0-9a-f]/i.test(nameOrEmail)) return "0x";
  const words = nameOrEmail
    .replace(/\(.*?\)/g, "")
    .split(/[\s@._-]+/)
    .filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const letters = words.slice(0, 2).map((w) => w[0]!.toUpperCase());
  return letters.join("") || "?";
}
