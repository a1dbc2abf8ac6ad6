/**
 * Media and reach counts end to end on real Postgres, Redis and HTTP: the podcast and YouTube fixtures, served from
 * a loopback server with every host rewritten to it (so nothing could ever reach the outside), are polled by the
 * real collector; the stored posts keep their enclosures, thumbnails and show-note images in `posts.media` and the
 * YouTube views/likes in `posts.metrics`.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('rss collector: media links and metrics reach Postgres', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;
  let base = '';
  const onLoopback = (xml: string) => xml.replace(/https?:\/\/[a-z0-9.-]+(?=\/)/g, base);

  beforeAll(async () => {
    server = await startFixtureServer({
      '/podcast.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(onLoopback(fixture('podcast.xml')));
      },
      '/videos.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' })
          .end(onLoopback(fixture('youtube-channel.xml')));
      },
    });
    base = server.url;
    // OCR off: this test is about what the collector stores; image fetching for OCR has its own test (ocr.test.ts).
    t = await openTestResources({ OCR_LANGUAGES: 'off' });
    collector = await startCollector(t.resources);
  });

  afterAll(async () => {
    await collector?.close();
    await t?.cleanup();
    await server?.close();
  });

  it('stores each item with its media and counts', async () => {
    for (const name of ['podcast', 'videos']) {
      const { source } = await upsertSource(t.resources.db, {
        kind: 'rss',
        name,
        url: `${server.url}/${name}.xml`,
        pollIntervalSeconds: 3_600,
      });
      await scheduleSource(t.resources.queues.collect, source.id, 3_600);
    }
    const rows = await waitUntil(
      () =>
        t.resources.db
          .selectFrom('posts')
          .select(['external_id', 'media', 'metrics'])
          .orderBy('external_id')
          .execute(),
      (r) => r.length === 5,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(byId['samtal-2026-012']?.media).toEqual([
      { url: `${base}/media/samtal-012.mp3`, kind: 'audio' },
      { url: `${base}/art/avsnitt-12-3000.jpg`, kind: 'image' },
      // Canonical form: query parameters sorted, entities decoded.
      { url: `${base}/art/avsnitt-12.jpg?h=450&w=800`, kind: 'image' },
    ]);
    expect(byId['samtal-2026-011']?.media).toEqual([{ url: `${base}/media/samtal-011.m4a`, kind: 'audio' }]);
    expect(byId['samtal-2026-011']?.metrics).toBeNull();
    expect(byId['yt:video:Xq3vT0aB1cD']).toMatchObject({
      media: [
        { url: `${base}/watch?v=Xq3vT0aB1cD`, kind: 'video' },
        { url: `${base}/vi/Xq3vT0aB1cD/hqdefault.jpg`, kind: 'image' },
      ],
      metrics: { views: 58_230, reactions: 2_411 },
    });
    expect(byId['yt:video:Lm9Kp2Rs7Tu']?.metrics).toEqual({ views: 913, reactions: 0 });
    // Only the two feeds were requested: with OCR off, media links are stored, never fetched.
    const paths = server.requests.map((r) => r.path);
    expect(paths.filter((path) => !['/podcast.xml', '/videos.xml', '/robots.txt'].includes(path))).toEqual(
      [],
    );
  });
});
