// Format detection by header. Exports may open with preamble lines (Coinbase), so the first
// few non-empty records are tried in turn; the first that matches a known header wins.

import { binanceStatementFormat, binanceTradesFormat } from "./binance";
import { coinbaseFormat } from "./coinbase";
import { readCsvRecords, type CsvRecord } from "./csv";
import { genericFormat } from "./generic";
import { IMPORT_LIMITS, type FormatId, type FormatSpec } from "./types";

export const FORMATS: readonly FormatSpec[] = [genericFormat, binanceTradesFormat, binanceStatementFormat, coinbaseFormat];

export function getFormat(id: FormatId): FormatSpec {
  const spec = FORMATS.find((f) => f.id === id);
  if (!spec) throw new Error(`unknown import format ${id}`); // unreachable: FormatId is closed
  return spec;
}

export const normaliseHeader = (cells: readonly string[]): string[] => cells.map((c) => c.trim().toLowerCase());

export type HeaderMatch = { spec: FormatSpec; index: number; columns: string[] };

/** Finds the header record (and so the format) among the first records. */
export function locateHeader(records: readonly CsvRecord[], forced?: FormatId): HeaderMatch | null {
  const candidates = forced ? [getFormat(forced)] : FORMATS;
  const limit = Math.min(records.length, IMPORT_LIMITS.maxPreambleLines);
  for (let index = 0; index < limit; index++) {
    const record = records[index];
    if (!record) continue;
    const columns = normaliseHeader(record.cells);
    const spec = candidates.find((f) => f.matchesHeader(columns));
    if (spec) return { spec, index, columns };
  }
  return null;
}

/** The format of `text`, or null when no supported header appears near the top. */
export function detectFormat(text: string): FormatId | null {
  return locateHeader(readCsvRecords(text))?.spec.id ?? null;
}

/** The message for an unrecognised file: what we support and what the generic header is. */
export function describeSupportedFormats(forced?: FormatId): string {
  const list = (forced ? [getFormat(forced)] : FORMATS).map((f) => `${f.label} (${f.id}): ${f.headerExample}`).join("; ");
  const scope = `the first ${IMPORT_LIMITS.maxPreambleLines} lines`;
  return forced
    ? `no ${getFormat(forced).label} header found in ${scope}; expected ${list}`
    : `unrecognised file: no supported header found in ${scope}. Supported formats: ${list}. ` +
        `For anything else, convert to the generic header: ${genericFormat.headerExample}`;
}
