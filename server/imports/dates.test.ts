import { describe, expect, it } from "vitest";

import { readUtcDate } from "./dates";

describe("readUtcDate", () => {
  it.each([
    ["2024-01-15T10:23:45Z", "2024-01-15T10:23:45.000Z"],
    ["2024-01-15T10:23:45.5Z", "2024-01-15T10:23:45.500Z"],
    ["2024-01-15T10:23:45.123456789Z", "2024-01-15T10:23:45.123Z"], // truncated to ms
    ["2024-01-15 10:23:45", "2024-01-15T10:23:45.000Z"], // no zone = UTC
    ["2024-01-15 10:23:45 UTC", "2024-01-15T10:23:45.000Z"], // Coinbase
    ["2024-01-15T10:23", "2024-01-15T10:23:00.000Z"],
    ["2024-01-15", "2024-01-15T00:00:00.000Z"],
    ["2024-01-15T10:23:45+05:30", "2024-01-15T04:53:45.000Z"],
    ["2024-01-01T01:00:00-0800", "2024-01-01T09:00:00.000Z"],
    ["2024-02-29 12:00:00", "2024-02-29T12:00:00.000Z"], // leap year
  ])("reads %j as %j", (raw, iso) => {
    expect(readUtcDate(raw)).toEqual({ ok: true, iso });
  });

  it.each([
    ["31/02/2024", "date '31/02/2024' is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)"],
    ["03/04/2024 10:00", "date '03/04/2024 10:00' is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)"],
    ["24-01-15 10:00:00", "date '24-01-15 10:00:00' is not a valid date (day/month order is ambiguous; use YYYY-MM-DD HH:MM:SS in UTC)"],
    ["2024-02-30", "date '2024-02-30' is not a valid date"],
    ["2023-02-29", "date '2023-02-29' is not a valid date"],
    ["2024-13-01", "date '2024-13-01' is not a valid date"],
    ["2024-01-15 24:00:00", "date '2024-01-15 24:00:00' is not a valid date"],
    ["Jan 15, 2024", "date 'Jan 15, 2024' is not a valid date (expected ISO 8601 or YYYY-MM-DD HH:MM:SS in UTC)"],
    ["1700000000", "date '1700000000' is not a valid date (expected ISO 8601 or YYYY-MM-DD HH:MM:SS in UTC)"],
    ["2008-12-31", "date '2008-12-31' is before 2009 (no crypto activity can be that old)"],
    ["2024-01-15T10:00:00+25:00", "date '2024-01-15T10:00:00+25:00' has an invalid UTC offset"],
    ["", "date is empty"],
  ])("rejects %j", (raw, reason) => {
    expect(readUtcDate(raw)).toEqual({ ok: false, reason });
  });

  it("names the column in messages", () => {
    expect(readUtcDate("x", "UTC_Time")).toMatchObject({ ok: false, reason: expect.stringMatching(/^UTC_Time 'x'/) });
  });
});
