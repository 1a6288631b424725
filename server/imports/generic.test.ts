import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatGenericCsv } from "./generic";
import { parseImport } from "./parse";
import { readFixture } from "./test-fixtures";
import { ACTIVITY_TYPES, INCOME_KINDS, type ActivityDraft } from "./types";

const strip = ({ dedupKey: _k, ...rest }: { dedupKey: string } & Record<string, unknown>) => rest;

describe("generic format: fixtures/generic.csv", () => {
  const result = parseImport(readFixture("generic.csv"));

  it("parses every row to exact decimal strings and UTC instants", () => {
    expect(result.format).toBe("generic");
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rowCount).toBe(7);
    expect(result.activities.map(strip)).toEqual([
      {
        line: 2, type: "buy", asset: "BTC", quantity: "0.0015", priceUsd: "42000.5", // "42000.50" normalised
        occurredAt: "2024-01-15T10:23:45.000Z", feeAsset: "USD", feeQuantity: "1.25",
        account: "Ledger", note: "First buy, via bank", externalId: "order-1001",
      },
      {
        line: 3, type: "sell", asset: "ETH", quantity: "0.25", priceUsd: "2450",
        occurredAt: "2024-01-20T08:00:00.000Z", feeAsset: "ETH", feeQuantity: "0.0001",
        account: "Ledger", externalId: "order-1002",
      },
      // +02:00 offset → 22:00 UTC the day before.
      { line: 4, type: "transfer_in", asset: "SOL", quantity: "10", priceUsd: null, occurredAt: "2024-01-31T22:00:00.000Z", account: "Phantom", note: "From exchange" },
      { line: 5, type: "transfer_out", asset: "SOL", quantity: "2.5", priceUsd: null, occurredAt: "2024-02-02T00:00:00.000Z", feeAsset: "SOL", feeQuantity: "0.000005", account: "Phantom" },
      {
        line: 6, type: "income", incomeKind: "staking_reward", asset: "ETH", quantity: "0.000123456789012345", priceUsd: null,
        occurredAt: "2024-02-03T12:00:00.123Z", account: "Lido", note: "Daily reward",
      },
      { line: 7, type: "income", incomeKind: "airdrop", asset: "ARB", quantity: "1250", priceUsd: "1.95", occurredAt: "2024-02-04T12:00:00.000Z" },
      { line: 8, type: "fee", asset: "ETH", quantity: "0.0021", priceUsd: null, occurredAt: "2024-02-05T12:00:00.000Z", account: "Ledger", note: "Approve USDC" },
    ]);
  });

  it("finds no duplicates among distinct rows", () => {
    expect(result.duplicatesInFile).toEqual([]);
    expect(new Set(result.activities.map((a) => a.dedupKey)).size).toBe(7);
  });
});

describe("generic format: fixtures/generic-errors-crlf-bom.csv (BOM, CRLF, blank line)", () => {
  const result = parseImport(readFixture("generic-errors-crlf-bom.csv"));

  it("reports each bad row with its physical line and reason", () => {
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, "quantity 'abc' is not a number"],
      // line 4 is blank and skipped, yet still counted
      [5, "unknown type 'hold' (expected buy, sell, transfer_in, transfer_out, fee, income)"],
      [6, "price_usd is required for a sell"],
      [7, "date '31/02/2024' is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)"],
      [8, "date '2024-02-30 10:00:00' is not a valid date"],
      [9, "quantity '0.0000000000000000001' has more than 18 decimals"],
    ]);
    expect(result.errors[0]?.raw).toBe("2024-03-02 10:00:00,buy,BTC,abc,60000");
  });

  it("keeps good rows and flags the same trade spelled differently as a duplicate", () => {
    expect(result.activities.map((a) => a.line)).toEqual([2, 10]);
    expect(result.duplicatesInFile).toEqual([{ line: 10, duplicateOf: 2 }]);
  });
});

describe("generic format: row rules", () => {
  const header = "date,type,asset,quantity,price_usd,fee_asset,fee_quantity,income_kind";
  const errorsOf = (row: string) => parseImport(`${header}\n${row}\n`).errors.map((e) => `line ${e.line}: ${e.reason}`);

  it.each([
    ["2024-01-01,buy,BTC,1,100,USD,", "line 2: fee_asset is set but fee_quantity is empty"],
    ["2024-01-01,buy,BTC,1,100,,0.5", "line 2: fee_quantity is set but fee_asset is empty"],
    ["2024-01-01,fee,ETH,0.1,,ETH,0.1", "line 2: a fee row carries its amount in asset/quantity; leave fee_asset and fee_quantity empty"],
    ["2024-01-01,buy,BTC,1,100,,,staking_reward", "line 2: income_kind is only allowed on income rows, not on a buy"],
    ["2024-01-01,income,BTC,1,,,,bonus", "line 2: unknown income_kind 'bonus' (expected staking_reward, lp_fee, farm_reward, airdrop, other)"],
    ["2024-01-01,buy,BTC,-1,100", "line 2: quantity must be positive, got '-1'"],
    ["2024-01-01,buy,BTC,0,100", "line 2: quantity must be greater than zero"],
    ["2024-01-01,buy,BTC,1,-100", "line 2: price_usd must not be negative, got '-100'"],
    ["2024-01-01,buy,B TC,1,100", "line 2: asset 'B TC' is not a valid asset symbol"],
    ["2024-01-01,buy,,1,100", "line 2: asset is empty"],
  ])("%s → %s", (row, message) => {
    expect(errorsOf(row)).toEqual([message]);
  });

  it("defaults income_kind to other, drops a zero fee, upper-cases symbols", () => {
    const r = parseImport(`${header}\n2024-01-01,INCOME,eth,1,,usdc,0,\n`);
    expect(r.errors).toEqual([]);
    expect(r.activities[0]).toMatchObject({ type: "income", incomeKind: "other", asset: "ETH" });
    expect(r.activities[0]).not.toHaveProperty("feeAsset");
  });

  it("reads semicolon- and tab-delimited files and any column order", () => {
    const a = parseImport("quantity;asset;date;type;price_usd\n0.5;BTC;2024-01-01;buy;40000\n");
    const b = parseImport("date\ttype\tasset\tquantity\tprice_usd\n2024-01-01T00:00:00Z\tbuy\tBTC\t0.50\t40000.00\n");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.activities[0]?.dedupKey).toBe(b.activities[0]?.dedupKey);
  });
});

describe("generic format: property", () => {
  const symbol = fc.stringMatching(/^[A-Z][A-Z0-9]{1,7}$/);
  const decimal = fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.integer({ min: 0, max: 18 }))
    .map(([n, scale]) => {
      const d = n.toString().padStart(scale + 1, "0");
      const s = `${d.slice(0, d.length - scale)}.${d.slice(d.length - scale)}`;
      return s.replace(/\.?0+$/, "").replace(/\.$/, "") || "0";
    })
    .filter((s) => s !== "0");
  const instant = fc
    .integer({ min: Date.UTC(2009, 0, 3), max: Date.UTC(2100, 0, 1) })
    .map((ms) => new Date(ms).toISOString());
  // Free text, including quotes, commas, newlines and formula-looking starts; trimmed because
  // the importer trims cells.
  const freeText = fc.option(
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.trim()).filter((s) => s !== ""),
    { nil: undefined },
  );

  const activity: fc.Arbitrary<ActivityDraft> = fc
    .record({
      type: fc.constantFrom(...ACTIVITY_TYPES),
      asset: symbol,
      quantity: decimal,
      price: fc.option(decimal, { nil: null }),
      fee: fc.option(fc.tuple(symbol, decimal), { nil: null }),
      occurredAt: instant,
      account: freeText,
      note: freeText,
      externalId: freeText,
      incomeKind: fc.constantFrom(...INCOME_KINDS),
    })
    .map((r) => {
      const a: ActivityDraft = {
        type: r.type,
        asset: r.asset,
        quantity: r.quantity,
        priceUsd: r.type === "buy" || r.type === "sell" ? (r.price ?? "1") : r.price,
        occurredAt: r.occurredAt,
      };
      if (r.fee && r.type !== "fee") Object.assign(a, { feeAsset: r.fee[0], feeQuantity: r.fee[1] });
      if (r.type === "income") a.incomeKind = r.incomeKind;
      if (r.account !== undefined) a.account = r.account;
      if (r.note !== undefined) a.note = r.note;
      if (r.externalId !== undefined) a.externalId = r.externalId;
      return a;
    });

  it("round trip: activities → generic CSV → parseImport gives the same activities", () => {
    fc.assert(
      fc.property(fc.array(activity, { minLength: 1, maxLength: 15 }), (drafts) => {
        const result = parseImport(formatGenericCsv(drafts));
        expect(result.errors).toEqual([]);
        expect(result.activities.map(({ line: _l, dedupKey: _k, ...rest }) => rest)).toEqual(drafts);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const withHeader = parseImport(`date,type,asset,quantity,price_usd\n${junk}`);
        expect(Array.isArray(withHeader.errors)).toBe(true);
        expect(parseImport(junk).activities.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
