// The generic Lodestar format (documented in docs/imports.md). Columns are matched by name, so
// their order is free and optional columns may be left out entirely.

import Papa from "papaparse";

import { readNonNegative, readPositive } from "./decimal";
import { readUtcDate } from "./dates";
import { readAsset, text } from "./fields";
import {
  ACTIVITY_TYPES,
  INCOME_KINDS,
  fail,
  ok,
  type ActivityDraft,
  type ActivityType,
  type FormatSpec,
  type ImportedActivity,
  type IncomeKind,
  type RowCells,
  type RowOutcome,
} from "./types";

export const GENERIC_COLUMNS = [
  "date",
  "type",
  "asset",
  "quantity",
  "price_usd",
  "fee_asset",
  "fee_quantity",
  "account",
  "note",
  "income_kind",
  "external_id",
] as const;
const REQUIRED = ["date", "type", "asset", "quantity"] as const;

const isActivityType = (v: string): v is ActivityType => (ACTIVITY_TYPES as readonly string[]).includes(v);
const isIncomeKind = (v: string): v is IncomeKind => (INCOME_KINDS as readonly string[]).includes(v);

export function mapGenericRow(row: RowCells): RowOutcome {
  const date = readUtcDate(row.get("date"));
  if (!date.ok) return fail(date.reason);
  const type = row.get("type").trim().toLowerCase();
  if (!isActivityType(type)) return fail(`unknown type '${row.get("type").trim()}' (expected ${ACTIVITY_TYPES.join(", ")})`);
  const asset = readAsset(row.get("asset"));
  if (!asset.ok) return fail(asset.reason);
  const quantity = readPositive(row.get("quantity"), "quantity");
  if (!quantity.ok) return fail(quantity.reason);

  const priceCell = row.get("price_usd");
  let priceUsd: string | null = null;
  if (priceCell.trim() !== "") {
    const p = readNonNegative(priceCell, "price_usd");
    if (!p.ok) return fail(p.reason);
    priceUsd = p.value;
  } else if (type === "buy" || type === "sell") {
    return fail(`price_usd is required for a ${type}`);
  }

  const draft: ActivityDraft = { type, asset: asset.value, quantity: quantity.value, priceUsd, occurredAt: date.iso };

  const fee = readFee(row, type);
  if (typeof fee === "string") return fail(fee);
  if (fee) Object.assign(draft, fee);

  const kindCell = row.get("income_kind").trim().toLowerCase();
  if (type === "income") {
    if (kindCell !== "" && !isIncomeKind(kindCell)) {
      return fail(`unknown income_kind '${row.get("income_kind").trim()}' (expected ${INCOME_KINDS.join(", ")})`);
    }
    draft.incomeKind = kindCell === "" ? "other" : (kindCell as IncomeKind);
  } else if (kindCell !== "") {
    return fail(`income_kind is only allowed on income rows, not on a ${type}`);
  }

  setText(draft, "account", row.get("account"));
  setText(draft, "note", row.get("note"));
  setText(draft, "externalId", row.get("external_id"));
  return ok([draft]);
}

/** Fee columns come as a pair; a zero fee is the same as none. Returns a reason on error. */
function readFee(row: RowCells, type: ActivityType): { feeAsset: string; feeQuantity: string } | null | string {
  const assetCell = row.get("fee_asset").trim();
  const qtyCell = row.get("fee_quantity").trim();
  if (assetCell === "" && qtyCell === "") return null;
  if (type === "fee") return "a fee row carries its amount in asset/quantity; leave fee_asset and fee_quantity empty";
  if (assetCell === "") return "fee_quantity is set but fee_asset is empty";
  if (qtyCell === "") return "fee_asset is set but fee_quantity is empty";
  const feeAsset = readAsset(assetCell, "fee_asset");
  if (!feeAsset.ok) return feeAsset.reason;
  const feeQuantity = readNonNegative(qtyCell, "fee_quantity");
  if (!feeQuantity.ok) return feeQuantity.reason;
  return feeQuantity.value === "0" ? null : { feeAsset: feeAsset.value, feeQuantity: feeQuantity.value };
}

function setText(draft: ActivityDraft, key: "account" | "note" | "externalId", raw: string): void {
  const v = text(raw);
  if (v !== undefined) draft[key] = v;
}

export const genericFormat: FormatSpec = {
  id: "generic",
  label: "Generic (Lodestar)",
  headerExample: GENERIC_COLUMNS.join(","),
  matchesHeader: (cells) => REQUIRED.every((c) => cells.includes(c)),
  mapRow: mapGenericRow,
};

/**
 * Writes activities in the generic format (the inverse of parsing it, used for exports and the
 * round-trip property test). Cells are not formula-escaped: the output is meant for re-import;
 * a spreadsheet-bound export should prefix risky cells itself.
 */
export function formatGenericCsv(activities: readonly Omit<ImportedActivity, "line" | "dedupKey">[]): string {
  const rows = activities.map((a) => [
    a.occurredAt,
    a.type,
    a.asset,
    a.quantity,
    a.priceUsd ?? "",
    a.feeAsset ?? "",
    a.feeQuantity ?? "",
    a.account ?? "",
    a.note ?? "",
    a.incomeKind ?? "",
    a.externalId ?? "",
  ]);
  return Papa.unparse({ fields: [...GENERIC_COLUMNS], data: rows }, { newline: "\n" });
}
