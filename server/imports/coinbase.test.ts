import { describe, expect, it } from "vitest";

import { parseImport } from "./parse";
import { readFixture } from "./test-fixtures";

const strip = ({ dedupKey: _k, ...rest }: { dedupKey: string } & Record<string, unknown>) => rest;

const NEW_HEADER =
  "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes";

describe("Coinbase Transactions report (2024 layout): fixtures/coinbase-transactions.csv", () => {
  const text = readFixture("coinbase-transactions.csv");
  const result = parseImport(text);

  const expected = [
    {
      line: 5, type: "buy", asset: "BTC", quantity: "0.0015", priceUsd: "61234.56", occurredAt: "2024-03-01T14:05:12.000Z",
      feeAsset: "USD", feeQuantity: "1.5", externalId: "65f1a2b3c4d5e6f708090a01", note: "Bought 0.0015 BTC for 93.35 USD",
    },
    // Negative quantity and "$3,400.00" price read as 0.25 at 3400.
    {
      line: 6, type: "sell", asset: "ETH", quantity: "0.25", priceUsd: "3400", occurredAt: "2024-03-02T09:00:00.000Z",
      feeAsset: "USD", feeQuantity: "12.75", externalId: "65f1a2b3c4d5e6f708090a02", note: "Sold 0.25 ETH for 837.25 USD",
    },
    // Convert: sell ETH at the row's price, buy BTC (quantity from Notes) unpriced.
    {
      line: 7, type: "sell", asset: "ETH", quantity: "0.1", priceUsd: "3500", occurredAt: "2024-03-03T10:30:00.000Z",
      externalId: "65f1a2b3c4d5e6f708090a03", note: "Converted 0.1 ETH to 0.005512 BTC",
    },
    {
      line: 7, type: "buy", asset: "BTC", quantity: "0.005512", priceUsd: null, occurredAt: "2024-03-03T10:30:00.000Z",
      externalId: "65f1a2b3c4d5e6f708090a03", note: "Converted 0.1 ETH to 0.005512 BTC",
    },
    {
      line: 8, type: "transfer_out", asset: "BTC", quantity: "0.0005", priceUsd: "62000", occurredAt: "2024-03-04T16:20:00.000Z",
      externalId: "65f1a2b3c4d5e6f708090a04", note: "Sent 0.0005 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
    },
    {
      line: 9, type: "income", incomeKind: "staking_reward", asset: "ETH", quantity: "0.00012", priceUsd: "3300",
      occurredAt: "2024-03-05T00:00:00.000Z", externalId: "65f1a2b3c4d5e6f708090a05",
    },
    // line 10 is a USD bank deposit: skipped with a warning.
    {
      line: 11, type: "transfer_in", asset: "SOL", quantity: "3", priceUsd: "140", occurredAt: "2024-03-07T12:00:00.000Z",
      externalId: "65f1a2b3c4d5e6f708090a07", note: "Received 3 SOL from an external account",
    },
  ];

  it("skips the preamble and keeps physical line numbers", () => {
    expect(result.format).toBe("coinbase");
    expect(result.errors).toEqual([]);
    expect(result.activities.map(strip)).toEqual(expected);
    expect(result.warnings).toEqual([{ line: 10, reason: "skipped: fiat deposit of USD is cash, not a holding; not imported" }]);
  });

  it("gives the same lines and keys with a BOM and CRLF line ends", () => {
    const crlf = parseImport(`\uFEFF${text.replace(/\n/g, "\r\n")}`);
    expect(crlf.errors).toEqual([]);
    expect(crlf.activities).toEqual(result.activities);
  });

  const errorsOf = (row: string) =>
    parseImport(`Transactions\nUser,x,y\n${NEW_HEADER}\n${row}\n`).errors.map((e) => `line ${e.line}: ${e.reason}`);

  it.each([
    ["a,2024-03-01 00:00:00 UTC,Margin Call,BTC,1,USD,$1,$1,$1,$0,", "line 4: unknown Coinbase transaction type 'Margin Call'"],
    ["a,2024-03-01 00:00:00 UTC,Convert,ETH,-1,USD,$1,$1,$1,$0,swapped", "line 4: Convert row needs Notes like 'Converted 0.01 ETH to 0.0005 BTC', got 'swapped'"],
    ["a,2024-03-01 00:00:00 UTC,Buy,BTC,1,USD,,$1,$1,$0,", "line 4: Price at Transaction is required for a Buy"],
    ["a,2024-03-01 00:00:00 UTC,Buy,BTC,0,USD,$1,$1,$1,$0,", "line 4: Quantity Transacted must be greater than zero"],
    ["a,2024-03-01 00:00:00 UTC,Buy,BTC,1,USD,$1,$1,$1,free,", "line 4: Fees and/or Spread 'free' is not a number"],
  ])("%s → %s", (row, message) => {
    expect(errorsOf(row)).toEqual([message]);
  });

  it("keeps non-USD prices out of priceUsd, with a warning", () => {
    const r = parseImport(`${NEW_HEADER}\na,2024-03-01 00:00:00 UTC,Buy,BTC,1,EUR,€50000,€50000,€50010,€10,\n`);
    expect(r.errors).toEqual([]);
    expect(r.activities[0]).toMatchObject({ priceUsd: null, feeAsset: "EUR", feeQuantity: "10" });
    expect(r.warnings).toEqual([{ line: 2, reason: "price is in EUR; the USD price will come from market data" }]);
  });

  it("skips moves between Coinbase products", () => {
    const r = parseImport(`${NEW_HEADER}\na,2024-03-01 00:00:00 UTC,Retail Staking Transfer,ETH,-1,USD,$1,$1,$1,$0,\n`);
    expect(r.activities).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]?.reason).toMatch(/between Coinbase products/);
  });
});

describe("Coinbase Transactions report (2021 layout): fixtures/coinbase-transactions-legacy.csv", () => {
  it("reads the Spot Price columns after a quoted multi-word preamble and blank lines", () => {
    const result = parseImport(readFixture("coinbase-transactions-legacy.csv"));
    expect(result.format).toBe("coinbase");
    expect(result.errors).toEqual([]);
    expect(result.activities.map(strip)).toEqual([
      {
        line: 8, type: "buy", asset: "BTC", quantity: "0.00213", priceUsd: "56321.11", occurredAt: "2021-05-03T17:01:04.000Z",
        feeAsset: "USD", feeQuantity: "1.99", note: "Bought 0.00213 BTC for $121.95 USD",
      },
      {
        line: 9, type: "income", incomeKind: "other", asset: "GRT", quantity: "3.2156", priceUsd: "0.62",
        occurredAt: "2021-06-10T09:12:44.000Z", note: "Received 3.2156 GRT from Coinbase Earn",
      },
      {
        line: 10, type: "sell", asset: "BTC", quantity: "0.001", priceUsd: "33500", occurredAt: "2021-07-01T12:00:00.000Z",
        feeAsset: "USD", feeQuantity: "0.99", note: "Sold 0.001 BTC for $32.51 USD",
      },
      {
        line: 11, type: "income", incomeKind: "staking_reward", asset: "ALGO", quantity: "0.512", priceUsd: "0.85",
        occurredAt: "2021-07-02T12:00:00.000Z", note: "Received 0.512 ALGO from Coinbase Rewards",
      },
    ]);
  });
});
