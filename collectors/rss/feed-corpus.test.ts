/**
 * All 2,106 files of feedparser's test corpus (../shared/eval/feeds, read in place) through decodeBody + parseFeed:
 * nothing may crash, and where a file's `Expect:` line names a title, text or charset we must agree with it,
 * except for the differences listed below with their reasons.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { decodeFeedBody, detectCharset } from './decode-body.ts';
import { parseFeed, type ParsedFeed } from './parse-feed.ts';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/eval/feeds');
const hasCorpus = fs.existsSync(CORPUS);
if (!hasCorpus)
  console.warn(`feed corpus not found at ${CORPUS}: corpus tests skipped (see STYLE.md, "big corpora")`);

interface Outcome {
  file: string;
  bytes: Uint8Array;
  /** The Content-Type feedparser's harness would send (`Header: Content-type:` in the file's comment). */
  header: string | null;
  /** The `Expect:` Python expression, when there is one. */
  expect: string | null;
  result: ParsedFeed | BadInputError | { crash: unknown };
  ms: number;
}

/** Files whose reading differs from feedparser's on purpose or by a known limit, with the reason. */
const KNOWN_DIFFERENCES: [RegExp, string][] = [
  [/^wellformed\/(cdf\/|base\/cdf_)/, 'CDF (Microsoft Channel Definition Format) is not RSS or Atom'],
  [
    /^wellformed\/namespace\/rss[12]\.0.*NoDefNS/,
    'prefixed RSS elements (rss:channel, r:rss) are not read by rss-parser',
  ],
  [
    /^wellformed\/sanitize\/item_(body|fullitem|xhtml_body)_/,
    '<body>/<fullitem>/xhtml:body are not item text sources',
  ],
  [/^wellformed\/atom10\/entry_content_and_summary\.xml$/, 'we prefer the full content over the summary'],
  [
    /^wellformed\/itunes\/itunes_core_element_uppercase\.xml$/,
    'XML names are case-sensitive: <TiTlE> is not <title>',
  ],
  [/^wellformed\/sanitize\/entry_summary_script_base64\.xml$/, 'Atom 0.3\'s mode="base64" is not decoded'],
  [
    /^wellformed\/sanitize\/entry_summary_iframe\.xml$/,
    'iframe content is dropped, as a browser never shows it',
  ],
  [
    /^wellformed\/sanitize\/xml_malicious_comment\.xml$/,
    'an unterminated HTML comment runs to the end, as in HTML5',
  ],
  [
    /^encoding\/bozo_linenoise\.xml$/,
    'we keep the valid UTF-8 and replace one bad byte; feedparser re-reads it all as cp1252',
  ],
];

/**
 * Well-formed files we reject, pinned so a change in behaviour shows up here: CDF and prefixed-namespace RSS (not
 * read), DOCTYPEs declaring entities (refused), and `<rss>`/`<rdf:RDF>` with neither channel nor items.
 */
const REJECTED_WELLFORMED = new RegExp(
  [
    String.raw`^wellformed/(cdf|namespace)/`,
    String.raw`^wellformed/base/cdf_`,
    String.raw`^wellformed/(rdf/doctype_contains_entity_decl|rss/entity_in_doctype)\.xml$`,
    String.raw`^wellformed/rdf/rss_version_10(_not_default_ns)?\.xml$`,
    String.raw`^wellformed/rss/(rss_version_\w+|newlocation)\.xml$`,
  ].join('|'),
);

const knownDifference = (file: string) => KNOWN_DIFFERENCES.some(([pattern]) => pattern.test(file));

/** A Python string literal from an Expect line (`'…'` or `"…"` with \x, \u, \n escapes). */
function pyString(literal: string): string {
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
/** `[not bozo and ](feed|entries[0])['title'] == '…'`, the whole expression and nothing else. */
const FIELD_CLAUSE = new RegExp(
  String.raw`^(?:not bozo and )?(feed|entries\[0\])(?:\[['"](\w+)['"]\]|\.(\w+)) == ${STRING}$`,
);
const ORD_CLAUSE = /^(?:not )?(?:bozo and )?ord\(entries\[0\]\['(\w+)'\]\) == (\d+)$/;
const ENCODING_CLAUSE = /^not bozo and encoding == '([\w-]+)'$/;

const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const isFeed = (result: Outcome['result']): result is ParsedFeed => 'items' in result;

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith('.xml') ? [full] : [];
  });
}

/** What we produce for feedparser's `feed['title']`, `entries[0]['description']` and friends. */
function ourField(feed: ParsedFeed, scope: string, field: string): string | null | undefined {
  if (scope === 'feed') return field === 'title' ? feed.title : undefined;
  const item = feed.items[0];
  if (field === 'title') return item?.title;
  return ['description', 'summary', 'content'].includes(field) ? (item?.text ?? null) : undefined;
}

describe.skipIf(!hasCorpus)('feed corpus (feedparser tests, read in place)', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    for (const full of listFiles(CORPUS).sort()) {
      const bytes = new Uint8Array(fs.readFileSync(full));
      const ascii = Buffer.from(bytes).toString('latin1').replace(/\0/g, '');
      const header = /^Header:\s*Content-type:\s*(.*)$/im.exec(ascii)?.[1]?.trim() ?? null;
      const expectLine = /^Expect:\s*(.*)$/m.exec(ascii)?.[1]?.trim() ?? null;
      const started = performance.now();
      let result: Outcome['result'];
      try {
        result = await parseFeed(decodeFeedBody(bytes, header).text);
      } catch (error) {
        result = error instanceof BadInputError ? error : { crash: error };
      }
      const ms = performance.now() - started;
      outcomes.push({ file: path.relative(CORPUS, full), bytes, header, expect: expectLine, result, ms });
    }
    const rejected = outcomes.filter((o) => o.result instanceof BadInputError);
    const byReason = new Map<string, number>();
    for (const { result } of rejected) {
      const key =
        result instanceof BadInputError ? `${result.reason}: ${result.message.replace(/\d+/g, 'N')}` : '';
      byReason.set(key, (byReason.get(key) ?? 0) + 1);
    }
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.info(
      [
        `feed corpus: ${outcomes.length} files, ${outcomes.filter((o) => isFeed(o.result)).length} parsed ` +
          `(${outcomes.filter((o) => isFeed(o.result) && o.result.items.length > 0).length} with items), ` +
          `${rejected.length} rejected, slowest ${slowest.file} ${slowest.ms.toFixed(1)} ms`,
        ...[...byReason].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count}\t${reason}`),
      ].join('\n'),
    );
  }, 60_000);

  test('reads the whole corpus', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(2_000);
  });

  test('no file crashes: each yields a ParsedFeed or a BadInputError with a one-line message', () => {
    const crashes = outcomes.filter((o) => 'crash' in o.result).map((o) => o.file);
    expect(crashes).toEqual([]);
    for (const { result } of outcomes) {
      if (!(result instanceof BadInputError)) continue;
      expect(['malformed-feed', 'xml-entities']).toContain(result.reason);
      expect(result.message).not.toContain('\n');
    }
  });

  test('no file takes more than 1 s', () => {
    expect(outcomes.filter((o) => o.ms > 1_000).map((o) => o.file)).toEqual([]);
  });

  test('well-formed files are parsed, except the pinned unsupported ones', () => {
    const rejected = outcomes
      .filter((o) => o.file.startsWith('wellformed/') && o.result instanceof BadInputError)
      .map((o) => o.file);
    expect(rejected.filter((file) => !REJECTED_WELLFORMED.test(file))).toEqual([]);
    expect(rejected.length).toBeLessThanOrEqual(40);
  });

  test('titles and texts named in Expect lines are what we read', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const outcome of outcomes) {
      const clause = outcome.expect ? FIELD_CLAUSE.exec(outcome.expect) : null;
      if (!clause || knownDifference(outcome.file) || !isFeed(outcome.result)) continue;
      const [, scope = '', bracketField, dotField, literal = "''"] = clause;
      const expected = pyString(literal);
      // Markup in the expectation is feedparser's sanitised HTML; we return plain text, so compare only plain ones.
      if (/[<&]/.test(expected)) continue;
      const ours = ourField(outcome.result, scope, bracketField ?? dotField ?? '');
      if (ours === undefined) continue;
      compared += 1;
      if (normalise(ours) !== normalise(expected)) {
        mismatches.push(`${outcome.file}: want ${JSON.stringify(expected)}, got ${JSON.stringify(ours)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(300);
  });

  test('every well-formed file whose Expect names a plain title yields it', () => {
    const titled = outcomes.filter(
      (o) => o.expect && /\['title'\] == '[^'<&]+'$/.test(o.expect) && !knownDifference(o.file),
    );
    expect(titled.length).toBeGreaterThanOrEqual(100);
    const unread = titled
      .filter((o) => !isFeed(o.result) && o.file.startsWith('wellformed/'))
      .map((o) => o.file);
    expect(unread).toEqual([]);
  });

  describe('encoding/', () => {
    const encodingFiles = () => outcomes.filter((o) => o.file.startsWith('encoding/'));

    test('files whose Expect compares with a non-ASCII string decode to it', () => {
      const checked: string[] = [];
      for (const outcome of encodingFiles()) {
        if (!outcome.expect || knownDifference(outcome.file)) continue;
        const field = FIELD_CLAUSE.exec(outcome.expect);
        const ord = ORD_CLAUSE.exec(outcome.expect);
        const expected = field
          ? pyString(field[4] ?? "''")
          : ord
            ? String.fromCodePoint(Number(ord[2]))
            : null;
        if (expected === null || !/[\u0080-\uffff]/.test(expected)) continue;
        checked.push(outcome.file);
        if (/[<&]/.test(expected)) {
          // '<img alt="년" />': our text has no markup, so look for the non-ASCII characters in the decoded XML.
          const decoded = decodeFeedBody(outcome.bytes, outcome.header).text;
          for (const char of [...expected].filter((c) => c.charCodeAt(0) > 0x7f))
            expect(decoded, outcome.file).toContain(char);
          continue;
        }
        expect(isFeed(outcome.result), outcome.file).toBe(true);
        if (!isFeed(outcome.result)) continue;
        const scope = field?.[1] ?? 'entries[0]';
        const name = field ? (field[2] ?? field[3] ?? '') : (ord?.[1] ?? '');
        expect(normalise(ourField(outcome.result, scope, name)), outcome.file).toBe(normalise(expected));
      }
      expect(checked.sort()).toEqual([
        'encoding/bozo_double-encoded-html.xml',
        'encoding/demoronize-1.xml',
        'encoding/demoronize-2.xml',
        'encoding/double-encoded-html.xml',
        'encoding/euc-kr-attribute.xml',
        'encoding/euc-kr-item.xml',
        'encoding/euc-kr.xml',
        'encoding/http_text_xml_charset_2.xml',
        'encoding/http_text_xml_charset_overrides_encoding_2.xml',
      ]);
    });

    test('files whose Expect names the charset are decoded with it', () => {
      /** WHATWG decoders: us-ascii and iso-8859-1 are windows-1252; gb2312's decoder (gbk) reads gb18030 too. */
      const canonical = (label: string) => {
        const name = label.startsWith('utf-32') ? label : new TextDecoder(label).encoding;
        return name === 'gb18030' ? 'gbk' : name;
      };
      const disagreements: string[] = [];
      let compared = 0;
      for (const outcome of encodingFiles()) {
        const match = outcome.expect ? ENCODING_CLAUSE.exec(outcome.expect) : null;
        if (!match) continue;
        // RFC 3023 made text/* without a charset us-ascii, ignoring the XML declaration; RFC 7303 (which replaced it)
        // and we do not. These files are ASCII, so the text is the same either way.
        if (/^text\//.test(outcome.header ?? '') && !/charset=/i.test(outcome.header ?? '')) continue;
        compared += 1;
        const ours = detectCharset(outcome.bytes, outcome.header).encoding;
        if (ours !== canonical(match[1] ?? '')) disagreements.push(`${outcome.file}: ${match[1]} vs ${ours}`);
      }
      expect(disagreements).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(40);
    });
  });
});
