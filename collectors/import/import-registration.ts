/**
 * `sources add import <file> -o text=<column> …`: the stored settings of an import source and how the command line
 * becomes them. The file must exist and be readable now, and for CSV the mapped columns must be in its header, so
 * a typo fails at once instead of on the collector's first poll.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { Registration } from '../source-kind.ts';
import { MAPPED_FIELDS, type ImportColumns } from './import-row.ts';
import { isTimeZone } from './parse-import-time.ts';
import { createImportParser } from './parse-import.ts';
import { checkImportFile, readImportHead } from './read-import-file.ts';

const column = z.string().min(1).max(200);

export const importConfigSchema = z
  .object({
    format: z.enum(['csv', 'jsonl']),
    delimiter: z
      .string()
      .length(1)
      .refine((d) => !/["\r\n]/.test(d), 'a delimiter cannot be a quote or a line break'),
    timezone: z.string().refine(isTimeZone, 'unknown time zone'),
    columns: z
      .object({
        text: column,
        time: column.optional(),
        author: column.optional(),
        url: column.optional(),
        id: column.optional(),
        title: column.optional(),
        views: column.optional(),
        forwards: column.optional(),
        reactions: column.optional(),
      })
      .strict(),
  })
  .strict();
export type ImportConfig = z.infer<typeof importConfigSchema>;

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';
/** Registration refuses files past this; the collector's own cap is checked on every poll. */
export const REGISTER_MAX_BYTES = 512 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Readonly<Record<string, { format: 'csv' | 'jsonl'; delimiter?: string }>> = {
  '.csv': { format: 'csv' },
  '.tsv': { format: 'csv', delimiter: '\t' },
  '.tab': { format: 'csv', delimiter: '\t' },
  '.jsonl': { format: 'jsonl' },
  '.ndjson': { format: 'jsonl' },
};

export const importUsage =
  'import <file>: a CSV/TSV (header row) or JSON-lines export; -o text=<column> (required), -o time= author= url= ' +
  'id= title= views= forwards= reactions= (JSON: dotted paths like user.name), -o format=csv|jsonl (default: from ' +
  'the extension), -o delimiter=; (default: sniffed), -o timezone=Europe/Stockholm (for times without a zone)';

/** The delimiter most used in the header line outside quotes (`,` when none is). */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t' || char === '|'))
      counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [char, count] of counts) {
    if (count > bestCount) [best, bestCount] = [char, count];
  }
  return best;
}

function parseDelimiter(raw: string): string {
  if (raw === 'tab' || raw === '\\t') return '\t';
  if (raw === 'semicolon') return ';';
  if (raw === 'comma') return ',';
  return raw;
}

/** Reads the header from the file's first bytes and checks the mapped columns are in it (throws bad-column). */
function checkHeader(head: string, config: ImportConfig): void {
  const parser = createImportParser({
    format: 'csv',
    delimiter: config.delimiter,
    timeZone: config.timezone,
    columns: config.columns,
  });
  // The last line of the head may be cut short; the header is almost always the first line anyway.
  for (const line of head.split('\n').slice(0, -1)) {
    parser.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (parser.header) return;
  }
}

export function registerImport(
  target: string,
  options: Readonly<Record<string, string>>,
): Registration<ImportConfig> {
  const known = new Set<string>(['format', 'delimiter', 'timezone', ...MAPPED_FIELDS]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new BadInputError(
      'bad-option',
      `import does not know -o ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    );
  const file = path.resolve(target);
  checkImportFile(file, REGISTER_MAX_BYTES);
  const byExtension = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
  const format = options['format'] ?? byExtension?.format;
  if (format !== 'csv' && format !== 'jsonl')
    throw new BadInputError('bad-option', `say -o format=csv or -o format=jsonl for ${path.basename(file)}`);
  const head = readImportHead(file);
  const delimiter = options['delimiter']
    ? parseDelimiter(options['delimiter'])
    : (byExtension?.delimiter ?? sniffDelimiter(head.replace(/^\uFEFF/, '').split('\n')[0] ?? ''));
  const columns: Record<string, string> = {};
  for (const field of MAPPED_FIELDS) {
    const value = options[field]?.trim();
    if (value) columns[field] = value;
  }
  if (!columns['text'])
    throw new BadInputError('bad-option', 'say which column holds the post text: -o text=<column>');
  const parsed = importConfigSchema.safeParse({
    format,
    delimiter,
    timezone: options['timezone'] ?? DEFAULT_TIME_ZONE,
    columns: columns as ImportColumns,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(
      'bad-option',
      `${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (parsed.data.format === 'csv') checkHeader(head.replace(/^\uFEFF/, ''), parsed.data);
  return { url: pathToFileURL(file).href, name: path.basename(file), config: parsed.data };
}
