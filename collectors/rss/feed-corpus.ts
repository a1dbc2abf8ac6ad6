/**
 * feedparser's test corpus (../shared/eval/feeds, read in place) as the feed test and `npm run eval:feeds` both read
 * it: the file list, each file's `Header:`/`Expect:` comment lines, one file through the collector's decode + parse,
 * and the comparison of our reading with the `Expect:` expressions, minus the differences we keep on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../../core/errors.ts';
import { decodeBody } from './decode-body.ts';
import { htmlToText } from './html-to-text.ts';
import { parseFeed, type ParsedFeed } from './parse-feed.ts';

export const FEED_CORPUS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/eval/feeds',
);

export type CorpusResult = ParsedFeed | BadInputError | { crash: unknown };

export interface CorpusMeta {
  /** The Content-Type feedparser's harness would send (`Header: Content-type:` in the file's comment). */
  header: string | null;
  /** The `Expect:` Python expression, when there is one. */
  expect: string | null;
}

/** Files whose reading differs from feedparser's on purpose or by a known limit, with the reason. */
export const KNOWN_DIFFERENCES: readonly [RegExp, string][] = [
  [/^wellformed\/(cdf\/|base\/cdf_)/, 'CDF (Microsoft Channel Definition Format) is not RSS or Atom'],
  [
    /^wellformed\/namespace\/rss[12]\.0.*NoDefNS/,
    'prefixed RSS elements (rss:channel, r:rss) are not read by rss-parser',
  ],
  [
    /^wellformed\/sanitize\/item_(xhtml_)?body_blink\.xml$/,
    "xml2js keeps an element's own text apart from its children: inline XHTML (not escaped HTML) loses its word order",
  ],
  [/^wellformed\/atom10\/entry_content_and_summary\.xml$/, 'we prefer the full content over the summary'],
  [
    /^wellformed\/itunes\/itunes_core_element_uppercase\.xml$/,
    'XML names are case-sensitive: <TiTlE> is not <title>',
  ],
  [
    /^wellformed\/sanitize\/entry_(summary|content)_iframe\.xml$/,
    'iframe content is dropped, as a browser never shows it',
  ],
  [
    /^wellformed\/sanitize\/item_content_encoded_script_nested_cdata\.xml$/,
    'a CDATA section inside HTML is kept as text (HTML5 would make it a bogus comment); the script in it never runs',
  ],
  [
    /^wellformed\/sanitize\/xml_declaration_unexpected_character\.xml$/,
    'an HTML title "<!DOCTYPE ~" is a declaration to us, as to a browser, so the title is empty',
  ],
  [
    /^wellformed\/(base\/http_entry_contributor_url_base_|namespace\/unknown-namespace\.xml$)/,
    '<item> inside an Atom <feed> is not an Atom entry',
  ],
  [/^wellformed\/rss\/entity_in_doctype\.xml$/, 'a DOCTYPE declaring entities is refused (xml-entities)'],
  [
    /^wellformed\/sanitize\/xml_malicious_comment\.xml$/,
    'an unterminated HTML comment runs to the end, as in HTML5',
  ],
  [
    /^encoding\/bozo_linenoise\.xml$/,
    'we keep the valid UTF-8 and replace one bad byte; feedparser re-reads it all as cp1252',
  ],
];

export const knownDifference = (file: string): string | null =>
  KNOWN_DIFFERENCES.find(([pattern]) => pattern.test(file))?.[1] ?? null;

/** Relative paths (`wellformed/rss/x.xml`) of every `.xml` under `dir`, sorted. */
export function listCorpusFiles(dir: string = FEED_CORPUS_DIR): string[] {
  const walk = (sub: string): string[] =>
    fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return walk(relative);
      return entry.name.endsWith('.xml') ? [relative] : [];
    });
  return walk('').sort();
}

/** The test metadata of a corpus file, read as ASCII with NULs dropped so UTF-16/32 files yield it too. */
export function readCorpusMeta(bytes: Uint8Array): CorpusMeta {
  const ascii = Buffer.from(bytes).toString('latin1').replace(/\0/g, '');
  return {
    header: /^Header:\s*Content-type:\s*(.*)$/im.exec(ascii)?.[1]?.trim() ?? null,
    expect: /^Expect:\s*(.*)$/m.exec(ascii)?.[1]?.trim() ?? null,
  };
}

/** Bytes served with `contentType` through what the rss collector runs: decodeBody, then parseFeed. */
export async function parseCorpusFile(bytes: Uint8Array, contentType: string | null): Promise<CorpusResult> {
  try {
    return await parseFeed(decodeBody(bytes, contentType));
  } catch (error) {
    return error instanceof BadInputError ? error : { crash: error };
  }
}

export const isParsed = (result: CorpusResult): result is ParsedFeed =>
  !(result instanceof BadInputError) && 'items' in result;

/** True when the document has an RSS `<item>` or Atom `<entry>` element outside comments (any prefix, any case). */
export function hasItemElement(text: string): boolean {
  return /<(?:[\w.-]+:)?(?:item|entry)[\s/>]/i.test(text.replace(/<!--[\s\S]*?-->/g, ''));
}

/** A Python string literal from an Expect line (`'…'` or `"…"` with \x, \u, \n escapes). */
export function pyString(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  return literal
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (whole, escape: string) =>
      /^[xuU]/.test(escape)
        ? String.fromCodePoint(Number.parseInt(escape.slice(1), 16))
        : (escapes[escape] ?? whole),
    );
}

const STRING = String.raw`u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
/**
 * `[not bozo and ](feed|entries[0])['title'] == '…'`, the whole expression and nothing else; also
 * `['title_detail']['value']` and `['content'][0]['value']`, feedparser's longer spellings of the same text.
 */
export const FIELD_CLAUSE = new RegExp(
  String.raw`^(?:not bozo and )?(feed|entries\[0\])(?:\[['"](\w+)['"]\](?:\[0\])?(?:\[['"]value['"]\])?|\.(\w+)) == ${STRING}$`,
);
export const ORD_CLAUSE = /^(?:not )?(?:bozo and )?ord\(entries\[0\]\['(\w+)'\]\) == (\d+)$/;
export const ENCODING_CLAUSE = /^not bozo and encoding == '([\w-]+)'$/;

export const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** What we produce for feedparser's `feed['title']`, `entries[0]['description']` and friends. */
export function ourField(feed: ParsedFeed, scope: string, detail: string): string | null | undefined {
  const field = detail.replace(/_detail$/, '');
  if (scope === 'feed') return field === 'title' ? feed.title : undefined;
  const item = feed.items[0];
  if (field === 'title') return item?.title;
  return ['description', 'summary', 'content'].includes(field) ? (item?.text ?? null) : undefined;
}

/**
 * Our reading against an `Expect:` clause naming a plain title or text: null when there is nothing to compare (no
 * such clause, markup in the expectation, which is feedparser's sanitised HTML, or a known difference), else the
 * mismatch or `''` when we agree.
 */
export function compareWithExpect(file: string, expect: string | null, feed: ParsedFeed): string | null {
  const clause = expect ? FIELD_CLAUSE.exec(expect) : null;
  if (!clause || knownDifference(file)) return null;
  const [, scope = '', bracketField, dotField, literal = "''"] = clause;
  // Markup in the expectation is feedparser's sanitised HTML; we keep plain text, so compare with its text.
  const expected = htmlToText(pyString(literal));
  const ours = ourField(feed, scope, bracketField ?? dotField ?? '');
  if (ours === undefined) return null;
  return normalise(ours) === normalise(expected)
    ? ''
    : `${file}: want ${JSON.stringify(expected)}, got ${JSON.stringify(ours)}`;
}
