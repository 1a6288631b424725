// Binance exports.
//
// "Trade History" (Orders → Trade History → Export): one row per fill, amounts carry their asset
// as a suffix ("0.00100000BTC"), so base and quote come from Executed and Amount rather than
// from splitting the pair name (which is ambiguous: is "BTCUSDT" BTC/USDT or BTCU/SDT?).
//
// "Transaction History" statement (Wallet → Transaction History → Generate): one row per balance
// change ("leg"), signed. A trade appears as several legs at the same UTC_Time; we import each
// leg on its own (buy for a credit, sell for a debit) and let the service price non-USD legs.

import { readDecimal, readNonNegative, readPositive } from "./decimal";
import { readUtcDate } from "./dates";
import { USD_QUOTES, readAsset, splitAmountAsset, text } from "./fields";
import { fail, ok, skip, type ActivityDraft, type FormatSpec, type IncomeKind, type RowCells, type RowOutcome } from "./types";

const TRADE_COLUMNS = ["date(utc)", "pair", "side", "price", "executed", "amount", "fee"];

export function mapBinanceTradeRow(row: RowCells): RowOutcome {
  const date = readUtcDate(row.get("date(utc)"), "Date(UTC)");
  if (!date.ok) return fail(date.reason);
  const side = row.get("side").trim().toUpperCase();
  if (side !== "BUY" && side !== "SELL") return fail(`unknown side '${row.get("side").trim()}' (expected BUY or SELL)`);
  const price = readPositive(row.get("price"), "Price", { thousands: true });
  if (!price.ok) return fail(price.reason);

  const executed = splitAmountAsset(row.get("executed"), "Executed");
  if (!executed.ok) return fail(executed.reason);
  const baseQty = readPositive(executed.amount, "Executed", { thousands: true });
  if (!baseQty.ok) return fail(baseQty.reason);
  const amount = splitAmountAsset(row.get("amount"), "Amount");
  if (!amount.ok) return fail(amount.reason);
  const quoteQty = readPositive(amount.amount, "Amount", { thousands: true });
  if (!quoteQty.ok) return fail(quoteQty.reason);
  const base = executed.asset;
  const quote = amount.asset;
  const pair = row.get("pair").trim().toUpperCase().replace(/[/_-]/g, "");
  if (pair !== "" && pair !== base + quote) {
    return fail(`Pair '${row.get("pair").trim()}' does not match Executed asset ${base} and Amount asset ${quote}`);
  }

  const fee = readBinanceFee(row.get("fee"));
  if (typeof fee === "string") return fail(fee);
  const common = { occurredAt: date.iso, note: `Binance ${base}/${quote} ${side} @ ${price.value}`, ...fee };

  if (USD_QUOTES.has(quote)) {
    return ok([{ type: side === "BUY" ? "buy" : "sell", asset: base, quantity: baseQty.value, priceUsd: price.value, ...common }]);
  }
  // Non-USD quote (e.g. ETH/BTC): a swap. Both legs are unpriced here; the service prices them
  // from candles. The fee rides on the leg that receives an asset, which is what Binance debits.
  const baseLeg = { asset: base, quantity: baseQty.value, priceUsd: null, occurredAt: date.iso, note: common.note };
  const quoteLeg = { asset: quote, quantity: quoteQty.value, priceUsd: null, occurredAt: date.iso, note: common.note };
  const legs: ActivityDraft[] =
    side === "BUY"
      ? [{ type: "sell", ...quoteLeg }, { type: "buy", ...baseLeg, ...fee }]
      : [{ type: "sell", ...baseLeg }, { type: "buy", ...quoteLeg, ...fee }];
  return ok(legs);
}

/** "0.00042BNB" → fee; "0" or empty → no fee. Returns a reason on error. */
function readBinanceFee(raw: string): { feeAsset: string; feeQuantity: string } | Record<string, never> | string {
  const cell = raw.trim();
  if (cell === "" || /^0*\.?0*$/.test(cell)) return {};
  const split = splitAmountAsset(cell, "Fee");
  if (!split.ok) return split.reason;
  const qty = readNonNegative(split.amount, "Fee", { thousands: true });
  if (!qty.ok) return qty.reason;
  return qty.value === "0" ? {} : { feeAsset: split.asset, feeQuantity: qty.value };
}

export const binanceTradesFormat: FormatSpec = {
  id: "binance-trades",
  label: "Binance Trade History",
  headerExample: "Date(UTC),Pair,Side,Price,Executed,Amount,Fee",
  matchesHeader: (cells) => TRADE_COLUMNS.every((c) => cells.includes(c)),
  mapRow: mapBinanceTradeRow,
};

// ---- Transaction History statement ----

const STATEMENT_COLUMNS = ["utc_time", "account", "operation", "coin", "change"];

type OperationRule =
  | { kind: "trade" }
  | { kind: "fee" }
  | { kind: "deposit" }
  | { kind: "withdraw" }
  | { kind: "income"; incomeKind: IncomeKind }
  | { kind: "internal" };

// Binance's operation names, lower-cased. Regexes below catch the families with many variants.
const OPERATIONS: Record<string, OperationRule> = {
  buy: { kind: "trade" },
  sell: { kind: "trade" },
  "transaction buy": { kind: "trade" },
  "transaction spend": { kind: "trade" },
  "transaction sold": { kind: "trade" },
  "transaction revenue": { kind: "trade" },
  "binance convert": { kind: "trade" },
  "small assets exchange bnb": { kind: "trade" },
  "large otc trading": { kind: "trade" },
  fee: { kind: "fee" },
  "transaction fee": { kind: "fee" },
  deposit: { kind: "deposit" },
  withdraw: { kind: "withdraw" },
  "liquid swap rewards": { kind: "income", incomeKind: "lp_fee" },
  "liquidity farming reward": { kind: "income", incomeKind: "farm_reward" },
  "airdrop assets": { kind: "income", incomeKind: "airdrop" },
  distribution: { kind: "income", incomeKind: "airdrop" },
  "hodler airdrops distribution": { kind: "income", incomeKind: "airdrop" },
  "launchpool airdrop": { kind: "income", incomeKind: "airdrop" },
  "commission rebate": { kind: "income", incomeKind: "other" },
  "referral kickback": { kind: "income", incomeKind: "other" },
  "cashback voucher": { kind: "income", incomeKind: "other" },
};

function classifyOperation(op: string): OperationRule | undefined {
  const rule = OPERATIONS[op];
  if (rule) return rule;
  // Moves between the user's own Binance wallets (spot, funding, earn) change no holdings.
  if (/subscription|redemption|purchase|transfer between|account transfer|wallet transfer/.test(op)) return { kind: "internal" };
  if (/staking reward|earn .*(interest|reward)|savings interest|launchpool interest|pos savings/.test(op)) {
    return { kind: "income", incomeKind: "staking_reward" };
  }
  return undefined;
}

export function mapBinanceStatementRow(row: RowCells): RowOutcome {
  const date = readUtcDate(row.get("utc_time"), "UTC_Time");
  if (!date.ok) return fail(date.reason);
  const opRaw = row.get("operation").trim();
  const rule = classifyOperation(opRaw.toLowerCase());
  if (!rule) return fail(`unknown Binance operation '${opRaw}'`);
  const coin = readAsset(row.get("coin"), "Coin");
  if (!coin.ok) return fail(coin.reason);
  const change = readDecimal(row.get("change"), "Change", { thousands: true });
  if (!change.ok) return fail(change.reason);
  if (change.value === "0") return skip(`zero Change for ${opRaw}`);
  const account = row.get("account").trim();
  if (rule.kind === "internal") return skip(`'${opRaw}' moves ${coin.value} between Binance wallets; not imported`);

  const remark = text(row.get("remark"));
  const draft = {
    asset: coin.value,
    quantity: change.value,
    priceUsd: null,
    occurredAt: date.iso,
    note: [`Binance ${opRaw}`, account && `(${account})`, remark].filter(Boolean).join(" "),
  };
  const credit = !change.negative;
  const expect = (wantCredit: boolean, a: ActivityDraft): RowOutcome =>
    credit === wantCredit ? ok([a]) : fail(`'${opRaw}' with Change ${change.negative ? "-" : ""}${change.value} has the wrong sign`);
  switch (rule.kind) {
    case "trade":
      // A stablecoin leg's unit price is $1 by the trade-price convention (see fields.ts).
      return ok([{ type: credit ? "buy" : "sell", ...draft, priceUsd: USD_QUOTES.has(coin.value) ? "1" : null }]);
    case "fee":
      return expect(false, { type: "fee", ...draft });
    case "deposit":
      return expect(true, { type: "transfer_in", ...draft });
    case "withdraw":
      return expect(false, { type: "transfer_out", ...draft });
    case "income":
      return expect(true, { type: "income", incomeKind: rule.incomeKind, ...draft });
  }
}

export const binanceStatementFormat: FormatSpec = {
  id: "binance-statement",
  label: "Binance Transaction History (statement)",
  headerExample: "User_ID,UTC_Time,Account,Operation,Coin,Change,Remark",
  matchesHeader: (cells) => STATEMENT_COLUMNS.every((c) => cells.includes(c)),
  mapRow: mapBinanceStatementRow,
};
