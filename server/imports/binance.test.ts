import { describe, expect, it } from "vitest";

import { parseImport } from "./parse";
import { readFixture } from "./test-fixtures";

const strip = ({ dedupKey: _k, ...rest }: { dedupKey: string } & Record<string, unknown>) => rest;

describe("Binance Trade History: fixtures/binance-trade-history.csv", () => {
  const result = parseImport(readFixture("binance-trade-history.csv"));

  it("maps USD-quoted fills to one buy/sell and non-USD pairs to a swap", () => {
    expect(result.format).toBe("binance-trades");
    expect(result.errors).toEqual([]);
    expect(result.activities.map(strip)).toEqual([
      // BTCUSDT BUY: USDT price taken as USD 1:1; fee charged in BTC.
      {
        line: 2, type: "buy", asset: "BTC", quantity: "0.0015", priceUsd: "61234.56", occurredAt: "2024-03-01T14:05:12.000Z",
        feeAsset: "BTC", feeQuantity: "0.0000015", note: "Binance BTC/USDT BUY @ 61234.56",
      },
      // ETHBTC BUY 0.1 ETH for 0.005512 BTC: sell BTC, buy ETH, both unpriced; BNB fee on the buy leg.
      { line: 3, type: "sell", asset: "BTC", quantity: "0.005512", priceUsd: null, occurredAt: "2024-03-02T09:30:00.000Z", note: "Binance ETH/BTC BUY @ 0.05512" },
      {
        line: 3, type: "buy", asset: "ETH", quantity: "0.1", priceUsd: null, occurredAt: "2024-03-02T09:30:00.000Z",
        feeAsset: "BNB", feeQuantity: "0.000075", note: "Binance ETH/BTC BUY @ 0.05512",
      },
      // "62,100.00" (quoted, thousands separator) → 62100.
      {
        line: 4, type: "sell", asset: "BTC", quantity: "0.001", priceUsd: "62100", occurredAt: "2024-03-03T18:45:30.000Z",
        feeAsset: "USDT", feeQuantity: "0.0621", note: "Binance BTC/USDT SELL @ 62100",
      },
      // SOLETH SELL 5 SOL for 0.2 ETH: sell SOL, buy ETH.
      { line: 5, type: "sell", asset: "SOL", quantity: "5", priceUsd: null, occurredAt: "2024-03-04T07:15:00.000Z", note: "Binance SOL/ETH SELL @ 0.04" },
      {
        line: 5, type: "buy", asset: "ETH", quantity: "0.2", priceUsd: null, occurredAt: "2024-03-04T07:15:00.000Z",
        feeAsset: "BNB", feeQuantity: "0.00015", note: "Binance SOL/ETH SELL @ 0.04",
      },
      // FDUSD counts as a USD quote; a "0" fee means none.
      { line: 6, type: "buy", asset: "BNB", quantity: "1", priceUsd: "410.5", occurredAt: "2024-03-05T11:11:11.000Z", note: "Binance BNB/FDUSD BUY @ 410.5" },
    ]);
    expect(result.duplicatesInFile).toEqual([]);
  });

  const header = "Date(UTC),Pair,Side,Price,Executed,Amount,Fee";
  const errorsOf = (row: string) => parseImport(`${header}\n${row}\n`).errors.map((e) => `line ${e.line}: ${e.reason}`);

  it.each([
    ["2024-03-01 14:05:12,BTCUSDT,HOLD,1,1BTC,1USDT,0", "line 2: unknown side 'HOLD' (expected BUY or SELL)"],
    ["2024-03-01 14:05:12,ETHUSDT,BUY,1,1BTC,1USDT,0", "line 2: Pair 'ETHUSDT' does not match Executed asset BTC and Amount asset USDT"],
    ["2024-03-01 14:05:12,BTCUSDT,BUY,1,1.5,1USDT,0", "line 2: Executed '1.5' is not an amount followed by an asset (e.g. 0.5BTC)"],
    ["2024-03-01 14:05:12,BTCUSDT,BUY,1,abcBTC,1USDT,0", "line 2: Executed 'abcBTC' is not an amount followed by an asset (e.g. 0.5BTC)"],
    ["2024-03-01 14:05:12,BTCUSDT,BUY,x,1BTC,1USDT,0", "line 2: Price 'x' is not a number"],
    ["2024-03-01 14:05:12,BTCUSDT,BUY,1,1BTC,1USDT,1.2.3BNB", "line 2: Fee '1.2.3' is not a number"],
    ["01/03/2024 14:05,BTCUSDT,BUY,1,1BTC,1USDT,0", "line 2: Date(UTC) '01/03/2024 14:05' is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)"],
  ])("%s → %s", (row, message) => {
    expect(errorsOf(row)).toEqual([message]);
  });

  it("flags two identical fills in one file as duplicates (the user decides)", () => {
    const row = "2024-03-01 14:05:12,BTCUSDT,BUY,61234.56,0.00150000BTC,91.85184000USDT,0.00000150BTC";
    const r = parseImport(`${header}\n${row}\n${row}\n`);
    expect(r.activities).toHaveLength(2);
    expect(r.duplicatesInFile).toEqual([{ line: 3, duplicateOf: 2 }]);
  });
});

describe("Binance Transaction History: fixtures/binance-transaction-history.csv", () => {
  const result = parseImport(readFixture("binance-transaction-history.csv"));

  it("maps each balance change to one activity and skips internal wallet moves", () => {
    expect(result.format).toBe("binance-statement");
    expect(result.errors).toEqual([]);
    expect(result.activities.map(strip)).toEqual([
      { line: 2, type: "transfer_in", asset: "USDT", quantity: "500", priceUsd: null, occurredAt: "2024-03-01T14:05:12.000Z", note: "Binance Deposit (Spot)" },
      { line: 3, type: "buy", asset: "BTC", quantity: "0.0015", priceUsd: null, occurredAt: "2024-03-01T14:06:00.000Z", note: "Binance Transaction Buy (Spot)" },
      // The stablecoin leg of the same trade is priced $1 by convention.
      { line: 4, type: "sell", asset: "USDT", quantity: "91.85184", priceUsd: "1", occurredAt: "2024-03-01T14:06:00.000Z", note: "Binance Transaction Spend (Spot)" },
      { line: 5, type: "fee", asset: "BTC", quantity: "0.0000015", priceUsd: null, occurredAt: "2024-03-01T14:06:00.000Z", note: "Binance Transaction Fee (Spot)" },
      {
        line: 6, type: "income", incomeKind: "staking_reward", asset: "USDT", quantity: "0.01234567", priceUsd: null,
        occurredAt: "2024-03-05T00:00:00.000Z", note: "Binance Simple Earn Flexible Interest (Earn)",
      },
      {
        line: 7, type: "income", incomeKind: "airdrop", asset: "ARB", quantity: "12.5", priceUsd: null,
        occurredAt: "2024-03-06T02:00:00.000Z", note: "Binance Distribution (Spot) HODLer airdrop",
      },
      {
        line: 9, type: "transfer_out", asset: "BTC", quantity: "0.001", priceUsd: null,
        occurredAt: "2024-03-08T12:00:00.000Z", note: "Binance Withdraw (Spot) Withdraw fee is included",
      },
    ]);
    expect(result.warnings).toEqual([
      { line: 8, reason: "skipped: 'Transfer Between Main and Funding Wallet' moves USDT between Binance wallets; not imported" },
    ]);
  });

  const header = "User_ID,UTC_Time,Account,Operation,Coin,Change,Remark";
  const parseRow = (row: string) => parseImport(`${header}\n${row}\n`);

  it.each([
    ["1,2024-03-01 00:00:00,Spot,Deposit,BTC,-1,", "line 2: 'Deposit' with Change -1 has the wrong sign"],
    ["1,2024-03-01 00:00:00,Spot,Withdraw,BTC,1,", "line 2: 'Withdraw' with Change 1 has the wrong sign"],
    ["1,2024-03-01 00:00:00,Spot,Fee,BNB,0.1,", "line 2: 'Fee' with Change 0.1 has the wrong sign"],
    ["1,2024-03-01 00:00:00,Spot,Margin Liquidation,BTC,-1,", "line 2: unknown Binance operation 'Margin Liquidation'"],
    ["1,2024-03-01 00:00:00,Spot,Deposit,BTC,lots,", "line 2: Change 'lots' is not a number"],
  ])("%s → %s", (row, message) => {
    expect(parseRow(row).errors.map((e) => `line ${e.line}: ${e.reason}`)).toEqual([message]);
  });

  it("classifies operation families by pattern", () => {
    const r = parseImport(
      [
        header,
        "1,2024-03-01 00:00:00,Earn,ETH 2.0 Staking Rewards,BETH,0.0001,",
        "1,2024-03-01 00:00:00,Spot,Liquidity Farming Reward,CAKE,2,",
        "1,2024-03-01 00:00:00,Spot,Liquid Swap Rewards,BNB,0.01,",
        "1,2024-03-01 00:00:00,Spot,Simple Earn Flexible Subscription,USDT,-10,",
        "1,2024-03-01 00:00:00,Spot,Binance Convert,ETH,-0.5,",
        "1,2024-03-01 00:00:00,Spot,Deposit,BTC,0,",
      ].join("\n"),
    );
    expect(r.errors).toEqual([]);
    expect(r.activities.map((a) => [a.type, a.incomeKind, a.asset])).toEqual([
      ["income", "staking_reward", "BETH"],
      ["income", "farm_reward", "CAKE"],
      ["income", "lp_fee", "BNB"],
      ["sell", undefined, "ETH"],
    ]);
    expect(r.warnings.map((w) => w.line)).toEqual([5, 7]);
  });
});
