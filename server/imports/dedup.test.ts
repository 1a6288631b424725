import { describe, expect, it } from "vitest";

import { canonicalActivity, computeDedupKey, fnv1a64 } from "./dedup";
import type { ActivityDraft } from "./types";

describe("fnv1a64", () => {
  // Published FNV-1a 64-bit test vectors (Fowler/Noll/Vo reference implementation).
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("hashes %j to %s", (input, hex) => {
    expect(fnv1a64(input)).toBe(hex);
  });
});

describe("computeDedupKey", () => {
  const base: ActivityDraft = {
    type: "buy",
    asset: "BTC",
    quantity: "0.1",
    priceUsd: "60000",
    occurredAt: "2024-03-01T10:00:00.000Z",
    feeAsset: "USD",
    feeQuantity: "1",
    externalId: "x1",
  };

  it("is versioned and stable", () => {
    expect(computeDedupKey(base)).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(computeDedupKey({ ...base })).toBe(computeDedupKey(base));
  });

  it.each<[string, Partial<ActivityDraft>]>([
    ["occurredAt", { occurredAt: "2024-03-01T10:00:01.000Z" }],
    ["type", { type: "sell" }],
    ["incomeKind", { incomeKind: "airdrop" }],
    ["asset", { asset: "ETH" }],
    ["quantity", { quantity: "0.11" }],
    ["priceUsd", { priceUsd: null }],
    ["feeAsset", { feeAsset: "BNB" }],
    ["feeQuantity", { feeQuantity: "2" }],
    ["externalId", { externalId: "x2" }],
  ])("changes with %s", (_field, change) => {
    expect(computeDedupKey({ ...base, ...change })).not.toBe(computeDedupKey(base));
  });

  it("ignores account and note (the same trade under another label is still the same trade)", () => {
    expect(computeDedupKey({ ...base, account: "Ledger", note: "hi" })).toBe(computeDedupKey(base));
  });

  it("cannot be confused by separators inside fields", () => {
    const a = { ...base, asset: "A", externalId: "B|C" };
    const b = { ...base, asset: "A|B", externalId: "C" };
    expect(canonicalActivity(a)).not.toBe(canonicalActivity(b));
  });
});
