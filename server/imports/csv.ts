// CSV tokenising with papaparse (quotes, embedded newlines, CRLF, delimiter guessing), plus
// the one thing papaparse does not give us: the physical line each record starts on, so every
// message can say "line 12" and match what the user sees in an editor.

import Papa from "papaparse";

export type CsvRecord = { line: number; cells: string[]; raw: string; error?: string };

const BOM = "\uFEFF";

export function readCsvRecords(text: string): CsvRecord[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const raw = body.slice(start, end).replace(/\r?\n$|\r$/, "");
      const error = result.errors[0];
      records.push({
        line,
        cells: result.data,
        raw,
        // A single-column file makes papaparse complain it could not guess a delimiter; that is
        // not a row problem (the header check reports the real issue).
        error: error && error.type !== "Delimiter" ? error.message : undefined,
      });
      line += countLineBreaks(body, start, end);
      start = end;
    },
  });
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++; // lone CR (classic Mac)
  }
  return n;
}
