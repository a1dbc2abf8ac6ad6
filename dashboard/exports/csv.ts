/**
 * CSV for spreadsheets (pure): RFC 4180 quoting, UTF-8 with a BOM so Excel reads å/ä/ö and Arabic script, and
 * formula injection neutralised: a text cell starting with =, +, -, @, tab or CR gets a leading apostrophe
 * (OWASP's advice), so a post saying `=HYPERLINK(...)` stays text in Excel and LibreOffice.
 */

export const UTF8_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
