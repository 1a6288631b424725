// Display helpers for addresses and native amounts. Amounts stay bigint until here.
import { formatEther, getAddress, isAddress } from "viem";

export function checksum(address: string): string {
  return isAddress(address, { strict: false }) ? getAddress(address) : address;
}

// 0x1234…abcd, from the checksummed form.
export function shortAddress(address: string, chars = 4): string {
  const a = checksum(address);
  return a.length <= 2 + chars * 2 ? a : `${a.slice(0, 2 + chars)}…${a.slice(-chars)}`;
}

// Formats wei as ETH with at most `maxFractionDigits` decimals, truncated (never rounded up).
export function formatNativeWei(wei: bigint, maxFractionDigits = 4): string {
  const full = formatEther(wei);
  const [whole = "0", frac = ""] = full.split(".");
  const wholeGrouped = BigInt(whole).toLocaleString("en-US");
  const trimmed = frac.slice(0, maxFractionDigits).replace(/0+$/, "");
  if (!trimmed && wei > 0n && BigInt(whole) === 0n) return `<0.${"0".repeat(maxFractionDigits - 1)}1`;
  return trimmed ? `${wholeGrouped}.${trimmed}` : wholeGrouped;
}
