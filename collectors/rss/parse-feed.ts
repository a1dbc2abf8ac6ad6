/**
 * Feed XML → items (pure): refuses entity declarations, runs rss-parser's `parseString` (never its URL fetching),
 * and maps each item to plain text with a stable id, its media links and reach counts. Every failure is a BadInputError with a one-line reason.
 */
import Parser from 'rss-parser';
import { BadInputError } from '../../core/errors.ts';
import { MAX_TEXT_CHARS } from '../clean-items.ts';
import { leadingChars } from '../../core/text.ts';
import type { MediaLink, PostMetrics } from '../source-kind.ts';
import { groupText, itemMedia, itemMetrics, MEDIA_ITEM_FIELDS } from './feed-media.ts';
import { htmlToText } from './html-to-text.ts';
import { withFeedIds, type IdParts } from './item-id.ts';
import { parseFeedDate } from './parse-date.ts';
import { guardParser, RAW_ATOM_DATE } from './rss-parser-guards.ts';

export interface FeedItem {
  /**
   * guid, Atom id, RDF about or video id; else the link, combined with a digest of title and text when other items
   * share it or it is the feed's own link; else `sha256:` of title and text, so id-less items stay stable.
   */
  externalId: string;
  url: string | null;
  title: string | null;
  /** Plain text of the fullest body the item has (content:encoded / content, else summary / description). */
  text: string;
  author: string | null;
  publishedAt: Date | null;
  /** Enclosures, Media RSS, itunes:image and images in the item's HTML; absent when there are none. */
  media?: MediaLink[];
  /** Views and likes where the feed gives them (YouTube's media:community); absent otherwise. */
  metrics?: PostMetrics;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
  /** True when the feed had more items than `maxItems` and the rest were dropped. */
  truncated: boolean;
}

export interface ParseLimits {
  /** Items kept, in feed order (default 1,000). */
  maxItems: number;
  /** Characters of text kept per item (default 100,000); longer text is cut at a character boundary. */
  maxTextChars: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxItems: 1_000,
  maxTextChars: MAX_TEXT_CHARS,
});

const MAX_TITLE_CHARS = 1_000;
const MAX_AUTHOR_CHARS = 200;
const MAX_URL_CHARS = 2_048;
/** HTML beyond this many characters per field is not converted: the text cap would drop it anyway. */
const HTML_PER_TEXT_CHAR = 10;

/** Item elements rss-parser does not copy by itself; read as fallbacks for title, text and id. */
const EXTRA_ITEM_FIELDS = [
  'dc:description',
  'itunes:summary',
  'media:title',
  'media:description',
  'xhtml:body',
  'body',
  'fullitem',
  'yt:videoId',
];

type Raw = Record<string, unknown>;

function malformed(reason: string, cause?: unknown): BadInputError {
  return new BadInputError('malformed-feed', reason, { cause });
}

/** Text of an xml2js value: a string, `{ _: text }`, or nested elements (xhtml titles) flattened. */
function textOf(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (depth > 20 || typeof value !== 'object' || value === null) return '';
  if (Array.isArray(value)) return value.map((part) => textOf(part, depth + 1)).join(' ');
  // xml2js puts an element's own text in `_` and its children under their names (mixed-content order is lost).
  return Object.entries(value as Raw)
    .filter(([key]) => key !== '$')
    .map(([, child]) => textOf(child, depth + 1))
    .join(' ');
}

function plain(value: unknown, max: number): string {
  return leadingChars(htmlToText(leadingChars(textOf(value), max * HTML_PER_TEXT_CHAR)), max);
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

/** An item without its id, and what its id is made of (the id depends on the other items: item-id.ts). */
interface ReadItem {
  item: Omit<FeedItem, 'externalId'>;
  parts: IdParts;
}

function toItem(raw: Raw, limits: ParseLimits): ReadItem {
  const itunes = typeof raw.itunes === 'object' && raw.itunes !== null ? (raw.itunes as Raw) : {};
  const title =
    [raw.title, raw['media:title'], groupText(raw, 'media:title')]
      .map((value) => plain(value, MAX_TITLE_CHARS))
      .find(Boolean) ?? null;
  let text = '';
  // Not rss-parser's contentSnippet: its tag stripping keeps what htmlToText drops on purpose (script, svg text).
  const bodies = [raw['content:encoded'], raw.content, raw.summary, raw['dc:description']];
  const rarer = [raw['xhtml:body'], raw.body, raw.fullitem, raw['itunes:summary'], itunes.summary];
  // YouTube entries have no body: the video's description is in media:group.
  rarer.push(raw['media:description'], groupText(raw, 'media:description'));
  for (const source of [...bodies, ...rarer]) {
    text = plain(source, limits.maxTextChars);
    if (text) break;
  }
  const guid = textOf(raw.guid).trim();
  const link = textOf(raw.link).trim();
  const url = link || (isHttpUrl(guid) ? guid : '');
  const author =
    [raw.creator, raw.author, raw['dc:creator'], itunes.author]
      .map((value) => plain(value, MAX_AUTHOR_CHARS))
      .find(Boolean) ?? null;
  const rawDate = [raw[RAW_ATOM_DATE], raw.pubDate, raw.date, raw.isoDate]
    .map((value) => textOf(value).trim())
    .find(Boolean);
  const videoId = textOf(raw['yt:videoId']).trim();
  const declaredId = [guid, textOf(raw.id).trim(), textOf(raw['rdf:about']).trim(), videoId].find(Boolean);
  const itemUrl = url && url.length <= MAX_URL_CHARS ? url : null;
  const html = bodies.map((body) => textOf(body)).filter((body) => body.includes('<'));
  const media = itemMedia(raw, { videoUrl: videoId ? itemUrl : null, html });
  const metrics = itemMetrics(raw);
  return {
    item: {
      url: itemUrl,
      title,
      text,
      author,
      publishedAt: parseFeedDate(rawDate),
      ...(media.length > 0 ? { media } : {}),
      ...(metrics ? { metrics } : {}),
    },
    parts: { declared: declaredId ?? '', link, title, text },
  };
}

/** Entities are only declared inside a DOCTYPE; sax would not expand them, but no feed needs them and they are the
 * vehicle of expansion attacks, so refuse rather than trust every parser the text may later reach. */
function declaresEntities(xml: string): boolean {
  const doctype = xml.search(/<!DOCTYPE/i);
  return doctype >= 0 && /<!ENTITY/i.test(xml.slice(doctype));
}

/** The first element name after the prolog, for messages such as "root element <html>". */
function rootElement(xml: string): string | null {
  const head = xml
    .slice(0, 8_192)
    .replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>/g, '')
    .trimStart();
  return /^<([A-Za-z_][\w:.-]*)/.exec(head)?.[1] ?? null;
}

/** One readable line from whatever rss-parser, xml2js or sax threw (sax appends "Line: / Column: / Char:"). */
function describeParseError(error: unknown, xml: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = ''] = message.split('\n');
  const position = /Line: (\d+)\s+Column: (\d+)/.exec(message);
  if (first === 'Unable to parse XML.') return 'no root element';
  if (/not recognized as RSS/i.test(first)) {
    const root = rootElement(xml);
    return `not an RSS or Atom feed${root ? ` (root element <${root}>)` : ''}`;
  }
  const where = position ? ` at line ${Number(position[1]) + 1}, column ${Number(position[2]) + 1}` : '';
  const kind =
    error instanceof TypeError || error instanceof RangeError ? 'feed structure not understood: ' : '';
  return leadingChars(`${kind}${first.trim() || 'parse error'}${where}`, 300);
}

/**
 * Parses an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document (already decoded to a string). `<rss>` without a version is
 * read as RSS 2. Throws BadInputError `xml-entities` for entity declarations, `malformed-feed` for everything else.
 */
export async function parseFeed(xml: string, limits: Partial<ParseLimits> = {}): Promise<ParsedFeed> {
  const { maxItems, maxTextChars } = { ...DEFAULT_PARSE_LIMITS, ...limits };
  const body = xml.replace(/^[\s\uFEFF]+/, '');
  if (!body) throw malformed('empty document');
  if (!body.startsWith('<')) throw malformed(`not XML (starts with ${JSON.stringify(body.slice(0, 24))})`);
  if (declaresEntities(body)) {
    throw new BadInputError(
      'xml-entities',
      'the DOCTYPE declares XML entities, which feeds never need; refused',
    );
  }
  // A parser per call: xml2js keeps state between parses, and a half-finished failed parse must not leak into the next.
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { item: [...EXTRA_ITEM_FIELDS, ...MEDIA_ITEM_FIELDS] },
  });
  guardParser(parser);
  let output: unknown;
  try {
    output = await parser.parseString(body);
  } catch (error) {
    throw malformed(describeParseError(error, body), error);
  }
  if (typeof output !== 'object' || output === null) throw malformed('parser returned no feed');
  const feed = output as Raw;
  const rawItems = Array.isArray(feed.items) ? (feed.items as unknown[]) : [];
  const read = rawItems
    .slice(0, maxItems)
    .filter((item): item is Raw => typeof item === 'object' && item !== null)
    .map((item) => toItem(item, { maxItems, maxTextChars }));
  const items = withFeedIds(read, textOf(feed.link).trim() || null).map(({ externalId, item }) => ({
    externalId,
    ...item,
  }));
  return {
    title: plain(feed.title, MAX_TITLE_CHARS) || null,
    items,
    truncated: rawItems.length > maxItems,
  };
}
