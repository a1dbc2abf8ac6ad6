import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { CollectedItem } from '../source-kind.ts';
import { parseStatusPage } from './parse-statuses.ts';
import { statusesToItems } from './status-to-item.ts';

const ORIGIN = 'https://mastodon.example';
const page = (name: string) =>
  parseStatusPage(fs.readFileSync(new URL(`../../test/fixtures/mastodon/${name}`, import.meta.url)));

const first = statusesToItems(page('tag-timeline.json').statuses, ORIGIN);
const item = (items: CollectedItem[], id: string): CollectedItem => {
  const found = items.find((i) => i.externalId.endsWith(id));
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

describe('statusesToItems', () => {
  test('every status of the fixture becomes an item', () => {
    expect(first.skipped).toEqual([]);
    expect(first.items.map((i) => i.externalId.slice(-3))).toEqual(['105', '104', '103', '102', '101']);
  });

  test.each<[string, string]>([
    [
      '105',
      'Uppdatering: kommunen säger att barnen är tillbaka hos familjen & att ärendet gällde en orosanmälan.',
    ],
    [
      '103',
      'Soc hämtade två barn från förskolan i Husby igår.\nIngen förklaring gavs till föräldrarna. #socialtjänsten',
    ],
    [
      '102',
      'السوسيال في السويد يأخذ الأطفال من العائلات المسلمة بدون سبب!\nانشروا #السوسيال #socialtjänsten',
    ],
    // The long link keeps its hidden parts: the whole URL is text.
    [
      '101',
      'Läs själva lagen innan ni delar 🙏 https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-199052-med-sarskilda-bestammelser-om-vard-av_sfs-1990-52/ #socialtjänsten',
    ],
    // A boost carries the boosted post's text.
    ['104', 'تحذير: رسائل كاذبة عن السوسيال تنتشر في مجموعات واتساب. تحققوا من المصادر.'],
  ])('text of %s', (id, text) => {
    expect(item(first.items, id).text).toBe(text);
  });

  test('content warning as title, link, author, time and counts', () => {
    expect(item(first.items, '103')).toMatchObject({
      title: 'Barn och myndigheter',
      url: `${ORIGIN}/@soc_vakt_demo/113500000000000103`,
      author: 'soc_vakt_demo',
      publishedAt: new Date('2026-11-20T08:00:00.000Z'),
      metrics: { reactions: 30, forwards: 7, replies: 1 },
    });
    expect(item(first.items, '101').title).toBeNull();
  });

  test('a boost: the original link and counts, forwarded from its account, authored by the booster', () => {
    expect(item(first.items, '104')).toMatchObject({
      url: 'https://annan.example/@granskare/77',
      author: 'soc_vakt_demo',
      publishedAt: new Date('2026-11-21T07:30:00.000Z'),
      metrics: { reactions: 80, forwards: 55, replies: 2 },
      // In the form the booster's author field has, so the original author has one pseudonym (not the profile link).
      context: { forwardedFrom: 'granskare@annan.example' },
    });
  });

  test('a reply within the batch links its parent and the thread root, by id (no other account named)', () => {
    expect(item(first.items, '105').context).toEqual({
      replyTo: `${ORIGIN}/api/v1/statuses/113500000000000103`,
      thread: `${ORIGIN}/api/v1/statuses/113500000000000103`,
    });
    expect(item(first.items, '103').context).toEqual({});
  });

  test('a reply to a status outside the batch links the instance API address of its parent', () => {
    const later = statusesToItems(page('tag-timeline-newer.json').statuses, ORIGIN);
    // 108 answers 106, which is in this batch.
    expect(item(later.items, '108').context).toEqual({
      replyTo: `${ORIGIN}/api/v1/statuses/113500000000000106`,
      thread: `${ORIGIN}/api/v1/statuses/113500000000000106`,
    });
    const alone = statusesToItems(
      page('tag-timeline-newer.json').statuses.filter((s) => s.id.endsWith('108')),
      ORIGIN,
    );
    expect(alone.items[0]?.context).toEqual({ replyTo: `${ORIGIN}/api/v1/statuses/113500000000000106` });
    const ownThread = statusesToItems(
      page('account-statuses.json').statuses.filter((s) => s.id.endsWith('203')),
      ORIGIN,
    );
    // Even a reply to one's own earlier status: the same form whoever wrote the parent.
    expect(ownThread.items[0]?.context).toEqual({ replyTo: `${ORIGIN}/api/v1/statuses/113500000000000201` });
    expect(JSON.stringify([...first.items, ...later.items].map((i) => i.context))).not.toMatch(/\/@/);
  });

  test('media: image, video with its still, gifv; a picture-only status is kept for OCR', () => {
    expect(item(first.items, '103').media).toEqual([
      {
        url: `${ORIGIN}/system/media_attachments/files/113/113500000000900001/original/113500000000900001.mp4`,
        kind: 'video',
      },
      {
        url: `${ORIGIN}/system/media_attachments/files/113/113500000000900001/small/113500000000900001.jpg`,
        kind: 'image',
      },
    ]);
    expect(item(first.items, '104').media).toEqual([
      {
        url: `${ORIGIN}/system/cache/media_attachments/files/113/113499000000900002/original/113499000000900002.jpg`,
        kind: 'image',
      },
    ]);
    const later = statusesToItems(page('tag-timeline-newer.json').statuses, ORIGIN);
    expect(item(later.items, '109').media?.map((m) => m.kind)).toEqual(['video', 'image']);
    // 107 is a picture without words: kept for OCR, with its image.
    expect(later.skipped).toEqual([]);
    expect(item(later.items, '107')).toMatchObject({
      text: '',
      media: [expect.objectContaining({ kind: 'image' })],
    });
  });

  test('a reply cycle in hostile data ends without a thread', () => {
    const [a, b] = page('tag-timeline.json').statuses;
    const loop = statusesToItems(
      [
        { ...a!, in_reply_to_id: b!.id },
        { ...b!, reblog: null, in_reply_to_id: a!.id },
      ],
      ORIGIN,
    );
    expect(loop.items.every((i) => i.context?.thread === undefined)).toBe(true);
  });
});
