/**
 * One export row → a collected item (pure), through the column mapping given at registration. A row without text,
 * with text over the cap or with a time that cannot be read is refused with a reason, never half-imported.
 */
import { createHash } from 'node:crypto';
import { MAX_TEXT_CHARS } from '../clean-items.ts';
import type { CollectedItem, PostMetrics } from '../source-kind.ts';
import { parseImportTime } from './parse-import-time.ts';

export const MAPPED_FIELDS = [
  'text',
  'time',
  'author',
  'url',
  'id',
  'title',
  'views',
  'forwards',
  'reactions',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Which column (CSV header name, or JSON key / dotted path) holds each field; only `text` is required. */
export type ImportColumns = { text: string } & Partial<Record<Exclude<MappedField, 'text'>, string>>;

const MAX_FIELD_CHARS = 2_000;

/** Reads a mapped column of the row: a string, number or boolean; absent, null or empty → undefined. */
export type RowLookup = (column: string) => unknown;

export type RowResult = { item: CollectedItem } | { reason: string };

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Counts as exports write them: `1234`, `1 234`, `1,234`, `1.234` (grouped); anything else is unknown. */
export function parseCount(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw) : undefined;
  const text = scalar(raw)?.replace(/[\s\u00a0\u202f]/g, '');
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}([,.]\d{3})+$/.test(text)) return Number(text.replace(/[,.]/g, ''));
  return undefined;
}

function httpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The row's id when no id column is mapped: a hash of the values that make the post (not its counts, which change
 * between exports), so importing the same export twice, or a longer one later, stores each post once.
 */
export function rowHashId(values: readonly (string | undefined)[]): string {
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('base64url');
  return `row-${digest.slice(0, 24)}`;
}

function clip(value: string | undefined): string | undefined {
  return value && value.length > MAX_FIELD_CHARS ? value.slice(0, MAX_FIELD_CHARS) : value;
}

export function rowToItem(lookup: RowLookup, columns: ImportColumns, timeZone: string): RowResult {
  const get = (field: MappedField): unknown => {
    const column = columns[field];
    return column === undefined ? undefined : lookup(column);
  };
  const rawText = get('text');
  if (rawText !== undefined && rawText !== null && typeof rawText === 'object')
    return { reason: `column "${columns.text}" is not text` };
  const text = scalar(rawText);
  if (!text) return { reason: `no text in column "${columns.text}"` };
  if (text.length > MAX_TEXT_CHARS)
    return { reason: `text longer than ${MAX_TEXT_CHARS} characters (${text.length})` };

  const rawTime = scalar(get('time'));
  const publishedAt = rawTime === undefined ? null : parseImportTime(rawTime, timeZone);
  if (rawTime !== undefined && !publishedAt)
    return { reason: `unreadable time in column "${columns.time}": ${JSON.stringify(rawTime.slice(0, 40))}` };

  const author = clip(scalar(get('author')));
  const rawUrl = scalar(get('url'));
  const title = clip(scalar(get('title')));
  const id = clip(scalar(get('id')));
  const metrics: PostMetrics = {};
  for (const key of ['views', 'forwards', 'reactions'] as const) {
    const count = parseCount(get(key));
    if (count !== undefined) metrics[key] = count;
  }
  return {
    item: {
      externalId: id ?? rowHashId([text, rawTime, author, rawUrl, title]),
      url: httpUrl(rawUrl),
      title: title ?? null,
      text,
      author: author ?? null,
      publishedAt,
      ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
    },
  };
}
