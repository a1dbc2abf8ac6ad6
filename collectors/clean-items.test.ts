import { describe, expect, it, test } from 'vitest';
import { cleanId, cleanItems, cleanSnapshot, MAX_ID_BYTES, MAX_TEXT_CHARS } from './clean-items.ts';
import type { CollectedItem } from './source-kind.ts';

const collectedAt = new Date('2026-11-23T12:00:00Z');
const item = (over: Partial<CollectedItem> = {}): CollectedItem => ({
  externalId: 'id-1',
  url: 'https://example.se/p/1',
  title: 'Titel',
  text: 'Brödtext',
  author: 'someone',
  publishedAt: new Date('2026-11-22T08:00:00Z'),
  ...over,
});
const clean = (items: CollectedItem[]) => cleanItems(items, { collectedAt });

describe('cleanId', () => {
  it('keeps every id that fits the index as it is', () => {
    const fits = 'å'.repeat(MAX_ID_BYTES / 2);
    expect(cleanId(fits)).toBe(fits);
  });

  it('hashes an id too long for the index, the same way every time', () => {
    const long = '中'.repeat(1_000);
    expect(cleanId(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cleanId(long)).toBe(cleanId(long));
    expect(cleanId(long)).not.toBe(cleanId(`${long}x`));
  });
});

describe('cleanItems', () => {
  it('cuts a text longer than any kind keeps (Mastodon and Telegram had no bound) and says why', () => {
    const long = `${'soc tar barn '.repeat(MAX_TEXT_CHARS / 12)}😀`;
    const result = clean([item({ text: long })]);
    expect(result.items[0]?.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(long.startsWith(result.items[0]?.text ?? 'x')).toBe(true);
    expect(result.repaired).toEqual([
      { externalId: 'id-1', reason: `text longer than ${MAX_TEXT_CHARS} characters; cut` },
    ]);
  });

  it('passes a clean poll through unchanged, reporting nothing', () => {
    const items = [
      item(),
      item({
        externalId: 'id-2',
        publishedAt: null,
        context: { forwardedFrom: 'https://t.me/x/1', replyTo: 'https://t.me/y/2' },
        media: [{ kind: 'image', url: 'https://example.se/1.jpg' }],
      }),
    ];
    expect(clean(items)).toEqual({ items, skipped: [], repaired: [] });
  });

  test.each([
    ['in year 0000', new Date('0000-01-01T00:00:00Z'), /0000-01-01T00:00:00.000Z is outside 1970–2100/],
    ['before 1970', new Date('1969-12-31T23:59:59Z'), /outside 1970–2100/],
    ['in 2100', new Date('2100-01-01T00:00:00Z'), /outside 1970–2100/],
    ['in year 275760', new Date(8.64e15), /outside 1970–2100/],
    ['invalid', new Date(Number.NaN), /invalid date/],
    ['more than an hour after collection', new Date('2026-11-23T13:00:01Z'), /more than an hour after/],
  ])('drops a date %s, keeps the item and says why', (_name, publishedAt, reason) => {
    const result = clean([item({ publishedAt }), item({ externalId: 'good' })]);
    expect(result.items.map((i) => [i.externalId, i.publishedAt])).toEqual([
      ['id-1', null],
      ['good', new Date('2026-11-22T08:00:00Z')],
    ]);
    expect(result.repaired.map((r) => r.externalId)).toEqual(['id-1']);
    expect(result.repaired[0]?.reason).toMatch(reason);
    expect(result.repaired[0]?.reason).toMatch(/collection time used$/);
  });

  it.each([['1970-01-01T00:00:00Z'], ['2026-11-23T13:00:00Z']])('keeps the edge date %s', (iso) => {
    expect(clean([item({ publishedAt: new Date(iso) })]).items[0]?.publishedAt).toEqual(new Date(iso));
  });

  it('cleans NUL and lone surrogates out of every field, naming the fields', () => {
    const result = clean([
      item({
        externalId: 'guid\u0000',
        url: 'https://example.se/\u0000p',
        title: 'T\ud800',
        text: 'text\u0000',
        author: 'a\u0000',
        context: { replyTo: 'r\u0000', thread: 't\udc00' },
        media: [{ url: 'https://example.se/i\u0000.jpg', kind: 'image' }],
      }),
    ]);
    expect(result.items).toEqual([
      item({
        externalId: 'guid',
        url: 'https://example.se/p',
        title: 'T\ufffd',
        text: 'text',
        author: 'a',
        context: { replyTo: 'r', thread: 't\ufffd' },
        media: [{ url: 'https://example.se/i.jpg', kind: 'image' }],
      }),
    ]);
    expect(result.repaired).toEqual([
      {
        externalId: 'guid',
        reason:
          'NUL or lone surrogate characters removed from externalId, url, title, text, author, context, media',
      },
    ]);
  });

  it('keeps the first item of an id and skips the later ones, saying which came first', () => {
    const result = clean([
      item({ externalId: 'a', text: 'first' }),
      item({ externalId: 'b' }),
      item({ externalId: 'a', text: 'second' }),
      item({ externalId: 'a\u0000', text: 'third, same id once cleaned' }),
    ]);
    expect(result.items.map((i) => [i.externalId, i.text])).toEqual([
      ['a', 'first'],
      ['b', 'Brödtext'],
    ]);
    expect(result.skipped).toEqual([
      { externalId: 'a', reason: 'same id as item 1' },
      { externalId: 'a', reason: 'same id as item 1' },
    ]);
  });

  it('skips an item whose id is nothing once cleaned', () => {
    expect(clean([item({ externalId: '\u0000' })]).skipped).toEqual([
      { externalId: 'item 1', reason: 'empty id' },
    ]);
  });

  it('reports an id hashed for length', () => {
    const result = clean([item({ externalId: 'x'.repeat(MAX_ID_BYTES + 1) })]);
    expect(result.items[0]?.externalId).toMatch(/^sha256:/);
    expect(result.repaired[0]?.reason).toBe(`id longer than ${MAX_ID_BYTES} bytes; stored as its sha256`);
  });
});

describe('cleanSnapshot', () => {
  it('cleans the HTML and maps item ids as cleanItems stores them', () => {
    const long = 'y'.repeat(MAX_ID_BYTES + 1);
    const snapshot = cleanSnapshot({
      pageUrl: 'https://example.se/t/1',
      takenAt: collectedAt,
      png: new Uint8Array(),
      html: '<p>a\u0000b</p>',
      htmlTruncated: false,
      externalIds: ['p\u0000', long],
    });
    expect(snapshot.html).toBe('<p>ab</p>');
    expect(snapshot.externalIds).toEqual(
      clean([item({ externalId: 'p\u0000' }), item({ externalId: long })]).items.map((i) => i.externalId),
    );
  });
});
