/**
 * The guard every kind's items pass before anything is stored or previewed (pure): text Postgres can hold, ids that
 * fit their unique index, dates inside a sane range, and one item per id. One hostile item is repaired or skipped
 * with a reason; it never fails the batch it came in.
 */
import { createHash } from 'node:crypto';
import { leadingChars, storableText } from '../core/text.ts';
import type { CollectedItem, MediaLink, PageSnapshot, PostContext, SkippedItem } from './source-kind.ts';

/** What was changed on a kept item, and why (logged by the caller). */
export interface RepairedItem {
  externalId: string;
  reason: string;
}

export interface CleanedItems {
  items: CollectedItem[];
  skipped: SkippedItem[];
  repaired: RepairedItem[];
}

/** Earliest and latest publication dates kept: 1970 and 2100, the range RSS and import already hold to. */
const MIN_PUBLISHED_MS = 0;
const MAX_PUBLISHED_MS = Date.UTC(2100, 0, 1);
/** A date more than an hour ahead of collection time is a source's mistake; it would sit atop every list. */
const MAX_FUTURE_MS = 3_600_000;
/**
 * Longest text kept, for every kind (RSS cuts its items there, import refuses longer rows): Facebook's own limit is
 * 63,206 characters; anything longer is not a post.
 */
export const MAX_TEXT_CHARS = 100_000;
/**
 * Longest id kept as it is (UTF-8 bytes). Postgres refuses a btree entry over 2,704 bytes, and (source, id) is
 * unique; every id that fitted before stays unchanged, so an upgrade stores nothing twice.
 */
export const MAX_ID_BYTES = 2_600;

/** An id as it is stored: clean, and hashed when too long for the unique index. Deterministic. */
export function cleanId(raw: string): string {
  const id = storableText(raw);
  if (Buffer.byteLength(id, 'utf8') <= MAX_ID_BYTES) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** Null when the date can be kept; otherwise why it cannot. */
function dateProblem(date: Date, collectedAt: Date): string | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return 'invalid date';
  if (ms < MIN_PUBLISHED_MS || ms >= MAX_PUBLISHED_MS)
    return `date ${date.toISOString()} is outside 1970–2100`;
  if (ms - collectedAt.getTime() > MAX_FUTURE_MS)
    return `date ${date.toISOString()} is more than an hour after collection`;
  return null;
}

const CONTEXT_KEYS = ['replyTo', 'thread', 'forwardedFrom'] as const;

function cleanContext(context: PostContext): PostContext {
  const out: PostContext = {};
  for (const key of CONTEXT_KEYS) {
    const value = context[key];
    if (value !== undefined) out[key] = storableText(value);
  }
  return out;
}

function cleanMedia(media: readonly MediaLink[]): MediaLink[] {
  return media.map((link) => ({ url: storableText(link.url), kind: link.kind }));
}

/** The names of the fields cleaning changed. */
function changedFields(before: CollectedItem, after: CollectedItem): string[] {
  const changed: string[] = (['externalId', 'url', 'title', 'text', 'author'] as const).filter(
    (key) => after[key] !== before[key],
  );
  if (CONTEXT_KEYS.some((key) => after.context?.[key] !== before.context?.[key])) changed.push('context');
  if (after.media?.some((link, i) => link.url !== before.media?.[i]?.url)) changed.push('media');
  return changed;
}

interface CleanedFields {
  item: CollectedItem;
  /** Fields that held NUL or lone surrogates. */
  changed: string[];
  /** The id was too long for the index and is stored as its hash. */
  hashedId: boolean;
  /** The text was longer than MAX_TEXT_CHARS and is cut there. */
  cutText: boolean;
}

/** The item with every string cleaned (and its text cut at MAX_TEXT_CHARS), and what changed. */
function cleanFields(raw: CollectedItem): CleanedFields {
  const cutText = raw.text.length > MAX_TEXT_CHARS;
  const item = cutText ? { ...raw, text: leadingChars(raw.text, MAX_TEXT_CHARS) } : raw;
  const text = (value: string | null) => (value === null ? null : storableText(value));
  const cleaned: CollectedItem = {
    ...item,
    externalId: storableText(item.externalId),
    url: text(item.url),
    title: text(item.title),
    text: storableText(item.text),
    author: text(item.author),
    ...(item.context ? { context: cleanContext(item.context) } : {}),
    ...(item.media ? { media: cleanMedia(item.media) } : {}),
  };
  const id = cleanId(cleaned.externalId);
  return {
    item: { ...cleaned, externalId: id },
    changed: changedFields(item, cleaned),
    hashedId: id !== cleaned.externalId,
    cutText,
  };
}

/** Why the kept item differs from what the kind read (empty when it does not). */
function repairReasons(fields: CleanedFields, dateIssue: string | null): string[] {
  const reasons: string[] = [];
  if (fields.changed.length > 0)
    reasons.push(`NUL or lone surrogate characters removed from ${fields.changed.join(', ')}`);
  if (fields.hashedId) reasons.push(`id longer than ${MAX_ID_BYTES} bytes; stored as its sha256`);
  if (fields.cutText) reasons.push(`text longer than ${MAX_TEXT_CHARS} characters; cut`);
  if (dateIssue) reasons.push(`${dateIssue}; collection time used`);
  return reasons;
}

/**
 * Cleans one poll's items for storing: strings made storable (see cleanText), over-long ids hashed, dates outside
 * 1970–2100 or over an hour after `collectedAt` dropped (the post then takes the collection time, as RSS does),
 * and of items sharing an id the first kept, the later ones skipped. Every change is reported with its reason.
 */
export function cleanItems(items: readonly CollectedItem[], options: { collectedAt: Date }): CleanedItems {
  const result: CleanedItems = { items: [], skipped: [], repaired: [] };
  const firstOf = new Map<string, number>();
  items.forEach((raw, index) => {
    const fields = cleanFields(raw);
    const { item } = fields;
    const dateIssue = item.publishedAt ? dateProblem(item.publishedAt, options.collectedAt) : null;
    if (dateIssue) item.publishedAt = null;
    if (!item.externalId) {
      result.skipped.push({ externalId: `item ${index + 1}`, reason: 'empty id' });
      return;
    }
    const first = firstOf.get(item.externalId);
    if (first !== undefined) {
      result.skipped.push({ externalId: item.externalId, reason: `same id as item ${first}` });
      return;
    }
    firstOf.set(item.externalId, index + 1);
    result.items.push(item);
    for (const reason of repairReasons(fields, dateIssue))
      result.repaired.push({ externalId: item.externalId, reason });
  });
  return result;
}

/** A page snapshot as it can be stored: clean HTML and URL, and its items' ids as cleanItems stores them. */
export function cleanSnapshot(snapshot: PageSnapshot): PageSnapshot {
  return {
    ...snapshot,
    pageUrl: storableText(snapshot.pageUrl),
    html: storableText(snapshot.html),
    externalIds: snapshot.externalIds.map(cleanId),
  };
}
