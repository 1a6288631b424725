// Duplicate detection. The key is a hash of the row's economic content in canonical form, so
// it does not depend on column order, whitespace, number spelling ("0.10" vs "0.1") or date
// layout: all of those are normalised before the key is built. Account and note are left out on
// purpose: re-importing the same trade into another account label is still the same trade.

import type { ActivityDraft } from "./types";

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The canonical string the key hashes; exported for tests and for debugging collisions. */
export function canonicalActivity(a: ActivityDraft): string {
  return JSON.stringify([
    a.occurredAt,
    a.type,
    a.incomeKind ?? "",
    a.asset,
    a.quantity,
    a.priceUsd ?? "",
    a.feeAsset ?? "",
    a.feeQuantity ?? "",
    a.externalId ?? "",
  ]);
}

/** "v1:" + hash; the version prefix lets the scheme change without colliding with old keys. */
export function computeDedupKey(a: ActivityDraft): string {
  return `v1:${fnv1a64(canonicalActivity(a))}`;
}
