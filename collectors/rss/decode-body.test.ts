import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { charsetParam, decodeBody, decodeFeedBody, detectCharset } from './decode-body.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '../../test/fixtures/feeds');
const ENCODING_CORPUS = path.join(here, '../../../shared/eval/feeds/encoding');
const hasCorpus = fs.existsSync(ENCODING_CORPUS);

const bytes = (text: string, encoding: BufferEncoding = 'utf8') =>
  new Uint8Array(Buffer.from(text, encoding));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const utf32 = (text: string, littleEndian: boolean) => {
  const codes = [...text].map((char) => char.codePointAt(0) ?? 0);
  const view = new DataView(new ArrayBuffer(codes.length * 4));
  codes.forEach((code, i) => view.setUint32(i * 4, code, littleEndian));
  return new Uint8Array(view.buffer);
};
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** The Content-Type feedparser's harness would send for a corpus file (its `Header: Content-type:` comment line). */
function corpusHeader(file: Uint8Array): string | null {
  const ascii = Buffer.from(file).toString('latin1').replace(/\0/g, '');
  return /^Header:\s*Content-type:\s*(.*)$/im.exec(ascii)?.[1]?.trim() ?? null;
}

describe('charsetParam', () => {
  test.each([
    ['application/rss+xml; charset=utf-8', 'utf-8'],
    ['text/xml;charset= "us-ascii"', 'us-ascii'],
    ["application/atom+xml; charset='gb2312'", 'gb2312'],
    ['application/xml;charset = us-ascii', 'us-ascii'],
    ['text/xml;', null],
    ['text/xml; charset:iso-8859-1', null],
    ['text/xml; qs=0.9', null],
    ['text/xml', null],
    [null, null],
  ])('%j → %j', (contentType, expected) => {
    expect(charsetParam(contentType)).toBe(expected);
  });
});

describe('detectCharset: BOM > HTTP charset > XML declaration / NUL pattern > UTF-8', () => {
  const decl = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?><rss/>`;
  test.each([
    [
      'UTF-8 BOM beats header and declaration',
      concat(Uint8Array.of(0xef, 0xbb, 0xbf), bytes(decl('big5'))),
      'text/xml; charset=iso-8859-1',
      'utf-8',
      'bom',
    ],
    ['UTF-16LE BOM', concat(Uint8Array.of(0xff, 0xfe), bytes('<rss/>', 'utf16le')), null, 'utf-16le', 'bom'],
    ['UTF-16BE BOM', concat(Uint8Array.of(0xfe, 0xff), utf16be('<rss/>')), null, 'utf-16be', 'bom'],
    ['UTF-32LE BOM (not mistaken for UTF-16LE)', utf32('\ufeff<rss/>', true), null, 'utf-32le', 'bom'],
    ['UTF-32BE BOM', utf32('\ufeff<rss/>', false), null, 'utf-32be', 'bom'],
    ['header beats declaration', bytes(decl('big5')), 'text/xml; charset=euc-kr', 'euc-kr', 'http'],
    [
      'declaration when header has no charset',
      bytes(decl('ISO-8859-1')),
      'application/rss+xml',
      'windows-1252',
      'xml',
    ],
    ['Python spelling utf_8', bytes(decl('utf_8')), null, 'utf-8', 'xml'],
    ['UTF-16BE without BOM, declared utf-16', utf16be(decl('utf-16')), null, 'utf-16be', 'xml'],
    ['UTF-16LE without BOM or declaration', bytes('<rss/>', 'utf16le'), null, 'utf-16le', 'sniff'],
    ['UTF-32BE without BOM', utf32(decl('utf-32'), false), null, 'utf-32be', 'xml'],
    [
      'UTF-16 bytes beat an ASCII-compatible header',
      bytes('<rss/>', 'utf16le'),
      'text/xml; charset=utf-8',
      'utf-16le',
      'sniff',
    ],
    ['utf-16 declared over ASCII bytes is ignored', bytes(decl('utf-16')), null, 'utf-8', 'default'],
    ['unknown label falls back to UTF-8', bytes(decl('bogus')), null, 'utf-8', 'default'],
    ['nothing at all', bytes('<rss/>'), null, 'utf-8', 'default'],
  ])('%s', (_name, body, contentType, encoding, source) => {
    expect(detectCharset(body, contentType)).toMatchObject({ encoding, source });
  });

  test('notes labels it could not use', () => {
    expect(
      detectCharset(bytes('<?xml version="1.0" encoding="bogus"?><rss/>'), 'text/xml; charset=klingon'),
    ).toEqual({
      encoding: 'utf-8',
      source: 'default',
      ignored: ['klingon', 'bogus'],
    });
  });
});

describe('decodeBody', () => {
  test('ISO-8859-1 Swedish feed: å ä ö from single bytes, declaration no longer names latin-1', () => {
    const file = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'latin1-rss.xml')));
    expect(file.includes(0xe5)).toBe(true);
    const text = decodeBody(file, 'application/rss+xml');
    expect(text).toContain('Socialtjänsten i Trollhättan');
    expect(text).toContain('Lokalnytt från Höör');
    expect(text).not.toContain('\uFFFD');
    expect(text.startsWith('<?xml version="1.0"?>')).toBe(true);
  });

  test('windows-1252 bytes 0x80–0x9F become “ ” € (works around nodejs/node#60888)', () => {
    const body = Uint8Array.of(...bytes('<t>'), 0x93, 0x61, 0x94, 0x20, 0x80, 0x20, 0x92, ...bytes('</t>'));
    expect(decodeBody(body, 'text/xml; charset=windows-1252')).toBe('<t>\u201ca\u201d \u20ac \u2019</t>');
  });

  test.each([
    [
      'invalid UTF-8 bytes',
      Uint8Array.of(0x3c, 0x61, 0x3e, 0xff, 0xc3, 0x3c, 0x2f, 0x61, 0x3e),
      '<a>\uFFFD\uFFFD</a>',
    ],
    ['UTF-32 code point above U+10FFFF', utf32('<a>', true).slice(0).fill(0xff, 4, 8), '<\uFFFD>'],
    ['ragged UTF-32 tail', concat(utf32('<a>', false), Uint8Array.of(0, 0)), '<a>\uFFFD'],
  ])('%s become U+FFFD instead of throwing', (_name, body, expected) => {
    expect(decodeBody(body, null)).toBe(expected);
  });

  test('strips the BOM and keeps a UTF-8 declaration as it is', () => {
    const body = concat(
      Uint8Array.of(0xef, 0xbb, 0xbf),
      bytes('<?xml version="1.0" encoding="UTF-8"?><a>å</a>'),
    );
    expect(decodeBody(body, null)).toBe('<?xml version="1.0" encoding="UTF-8"?><a>å</a>');
  });

  test('a declaration naming another encoding loses its encoding attribute, keeps the rest', () => {
    const body = utf16be("<?xml version='1.0' encoding='utf-16' standalone='yes'?><a/>");
    expect(decodeBody(body, null)).toBe("<?xml version='1.0' standalone='yes'?><a/>");
  });
});

describe('decodeFeedBody: bytes labelled UTF-8 that are not', () => {
  /** Text → bytes of a single-byte encoding (the decoder's table, inverted). */
  const singleByte = (text: string, encoding: string) => {
    const decoder = new TextDecoder(encoding);
    const table = new Map<string, number>();
    for (let byte = 255; byte >= 0; byte -= 1) table.set(decoder.decode(Uint8Array.of(byte)), byte);
    return Uint8Array.from([...text].map((char) => table.get(char) ?? 0x3f));
  };
  const ARABIC = 'أعلنت وزارة الشؤون الاجتماعية اليوم عن خطة جديدة لدعم الأسر والخدمات الاجتماعية';
  const RUSSIAN = 'Социальная служба забирает детей у семей: это слух, который распространяется в сети';
  const feed = (title: string, declaration = '<?xml version="1.0"?>') =>
    `${declaration}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;
  const UTF8 = 'application/rss+xml; charset=utf-8';

  test('Arabic windows-1256 served as charset=utf-8 is read as windows-1256, and says so', () => {
    const decoded = decodeFeedBody(singleByte(feed(ARABIC), 'windows-1256'), UTF8);
    expect(decoded).toMatchObject({
      encoding: 'windows-1256',
      source: 'guess',
      notUtf8: true,
      replacedShare: 0,
    });
    expect(decoded.ignored).toEqual(['utf-8']);
    expect(decoded.text).toContain(ARABIC);
  });

  test("the XML declaration's encoding is tried first when the header's UTF-8 is wrong", () => {
    const declaration = '<?xml version="1.0" encoding="windows-1251"?>';
    const decoded = decodeFeedBody(singleByte(feed(RUSSIAN, declaration), 'windows-1251'), UTF8);
    expect(decoded).toMatchObject({ encoding: 'windows-1251', source: 'xml', notUtf8: true });
    expect(decoded.text).toContain(RUSSIAN);
  });

  test('Swedish windows-1252 without any label is read as windows-1252', () => {
    const body = new Uint8Array(
      Buffer.from(feed('Socialtjänsten i Trollhättan, så här går det till'), 'latin1'),
    );
    const decoded = decodeFeedBody(body, 'text/xml');
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'guess', notUtf8: true });
    expect(decoded.text).toContain('Socialtjänsten i Trollhättan, så här');
  });

  test('bytes no guess fits (Cyrillic, no declaration) stay UTF-8, with the share of U+FFFD reported', () => {
    const decoded = decodeFeedBody(singleByte(feed(RUSSIAN), 'windows-1251'), UTF8);
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'http', notUtf8: false });
    expect(decoded.replacedShare).toBeGreaterThan(0.3);
    expect(decoded.replacedShare).toBeLessThan(1);
  });

  test('UTF-8 with one damaged character stays UTF-8: a guess would spoil the rest', () => {
    const body = concat(bytes(feed('Socialtjänsten ')), Uint8Array.of(0xe4), bytes(' och förvaltningen'));
    const decoded = decodeFeedBody(body, UTF8);
    expect(decoded).toMatchObject({ encoding: 'utf-8', notUtf8: false });
    expect(decoded.text).toContain('Socialtjänsten');
    expect(decoded.replacedShare).toBeGreaterThan(0);
  });

  test('valid UTF-8, also one spelling U+FFFD itself, reports nothing replaced', () => {
    expect(decodeFeedBody(bytes(feed('ok \uFFFD å')), UTF8)).toMatchObject({
      encoding: 'utf-8',
      replacedShare: 0,
      notUtf8: false,
    });
  });
});

describe.skipIf(!hasCorpus)('decodeBody on feedparser encoding files', () => {
  const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(ENCODING_CORPUS, name)));

  test.each([
    ['big5.xml', 'big5', 'xml'],
    ['euc-kr.xml', 'euc-kr', 'xml'],
    ['utf-16be-bom.xml', 'utf-16be', 'bom'],
    ['utf-16le-autodetect.xml', 'utf-16le', 'xml'],
    ['u16.xml', 'utf-16be', 'xml'],
    ['utf-32le-bom.xml', 'utf-32le', 'bom'],
    ['utf_32.xml', 'utf-32be', 'xml'],
    ['http_application_atom_xml_gb2312_charset.xml', 'gbk', 'http'],
    ['http_text_xml_charset_2.xml', 'windows-1252', 'http'],
    ['http_application_xml_charset_overrides_encoding.xml', 'windows-1252', 'http'],
    ['http_text_xml_bogus_param.xml', 'utf-8', 'default'],
    ['no_content_type_encoding.xml', 'windows-1252', 'xml'],
  ])('%s → %s from %s', (name, encoding, source) => {
    const file = read(name);
    const decoded = decodeFeedBody(file, corpusHeader(file));
    expect(decoded).toMatchObject({ encoding, source });
    expect(decoded.text.trimStart().startsWith('<')).toBe(true);
    expect(decoded.text).toMatch(/<\/(rss|feed)>\s*$/);
  });

  test.each([
    ['euc-kr.xml', '\ub144'],
    ['euc-kr-item.xml', '\ub144'],
    ['http_text_xml_charset_2.xml', 'This is a \xa3\u201ctest.\u201d'],
    ['http_i18n.xml', 'I\xf1t\xebrn\xe2ti\xf4n\xe0liz\xe6ti\xf8n'],
  ])('%s contains %j', (name, expected) => {
    const file = read(name);
    expect(decodeBody(file, corpusHeader(file))).toContain(expected);
  });
});
