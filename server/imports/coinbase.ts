// Coinbase "Transactions" report (Statements → Generate report → CSV). The file opens with a
// few preamble lines (a tax notice, "Transactions", "User,<name>,<id>") before the header, and
// column names have changed over the years ("Spot Price at Transaction" → "Price at
// Transaction", an "ID" column since 2024), so columns are read through aliases. Money cells
// may carry a currency symbol ("$42,000.00") and debits may be negative ("-0.5").

import { readNonNegative, readPositive, type DecimalOptions } from "./decimal";
import { readUtcDate } from "./dates";
import { FIAT, pick, readAsset, text } from "./fields";
import { fail, ok, skip, type ActivityDraft, type FormatSpec, type IncomeKind, type RowCells, type RowOutcome } from "./types";

const PRICE_CURRENCY = ["price currency", "spot price currency"];
const PRICE = ["price at transaction", "spot price at transaction", "usd spot price at transaction"];
const FEES = ["fees and/or spread", "usd fees", "fees"];
const MONEY: DecimalOptions & { abs: true } = { currencySymbol: true, thousands: true, abs: true };

type TypeRule =
  | { kind: "buy" | "sell" | "transfer_in" | "transfer_out" | "convert" | "internal" }
  | { kind: "income"; incomeKind: IncomeKind };

const TYPES: Record<string, TypeRule> = {
  buy: { kind: "buy" },
  "advanced trade buy": { kind: "buy" },
  "advance trade buy": { kind: "buy" },
  sell: { kind: "sell" },
  "advanced trade sell": { kind: "sell" },
  "advance trade sell": { kind: "sell" },
  convert: { kind: "convert" },
  receive: { kind: "transfer_in" },
  deposit: { kind: "transfer_in" },
  send: { kind: "transfer_out" },
  withdrawal: { kind: "transfer_out" },
  "rewards income": { kind: "income", incomeKind: "staking_reward" },
  "staking income": { kind: "income", incomeKind: "staking_reward" },
  "inflation reward": { kind: "income", incomeKind: "staking_reward" },
  "coinbase earn": { kind: "income", incomeKind: "other" },
  "learning reward": { kind: "income", incomeKind: "other" },
  "incentives rewards payout": { kind: "income", incomeKind: "other" },
  "subscription rebate": { kind: "income", incomeKind: "other" },
  "subscription rebates (24 hours)": { kind: "income", incomeKind: "other" },
  // Moves between the user's own Coinbase products: no change in what they hold.
  "pro deposit": { kind: "internal" },
  "pro withdrawal": { kind: "internal" },
  "exchange deposit": { kind: "internal" },
  "exchange withdrawal": { kind: "internal" },
  "retail staking transfer": { kind: "internal" },
  "retail unstaking transfer": { kind: "internal" },
  "retail eth2 deprecation": { kind: "internal" },
};

const CONVERTED = /^Converted\s+([\d.,]+)\s+(\S+)\s+to\s+([\d.,]+)\s+(\S+)/i;

export function mapCoinbaseRow(row: RowCells): RowOutcome {
  const date = readUtcDate(row.get("timestamp"), "Timestamp");
  if (!date.ok) return fail(date.reason);
  const typeRaw = row.get("transaction type").trim();
  const rule = TYPES[typeRaw.toLowerCase()];
  if (!rule) return fail(`unknown Coinbase transaction type '${typeRaw}'`);
  const asset = readAsset(row.get("asset"));
  if (!asset.ok) return fail(asset.reason);
  if (rule.kind === "internal") return skip(`'${typeRaw}' moves ${asset.value} between Coinbase products; not imported`);
  if ((rule.kind === "transfer_in" || rule.kind === "transfer_out") && FIAT.has(asset.value)) {
    return skip(`fiat ${typeRaw.toLowerCase()} of ${asset.value} is cash, not a holding; not imported`);
  }
  const quantity = readPositive(row.get("quantity transacted"), "Quantity Transacted", { thousands: true, abs: true });
  if (!quantity.ok) return fail(quantity.reason);

  const currency = pick(row, ...PRICE_CURRENCY).trim().toUpperCase() || "USD";
  const priceCell = pick(row, ...PRICE);
  let price: string | null = null;
  if (priceCell.trim() !== "") {
    const p = readNonNegative(priceCell, "Price at Transaction", MONEY);
    if (!p.ok) return fail(p.reason);
    price = p.value;
  }
  const feeCell = pick(row, ...FEES);
  let fee: { feeAsset: string; feeQuantity: string } | undefined;
  if (feeCell.trim() !== "") {
    const f = readNonNegative(feeCell, "Fees and/or Spread", MONEY);
    if (!f.ok) return fail(f.reason);
    if (f.value !== "0") fee = { feeAsset: currency, feeQuantity: f.value };
  }
  const warnings: string[] = [];
  const priceUsd = currency === "USD" ? price : null;
  if (currency !== "USD" && price !== null) warnings.push(`price is in ${currency}; the USD price will come from market data`);
  if ((rule.kind === "buy" || rule.kind === "sell") && price === null) return fail(`Price at Transaction is required for a ${typeRaw}`);

  const draft: ActivityDraft = {
    type: "buy",
    asset: asset.value,
    quantity: quantity.value,
    priceUsd,
    occurredAt: date.iso,
    ...fee,
  };
  const id = text(row.get("id"));
  if (id) draft.externalId = id;
  const note = text(row.get("notes"));
  if (note) draft.note = note;

  switch (rule.kind) {
    case "income":
      return ok([{ ...draft, type: "income", incomeKind: rule.incomeKind }], warnings);
    case "convert":
      return mapConvert(draft, note ?? "", warnings);
    default:
      return ok([{ ...draft, type: rule.kind }], warnings);
  }
}

/** "Converted 0.01 ETH to 0.000512 BTC": a sell of the source asset and a buy of the target. */
function mapConvert(source: ActivityDraft, note: string, warnings: string[]): RowOutcome {
  const m = CONVERTED.exec(note);
  if (!m) return fail(`Convert row needs Notes like 'Converted 0.01 ETH to 0.0005 BTC', got '${note}'`);
  const target = readAsset(m[4] ?? "", "Convert target asset");
  if (!target.ok) return fail(target.reason);
  const targetQty = readPositive(m[3] ?? "", "Convert target quantity", { thousands: true });
  if (!targetQty.ok) return fail(targetQty.reason);
  const { feeAsset, feeQuantity, externalId, ...rest } = source;
  const fee = feeAsset && feeQuantity ? { feeAsset, feeQuantity } : {};
  const id = externalId ? { externalId } : {};
  // The row's price is the source asset's; the target leg is priced by the service.
  return ok(
    [
      { ...rest, ...fee, ...id, type: "sell" },
      { ...rest, ...id, type: "buy", asset: target.value, quantity: targetQty.value, priceUsd: null },
    ],
    warnings,
  );
}

export const coinbaseFormat: FormatSpec = {
  id: "coinbase",
  label: "Coinbase Transactions report",
  headerExample:
    "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes",
  matchesHeader: (cells) =>
    ["timestamp", "transaction type", "asset", "quantity transacted"].every((c) => cells.includes(c)) &&
    PRICE.some((c) => cells.includes(c)),
  mapRow: mapCoinbaseRow,
};
