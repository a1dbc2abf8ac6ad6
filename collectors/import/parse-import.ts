/**
 * Export lines → rows (pure, fed one line at a time so a file of any length streams through). CSV/TSV: a header row,
 * then records that may span lines inside quotes; JSON lines: one object per line, columns as dotted paths. Every
 * bad row comes back as `line N` with a reason, and the rows around it are unaffected.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { BadInputError } from '../../core/errors.ts';
import type { CollectedItem, SkippedItem } from '../source-kind.ts';
import { quoteBigIntegers } from './json-big-integers.ts';
import { rowToItem, type ImportColumns, type RowLookup } from './import-row.ts';

export interface ImportSettings {
  format: 'csv' | 'jsonl';
  /** CSV field delimiter (`,` `;` or a tab). */
  delimiter: string;
  /** IANA zone for times written without one. */
  timeZone: string;
  columns: ImportColumns;
}

/** A row read: `line` is where it starts (1-based, header included), `endLine` where it ends. */
export type ParsedRow = { line: number; endLine: number } & (
  { item: CollectedItem } | { skipped: SkippedItem }
);

/** A quoted cell may span lines; past these a quote is taken to be unbalanced and its first line is refused. */
const MAX_RECORD_LINES = 1_000;
const MAX_RECORD_CHARS = 1_000_000;
const MAX_JSON_DEPTH_PATH = 10;

export interface ImportParser {
  /** One line without its line break; returns the rows it completed. */
  push(line: string): ParsedRow[];
  /** End of file: the rows still pending. */
  end(): ParsedRow[];
  /** CSV: the header's column names once read. */
  readonly header: readonly string[] | null;
}

interface Pending {
  line: number;
  text: string;
}

/**
 * Whether a record is still inside a quoted cell after this line, given whether it was before. As in RFC 4180 a
 * quote opens a cell only at the cell's start (`5" screen` is text) and `""` inside one is an escaped quote.
 */
export function endsInsideQuotes(line: string, delimiter: string, inside: boolean): boolean {
  let quoted = inside;
  let cellStart = !inside;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char !== '"') continue;
      if (line[i + 1] === '"') i += 1;
      else quoted = false;
    } else if (char === delimiter) {
      cellStart = true;
      continue;
    } else if (char === '"' && cellStart) {
      quoted = true;
    }
    cellStart = false;
  }
  return quoted;
}

function skippedRow(line: number, endLine: number, reason: string): ParsedRow {
  return { line, endLine, skipped: { externalId: `line ${line}`, reason } };
}

function fromLookup(lookup: RowLookup, settings: ImportSettings, line: number, endLine: number): ParsedRow {
  const result = rowToItem(lookup, settings.columns, settings.timeZone);
  return 'item' in result ? { line, endLine, item: result.item } : skippedRow(line, endLine, result.reason);
}

/** `user.name` → obj.user.name; a key that itself contains dots (`"user.name": …`) wins. */
export function jsonPath(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let value: unknown = record;
  for (const key of path.split('.').slice(0, MAX_JSON_DEPTH_PATH)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function jsonLinesParser(settings: ImportSettings, skipThroughLine: number): ImportParser {
  let lineNumber = 0;
  return {
    header: null,
    push(raw) {
      lineNumber += 1;
      if (lineNumber <= skipThroughLine || !raw.trim()) return [];
      if (raw.length > MAX_RECORD_CHARS)
        return [skippedRow(lineNumber, lineNumber, `line longer than ${MAX_RECORD_CHARS} characters`)];
      let record: unknown;
      try {
        record = JSON.parse(quoteBigIntegers(raw));
      } catch (error) {
        const detail = error instanceof Error ? error.message.slice(0, 80) : 'parse error';
        return [skippedRow(lineNumber, lineNumber, `not JSON: ${detail}`)];
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record))
        return [skippedRow(lineNumber, lineNumber, 'not a JSON object')];
      const object = record as Record<string, unknown>;
      return [fromLookup((path) => jsonPath(object, path), settings, lineNumber, lineNumber)];
    },
    end: () => [],
  };
}

/** Column names must exist in the header (exactly, else ignoring case and surrounding space). */
export function resolveColumns(header: readonly string[], columns: ImportColumns): Map<string, number> {
  const indexes = new Map<string, number>();
  for (const column of new Set(Object.values(columns))) {
    let index = header.indexOf(column);
    if (index < 0) {
      const wanted = column.trim().toLowerCase();
      index = header.findIndex((name) => name.trim().toLowerCase() === wanted);
    }
    if (index < 0) {
      const known = header.slice(0, 40).map((name) => JSON.stringify(name));
      throw new BadInputError(
        'bad-column',
        `no column "${column}" in the header (columns: ${known.join(', ')})`,
      );
    }
    indexes.set(column, index);
  }
  return indexes;
}

function csvParser(settings: ImportSettings, skipThroughLine: number): ImportParser {
  let lineNumber = 0;
  let header: string[] | null = null;
  let indexes = new Map<string, number>();
  let pending: Pending[] = [];
  let pendingChars = 0;
  let inQuotes = false;

  const parseRecord = (text: string): string[] | null => {
    const records = parseCsv(text, {
      delimiter: settings.delimiter,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    return records.length === 1 ? (records[0] ?? null) : null;
  };

  const complete = (): ParsedRow[] => {
    const first = pending[0];
    const last = pending[pending.length - 1];
    const text = pending.map((p) => p.text).join('\n');
    pending = [];
    pendingChars = 0;
    inQuotes = false;
    if (!first || !last || !text.trim()) return [];
    let fields: string[] | null;
    let problem = 'malformed CSV record';
    try {
      fields = parseRecord(text);
    } catch (error) {
      fields = null;
      problem = `malformed CSV: ${error instanceof Error ? error.message.slice(0, 120) : 'parse error'}`;
    }
    if (!fields && !header) throw new BadInputError('bad-header', `line ${first.line}: ${problem}`);
    if (!fields) return [skippedRow(first.line, last.line, problem)];
    if (!header) {
      header = fields.map((name) => name.trim());
      indexes = resolveColumns(header, settings.columns);
      return [];
    }
    if (last.line <= skipThroughLine) return [];
    const row = fields;
    return [
      fromLookup(
        (column) => {
          const index = indexes.get(column);
          return index === undefined ? undefined : row[index];
        },
        settings,
        first.line,
        last.line,
      ),
    ];
  };

  const feed = (entry: Pending): ParsedRow[] => {
    // Lines already imported are passed over unparsed; the header still has to be read.
    if (header && entry.line <= skipThroughLine && pending.length === 0) return [];
    pending.push(entry);
    pendingChars += entry.text.length;
    inQuotes = endsInsideQuotes(entry.text, settings.delimiter, inQuotes);
    if (!inQuotes) return complete();
    if (pending.length < MAX_RECORD_LINES && pendingChars < MAX_RECORD_CHARS) return [];
    return refuseFirstPending('a quote that is never closed');
  };

  /** The first pending line opened a quote that never closed: refuse it and re-read the lines after it. */
  const refuseFirstPending = (reason: string): ParsedRow[] => {
    const [first, ...rest] = pending;
    pending = [];
    pendingChars = 0;
    inQuotes = false;
    if (!first) return [];
    if (!header) throw new BadInputError('bad-header', `line ${first.line}: the header row has ${reason}`);
    const rows: ParsedRow[] =
      first.line <= skipThroughLine ? [] : [skippedRow(first.line, first.line, reason)];
    for (const entry of rest) rows.push(...feed(entry));
    return rows;
  };

  return {
    get header() {
      return header;
    },
    push(text) {
      lineNumber += 1;
      return feed({ line: lineNumber, text });
    },
    end() {
      const rows: ParsedRow[] = [];
      while (pending.length > 0) rows.push(...refuseFirstPending('a quote that is never closed'));
      if (!header) throw new BadInputError('no-header', 'the file has no header row');
      return rows;
    },
  };
}

/** A parser for one file; lines up to `skipThroughLine` (a cursor from an earlier poll) yield no rows. */
export function createImportParser(settings: ImportSettings, skipThroughLine = 0): ImportParser {
  return settings.format === 'jsonl'
    ? jsonLinesParser(settings, skipThroughLine)
    : csvParser(settings, skipThroughLine);
}
