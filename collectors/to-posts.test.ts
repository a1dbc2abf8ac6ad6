import { describe, expect, it } from 'vitest';
import { createPseudonymiser } from '../core/pseudonym.ts';
import {
  itemsToPosts,
  MAX_URL_CHARS,
  postPseudonyms,
  SUPPRESSED_AUTHOR,
  SUPPRESSED_FORWARDED,
  withoutSuppressed,
} from './to-posts.ts';

const collectedAt = new Date('2026-11-23T12:00:00Z');
const options = {
  pseudonymise: createPseudonymiser('k'.repeat(32)),
  baseUrl: 'https://feed.example/rss',
  collectedAt,
};
const item = (over: Partial<Parameters<typeof itemsToPosts>[0][number]> = {}) => ({
  externalId: 'id-1',
  url: '/p/1?utm_campaign=x',
  title: ' Titel ',
  text: ' Brödtext ',
  author: '@Someone',
  publishedAt: new Date('2026-11-22T08:00:00Z'),
  ...over,
});

describe('itemsToPosts', () => {
  it('canonicalises the URL against the feed, trims, pseudonymises and hashes', () => {
    const { posts, skipped, repaired } = itemsToPosts([item()], options);
    expect(skipped).toEqual([]);
    expect(repaired).toEqual([]);
    expect(posts[0]).toMatchObject({
      externalId: 'id-1',
      url: 'https://feed.example/p/1',
      title: 'Titel',
      text: 'Brödtext',
      publishedAt: new Date('2026-11-22T08:00:00Z'),
    });
    expect(posts[0]?.authorPseudonym).toBe(options.pseudonymise('someone'));
    expect(posts[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('falls back to the title as text, and skips items with neither, saying why', () => {
    const { posts, skipped } = itemsToPosts(
      [item({ externalId: 'a', text: '  ' }), item({ externalId: 'b', text: '', title: null })],
      options,
    );
    expect(posts.map((p) => [p.externalId, p.text])).toEqual([['a', 'Titel']]);
    expect(skipped).toEqual([{ externalId: 'b', reason: 'no text, title or image' }]);
  });

  it('keeps a post that is only an image (a screenshot, read later by OCR), identified by its image', () => {
    const screenshot = (externalId: string, url: string) =>
      item({ externalId, text: '', title: null, media: [{ url, kind: 'image' }] });
    const { posts, skipped } = itemsToPosts(
      [
        screenshot('s1', '/img/1.jpg'),
        screenshot('s2', '/img/2.jpg'),
        item({ externalId: 'v', text: '', title: null, media: [{ url: '/clip.mp4', kind: 'video' }] }),
      ],
      options,
    );
    expect(posts.map((p) => [p.externalId, p.text, p.media])).toEqual([
      ['s1', '', [{ url: 'https://feed.example/img/1.jpg', kind: 'image' }]],
      ['s2', '', [{ url: 'https://feed.example/img/2.jpg', kind: 'image' }]],
    ]);
    // Two different screenshots are two posts, not one empty text.
    expect(posts[0]?.contentHash).not.toBe(posts[1]?.contentHash);
    expect(skipped).toEqual([{ externalId: 'v', reason: 'no text, title or image' }]);
  });

  it.each([
    ['missing', null],
    ['far in the future', new Date('2027-01-01T00:00:00Z')],
    ['in year 0000', new Date('0000-01-01T00:00:00Z')],
    ['after 2100', new Date('+010000-01-01T00:00:00Z')],
  ])('uses the collection time when the date is %s', (_label, publishedAt) => {
    expect(itemsToPosts([item({ publishedAt })], options).posts[0]?.publishedAt).toEqual(collectedAt);
  });

  it('says why a date was replaced, and stores the item beside the good ones', () => {
    const { posts, repaired } = itemsToPosts(
      [
        item({ externalId: 'bad', publishedAt: new Date('0000-01-01T00:00:00Z') }),
        item({ externalId: 'ok' }),
      ],
      options,
    );
    expect(posts.map((p) => p.externalId)).toEqual(['bad', 'ok']);
    expect(repaired).toEqual([
      {
        externalId: 'bad',
        reason: 'date 0000-01-01T00:00:00.000Z is outside 1970–2100; collection time used',
      },
    ]);
  });

  it('keeps the first of two items with one id and skips the second with the reason', () => {
    const { posts, skipped } = itemsToPosts(
      [item({ externalId: 'same', text: 'första' }), item({ externalId: 'same', text: 'andra' })],
      options,
    );
    expect(posts.map((p) => p.text)).toEqual(['första']);
    expect(skipped).toEqual([{ externalId: 'same', reason: 'same id as item 1' }]);
  });

  it('drops a link too long to index (after canonicalising), keeps the post and says why', () => {
    // Each Arabic letter becomes six characters once percent-encoded.
    const { posts, repaired } = itemsToPosts(
      [item({ url: `/${'س'.repeat(Math.ceil(MAX_URL_CHARS / 6))}` })],
      options,
    );
    expect(posts[0]?.url).toBeNull();
    expect(repaired).toEqual([
      { externalId: 'id-1', reason: `link longer than ${MAX_URL_CHARS} characters; dropped` },
    ]);
  });

  it('never hands on NUL or a lone surrogate, which fail the whole batch in Postgres', () => {
    const { posts } = itemsToPosts(
      [item({ externalId: 'g\u0000', title: 'T\ud800', text: 'a\u0000b', context: { thread: 't\u0000' } })],
      options,
    );
    expect(JSON.stringify(posts)).not.toMatch(/\\u0000|\\ud[89ab]/);
    expect(posts[0]).toMatchObject({
      externalId: 'g',
      title: 'T\ufffd',
      text: 'ab',
      context: { thread: 't' },
    });
  });

  it("stores where a forward came from as that account's pseudonym, the same one the account has as an author", () => {
    const { posts } = itemsToPosts(
      [
        item({ externalId: 'f1', context: { forwardedFrom: 'annan_kanal', replyTo: 'https://t.me/x/1' } }),
        item({ externalId: 'f2', text: 'annan', context: { forwardedFrom: 'Annan_Kanal' } }),
        item({ externalId: 'f3', text: 'tredje', context: { forwardedFrom: 'not-public' } }),
        item({ externalId: 'f4', text: 'fjärde', author: 'annan_kanal' }),
        item({ externalId: 'b1', text: 'boost', context: { forwardedFrom: 'Granskare@annan.example' } }),
      ],
      options,
    );
    const channel = options.pseudonymise('annan_kanal');
    expect(posts.map((p) => p.context)).toEqual([
      { forwardedFrom: channel, replyTo: 'https://t.me/x/1' },
      { forwardedFrom: channel },
      { forwardedFrom: 'not-public' },
      null,
      // What a data subject gives (`@granskare@annan.example`) pseudonymises to the same value.
      { forwardedFrom: options.pseudonymise('@granskare@annan.example') },
    ]);
    expect(posts[3]?.authorPseudonym).toBe(channel);
    expect(JSON.stringify(posts)).not.toMatch(/annan_kanal|granskare/i);
  });
});

describe('withoutSuppressed', () => {
  const { posts } = itemsToPosts(
    [
      item({ externalId: 'own', text: 'eget', author: 'tystad' }),
      item({
        externalId: 'boost',
        text: 'boostat',
        author: 'boostare',
        context: { forwardedFrom: 'tystad' },
      }),
      item({ externalId: 'other', text: 'annat', author: 'boostare', context: { forwardedFrom: 'annan' } }),
      item({
        externalId: 'private',
        text: 'privat',
        author: 'boostare',
        context: { forwardedFrom: 'not-public' },
      }),
      item({ externalId: 'anonymous', text: 'anonym', author: null }),
    ],
    options,
  );
  const tystad = options.pseudonymise('tystad') ?? '';

  it('names the author and the forwarded-from author, never the not-public marker', () => {
    expect(posts.map(postPseudonyms)).toEqual([
      [tystad],
      [options.pseudonymise('boostare'), tystad],
      [options.pseudonymise('boostare'), options.pseudonymise('annan')],
      [options.pseudonymise('boostare')],
      [],
    ]);
  });

  it('leaves out posts by a suppressed author and boosts or forwards of them, with the reason', () => {
    const result = withoutSuppressed(posts, new Set([tystad]));
    expect(result.posts.map((p) => p.externalId)).toEqual(['other', 'private', 'anonymous']);
    expect(result.skipped).toEqual([
      { externalId: 'own', reason: SUPPRESSED_AUTHOR },
      { externalId: 'boost', reason: SUPPRESSED_FORWARDED },
    ]);
  });

  it('leaves out what a suppressed booster put on the timeline', () => {
    const result = withoutSuppressed(posts, new Set([options.pseudonymise('boostare') ?? '']));
    expect(result.posts.map((p) => p.externalId)).toEqual(['own', 'anonymous']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      SUPPRESSED_AUTHOR,
      SUPPRESSED_AUTHOR,
      SUPPRESSED_AUTHOR,
    ]);
  });
});
