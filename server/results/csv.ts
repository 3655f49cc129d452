/**
 * CSV for spreadsheets (RFC 4180): one module, so every export escapes the same way.
 *
 * A cell a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage return,
 * also after leading spaces, which spreadsheets skip) gets a leading single quote: a trainee's
 * display name or a station name is data, never `=HYPERLINK(...)` run on an instructor's machine
 * (CSV injection). Then every cell with a comma, a quote or a line break is quoted, quotes doubled.
 */

export type CsvValue = string | number | boolean | null;

/** Starts like a formula, after any spaces. */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/** One cell's text: null is empty; text that could run as a formula gets a leading quote. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  // A negative number is written from a number, never from text: text that starts with "-" is escaped.
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole document: a header row and the rows, CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
