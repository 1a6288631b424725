import { describe, expect, it } from "vitest";

import { detectFormat } from "./detect";
import { formatIssue, parseImport } from "./parse";
import { readFixture } from "./test-fixtures";
import { IMPORT_LIMITS } from "./types";

const GENERIC = "date,type,asset,quantity,price_usd,fee_asset,fee_quantity,account,note,income_kind,external_id";

describe("detectFormat", () => {
  it.each([
    ["generic.csv", "generic"],
    ["generic-errors-crlf-bom.csv", "generic"],
    ["binance-trade-history.csv", "binance-trades"],
    ["binance-transaction-history.csv", "binance-statement"],
    ["coinbase-transactions.csv", "coinbase"],
    ["coinbase-transactions-legacy.csv", "coinbase"],
    ["unknown-format.csv", null],
  ])("%s → %s", (file, format) => {
    expect(detectFormat(readFixture(file))).toBe(format);
  });

  it("does not look past the preamble limit", () => {
    const preamble = "note\n".repeat(IMPORT_LIMITS.maxPreambleLines);
    expect(detectFormat(`${preamble}${GENERIC}\n`)).toBeNull();
    expect(detectFormat(`${"note\n".repeat(IMPORT_LIMITS.maxPreambleLines - 1)}${GENERIC}\n`)).toBe("generic");
  });
});

describe("parseImport: file-level errors", () => {
  it("explains an unknown header, listing supported formats and the generic header", () => {
    const r = parseImport(readFixture("unknown-format.csv"));
    expect(r.format).toBeNull();
    expect(r.activities).toEqual([]);
    expect(r.errors).toHaveLength(1);
    const reason = r.errors[0]?.reason ?? "";
    expect(r.errors[0]?.line).toBe(0);
    for (const label of ["Generic", "Binance Trade History", "Binance Transaction History", "Coinbase"]) expect(reason).toContain(label);
    expect(reason).toContain(`convert to the generic header: ${GENERIC}`);
    expect(formatIssue(r.errors[0]!)).toBe(reason); // line 0: no prefix
  });

  it("honours a forced format and says which header it wanted", () => {
    const r = parseImport(readFixture("generic.csv"), { format: "coinbase" });
    expect(r.format).toBeNull();
    expect(r.errors[0]?.reason).toMatch(/^no Coinbase Transactions report header found in the first 20 lines; expected/);
    expect(parseImport(readFixture("binance-trade-history.csv"), { format: "binance-trades" }).format).toBe("binance-trades");
  });

  it("rejects empty files", () => {
    expect(parseImport("").errors).toEqual([{ line: 0, reason: "file is empty" }]);
    expect(parseImport("\uFEFF\r\n\r\n").errors).toEqual([{ line: 0, reason: "file is empty" }]);
  });

  it("rejects files over the size limit before parsing", () => {
    const big = `${GENERIC}\n${"x".repeat(IMPORT_LIMITS.maxBytes)}`;
    const r = parseImport(big);
    expect(r.errors).toEqual([{ line: 0, reason: "file is 5.0 MB; the limit is 5.0 MB" }]);
    // Multi-byte characters count as bytes, not as UTF-16 units.
    expect(parseImport("é".repeat(IMPORT_LIMITS.maxBytes / 2 + 1)).errors[0]?.reason).toMatch(/^file is 5\.0 MB/);
  });

  it("rejects files over the row limit as a whole", () => {
    const row = "2024-01-01,transfer_in,BTC,1\n";
    const r = parseImport(`date,type,asset,quantity\n${row.repeat(IMPORT_LIMITS.maxRows + 1)}`);
    expect(r.format).toBe("generic");
    expect(r.activities).toEqual([]);
    expect(r.errors).toEqual([{ line: 0, reason: "file has 50,001 rows; the limit is 50,000 (split it into several files)" }]);
    expect(parseImport(`date,type,asset,quantity\n${row.repeat(IMPORT_LIMITS.maxRows)}`).errors).toEqual([]);
  });
});

describe("parseImport: rows", () => {
  it("counts quoted multi-line cells in the line numbers of later rows", () => {
    const text = [
      "date,type,asset,quantity,note",
      '2024-01-01,transfer_in,BTC,1,"two',
      'lines"',
      "2024-01-02,transfer_in,BTC,nope,",
    ].join("\n");
    const r = parseImport(text);
    expect(r.activities[0]).toMatchObject({ line: 2, note: "two\nlines" });
    expect(r.errors.map(formatIssue)).toEqual(["line 4: quantity 'nope' is not a number"]);
  });

  it("reports unbalanced quotes and stray cells as row errors", () => {
    const r = parseImport("date,type,asset,quantity\n2024-01-01,transfer_in,BTC,1,extra\n2024-01-01,transfer_in,BTC,\"1\n");
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(r.errors[0]?.reason).toBe("row has 5 cells but the header has 4 (is a value with a comma missing its quotes?)");
    expect(r.errors[1]?.reason).toMatch(/^malformed CSV: /);
  });

  it("skips a repeated header (concatenated exports) with a warning", () => {
    const r = parseImport("date,type,asset,quantity\n2024-01-01,transfer_in,BTC,1\nDate,Type,Asset,Quantity\n2024-01-02,transfer_in,BTC,1\n");
    expect(r.errors).toEqual([]);
    expect(r.activities.map((a) => a.line)).toEqual([2, 4]);
    expect(r.warnings).toEqual([{ line: 3, reason: "repeated header line skipped" }]);
  });

  it("fills the default account only where the row has none", () => {
    const r = parseImport("date,type,asset,quantity,account\n2024-01-01,transfer_in,BTC,1,\n2024-01-01,transfer_in,ETH,1,Ledger\n", {
      defaultAccount: "Imported",
    });
    expect(r.activities.map((a) => a.account)).toEqual(["Imported", "Ledger"]);
  });

  it("keeps formula-looking text as text and warns", () => {
    const r = parseImport(`${GENERIC}\n2024-01-01,transfer_in,BTC,1,,,,@acct,"=HYPERLINK(""http://evil"")",,-1\n`);
    expect(r.errors).toEqual([]);
    expect(r.activities[0]).toMatchObject({ account: "@acct", note: '=HYPERLINK("http://evil")', externalId: "-1" });
    expect(r.warnings.map((w) => w.reason.split(" ")[0])).toEqual(["account", "note", "external"]);
    expect(r.warnings.every((w) => w.line === 2 && w.reason.includes("never evaluated"))).toBe(true);
  });

  it("collects every bad row rather than stopping at the first", () => {
    const r = parseImport("date,type,asset,quantity\nx,buy,BTC,1\n2024-01-01,hold,BTC,1\n2024-01-01,transfer_in,BTC,-1\n");
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(r.rowCount).toBe(3);
  });
});

describe("dedupKey across files", () => {
  it("is the same for the same economic row whatever the column order, spacing and number spelling", () => {
    const a = parseImport(`${GENERIC}\n2024-01-15T10:23:45Z,buy,BTC,0.0015,42000.5,USD,1.25,Ledger,first,,order-1\n`);
    const b = parseImport(
      "external_id ; quantity ; price_usd ; asset ; type ; date ; fee_quantity ; fee_asset ; note\n" +
        " order-1 ; 0.00150 ; 42000.50 ; btc ; BUY ; 2024-01-15 10:23:45 UTC ; 1.250 ; usd ; other note\n",
    );
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.activities[0]?.dedupKey).toBe(a.activities[0]?.dedupKey);
  });

  it("is the same when an exchange export is re-downloaded with a preamble and CRLF", () => {
    const once = parseImport(readFixture("binance-trade-history.csv"));
    const again = parseImport(`\uFEFF${readFixture("binance-trade-history.csv").replace(/\n/g, "\r\n")}`);
    expect(again.activities.map((x) => x.dedupKey)).toEqual(once.activities.map((x) => x.dedupKey));
  });

  it("differs for a swap's two legs", () => {
    const legs = parseImport(readFixture("binance-trade-history.csv")).activities.filter((x) => x.line === 3);
    expect(legs).toHaveLength(2);
    expect(legs[0]?.dedupKey).not.toBe(legs[1]?.dedupKey);
  });
});
