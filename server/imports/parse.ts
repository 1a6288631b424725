// parseImport: text of an uploaded CSV → normalised activities, line-numbered errors and
// warnings, and in-file duplicates. Never throws on bad data. The caller commits the activities
// in one transaction only when `errors` is empty (the import is all-or-nothing).

import { readCsvRecords, type CsvRecord } from "./csv";
import { computeDedupKey } from "./dedup";
import { describeSupportedFormats, locateHeader } from "./detect";
import {
  IMPORT_LIMITS,
  type ActivityDraft,
  type ImportIssue,
  type ImportResult,
  type ImportedActivity,
  type ParseImportOptions,
  type RowCells,
} from "./types";

const RAW_MAX = 300;
// Spreadsheet formula triggers (OWASP "CSV injection"). We never evaluate cells; the warning
// tells the user the text was kept as-is, and exports must escape such cells.
const FORMULA_START = /^[=+\-@\t\r]/;

function empty(format: ImportResult["format"], errors: ImportIssue[]): ImportResult {
  return { format, activities: [], errors, warnings: [], duplicatesInFile: [], rowCount: 0 };
}

export function parseImport(text: string, opts: ParseImportOptions = {}): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > IMPORT_LIMITS.maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return empty(null, [{ line: 0, reason: `file is ${mb(bytes)} MB; the limit is ${mb(IMPORT_LIMITS.maxBytes)} MB` }]);
  }
  const records = readCsvRecords(text);
  if (records.length === 0) return empty(null, [{ line: 0, reason: "file is empty" }]);
  const header = locateHeader(records, opts.format);
  if (!header) return empty(null, [{ line: 0, reason: describeSupportedFormats(opts.format) }]);

  const data = records.slice(header.index + 1);
  const result: ImportResult = { ...empty(header.spec.id, []), rowCount: data.length };
  if (data.length > IMPORT_LIMITS.maxRows) {
    result.errors.push({
      line: 0,
      reason: `file has ${data.length.toLocaleString("en-US")} rows; the limit is ${IMPORT_LIMITS.maxRows.toLocaleString("en-US")} (split it into several files)`,
    });
    return result;
  }

  const firstLineByKey = new Map<string, number>();
  for (const record of data) {
    const issue = (reason: string): ImportIssue => ({ line: record.line, reason, raw: record.raw.slice(0, RAW_MAX) });
    if (record.error) {
      result.errors.push(issue(`malformed CSV: ${record.error}`));
      continue;
    }
    const shapeProblem = checkShape(record, header.columns);
    if (shapeProblem === "repeated-header") {
      result.warnings.push({ line: record.line, reason: "repeated header line skipped" });
      continue;
    }
    if (shapeProblem) {
      result.errors.push(issue(shapeProblem));
      continue;
    }
    const outcome = header.spec.mapRow(cellsOf(record, header.columns));
    if (outcome.kind === "error") {
      result.errors.push(issue(outcome.reason));
      continue;
    }
    if (outcome.kind === "skip") {
      result.warnings.push({ line: record.line, reason: `skipped: ${outcome.reason}` });
      continue;
    }
    for (const w of outcome.warnings ?? []) result.warnings.push({ line: record.line, reason: w });
    for (const draft of outcome.activities) {
      const activity = finish(draft, record.line, opts.defaultAccount);
      result.warnings.push(...formulaWarnings(activity));
      const first = firstLineByKey.get(activity.dedupKey);
      if (first === undefined) firstLineByKey.set(activity.dedupKey, record.line);
      else result.duplicatesInFile.push({ line: record.line, duplicateOf: first });
      result.activities.push(activity);
    }
  }
  return result;
}

/** Extra non-empty cells beyond the header are an error (usually an unquoted comma). */
function checkShape(record: CsvRecord, columns: readonly string[]): string | "repeated-header" | null {
  const cells = record.cells.map((c) => c.trim().toLowerCase());
  if (cells.length === columns.length && cells.every((c, i) => c === columns[i])) return "repeated-header";
  const extra = record.cells.slice(columns.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) {
    return `row has ${record.cells.length} cells but the header has ${columns.length} (is a value with a comma missing its quotes?)`;
  }
  return null;
}

function cellsOf(record: CsvRecord, columns: readonly string[]): RowCells {
  const byName = new Map<string, string>();
  columns.forEach((name, i) => {
    // Duplicate column names: the first non-empty wins, so a stray blank column cannot hide data.
    if (!byName.get(name)) byName.set(name, record.cells[i] ?? "");
  });
  return { get: (column) => byName.get(column) ?? "" };
}

function finish(draft: ActivityDraft, line: number, defaultAccount: string | undefined): ImportedActivity {
  const withAccount = draft.account === undefined && defaultAccount ? { ...draft, account: defaultAccount } : draft;
  return { line, ...withAccount, dedupKey: computeDedupKey(withAccount) };
}

function formulaWarnings(a: ImportedActivity): ImportIssue[] {
  const fields = [
    ["account", a.account],
    ["note", a.note],
    ["external id", a.externalId],
  ] as const;
  return fields
    .filter(([, v]) => v !== undefined && FORMULA_START.test(v))
    .map(([name, v]) => ({
      line: a.line,
      reason: `${name} '${(v ?? "").slice(0, 40)}' looks like a spreadsheet formula; it is stored as plain text and never evaluated`,
    }));
}

/** "line 7: quantity 'abc' is not a number" (line 0 → the message alone). */
export const formatIssue = (issue: ImportIssue): string => (issue.line > 0 ? `line ${issue.line}: ${issue.reason}` : issue.reason);
