import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { decodeBody } from './decode-body.ts';
import { htmlMedia, MAX_MEDIA_PER_ITEM, mediaKind } from './feed-media.ts';
import { parseFeed, type FeedItem } from './parse-feed.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/feeds');
const fixture = (name: string) =>
  decodeBody(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))), null);

const rss = (items: string) =>
  '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>' +
  `${items}</channel></rss>`;

async function firstItem(xml: string): Promise<FeedItem> {
  const item = (await parseFeed(xml)).items[0];
  if (!item) throw new Error('no item');
  return item;
}

describe('YouTube channel feed (test/fixtures/feeds/youtube-channel.xml)', () => {
  test('each video: watch link as url and video, thumbnail, description as text, views and likes', async () => {
    const feed = await parseFeed(fixture('youtube-channel.xml'));
    expect(feed.title).toBe('Familjerösten');
    expect(feed.items).toEqual([
      {
        externalId: 'yt:video:Xq3vT0aB1cD',
        url: 'https://www.youtube.com/watch?v=Xq3vT0aB1cD',
        title: 'Socialtjänsten tog barnen – en mammas berättelse',
        text: 'En mamma i Mellanby berättar hur soc hämtade hennes barn.\nDela videon innan den tas bort!',
        author: 'Familjerösten',
        publishedAt: new Date('2026-11-18T17:00:06Z'),
        media: [
          { url: 'https://www.youtube.com/watch?v=Xq3vT0aB1cD', kind: 'video' },
          { url: 'https://i2.ytimg.com/vi/Xq3vT0aB1cD/hqdefault.jpg', kind: 'image' },
        ],
        metrics: { views: 58_230, reactions: 2_411 },
      },
      {
        externalId: 'yt:video:Lm9Kp2Rs7Tu',
        url: 'https://www.youtube.com/watch?v=Lm9Kp2Rs7Tu',
        title: 'السوسيال يخطف الأطفال؟ أسئلة وأجوبة',
        text: 'نجيب عن أسئلتكم حول الخدمات الاجتماعية في السويد وقانون LVU.',
        author: 'Familjerösten',
        publishedAt: new Date('2026-11-20T19:30:00Z'),
        media: [
          { url: 'https://www.youtube.com/watch?v=Lm9Kp2Rs7Tu', kind: 'video' },
          { url: 'https://i4.ytimg.com/vi/Lm9Kp2Rs7Tu/hqdefault.jpg', kind: 'image' },
        ],
        metrics: { views: 913, reactions: 0 },
      },
    ]);
  });

  test('without <id>, yt:videoId is the external id', async () => {
    const xml = fixture('youtube-channel.xml').replace('<id>yt:video:Xq3vT0aB1cD</id>', '');
    expect((await parseFeed(xml)).items[0]?.externalId).toBe('Xq3vT0aB1cD');
  });
});

describe('podcast feed (test/fixtures/feeds/podcast.xml)', () => {
  test('episodes keep their audio enclosure, episode image and show-note images', async () => {
    const [episode, arabic, trailer] = (await parseFeed(fixture('podcast.xml'))).items;
    expect(episode).toMatchObject({
      externalId: 'samtal-2026-012',
      title: 'Avsnitt 12: Vad gör socialtjänsten egentligen?',
      text: 'Vi reder ut vad en orosanmälan är och vad som händer sedan.',
      // The show's itunes:author is the channel's, not the episode's.
      author: null,
      media: [
        { url: 'https://podd.example/media/samtal-012.mp3', kind: 'audio' },
        { url: 'https://podd.example/art/avsnitt-12-3000.jpg', kind: 'image' },
        { url: 'https://podd.example/art/avsnitt-12.jpg?w=800&h=450', kind: 'image' },
      ],
    });
    expect(episode?.metrics).toBeUndefined();
    expect(arabic).toMatchObject({
      title: 'الحلقة ١١: أسئلة الأهالي عن السوسيال',
      text: 'حلقة باللغة العربية عن حقوق الأهل عند التواصل مع الخدمات الاجتماعية.',
      media: [{ url: 'https://podd.example/media/samtal-011.m4a', kind: 'audio' }],
    });
    expect(trailer).toMatchObject({
      text: 'Välkommen till Samtal om familj och samhälle.',
      media: [{ url: 'https://podd.example/media/trailer.ogg', kind: 'audio' }],
    });
  });
});

describe('media of an item', () => {
  test.each<[string, string, FeedItem['media']]>([
    [
      'Media RSS media:content with medium, and a thumbnail nested in it',
      rss(
        '<item><guid>g</guid><title>t</title><media:content url="https://x.example/clip" medium="video">' +
          '<media:thumbnail url="https://x.example/clip.jpg"/></media:content></item>',
      ),
      [
        { url: 'https://x.example/clip', kind: 'video' },
        { url: 'https://x.example/clip.jpg', kind: 'image' },
      ],
    ],
    [
      'several enclosures, the same URL once',
      rss(
        '<item><guid>g</guid><title>t</title><enclosure url="https://x.example/a.png" type="image/png"/>' +
          '<enclosure url="https://x.example/b.mp4" type="video/mp4"/>' +
          '<description>&lt;img src="https://x.example/a.png"&gt;</description></item>',
      ),
      [
        { url: 'https://x.example/a.png', kind: 'image' },
        { url: 'https://x.example/b.mp4', kind: 'video' },
      ],
    ],
    [
      'Atom rel="enclosure" links; the alternate link is not media',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>t</title>' +
        '<link rel="alternate" href="https://x.example/post"/>' +
        '<link rel="enclosure" type="audio/mpeg" href="https://x.example/ep.mp3"/></entry></feed>',
      [{ url: 'https://x.example/ep.mp3', kind: 'audio' }],
    ],
    [
      'images in xhtml content',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>t</title><content type="xhtml">' +
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Se bilden</p><img src="/bild.webp" alt=""/></div></content></entry></feed>',
      [{ url: '/bild.webp', kind: 'image' }],
    ],
  ])('%s', async (_name, xml, media) => {
    expect((await firstItem(xml)).media).toEqual(media);
  });

  test('no media: the field is absent', async () => {
    const item = await firstItem(rss('<item><guid>g</guid><description>bara text</description></item>'));
    expect(item).not.toHaveProperty('media');
    expect(item).not.toHaveProperty('metrics');
  });

  test(`at most ${MAX_MEDIA_PER_ITEM} links; data: and javascript: URLs are dropped`, async () => {
    const images = Array.from({ length: 30 }, (_, i) => `&lt;img src="https://x.example/${i}.jpg"&gt;`);
    const item = await firstItem(
      rss(
        `<item><guid>g</guid><description>&lt;img src="data:image/png;base64,AAAA"&gt;` +
          `&lt;img src="javascript:alert(1)"&gt;${images.join('')}</description></item>`,
      ),
    );
    expect(item.media).toHaveLength(MAX_MEDIA_PER_ITEM);
    expect(item.media?.[0]).toEqual({ url: 'https://x.example/0.jpg', kind: 'image' });
  });
});

describe('mediaKind', () => {
  test.each<[string | null, string | null, string | null, string]>([
    ['audio/mpeg', 'https://x.example/ep', null, 'audio'],
    ['image/jpeg; charset=binary', null, null, 'image'],
    ['video/mp4', null, null, 'video'],
    ['application/ogg', null, null, 'audio'],
    [null, 'https://x.example/a/b.JPG?size=large', null, 'image'],
    [null, 'https://x.example/v.webm#t=3', null, 'video'],
    [null, 'https://x.example/ep.m4a', null, 'audio'],
    ['application/pdf', 'https://x.example/doc.pdf', null, 'other'],
    [null, 'https://x.example/noext', null, 'other'],
    ['application/x-shockwave-flash', 'https://x.example/v/1', 'video', 'video'],
  ])('type %s, url %s, medium %s → %s', (type, url, medium, kind) => {
    expect(mediaKind(type, url, medium)).toBe(kind);
  });
});

describe('htmlMedia', () => {
  test.each<[string, { url: string; kind: string }[]]>([
    [
      `<p><img alt="src=fel.png" src='https://x.example/q.png'></p>`,
      [{ url: 'https://x.example/q.png', kind: 'image' }],
    ],
    [`<img data-src="lazy.jpg" src="real.jpg">`, [{ url: 'real.jpg', kind: 'image' }]],
    [`<IMG SRC=plain.gif>`, [{ url: 'plain.gif', kind: 'image' }]],
    [
      `<video src="v.mp4"></video><audio><source src="a.ogg" type="audio/ogg"></audio>`,
      [
        { url: 'v.mp4', kind: 'video' },
        { url: 'a.ogg', kind: 'audio' },
      ],
    ],
    [
      `<img src="https://x.example/i.jpg?a=1&amp;b=2">`,
      [{ url: 'https://x.example/i.jpg?a=1&b=2', kind: 'image' }],
    ],
  ])('%s', (html, media) => {
    expect(htmlMedia(html)).toEqual(media);
  });
});
