import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BadInputError } from '../../core/errors.ts';
import { decodeBody } from './decode-body.ts';
import { parseFeed, type FeedItem } from './parse-feed.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/feeds');
const fixture = (name: string) =>
  decodeBody(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))), null);

const rss = (items: string, attributes = 'version="2.0"') =>
  `<?xml version="1.0"?><rss ${attributes} xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
  `xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">` +
  `<channel><title>T</title>${items}</channel></rss>`;
const atom = (entries: string) =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${entries}</feed>`;

async function firstItem(xml: string): Promise<FeedItem> {
  const feed = await parseFeed(xml);
  const item = feed.items[0];
  if (!item) throw new Error('no item');
  return item;
}

async function rejection(xml: string): Promise<BadInputError> {
  const error: unknown = await parseFeed(xml).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadInputError);
  return error as BadInputError;
}

describe('parseFeed on fixtures', () => {
  test('Swedish RSS 2.0: content:encoded preferred, scripts gone, ids from guid or link or hash', async () => {
    const feed = await parseFeed(fixture('swedish-rss2.xml'));
    expect(feed.title).toBe('Nyheter från Exempelby kommun');
    expect(feed.truncated).toBe(false);
    expect(feed.items).toHaveLength(3);
    const [first, second, third] = feed.items;
    expect(first).toEqual({
      externalId: 'exempelby-2026-101',
      url: 'https://exempelby.example/nyheter/orosanmalan?utm_source=rss',
      title: 'Så går en orosanmälan till',
      text: 'Socialtjänsten tar inte barn utan beslut.\nLäs mer om stöd till föräldrar & familjer.',
      author: 'Kommunikationsavdelningen',
      publishedAt: new Date('2026-11-16T08:30:00Z'),
    });
    expect(second).toMatchObject({
      externalId: 'https://exempelby.example/nyheter/oppet-hus',
      text: 'Välkommen på fika, lördag kl. 10.',
      author: null,
      publishedAt: new Date('2026-11-17T13:00:00Z'),
    });
    expect(third?.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(third).toMatchObject({ url: null, title: 'Rättelse', publishedAt: null });
  });

  test('Atom 1.0: xhtml content over summary, html title, published over updated, bad date → null', async () => {
    const feed = await parseFeed(fixture('atom10.xml'));
    expect(feed.title).toBe('Regionnytt');
    expect(feed.items).toEqual([
      {
        externalId: 'tag:regionnytt.example,2026:1',
        url: 'https://regionnytt.example/a/1',
        title: 'Fakta om LVU',
        text: 'Tvångsvård enligt LVU beslutas av förvaltningsrätten.',
        author: 'Anna Redaktör',
        publishedAt: new Date('2026-11-16T07:00:00Z'),
      },
      {
        externalId: 'tag:regionnytt.example,2026:2',
        url: 'https://regionnytt.example/a/2',
        title: 'Endast sammanfattning',
        text: 'Socialnämnden möts torsdag.',
        author: null,
        publishedAt: new Date('2026-11-15T10:00:00Z'),
      },
      {
        externalId: 'tag:regionnytt.example,2026:3',
        url: null,
        title: 'Datum som inte går att läsa',
        text: 'Vanlig text utan märkning.',
        author: null,
        publishedAt: null,
      },
    ]);
  });

  test('ISO-8859-1 feed through decodeBody keeps å ä ö', async () => {
    const item = await firstItem(fixture('latin1-rss.xml'));
    expect(item.title).toBe('Socialtjänsten i Trollhättan svarar på rykten');
    expect(item.text).toBe(
      'Så här går en orosanmälan till. Föräldrar får stöd, inte straff. Pris: 0 kr · © Lokalnytt',
    );
  });

  test('cut-off feed is malformed-feed with a position', async () => {
    const error = await rejection(fixture('malformed.xml'));
    expect(error.reason).toBe('malformed-feed');
    expect(error.message).toMatch(/line \d+, column \d+/);
    expect(error.message).not.toContain('\n');
  });
});

describe('parseFeed item mapping', () => {
  test.each<[string, string, Partial<FeedItem>]>([
    [
      'RSS guid permalink without link becomes the url',
      rss('<item><guid>https://x.example/1</guid><description>d</description></item>'),
      { externalId: 'https://x.example/1', url: 'https://x.example/1' },
    ],
    [
      'empty content:encoded falls back to description',
      rss(
        '<item><guid>g</guid><content:encoded></content:encoded><description>fallback</description></item>',
      ),
      { text: 'fallback' },
    ],
    [
      'dc:description is read when nothing else is there',
      rss('<item><guid>g</guid><dc:description>dc text</dc:description></item>'),
      { text: 'dc text' },
    ],
    [
      'itunes:summary is read when nothing else is there',
      rss('<item><guid>g</guid><itunes:summary>podd</itunes:summary></item>'),
      { text: 'podd' },
    ],
    [
      'dc:creator and dc:date',
      rss(
        '<item><guid>g</guid><dc:creator>Eva</dc:creator><dc:date>2026-11-16T12:00:00+01:00</dc:date></item>',
      ),
      { author: 'Eva', publishedAt: new Date('2026-11-16T11:00:00Z') },
    ],
    [
      'HTML in titles becomes text',
      rss('<item><guid>g</guid><title>&lt;b&gt;Fet&lt;/b&gt; &amp;amp; rak</title></item>'),
      { title: 'Fet & rak' },
    ],
    [
      '<rss> without version is read as RSS 2',
      rss('<item><guid>g</guid><title>utan version</title></item>', ''),
      { title: 'utan version' },
    ],
    [
      'items straight under <rss> (no <channel>) are salvaged',
      '<rss><item><guid>loose</guid><title>lös</title></item></rss>',
      { externalId: 'loose', title: 'lös' },
    ],
    [
      'RSS 0.91',
      rss('<item><title>gammal</title><link>https://x.example/old</link></item>', 'version="0.91"'),
      { externalId: 'https://x.example/old', title: 'gammal' },
    ],
    [
      'RSS 1.0 (RDF): rdf:about is the id, dc:date the date',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://x.example/"><title>R</title></channel>' +
        '<item rdf:about="https://x.example/r1"><title>rdf</title><link>https://x.example/r1</link>' +
        '<dc:date>2026-11-16T12:00:00Z</dc:date></item></rdf:RDF>',
      { externalId: 'https://x.example/r1', title: 'rdf', publishedAt: new Date('2026-11-16T12:00:00Z') },
    ],
    [
      'Atom xhtml title flattened to text',
      atom(
        '<entry><id>e</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hej <b>där</b></div></title></entry>',
      ),
      { title: 'Hej där' },
    ],
    [
      'Atom link written as text (no href) is still the url',
      atom('<entry><id>e</id><title>t</title><link>https://x.example/textlink</link></entry>'),
      { url: 'https://x.example/textlink' },
    ],
    [
      'Atom 0.3 issued date',
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>e</id><issued>2004-06-02T19:07:55-04:00</issued></entry></feed>',
      { publishedAt: new Date('2004-06-02T23:07:55Z') },
    ],
    [
      'Atom entry with an unreadable updated date keeps the rest of the feed',
      atom('<entry><id>e</id><title>t</title><updated>not a date</updated></entry>'),
      { title: 't', publishedAt: null },
    ],
    [
      'Atom xhtml title keeps escaped markup as text',
      atom(
        '<entry><id>e</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Om &lt;LVU&gt; och <b>SoL</b></div></title></entry>',
      ),
      { title: 'Om <LVU> och SoL' },
    ],
    [
      'naked inline markup in an Atom 0.3 summary keeps its children',
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>e</id><summary>Fakta <b>om</b></summary></entry></feed>',
      { text: 'Fakta om' },
    ],
    [
      'script inside xhtml content is dropped, not flattened into the text',
      atom(
        '<entry><id>e</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">säker<script>location.href=1</script></div></content></entry>',
      ),
      { text: 'säker' },
    ],
    [
      "svg-only content gives no text (rss-parser's snippet is not a fallback)",
      atom(
        '<entry><id>e</id><title>t</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><svg><title>bild</title></svg></div></content></entry>',
      ),
      { text: '' },
    ],
    [
      'Atom 0.3 mode="base64" is decoded',
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>e</id><title mode="base64">${Buffer.from('Hej <b>då</b>').toString('base64')}</title></entry></feed>`,
      { title: 'Hej då' },
    ],
    [
      'Atom 1.0 content of a binary type is base64; undecodable bytes give no text',
      atom(
        `<entry><id>e</id><summary>s</summary><content type="application/octet-stream">${Buffer.from([0xff, 0x00, 0x10]).toString('base64')}</content></entry>`,
      ),
      { text: 's' },
    ],
    [
      'xhtml:body is read when there is no other body',
      rss(
        '<item xmlns:xhtml="http://www.w3.org/1999/xhtml"><guid>g</guid><xhtml:body><xhtml:p>Kropp</xhtml:p></xhtml:body></item>',
      ),
      { text: 'Kropp' },
    ],
  ])('%s', async (_name, xml, expected) => {
    expect(await firstItem(xml)).toMatchObject(expected);
  });

  test('hash ids are stable and depend on title and text', async () => {
    const xml = (text: string) => rss(`<item><title>t</title><description>${text}</description></item>`);
    const [a, b, c] = await Promise.all([
      firstItem(xml('same')),
      firstItem(xml('same')),
      firstItem(xml('other')),
    ]);
    expect(a.externalId).toBe(b.externalId);
    expect(a.externalId).not.toBe(c.externalId);
  });

  test('a guid longer than 512 characters is hashed', async () => {
    const item = await firstItem(rss(`<item><guid>${'g'.repeat(600)}</guid></item>`));
    expect(item.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('parseFeed ids of items without a guid', () => {
  const channel = (link: string, items: string) =>
    rss(items).replace('<channel><title>T</title>', `<channel><title>T</title><link>${link}</link>`);
  const linked = (link: string, title: string) =>
    `<item><title>${title}</title><link>${link}</link><description>${title} text</description></item>`;
  const ids = async (xml: string) => (await parseFeed(xml)).items.map((item) => item.externalId);

  test('an item whose link no other item has keeps the link as its id, as before', async () => {
    expect(
      await ids(
        channel(
          'https://x.example/',
          linked('https://x.example/a', 'A') + linked('https://x.example/b', 'B'),
        ),
      ),
    ).toEqual(['https://x.example/a', 'https://x.example/b']);
  });

  test('items sharing a link get the link plus a digest of what they say: one post each', async () => {
    const xml = channel(
      'https://x.example/blog',
      linked('https://x.example/', 'First') +
        linked('https://x.example/', 'Second') +
        linked('https://x.example/c', 'C'),
    );
    const [first, second, third] = await ids(xml);
    expect(first).toMatch(/^https:\/\/x\.example\/#sha256:[0-9a-f]{32}$/);
    expect(second).toMatch(/^https:\/\/x\.example\/#sha256:[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
    expect(third).toBe('https://x.example/c');
    // Stable from poll to poll, wherever the item sits in the feed.
    const reordered = channel(
      'https://x.example/blog',
      linked('https://x.example/', 'Second') + linked('https://x.example/', 'First'),
    );
    expect(await ids(reordered)).toEqual([second, first]);
  });

  test("an item linking to the feed's own home page is not named by that link, even alone", async () => {
    const [id] = await ids(channel('https://x.example/', linked('https://x.example/', 'Only')));
    expect(id).toMatch(/^https:\/\/x\.example\/#sha256:/);
  });

  test('links compare as pages: relative or with a fragment, the home page is the home page', async () => {
    const [a, b] = await ids(
      channel('https://x.example/', linked('/', 'Rel') + linked('https://x.example/#top', 'Frag')),
    );
    expect(a).toMatch(/^\/#sha256:/);
    expect(b).toMatch(/^https:\/\/x\.example\/#top#sha256:/);
  });

  test('items with a guid keep it, whatever their link', async () => {
    const item = (guid: string) =>
      `<item><guid>${guid}</guid><link>https://x.example/</link><description>${guid}</description></item>`;
    expect(await ids(channel('https://x.example/', item('g1') + item('g2')))).toEqual(['g1', 'g2']);
  });
});

describe('parseFeed limits', () => {
  const items = (count: number) =>
    rss(
      Array.from({ length: count }, (_, i) => `<item><guid>${i}</guid><title>n${i}</title></item>`).join(''),
    );

  test('keeps 1,000 items by default and says it truncated', async () => {
    const feed = await parseFeed(items(1_005));
    expect(feed.items).toHaveLength(1_000);
    expect(feed.items.at(-1)?.externalId).toBe('999');
    expect(feed.truncated).toBe(true);
  });

  test.each([
    [3, 3, false],
    [3, 2, true],
  ])('%i items with maxItems %i → truncated %s', async (count, maxItems, truncated) => {
    const feed = await parseFeed(items(count), { maxItems });
    expect(feed.items).toHaveLength(Math.min(count, maxItems));
    expect(feed.truncated).toBe(truncated);
  });

  test('text is cut at 100,000 characters by default, without splitting a surrogate pair', async () => {
    const long = await firstItem(
      rss(`<item><guid>g</guid><description>${'å'.repeat(150_000)}</description></item>`),
    );
    expect(long.text).toHaveLength(100_000);
    const emoji = await parseFeed(
      rss(`<item><guid>g</guid><description>a${'😀'.repeat(10)}</description></item>`),
      {
        maxTextChars: 4,
      },
    );
    expect(emoji.items[0]?.text).toBe('a😀');
  });
});

describe('parseFeed rejections', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test.each([
    ['empty document', 'malformed-feed', /empty document/, ''],
    ['only white space and a BOM', 'malformed-feed', /empty document/, '\ufeff \n\t'],
    ['JSON', 'malformed-feed', /not XML/, '{"version": "https://jsonfeed.org/version/1"}'],
    [
      'an HTML page',
      'malformed-feed',
      /root element <html>/,
      '<!DOCTYPE html><html><body><p>Hej</p></body></html>',
    ],
    [
      'XML that is not a feed',
      'malformed-feed',
      /root element <note>/,
      '<?xml version="1.0"?><note><to>x</to></note>',
    ],
    ['<rss> without <channel>', 'malformed-feed', /no <channel>/, '<rss version="2.0"></rss>'],
    ['comment only', 'malformed-feed', /no root element/, '<!-- nothing -->'],
    ['undefined entity', 'malformed-feed', /entity/i, rss('<item><title>&nosuch;</title></item>')],
    ['unclosed item', 'malformed-feed', /unclosed/i, '<rss version="2.0"><channel><item><title>x</title>'],
    [
      'billion laughs',
      'xml-entities',
      /entities/,
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
        '<rss version="2.0"><channel><title>&lol2;</title></channel></rss>',
    ],
    [
      'external entity (XXE)',
      'xml-entities',
      /entities/,
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<rss version="2.0"><channel><title>&xxe;</title></channel></rss>',
    ],
    [
      'parameter entity',
      'xml-entities',
      /entities/,
      '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://x.example/p.dtd"> %p;]><rss version="2.0"><channel/></rss>',
    ],
  ])('%s → %s', async (_name, reason, message, xml) => {
    const error = await rejection(xml);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  test('a DOCTYPE without entities is fine, and "<!ENTITY" in text without a DOCTYPE is just text', async () => {
    const withDoctype = `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">${rss('<item><guid>g</guid></item>', 'version="0.91"').replace(/^<\?xml[^>]*>/, '')}`;
    expect((await parseFeed(withDoctype)).items).toHaveLength(1);
    const cdata = rss(
      '<item><guid>g</guid><description><![CDATA[write <!ENTITY x "y"> in a DTD]]></description></item>',
    );
    expect((await firstItem(cdata)).text).toContain('write');
  });

  test.each([
    [
      'rejects with',
      (error: Error) => vi.spyOn(Parser.prototype, 'parseString').mockRejectedValueOnce(error),
    ],
    [
      'throws synchronously',
      (error: Error) =>
        vi.spyOn(Parser.prototype, 'parseString').mockImplementationOnce(() => {
          throw error;
        }),
    ],
  ])('rss-parser that %s a raw TypeError gives malformed-feed', async (_how, install) => {
    install(new TypeError("Cannot read properties of undefined (reading '0')"));
    const error = await rejection(rss(''));
    expect(error.reason).toBe('malformed-feed');
    expect(error.message).toMatch(/^feed structure not understood: Cannot read properties/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  test('failures do not leak between concurrent parses', async () => {
    const good = rss('<item><guid>ok</guid></item>');
    const results = await Promise.allSettled(
      [good, '<rss><channel><item>', good, '<x/>', good].map((x) => parseFeed(x)),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });
});
