/**
 * All 2,106 files of feedparser's test corpus (../shared/eval/feeds, read in place) through decodeBody + parseFeed:
 * nothing may crash, and where a file's `Expect:` line names a title, text or charset we must agree with it,
 * except for the known differences listed in feed-corpus.ts with their reasons.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { decodeFeedBody, detectCharset } from './decode-body.ts';
import {
  compareWithExpect,
  type CorpusResult,
  ENCODING_CLAUSE,
  FEED_CORPUS_DIR as CORPUS,
  FIELD_CLAUSE,
  hasItemElement,
  isParsed as isFeed,
  knownDifference,
  listCorpusFiles,
  normalise,
  ORD_CLAUSE,
  ourField,
  parseCorpusFile,
  pyString,
  readCorpusMeta,
} from './feed-corpus.ts';

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
  result: CorpusResult;
  ms: number;
}

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

describe.skipIf(!hasCorpus)('feed corpus (feedparser tests, read in place)', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    for (const file of listCorpusFiles(CORPUS)) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
      const { header, expect: expectLine } = readCorpusMeta(bytes);
      const started = performance.now();
      const result = await parseCorpusFile(bytes, header);
      const ms = performance.now() - started;
      outcomes.push({ file, bytes, header, expect: expectLine, result, ms });
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
      if (!isFeed(outcome.result)) continue;
      const mismatch = compareWithExpect(outcome.file, outcome.expect, outcome.result);
      if (mismatch === null) continue;
      compared += 1;
      if (mismatch) mismatches.push(mismatch);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(900);
  });

  test('every well-formed file with an <item> or <entry> yields items, except known differences', () => {
    const unread = outcomes
      .filter((o) => o.file.startsWith('wellformed/') && !knownDifference(o.file))
      .filter((o) => !(isFeed(o.result) && o.result.items.length > 0))
      .filter((o) => hasItemElement(decodeFeedBody(o.bytes, o.header).text))
      .map((o) => o.file);
    expect(unread).toEqual([]);
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
